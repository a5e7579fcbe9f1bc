import { BatchGetCommand, GetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { positionsExpireAt, unattachedFixExpiresAt } from '../../shared/orders/retention.js';
import { metric } from '../../shared/metrics.js';
import { BREACH_METRIC_KIND, initialState, type OrderRecord, type OrderState, type PositionEvent } from '../../shared/zones/index.js';
import { alertPut, type AlertRecord } from '../alerts/model.js';
import { refundAttempt, reserveAttempt, type Budget, type Reservation } from '../lib/attempts.js';
import { dynamo } from '../lib/clients.js';
import { cancellationCodes, fromItem, readIndex, transact, transactOrConflict, type Item, type TransactItem } from '../lib/dynamo.js';
import { open, seal } from '../lib/personal-crypto.js';
import { reportZoneOf } from '../lib/scope.js';
import { statsAdd } from '../lib/stats.js';
import { orderKeys } from '../orders/keys.js';
import { monitoringKeys, SEEN_EVENT_DAYS } from './keys.js';

/** What one event changes for one order: new state (under the version it was computed from), alerts, a fix to keep. */
export interface OrderChange {
  order: OrderRecord;
  expectedVersion: number;
  state: OrderState;
  alerts: AlertRecord[];
  /** A respondent position fix kept for the order (evidence), with or without TTL. */
  fix?: { event: PositionEvent; outOfOrder: boolean };
}

export interface CommitPlan {
  now: Date;
  changes: OrderChange[];
  /** The alerts are published by the committing function right after the commit, under this lease (functions/alerts/outbox.ts). */
  publishLeaseUntil?: number;
}

/** An order with its monitoring state, read consistently. */
export interface LoadedOrder {
  order: OrderRecord;
  state: OrderState;
}

/** What one provider event leaves with one order: its dedupe marker, the alerts it raised, the fix it keeps. */
export interface OrderEventWrite {
  eventId: string;
  alerts: AlertRecord[];
  fix?: { event: PositionEvent; outOfOrder: boolean };
}

/**
 * One order's share of a device batch, in ONE transaction: a dedupe marker per event, the state after the
 * last of them (or, when they changed nothing, a check that the version read still holds), the alerts, the
 * fixes and the breach counters. At most `ORDER_BATCH_ITEMS` items (the use case splits longer runs).
 */
export interface OrderBatchPlan {
  now: Date;
  order: OrderRecord;
  expectedVersion: number;
  /**
   * The new state and how many of the events changed something (state, alert or fix): the version moves
   * on by that many, so it still counts every evaluation that changed the order's monitoring. Absent when
   * none did.
   */
  state?: { value: OrderState; changes: number };
  events: OrderEventWrite[];
  publishLeaseUntil?: number;
}

/** `duplicates`: those events' markers exist (seen before); nothing was written, the rest is to be retried without them. */
export type OrderBatchResult = { status: 'committed' } | { status: 'conflict' } | { status: 'duplicates'; eventIds: string[] };

/** TransactWriteItems takes 100 items; two are the state (or its check) and the counters. */
export const ORDER_BATCH_ITEMS = 98;

/** The items one event adds to its order's batch transaction: marker, fix, and each alert with its order reference. */
export const eventItemCount = (e: OrderEventWrite): number => 1 + (e.fix ? 1 : 0) + 2 * e.alerts.length;

/**
 * How long a device's order list (gsi1) is reused for the next batches before it is asked again. The list
 * only grows when an order is created or given this device (a new order's first events arrive minutes
 * later, once the tag is fitted); what shrinks it (an end, another device) is seen at once, because every
 * batch reads its orders consistently and drops an order that no longer names the device.
 */
export const DEVICE_ORDERS_FRESH_MS = 5_000;
const DEVICE_CACHE_MAX = 10_000;

/** Port: a provider batch, device by device and order by order (the events route). */
export interface DeviceBatchRepository {
  /** Order ids per device; `fresh` asks the index even when a recent answer is at hand. */
  ordersOfDevices(deviceIds: readonly string[], options?: { fresh?: boolean }): Promise<Map<string, string[]>>;
  /** Orders and their states, one consistent BatchGetItem (per 50 orders); missing orders are absent. */
  loadMany(orderIds: readonly string[]): Promise<Map<string, LoadedOrder>>;
  commitOrderBatch(plan: OrderBatchPlan): Promise<OrderBatchResult>;
}
export type CommitResult = 'committed' | 'conflict';

/** Port: the monitoring use cases read orders and commit evaluations through this. */
export interface MonitoringRepository {
  orderIdsForDevice(deviceId: string): Promise<string[]>;
  load(orderId: string): Promise<LoadedOrder | undefined>;
  activeOrderIds(): Promise<string[]>;
  orderIdForProtectionCode(codeHash: string): Promise<string | undefined>;
  orderIdForDuressCode(codeHash: string): Promise<string | undefined>;
  /** Sets (or, with undefined, clears) an order's duress code; the previous one stops working. Conflict if another order holds it. */
  setDuressCode(orderId: string, codeHash: string | undefined, expiresAt: number): Promise<void>;
  /** Reserves one check of a victim's code (protection or duress, each its own budget) for a caller before the code is looked up (fails closed). */
  reserveCodeAttempt(callerHash: string, now: Date, code?: VictimCode): Promise<Reservation>;
  /** A right code gives its own reservation back. */
  refundCodeAttempt(callerHash: string, windowStart: number, code?: VictimCode): Promise<void>;
  commit(plan: CommitPlan): Promise<CommitResult>;
}

/** Protection-code checks per caller and 15-minute window with an informative answer (404 or 202); duress-code checks alike. */
export const CODE_BUDGET: Budget = { limit: 10, windowMs: 15 * 60_000 };

/** The two codes a victim holds: her protection code (panic, contact report) and the duress code she chose. */
export type VictimCode = 'protection' | 'duress';

const attemptsKey = (callerHash: string, code: VictimCode) =>
  code === 'duress' ? monitoringKeys.duressAttempts(callerHash) : monitoringKeys.protectAttempts(callerHash);

/** What a kept fix stores of its position event, named one by one (lat and lon are then sealed). */
export function fixFields(e: Omit<PositionEvent, 'kind'>) {
  return { deviceId: e.deviceId, eventId: e.eventId, at: e.at, lat: e.lat, lon: e.lon, accuracy: e.accuracy };
}

const keyOf = (k: { pk: string; sk: string }) => `${k.pk}|${k.sk}`;

/** An order and its state from their items (both opened); a state never written is the initial one. */
async function loadedOrder(orderId: string, orderItem: Item, stateItem: Item | undefined): Promise<LoadedOrder> {
  const [order, opened] = await Promise.all([open('order', orderId, orderItem), stateItem ? open('orderState', orderId, stateItem) : undefined]);
  const state = opened ? ({ ...(opened.state as OrderState), version: Number(opened.version) } as OrderState) : initialState();
  return { order: fromItem<OrderRecord>(order, ['expiresAt', 'protectionCodeHash']), state };
}

/** Adapter: DynamoDB. A transaction per commit: each order's state, alerts, fixes, counters (and, for a device batch, the events' markers). */
export class DynamoMonitoringRepository implements MonitoringRepository, DeviceBatchRepository {
  /** Per container: device → its order ids and when the index said so (DEVICE_ORDERS_FRESH_MS). */
  private readonly deviceOrders = new Map<string, { orderIds: string[]; at: number }>();

  constructor(
    private readonly tableName: string,
    private readonly client: DynamoDBDocumentClient = dynamo,
  ) {}

  async orderIdsForDevice(deviceId: string): Promise<string[]> {
    const items = await readIndex(this.client, this.tableName, 'gsi1', orderKeys.devicePk(deviceId));
    return items.map((i) => String(i.orderId));
  }

  async load(orderId: string): Promise<LoadedOrder | undefined> {
    const [o, s] = await Promise.all([
      this.client.send(new GetCommand({ TableName: this.tableName, Key: orderKeys.order(orderId), ConsistentRead: true })),
      this.client.send(new GetCommand({ TableName: this.tableName, Key: orderKeys.orderState(orderId), ConsistentRead: true })),
    ]);
    return o.Item ? loadedOrder(orderId, o.Item, s.Item) : undefined;
  }

  async ordersOfDevices(deviceIds: readonly string[], options: { fresh?: boolean } = {}): Promise<Map<string, string[]>> {
    const out = new Map<string, string[]>();
    await Promise.all(
      deviceIds.map(async (deviceId) => {
        const hit = this.deviceOrders.get(deviceId);
        if (!options.fresh && hit && Date.now() - hit.at < DEVICE_ORDERS_FRESH_MS) {
          out.set(deviceId, hit.orderIds);
          return;
        }
        const orderIds = await this.orderIdsForDevice(deviceId);
        if (this.deviceOrders.size >= DEVICE_CACHE_MAX) this.deviceOrders.clear();
        // An unknown device is asked again next time: its order may be on its way into the index.
        if (orderIds.length > 0) this.deviceOrders.set(deviceId, { orderIds, at: Date.now() });
        else this.deviceOrders.delete(deviceId);
        out.set(deviceId, orderIds);
      }),
    );
    return out;
  }

  async loadMany(orderIds: readonly string[]): Promise<Map<string, LoadedOrder>> {
    const items = new Map<string, Item>();
    const ids = [...new Set(orderIds)];
    // 100 keys per BatchGetItem: 50 orders with their states.
    for (let i = 0; i < ids.length; i += 50) {
      let keys: Record<string, unknown>[] = ids.slice(i, i + 50).flatMap((id) => [orderKeys.order(id), orderKeys.orderState(id)]);
      for (let attempt = 1; keys.length > 0; attempt++) {
        const out = await this.client.send(new BatchGetCommand({ RequestItems: { [this.tableName]: { Keys: keys, ConsistentRead: true } } }));
        for (const item of out.Responses?.[this.tableName] ?? []) items.set(`${String(item.pk)}|${String(item.sk)}`, item);
        keys = (out.UnprocessedKeys?.[this.tableName]?.Keys ?? []) as Record<string, unknown>[];
        if (keys.length > 0) {
          if (attempt >= 8) throw new Error('BatchGetItem left keys unprocessed');
          await new Promise((r) => setTimeout(r, Math.random() * 20 * 2 ** attempt));
        }
      }
    }
    const loaded = await Promise.all(
      ids.map(async (id) => {
        const o = items.get(keyOf(orderKeys.order(id)));
        return o ? ([id, await loadedOrder(id, o, items.get(keyOf(orderKeys.orderState(id))))] as const) : undefined;
      }),
    );
    return new Map(loaded.filter((e) => e !== undefined));
  }

  async activeOrderIds(): Promise<string[]> {
    const items = await readIndex(this.client, this.tableName, 'gsi2', orderKeys.activePk);
    return items.map((i) => String(i.id));
  }

  async orderIdForProtectionCode(codeHash: string): Promise<string | undefined> {
    const out = await this.client.send(new GetCommand({ TableName: this.tableName, Key: orderKeys.protect(codeHash) }));
    return out.Item ? String(out.Item.orderId) : undefined;
  }

  async orderIdForDuressCode(codeHash: string): Promise<string | undefined> {
    const out = await this.client.send(new GetCommand({ TableName: this.tableName, Key: orderKeys.duress(codeHash) }));
    return out.Item ? String(out.Item.orderId) : undefined;
  }

  async setDuressCode(orderId: string, codeHash: string | undefined, expiresAt: number): Promise<void> {
    const current = await this.client.send(new GetCommand({ TableName: this.tableName, Key: orderKeys.orderDuress(orderId), ConsistentRead: true }));
    const oldHash = current.Item?.codeHash as string | undefined;
    if (oldHash === codeHash) return;
    const items: TransactItem[] = [
      ...(oldHash ? [{ Delete: { TableName: this.tableName, Key: orderKeys.duress(oldHash) } }] : []),
      ...(codeHash
        ? [
            {
              Put: {
                TableName: this.tableName,
                Item: { ...orderKeys.duress(codeHash), type: 'DURESS', orderId, expiresAt },
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            },
            { Put: { TableName: this.tableName, Item: { ...orderKeys.orderDuress(orderId), type: 'ORDER_DURESS', codeHash, expiresAt } } },
          ]
        : [{ Delete: { TableName: this.tableName, Key: orderKeys.orderDuress(orderId) } }]),
    ];
    await transactOrConflict(this.client, items, 'Choose another duress code', 'duressCode');
  }

  async reserveCodeAttempt(callerHash: string, now: Date, code: VictimCode = 'protection'): Promise<Reservation> {
    return reserveAttempt(this.tableName, attemptsKey(callerHash, code), code === 'duress' ? 'DURESS_ATTEMPTS' : 'PROTECT_ATTEMPTS', CODE_BUDGET, now);
  }

  async refundCodeAttempt(callerHash: string, windowStart: number, code: VictimCode = 'protection'): Promise<void> {
    await refundAttempt(this.tableName, attemptsKey(callerHash, code), windowStart);
  }

  async commit(plan: CommitPlan): Promise<CommitResult> {
    const items: TransactItem[] = [];
    const stateIndexes: number[] = [];
    const counts = new BreachCounts();
    for (const change of plan.changes) {
      stateIndexes.push(items.length);
      items.push(await this.statePut(change.order, change.expectedVersion, change.state, plan.now));
      items.push(...(await this.eventItems(change.order, { alerts: change.alerts, ...(change.fix ? { fix: change.fix } : {}) }, plan)));
      counts.add(change.order, change.alerts);
    }
    items.push(...counts.items(this.tableName, plan.now));
    if (items.length === 0) return 'committed';
    try {
      await transact(this.client, items);
      return 'committed';
    } catch (err) {
      const codes = cancellationCodes(err);
      if (codes && (stateIndexes.some((i) => codes[i] === 'ConditionalCheckFailed') || codes.includes('TransactionConflict'))) return 'conflict';
      throw err;
    }
  }

  async commitOrderBatch(plan: OrderBatchPlan): Promise<OrderBatchResult> {
    const { order } = plan;
    const items: TransactItem[] = [];
    const markers = new Map<number, string>();
    const nowS = Math.floor(plan.now.getTime() / 1000);
    const counts = new BreachCounts();
    for (const e of plan.events) {
      markers.set(items.length, e.eventId);
      items.push({
        Put: {
          TableName: this.tableName,
          Item: {
            ...monitoringKeys.seenEvent(e.eventId, order.id),
            type: 'SEEN_EVENT',
            receivedAt: plan.now.toISOString(),
            expiresAt: nowS + SEEN_EVENT_DAYS * 86_400,
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      });
      items.push(...(await this.eventItems(order, e, plan)));
      counts.add(order, e.alerts);
    }
    const stateIndex = items.length;
    items.push(
      plan.state
        ? await this.statePut(order, plan.expectedVersion, plan.state.value, plan.now, plan.state.changes)
        : // Nothing changed: still only under the state these events were evaluated against.
          { ConditionCheck: { TableName: this.tableName, Key: orderKeys.orderState(order.id), ...versionCondition(plan.expectedVersion) } },
    );
    items.push(...counts.items(this.tableName, plan.now));
    try {
      await transact(this.client, items);
      return { status: 'committed' };
    } catch (err) {
      const codes = cancellationCodes(err);
      if (codes) {
        const seen = [...markers].filter(([i]) => codes[i] === 'ConditionalCheckFailed').map(([, id]) => id);
        if (seen.length > 0) return { status: 'duplicates', eventIds: seen };
        if (codes[stateIndex] === 'ConditionalCheckFailed' || codes.includes('TransactionConflict')) return { status: 'conflict' };
      }
      throw err;
    }
  }

  /** The order's new state, sealed, conditional on the version it was computed from. */
  private async statePut(order: OrderRecord, expectedVersion: number, state: OrderState, now: Date, changes = 1): Promise<TransactItem> {
    const { version: _v, ...stateBody } = state;
    return {
      Put: {
        TableName: this.tableName,
        Item: await seal('orderState', order.id, {
          ...orderKeys.orderState(order.id),
          type: 'ORDER_STATE',
          orderId: order.id,
          version: expectedVersion + changes,
          state: stateBody,
          updatedAt: now.toISOString(),
          expiresAt: positionsExpireAt(order),
        }),
        ...versionCondition(expectedVersion),
      },
    };
  }

  /** One event's alerts (each with the order's reference to it) and its kept fix, sealed. */
  private async eventItems(
    order: OrderRecord,
    e: Pick<OrderEventWrite, 'alerts' | 'fix'>,
    plan: { now: Date; publishLeaseUntil?: number },
  ): Promise<TransactItem[]> {
    const items: TransactItem[] = [];
    const positionsUntil = positionsExpireAt(order);
    for (const alert of e.alerts) {
      items.push(
        await alertPut(this.tableName, alert, positionsUntil, plan.publishLeaseUntil !== undefined ? { publishLeaseUntil: plan.publishLeaseUntil } : {}),
      );
      items.push({
        Put: {
          TableName: this.tableName,
          Item: { ...orderKeys.alertRef(order.id, alert.id), type: 'ORDER_ALERT', alertId: alert.id, expiresAt: positionsUntil },
        },
      });
    }
    if (e.fix) {
      const fix = e.fix.event;
      const attached = e.alerts.filter((a) => a.evidence?.fix?.eventId === fix.eventId).map((a) => a.id);
      items.push({
        Put: {
          TableName: this.tableName,
          Item: await seal('fix', order.id, {
            ...orderKeys.fix(order.id, fix.at, fix.eventId),
            type: 'FIX',
            orderId: order.id,
            ...fixFields(fix),
            receivedAt: plan.now.toISOString(),
            ...(e.fix.outOfOrder ? { outOfOrder: true } : {}),
            // A fix attached to an alert is evidence, kept as long as the alert; others expire with the order's fix retention.
            ...(attached.length > 0 ? { alertIds: attached, expiresAt: positionsUntil } : { expiresAt: unattachedFixExpiresAt(order, fix.at) }),
          }),
        },
      });
    }
    return items;
  }
}

/** The state item's optimistic lock: the version the evaluation started from (0: never written, or written at 0 by the order's creation). */
const versionCondition = (expectedVersion: number) => ({
  ConditionExpression: expectedVersion === 0 ? 'attribute_not_exists(pk) OR version = :v' : 'version = :v',
  ExpressionAttributeValues: { ':v': expectedVersion },
});

/**
 * Breaches by kind per report zone, counted in the same transaction as the alerts: a retried event can
 * never count twice. One counter item per zone per transaction (an item may appear once in a transaction).
 */
class BreachCounts {
  private readonly byZone = new Map<string, Record<string, number>>();

  add(order: OrderRecord, alerts: readonly AlertRecord[]): void {
    if (alerts.length === 0) return;
    // The report is per police zone (functions/reports): a district's breaches count for its zone.
    const zone = reportZoneOf(order);
    const counts = this.byZone.get(zone) ?? {};
    for (const alert of alerts) {
      const name = metric.breaches(BREACH_METRIC_KIND[alert.kind]);
      counts[name] = (counts[name] ?? 0) + 1;
    }
    this.byZone.set(zone, counts);
  }

  items(table: string, now: Date): TransactItem[] {
    return [...this.byZone].map(([zone, counts]) => statsAdd(table, now, zone, counts));
  }
}
