import { ulid } from 'ulid';
import type { Alert } from '../../shared/alerts/api.js';
import { escalationDueAt, type AlertDraft, type OrderRecord } from '../../shared/zones/index.js';
import { fromItem } from '../lib/dynamo.js';
import { open, seal } from '../lib/personal-crypto.js';
import { keys } from './keys.js';

/** An alert as stored (`ALERT#id`/`ALERT`, type ALERT) is the alert the API shows. */
export type AlertRecord = Alert;

export const CLOSED_REASONS = ['order_ended', 'order_changed'] as const;
export type ClosedReason = (typeof CLOSED_REASONS)[number];

export function newAlert(draft: AlertDraft, order: Pick<OrderRecord, 'id' | 'district' | 'zone'>, now: Date): AlertRecord {
  return {
    id: `AL-${ulid(now.getTime())}`,
    orderId: order.id,
    district: order.district,
    ...(order.zone ? { zone: order.zone } : {}),
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

/**
 * The stored item: open alerts are in the sparse open index (gsi1) and the escalation queue (gsi2).
 * `expiresAt` (TTL, shared/orders/retention.ts) is the order's: an alert holds positions.
 */
export function alertItem(a: AlertRecord, expiresAt?: number): Record<string, unknown> {
  return {
    ...keys.alert(a.id),
    type: 'ALERT',
    ...a,
    ...keys.openAlertsIndex(a.district, a.severity, a.at, a.id),
    ...(a.escalateAt ? keys.escalateIndex(a.id, a.escalateAt) : {}),
    ...(expiresAt !== undefined ? { expiresAt } : {}),
  };
}

/**
 * The conditional Put of a new alert, its evidence sealed (the stream carries it sealed; the publisher never opens it).
 * `publishLeaseUntil`: the writer publishes it itself right after the commit (functions/alerts/outbox.ts).
 */
export async function alertPut(tableName: string, a: AlertRecord, expiresAt: number, options: { publishLeaseUntil?: number } = {}) {
  const item = { ...alertItem(a, expiresAt), ...(options.publishLeaseUntil !== undefined ? { publishLeaseUntil: options.publishLeaseUntil } : {}) };
  return { Put: { TableName: tableName, Item: await seal('alert', a.id, item), ConditionExpression: 'attribute_not_exists(pk)' } };
}

/** A stored alert item back to the alert: without its keys, its TTL and (`extra`) what the caller leaves out. */
export function alertFromItem(item: Record<string, unknown>, extra: readonly string[] = []): AlertRecord {
  return fromItem<AlertRecord>(item, ['expiresAt', 'publishLeaseUntil', ...extra]);
}

/** A stored alert with its evidence opened (police reads only; the escalation tick and the publisher never open). */
export async function openedAlert(item: Record<string, unknown>): Promise<AlertRecord> {
  return alertFromItem(await open('alert', String(item.id), item));
}
