import * as z from 'zod';
import type { CapabilityContract } from '../contract.js';
import { DEMO_ZONE } from '../identity.js';
import { ulidId, zoneId } from '../primitives.js';
import type { AlertDraft, AlertKind, Severity } from '../zones/index.js';

import { ALERT_OUTCOMES, type AlertOutcome, type AlertStatus } from './outcomes.js';

/** The alerts API: police list, read, acknowledge and resolve breach alerts. */
export { ALERT_OUTCOMES, type AlertOutcome, type AlertStatus } from './outcomes.js';

export const alertIdSchema = ulidId('AL', 'an alert');
export const listAlertsQuery = z.strictObject({
  district: zoneId.default(DEMO_ZONE),
  limit: z.coerce.number().int().min(1).max(200).default(100).describe('At most this many alerts, most severe and newest first'),
});
export const resolveAlertSchema = z.strictObject({ outcome: z.enum(ALERT_OUTCOMES) });

/** An alert as stored (minus keys) and as `GET /api/alerts/{id}` shows it; the outbox record the stream publishes. */
export interface Alert {
  id: string;
  orderId: string;
  district: string;
  /** The police zone of its order; older alerts derive it from the district. */
  zone?: string;
  kind: AlertKind;
  severity: Severity;
  /** When it happened (event time). */
  at: string;
  /** When the system raised it. */
  raisedAt: string;
  status: AlertStatus;
  conditionId?: string;
  zoneLabel?: string;
  eventId?: string;
  /** The triggering fix (respondent's, or the protected person's panic position) and measurements. */
  evidence?: AlertDraft['evidence'];
  escalationLevel: number;
  /** Next escalation while unacknowledged. */
  escalateAt?: string;
  publishedAt?: string;
  acknowledgedAt?: string;
  acknowledgedBy?: string;
  resolvedAt?: string;
  resolvedBy?: string;
  outcome?: AlertOutcome;
  /** Closed by the system, not by police: the order ended, or a new version removed or changed the alert's condition. */
  closedReason?: 'order_ended' | 'order_changed';
}

/** One escalation of an unacknowledged alert (stored next to it, published like it). */
export interface AlertEscalation {
  alertId: string;
  level: number;
  at: string;
  district: string;
  severity: Severity;
  kind: AlertKind;
  orderId: string;
  alertAt: string;
  zoneLabel?: string;
  publishedAt?: string;
}

/** `GET /api/alerts`: what and where (zone label), never positions. */
export type AlertListItem = Omit<Alert, 'evidence'>;
export interface AlertList {
  district: string;
  alerts: AlertListItem[];
}
/** `GET /api/alerts/{id}` (audited): the alert with its evidence and escalations. */
export type AlertDetail = Alert & { escalations: AlertEscalation[] };

export interface Acknowledged {
  id: string;
  status: 'acknowledged';
  acknowledgedAt: string;
  acknowledgedBy: string;
}
export interface Resolved {
  id: string;
  status: 'resolved';
  outcome: AlertOutcome;
  resolvedAt: string;
  resolvedBy: string;
}

const byId = { params: { id: alertIdSchema } };
const notFound = { 404: { description: 'No such alert' } };

export const alertsContract = {
  'GET /api/alerts': { query: listAlertsQuery, responses: { 200: { description: 'Open alerts of the district (audited)' } } },
  'GET /api/alerts/{id}': { ...byId, responses: { 200: { description: 'The alert with evidence and escalations (audited)' }, ...notFound } },
  'POST /api/alerts/{id}/acknowledge': {
    ...byId,
    responses: { 200: { description: 'Acknowledged (escalation stops)' }, ...notFound, 409: { description: 'Already acknowledged or resolved' } },
  },
  'POST /api/alerts/{id}/resolve': {
    ...byId,
    body: resolveAlertSchema,
    responses: { 200: { description: 'Resolved with its outcome' }, ...notFound, 409: { description: 'Already resolved' } },
  },
} as const satisfies CapabilityContract<'alerts'>;
