import { createHash } from 'node:crypto';
import { CANARY_KIND } from '../canary.js';
import { consoleUrl } from '../links.js';
import type { StaffRole } from '../roles.js';
import type { TopicName } from '../topics.js';
import { isDistrictId, zoneOfDistrict } from '../zones-list.js';
import { ALERT_KINDS, SEVERITIES, SEVERITY_RANK, type Severity } from '../zones/types.js';
import type { PushPayload } from './api.js';

/**
 * Who gets which push, from an SNS message's routing attributes (shared/zones/messages.ts,
 * shared/cases/messages.ts) and the profile a device was registered with. Pure.
 * - police alerts: police devices covering the alert's district, at or above the device's minimum severity;
 * - officer reminders: the devices of the officer the follow-up belongs to;
 * - supervisor escalations: supervisor devices of the zone (an alert's zone from its district).
 */
export const ROLE_TOPICS: Readonly<Record<StaffRole, TopicName | undefined>> = {
  police: 'policeAlerts',
  officer: 'officerReminders',
  supervisor: 'supervisorEscalations',
  coordinator: undefined,
  authority: undefined,
  // Partner workers and case directors have no push topic of their own yet.
  partner: undefined,
  case_director: undefined,
};

export function topicsOfRoles(roles: readonly StaffRole[]): TopicName[] {
  return [...new Set(roles.map((r) => ROLE_TOPICS[r]).filter((t): t is TopicName => t !== undefined))];
}

/** What a device was registered with: copied from the staff member's token at registration. */
export interface DeviceProfile {
  username: string;
  roles: readonly StaffRole[];
  zone?: string | undefined;
  districts: readonly string[];
  minSeverity: Severity;
}

export type Audience =
  | { topic: 'policeAlerts'; district: string; severity: Severity }
  | { topic: 'officerReminders'; officer: string }
  | { topic: 'supervisorEscalations'; zone: string | undefined; district: string | undefined };

export interface Push {
  audience: Audience;
  payload: PushPayload;
  /** Web Push `Topic`: a later push with the same one replaces an undelivered earlier one (≤ 32 base64url). */
  collapseKey: string;
  urgency: 'high' | 'normal';
  /** Seconds the push service keeps it for an offline device. */
  ttlSeconds: number;
}

const isSeverity = (v: string | undefined): v is Severity => (SEVERITIES as readonly string[]).includes(v ?? '');
const collapse = (...parts: string[]) => createHash('sha256').update(parts.join('|')).digest('base64url').slice(0, 32);
const ALERT_TTL = 60 * 60;
const FOLLOWUP_TTL = 12 * 60 * 60;

/** The push for one SNS message, or undefined when the message is not one that is pushed (e.g. the canary). */
export function pushOf(topic: TopicName, attributes: Readonly<Record<string, string>>, origin: string | undefined): Push | undefined {
  const kind = attributes.kind;
  if (kind === undefined || kind === CANARY_KIND) return undefined;
  if (topic === 'policeAlerts') {
    const { alertId, district, severity } = attributes;
    if (!alertId || !district || !isSeverity(severity)) return undefined;
    return {
      audience: { topic, district, severity },
      payload: { v: 1, kind: 'alert', id: alertId, severity, url: consoleUrl(origin, { alert: alertId }) },
      collapseKey: collapse('alert', alertId),
      urgency: severity === 'low' ? 'normal' : 'high',
      ttlSeconds: ALERT_TTL,
    };
  }
  if (topic === 'officerReminders') {
    const { officerId, followupId, caseId, urgency } = attributes;
    if (kind !== 'followupReminder' || !officerId || !followupId || !caseId) return undefined;
    return {
      audience: { topic, officer: officerId },
      payload: {
        v: 1,
        kind: 'reminder',
        id: followupId,
        caseId,
        urgency: urgency === 'urgent' ? 'urgent' : 'normal',
        url: consoleUrl(origin, { case: caseId }),
      },
      collapseKey: collapse('reminder', followupId, attributes.dedupeKey ?? ''),
      urgency: urgency === 'urgent' ? 'high' : 'normal',
      ttlSeconds: FOLLOWUP_TTL,
    };
  }
  if (topic === 'supervisorEscalations') {
    if (kind === 'alertEscalation') {
      const { alertId, district, severity } = attributes;
      const level = Number(attributes.escalationLevel);
      if (!alertId || !district || !isSeverity(severity) || !Number.isInteger(level) || level < 1) return undefined;
      return {
        audience: { topic, zone: isDistrictId(district) ? zoneOfDistrict(district) : undefined, district },
        payload: { v: 1, kind: 'escalation', id: alertId, severity, escalationLevel: level, url: consoleUrl(origin, { alert: alertId }) },
        collapseKey: collapse('escalation', alertId, String(level)),
        urgency: 'high',
        ttlSeconds: ALERT_TTL,
      };
    }
    if (kind === 'followupOverdue' || kind === 'followupUnreachable') {
      const { zone, followupId, caseId } = attributes;
      if (!zone || !followupId || !caseId) return undefined;
      return {
        audience: { topic, zone, district: undefined },
        payload: {
          v: 1,
          kind: kind === 'followupOverdue' ? 'overdue' : 'unreachable',
          id: followupId,
          caseId,
          urgency: attributes.urgency === 'urgent' ? 'urgent' : 'normal',
          url: consoleUrl(origin, { case: caseId }),
        },
        collapseKey: collapse(kind, followupId, attributes.dedupeKey ?? ''),
        urgency: 'high',
        ttlSeconds: FOLLOWUP_TTL,
      };
    }
  }
  return undefined;
}

/** Whether a device registered with this profile receives a push for this audience. */
export function deviceWants(device: DeviceProfile, audience: Audience): boolean {
  switch (audience.topic) {
    case 'policeAlerts':
      return (
        device.roles.includes('police') && device.districts.includes(audience.district) && SEVERITY_RANK[audience.severity] >= SEVERITY_RANK[device.minSeverity]
      );
    case 'officerReminders':
      return device.roles.includes('officer') && device.username === audience.officer;
    case 'supervisorEscalations':
      return (
        device.roles.includes('supervisor') &&
        ((audience.zone !== undefined && device.zone === audience.zone) || (audience.district !== undefined && device.districts.includes(audience.district)))
      );
  }
}

const REMINDER_KINDS = new Set(['followupReminder']);
const ESCALATION_KINDS = new Set(['alertEscalation', 'followupOverdue', 'followupUnreachable']);

/**
 * The topic a message came from, by its `kind` (the message builders give each topic its own kinds):
 * one sender function serves the three subscriptions, and SNS records carry only the topic's ARN.
 */
export function topicOfKind(kind: string | undefined): TopicName | undefined {
  if (kind === undefined || kind === CANARY_KIND) return undefined;
  if (REMINDER_KINDS.has(kind)) return 'officerReminders';
  if (ESCALATION_KINDS.has(kind)) return 'supervisorEscalations';
  return (ALERT_KINDS as readonly string[]).includes(kind) ? 'policeAlerts' : undefined;
}
