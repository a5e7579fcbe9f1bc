import { GetCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ConflictError } from '../../shared/errors.js';
import { positionsExpireAt, unattachedFixExpiresAt } from '../../shared/orders/retention.js';
import { metric } from '../../shared/metrics.js';
import { BREACH_METRIC_KIND, initialState, type OrderRecord, type OrderState, type PositionEvent } from '../../shared/zones/index.js';
import { alertPut, type AlertRecord } from '../alerts/model.js';
import { refundAttempt, reserveAttempt, type Budget, type Reservation } from '../lib/attempts.js';
import { dynamo } from '../lib/clients.js';
import { cancellationCodes, fromItem, queryAll, transact, type TransactItem } from '../lib/dynamo.js';
import { open, seal } from '../lib/personal-crypto.js';
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
  /** The provider's event id: the commit fails as a duplicate if it was seen before. */
  dedupeEventId?: string;
  changes: OrderChange[];
  /** The alerts are published by the committing function right after the commit, under this lease (functions/alerts/outbox.ts). */
  publishLeaseUntil?: number;
}

export type CommitResult = 'committed' | 'duplicate' | 'conflict';

/** Port: the monitoring use cases read orders and commit evaluations through this. */
export interface MonitoringRepository {
  orderIdsForDevice(deviceId: string): Promise<string[]>;
  load(orderId: string): Promise<{ order: OrderRecord; state: OrderState } | undefined>;
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

/** Adapter: DynamoDB. One TransactWriteItems per event: dedupe marker + each order's state, alerts, fix, counters. */
/** What a kept fix stores of its position event, named one by one (lat and lon are then sealed). */
export function fixFields(e: Omit<PositionEvent, 'kind'>) {
  return { deviceId: e.deviceId, eventId: e.eventId, at: e.at, lat: e.lat, lon: e.lon, accuracy: e.accuracy };
}

export class DynamoMonitoringRepository implements MonitoringRepository {
  constructor(
    private readonly tableName: string,
    private readonly client: DynamoDBDocumentClient = dynamo,
  ) {}

  async orderIdsForDevice(deviceId: string): Promise<string[]> {
    const out = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :pk',
        ExpressionAttributeValues: { ':pk': orderKeys.devicePk(deviceId) },
      }),
    );
    return (out.Items ?? []).map((i) => String(i.orderId));
  }

  async load(orderId: string): Promise<{ order: OrderRecord; state: OrderState } | undefined> {
    const [o, s] = await Promise.all([
      this.client.send(new GetCommand({ TableName: this.tableName, Key: orderKeys.order(orderId), ConsistentRead: true })),
      this.client.send(new GetCommand({ TableName: this.tableName, Key: orderKeys.orderState(orderId), ConsistentRead: true })),
    ]);
    if (!o.Item) return undefined;
    const [order, stateItem] = await Promise.all([open('order', orderId, o.Item), s.Item ? open('orderState', orderId, s.Item) : undefined]);
    const state = stateItem ? ({ ...(stateItem.state as OrderState), version: Number(stateItem.version) } as OrderState) : initialState();
    return { order: fromItem<OrderRecord>(order, ['expiresAt', 'protectionCodeHash']), state };
  }

  async activeOrderIds(): Promise<string[]> {
    const items = await queryAll(this.client, {
      TableName: this.tableName,
      IndexName: 'gsi2',
      KeyConditionExpression: 'gsi2pk = :pk',
      ExpressionAttributeValues: { ':pk': orderKeys.activePk },
    });
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
    try {
      await transact(this.client, items);
    } catch (err) {
      if (cancellationCodes(err)) {
        throw new ConflictError('Choose another duress code', 'duressCode');
      }
      throw err;
    }
  }

  async reserveCodeAttempt(callerHash: string, now: Date, code: VictimCode = 'protection'): Promise<Reservation> {
    return reserveAttempt(this.tableName, attemptsKey(callerHash, code), code === 'duress' ? 'DURESS_ATTEMPTS' : 'PROTECT_ATTEMPTS', CODE_BUDGET, now);
  }

  async refundCodeAttempt(callerHash: string, windowStart: number, code: VictimCode = 'protection'): Promise<void> {
    await refundAttempt(this.tableName, attemptsKey(callerHash, code), windowStart);
  }

  async commit(plan: CommitPlan): Promise<CommitResult> {
    const items: TransactItem[] = [];
    const nowS = Math.floor(plan.now.getTime() / 1000);
    if (plan.dedupeEventId) {
      items.push({
        Put: {
          TableName: this.tableName,
          Item: {
            ...monitoringKeys.seenEvent(plan.dedupeEventId),
            type: 'SEEN_EVENT',
            receivedAt: plan.now.toISOString(),
            expiresAt: nowS + SEEN_EVENT_DAYS * 86_400,
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      });
    }
    const stateIndexes: number[] = [];
    const countsByDistrict = new Map<string, Record<string, number>>();
    for (const change of plan.changes) {
      const { version: _v, ...stateBody } = change.state;
      stateIndexes.push(items.length);
      items.push({
        Put: {
          TableName: this.tableName,
          Item: await seal('orderState', change.order.id, {
            ...orderKeys.orderState(change.order.id),
            type: 'ORDER_STATE',
            orderId: change.order.id,
            version: change.expectedVersion + 1,
            state: stateBody,
            updatedAt: plan.now.toISOString(),
            expiresAt: positionsExpireAt(change.order),
          }),
          ConditionExpression: change.expectedVersion === 0 ? 'attribute_not_exists(pk) OR version = :v' : 'version = :v',
          ExpressionAttributeValues: { ':v': change.expectedVersion },
        },
      });
      const positionsUntil = positionsExpireAt(change.order);
      for (const alert of change.alerts) {
        items.push(
          await alertPut(this.tableName, alert, positionsUntil, plan.publishLeaseUntil !== undefined ? { publishLeaseUntil: plan.publishLeaseUntil } : {}),
        );
        items.push({
          Put: {
            TableName: this.tableName,
            Item: { ...orderKeys.alertRef(change.order.id, alert.id), type: 'ORDER_ALERT', alertId: alert.id, expiresAt: positionsUntil },
          },
        });
      }
      const counts = countsByDistrict.get(change.order.district) ?? {};
      for (const alert of change.alerts) {
        const name = metric.breaches(BREACH_METRIC_KIND[alert.kind]);
        counts[name] = (counts[name] ?? 0) + 1;
      }
      if (change.alerts.length > 0) countsByDistrict.set(change.order.district, counts);
      if (change.fix) {
        const e = change.fix.event;
        const attached = change.alerts.filter((a) => a.evidence?.fix?.eventId === e.eventId).map((a) => a.id);
        items.push({
          Put: {
            TableName: this.tableName,
            Item: await seal('fix', change.order.id, {
              ...orderKeys.fix(change.order.id, e.at, e.eventId),
              type: 'FIX',
              orderId: change.order.id,
              ...fixFields(e),
              receivedAt: plan.now.toISOString(),
              ...(change.fix.outOfOrder ? { outOfOrder: true } : {}),
              // A fix attached to an alert is evidence, kept as long as the alert; others expire with the order's fix retention.
              ...(attached.length > 0 ? { alertIds: attached, expiresAt: positionsUntil } : { expiresAt: unattachedFixExpiresAt(change.order, e.at) }),
            }),
          },
        });
      }
    }
    // Breaches are counted in the same transaction as the alerts: a retried event can never count twice.
    for (const [district, counts] of countsByDistrict) items.push(statsAdd(this.tableName, plan.now, district, counts));
    if (items.length === 0) return 'committed';
    try {
      await transact(this.client, items);
      return 'committed';
    } catch (err) {
      const codes = cancellationCodes(err);
      if (codes) {
        if (plan.dedupeEventId && codes[0] === 'ConditionalCheckFailed') return 'duplicate';
        if (stateIndexes.some((i) => codes[i] === 'ConditionalCheckFailed') || codes.includes('TransactionConflict')) return 'conflict';
      }
      throw err;
    }
  }
}
