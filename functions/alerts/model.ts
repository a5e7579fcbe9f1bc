import { ulid } from 'ulid';
import { escalationDueAt, type AlertDraft, type AlertKind, type OrderRecord, type Severity } from '../../shared/zones/index.js';
import { keys } from './keys.js';

export type AlertStatus = 'open' | 'acknowledged' | 'resolved';
export const OUTCOMES = ['intervened', 'respondent_left', 'false_alarm', 'technical', 'no_action_needed', 'other'] as const;
export type Outcome = (typeof OUTCOMES)[number];

/** An alert as stored (`ALERT#id`/`ALERT`, type ALERT) — the outbox record the stream publishes. */
export interface AlertRecord {
  id: string;
  orderId: string;
  district: string;
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
  outcome?: Outcome;
  /** Closed by the system, not by police: the order ended, or a new version removed or changed the alert's condition. */
  closedReason?: ClosedReason;
}

export const CLOSED_REASONS = ['order_ended', 'order_changed'] as const;
export type ClosedReason = (typeof CLOSED_REASONS)[number];

export function newAlert(draft: AlertDraft, order: Pick<OrderRecord, 'id' | 'district'>, now: Date): AlertRecord {
  return {
    id: `AL-${ulid(now.getTime())}`,
    orderId: order.id,
    district: order.district,
    kind: draft.kind,
    severity: draft.severity,
    at: draft.at,
    raisedAt: now.toISOString(),
    status: 'open',
    ...(draft.conditionId ? { conditionId: draft.conditionId } : {}),
    ...(draft.zoneLabel ? { zoneLabel: draft.zoneLabel } : {}),
    ...(draft.eventId ? { eventId: draft.eventId } : {}),
    // No empty maps in the item: an absent attribute says "no evidence" just as well, and every stream reader copes with it.
    ...(draft.evidence && Object.keys(draft.evidence).length > 0 ? { evidence: draft.evidence } : {}),
    escalationLevel: 0,
    escalateAt: (escalationDueAt(draft.severity, now, 0) as Date).toISOString(),
  };
}

/** The stored item: open alerts are in the sparse open index (gsi1) and the escalation queue (gsi2). */
export function alertItem(a: AlertRecord): Record<string, unknown> {
  return {
    ...keys.alert(a.id),
    type: 'ALERT',
    ...a,
    ...keys.openAlertsIndex(a.district, a.severity, a.at, a.id),
    ...(a.escalateAt ? keys.escalateIndex(a.id, a.escalateAt) : {}),
  };
}

export function alertPut(tableName: string, a: AlertRecord) {
  return { Put: { TableName: tableName, Item: alertItem(a), ConditionExpression: 'attribute_not_exists(pk)' } };
}
