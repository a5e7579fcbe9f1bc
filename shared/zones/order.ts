import type { CurfewRule, DeviceRules, MovingZoneRule, OrderRules, ZoneRule } from './types.js';

/** A restraining order as stored (`ORDER#id`/`ORDER`) and returned to police. */
export interface OrderRecord {
  id: string;
  version: number;
  status: 'active' | 'ended';
  district: string;
  /** The police zone the order belongs to (its creator's); older orders derive it from the district. */
  zone?: string;
  respondentDeviceId: string;
  /** Pseudonymous reference to the protected person (e.g. the case id) — never a name. */
  protectedPersonRef: string;
  protectedDeviceId?: string;
  /** Consent of the protected person to share their device's position (moving zone). */
  shareProtectedPosition: boolean;
  validFrom: string;
  validUntil: string;
  zones: ZoneRule[];
  movingZone?: MovingZoneRule;
  curfews: CurfewRule[];
  noContact: boolean;
  device: DeviceRules;
  /** Position fixes not attached to an alert expire after this many days. */
  fixRetentionDays: number;
  createdAt: string;
  createdBy: string;
  updatedAt: string;
  updatedBy: string;
  endedAt?: string;
  endedBy?: string;
  endReason?: string;
  /** What the respondent must do (a programme, reporting to the justice house), and that the rights notice was given. */
  perpetrator?: PerpetratorConditions;
}

/** The respondent's conditions beyond the zones: a programme or treatment to attend, reporting to the justice house. */
export interface PerpetratorConditions {
  /** A perpetrator programme or treatment, run by this partner (shared/partners.ts), which records attendance. */
  programme?: { partner: string } | undefined;
  /** Reporting to the justice house (this partner), which records each report. */
  reporting?: { partner: string; every: 'week' | 'fortnight' | 'month' } | undefined;
  /** When the respondent was given the notice of their rights (what is kept about them, for how long, why). */
  rightsNoticeGivenAt: string;
  /** Who gave it (a staff username). */
  rightsNoticeGivenBy: string;
}

export function rulesOf(o: OrderRecord): OrderRules {
  return {
    orderId: o.id,
    district: o.district,
    validFrom: o.validFrom,
    validUntil: o.validUntil,
    active: o.status === 'active',
    monitoredSince: o.createdAt,
    respondentDeviceId: o.respondentDeviceId,
    ...(o.protectedDeviceId ? { protectedDeviceId: o.protectedDeviceId } : {}),
    shareProtectedPosition: o.shareProtectedPosition,
    zones: o.zones,
    ...(o.movingZone ? { movingZone: o.movingZone } : {}),
    curfews: o.curfews,
    noContact: o.noContact,
    device: o.device,
  };
}

/** Alert kinds that are about the respondent's device rather than a condition. */
const DEVICE_ALERT_KINDS: ReadonlySet<string> = new Set(['tamper', 'batteryLow', 'signalLoss']);

/**
 * Whether a new version of an order supersedes an open alert raised under the previous one: the
 * alert's condition (zone, curfew, moving zone) is gone or was changed, or, for a device alert, the
 * respondent's device was replaced. Panic and contact alerts are the protected person's own calls and
 * are never superseded by a change of conditions.
 */
export function supersededByChange(previous: OrderRecord, next: OrderRecord, alert: { kind: string; conditionId?: string }): boolean {
  if (DEVICE_ALERT_KINDS.has(alert.kind)) return previous.respondentDeviceId !== next.respondentDeviceId;
  if (alert.conditionId === undefined) return false;
  const condition = (o: OrderRecord): unknown =>
    alert.conditionId === 'moving' ? o.movingZone : (o.zones.find((z) => z.id === alert.conditionId) ?? o.curfews.find((c) => c.id === alert.conditionId));
  const before = condition(previous);
  const after = condition(next);
  return after === undefined || JSON.stringify(before) !== JSON.stringify(after);
}
