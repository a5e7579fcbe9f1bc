import { ulid } from 'ulid';
import { escalationDueAt, type AlertDraft, type AlertKind, type OrderRecord, type Severity } from '../../shared/zones/index.js';
import { open, seal } from '../lib/personal-crypto.js';
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
}

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
    escalateAt: escalationDueAt(draft.severity, now, 0).toISOString(),
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

/** The conditional Put of a new alert, its evidence sealed (the stream carries it sealed; the publisher never opens it). */
export async function alertPut(tableName: string, a: AlertRecord) {
  return { Put: { TableName: tableName, Item: await seal('alert', a.id, alertItem(a)), ConditionExpression: 'attribute_not_exists(pk)' } };
}

/** A stored alert with its evidence opened (police reads only; the escalation tick and the publisher never open). */
export async function openedAlert(item: Record<string, unknown>): Promise<AlertRecord> {
  return withoutKeys<AlertRecord>(await open('alert', String(item.id), item));
}

/** Strips keys and index attributes from a stored item. */
export function withoutKeys<T>(item: Record<string, unknown>): T {
  const { pk: _pk, sk: _sk, gsi1pk: _a, gsi1sk: _b, gsi2pk: _c, gsi2sk: _d, type: _t, expiresAt: _e, ...rest } = item;
  return rest as T;
}
