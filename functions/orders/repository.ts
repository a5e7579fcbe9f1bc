import { GetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { PositionFix } from '../../shared/orders/api.js';
import { positionsExpireAt } from '../../shared/orders/retention.js';
import { supersededByChange, type OrderRecord, type OrderState } from '../../shared/zones/index.js';
import { keys as alertKeys } from '../alerts/keys.js';
import type { AlertRecord, ClosedReason } from '../alerts/model.js';
import { closeAlertUpdate, unresolvedAlertsOfOrder } from '../alerts/repository.js';
import { auditPut, recordAudit, type AuditEntry } from '../lib/audit.js';
import { dynamo } from '../lib/clients.js';
import { cancellationCodes, fromItem, queryAll, transact, transactOrConflict, updateIf, type Item, type TransactItem } from '../lib/dynamo.js';
import { logger } from '../lib/logger.js';
import { open, seal } from '../lib/personal-crypto.js';
import { statsAdd } from '../lib/stats.js';
import { orderCounterDeltas } from './counters.js';
import { orderKeys } from './keys.js';

/** A fix as stored is the fix the positions route shows. */
export type StoredFix = PositionFix;

/** Port: orders persistence. */
export interface OrderRepository {
  create(order: OrderRecord, codeHash: string, audit: AuditEntry): Promise<void>;
  get(id: string): Promise<{ order: OrderRecord; codeHash: string | undefined } | undefined>;
  state(id: string): Promise<OrderState | undefined>;
  listActive(district: string | undefined): Promise<OrderRecord[]>;
  replace(previous: OrderRecord, next: OrderRecord, audit: AuditEntry): Promise<void>;
  end(previous: OrderRecord, ended: OrderRecord, codeHash: string | undefined, audit: AuditEntry): Promise<void>;
  /** Swaps the protection code of an active order: the old lookup goes, the new one comes, atomically. */
  replaceCode(order: OrderRecord, oldHash: string | undefined, newHash: string, audit: AuditEntry): Promise<void>;
  fixes(id: string): Promise<StoredFix[]>;
  audit(entry: AuditEntry): Promise<void>;
}

function orderItem(o: OrderRecord, codeHash: string | undefined): Record<string, unknown> {
  return {
    ...orderKeys.order(o.id),
    type: 'ORDER',
    ...o,
    ...(codeHash ? { protectionCodeHash: codeHash } : {}),
    ...(o.status === 'active' ? orderKeys.activeIndex(o.district, o.id) : {}),
    expiresAt: positionsExpireAt(o),
  };
}

/**
 * The items a new order consists of: the order, its initial monitoring state, the protection-code
 * lookup (hash only) and one link per device. Each Put is conditional on its key being new. Used by
 * `create` (one transaction with the audit record and counters) and by the local demo seed. The order's
 * and the state's personal fields are sealed.
 */
export async function newOrderPuts(table: string, order: OrderRecord, codeHash: string): Promise<TransactItem[]> {
  return [
    { Put: { TableName: table, Item: await seal('order', order.id, orderItem(order, codeHash)), ConditionExpression: 'attribute_not_exists(pk)' } },
    {
      Put: {
        TableName: table,
        Item: await seal('orderState', order.id, {
          ...orderKeys.orderState(order.id),
          type: 'ORDER_STATE',
          orderId: order.id,
          version: 0,
          state: { zones: {}, curfews: {}, respondent: {} },
          expiresAt: positionsExpireAt(order),
        }),
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    },
    {
      Put: { TableName: table, Item: { ...orderKeys.protect(codeHash), type: 'PROTECT', orderId: order.id }, ConditionExpression: 'attribute_not_exists(pk)' },
    },
    ...linkPuts(table, order),
  ];
}

/**
 * A change of an active order: the version it replaces kept as a new item, and the order written over,
 * conditional on it still being that version and active (the order's personal fields sealed).
 */
async function supersedingPuts(table: string, previous: OrderRecord, next: OrderRecord, codeHash: string | undefined): Promise<TransactItem[]> {
  return [
    { Put: { TableName: table, Item: await versionItem(previous, next), ConditionExpression: 'attribute_not_exists(pk)' } },
    {
      Put: {
        TableName: table,
        Item: await seal('order', next.id, orderItem(next, codeHash)),
        ConditionExpression: '#v = :v AND #s = :active',
        ExpressionAttributeNames: { '#v': 'version', '#s': 'status' },
        ExpressionAttributeValues: { ':v': previous.version, ':active': 'active' },
      },
    },
  ];
}

/** Report counters for a change of order (created / ended, moved between months or districts), to go in its transaction. */
function counterUpdates(table: string, previous: OrderRecord | undefined, next: OrderRecord): TransactItem[] {
  return orderCounterDeltas(previous, next).map((d) => statsAdd(table, d.at, d.zone, d.counters));
}

function linkPuts(table: string, o: OrderRecord): TransactItem[] {
  const devices: [string, 'respondent' | 'protected'][] = [[o.respondentDeviceId, 'respondent']];
  if (o.protectedDeviceId) devices.push([o.protectedDeviceId, 'protected']);
  return devices.map(([deviceId, role]) => ({
    Put: {
      TableName: table,
      Item: {
        ...orderKeys.deviceLink(o.id, deviceId),
        ...orderKeys.deviceIndex(deviceId, o.id),
        type: 'ORDER_DEVICE',
        orderId: o.id,
        deviceId,
        role,
        // Ending the order deletes the link; an order left to run out is gone by TTL with the rest.
        expiresAt: positionsExpireAt(o),
      },
    },
  }));
}

function linkDeletes(table: string, o: OrderRecord, keep: Set<string> = new Set()): TransactItem[] {
  return [o.respondentDeviceId, o.protectedDeviceId]
    .filter((d): d is string => d !== undefined && !keep.has(d))
    .map((d) => ({ Delete: { TableName: table, Key: orderKeys.deviceLink(o.id, d) } }));
}

/** An order item without its keys and without the protection code's hash (which never leaves the repository in a record). */
function orderFromItem(item: Item): { order: OrderRecord; codeHash: string | undefined } {
  const { protectionCodeHash, ...order } = fromItem<OrderRecord & { protectionCodeHash?: string }>(item, ['expiresAt']);
  return { order: order as OrderRecord, codeHash: protectionCodeHash };
}

/** Alerts closed with their order in one transaction (two items each: the close and its audit record); the rest follow right after. */
const ALERTS_PER_TRANSACTION = 40;

/** The close of each alert and its audit record (same caller and route as the order's own record). */
function alertCloseItems(table: string, alerts: readonly AlertRecord[], reason: ClosedReason, audit: AuditEntry): TransactItem[] {
  return alerts.flatMap((a) => [
    closeAlertUpdate(table, a, reason, audit.principal.username, audit.at),
    auditPut(table, { ...audit, entity: 'alert', entityId: a.id, action: 'resolve' }),
  ]);
}

/** A superseded version kept in history; it holds the zones' centres, so it expires with the order as it is now. */
async function versionItem(previous: OrderRecord, current: OrderRecord): Promise<Record<string, unknown>> {
  return seal('order', previous.id, {
    ...orderKeys.orderVersion(previous.id, previous.version),
    type: 'ORDER_VERSION',
    ...previous,
    expiresAt: positionsExpireAt(current),
  });
}

export class DynamoOrderRepository implements OrderRepository {
  constructor(
    private readonly table: string,
    private readonly client: DynamoDBDocumentClient = dynamo,
  ) {}

  async create(order: OrderRecord, codeHash: string, audit: AuditEntry): Promise<void> {
    const items: TransactItem[] = [
      ...(await newOrderPuts(this.table, order, codeHash)),
      auditPut(this.table, audit),
      ...counterUpdates(this.table, undefined, order),
    ];
    await transactOrConflict(this.client, items, 'Order could not be created; try again');
  }

  async get(id: string) {
    const out = await this.client.send(new GetCommand({ TableName: this.table, Key: orderKeys.order(id), ConsistentRead: true }));
    return out.Item ? orderFromItem(await open('order', id, out.Item)) : undefined;
  }

  async state(id: string): Promise<OrderState | undefined> {
    const out = await this.client.send(new GetCommand({ TableName: this.table, Key: orderKeys.orderState(id), ConsistentRead: true }));
    if (!out.Item) return undefined;
    const item = await open('orderState', id, out.Item);
    return { ...(item.state as OrderState), version: Number(item.version) } as OrderState;
  }

  async listActive(district: string | undefined): Promise<OrderRecord[]> {
    const items = await queryAll(this.client, {
      TableName: this.table,
      IndexName: 'gsi2',
      KeyConditionExpression: district ? 'gsi2pk = :pk AND begins_with(gsi2sk, :d)' : 'gsi2pk = :pk',
      ExpressionAttributeValues: { ':pk': orderKeys.activePk, ...(district ? { ':d': `${district}#` } : {}) },
    });
    return Promise.all(items.map(async (i) => orderFromItem(await open('order', String(i.id), i)).order));
  }

  /**
   * A new version, and in the same transaction the open alerts it supersedes (their condition gone or
   * changed, or the respondent's device replaced) are closed as `order_changed`.
   */
  async replace(previous: OrderRecord, next: OrderRecord, audit: AuditEntry): Promise<void> {
    const current = await this.get(previous.id);
    const superseded = (await unresolvedAlertsOfOrder(this.table, previous.id, previous.district, this.client)).filter((a) =>
      supersededByChange(previous, next, a),
    );
    const keep = new Set([next.respondentDeviceId, ...(next.protectedDeviceId ? [next.protectedDeviceId] : [])]);
    const items: TransactItem[] = [
      ...(await supersedingPuts(this.table, previous, next, current?.codeHash)),
      ...linkDeletes(this.table, previous, keep),
      ...linkPuts(this.table, next),
    ];
    await this.commitChange(items, previous, next, superseded, 'order_changed', audit);
  }

  /**
   * Ends an order. In the same transaction: its open and acknowledged alerts are closed (`order_ended`,
   * so nothing escalates any more) and its monitoring state's version moves on, so an event or watchdog
   * tick evaluated against the active order cannot commit after it ended (it retries and sees it ended).
   */
  async end(previous: OrderRecord, ended: OrderRecord, codeHash: string | undefined, audit: AuditEntry): Promise<void> {
    const unresolved = await unresolvedAlertsOfOrder(this.table, previous.id, previous.district, this.client);
    const items: TransactItem[] = [
      ...(await supersedingPuts(this.table, previous, ended, codeHash)),
      ...linkDeletes(this.table, previous),
      ...(codeHash ? [{ Delete: { TableName: this.table, Key: orderKeys.protect(codeHash) } }] : []),
      {
        Update: {
          TableName: this.table,
          Key: orderKeys.orderState(previous.id),
          UpdateExpression: 'SET version = if_not_exists(version, :zero) + :one',
          ExpressionAttributeValues: { ':zero': 0, ':one': 1 },
        },
      },
    ];
    await this.commitChange(items, previous, ended, unresolved, 'order_ended', audit);
  }

  /**
   * Commits a change of an active order: its `items`, the audit record, the report counters and the first
   * alerts it closes in ONE transaction (a 409 when the order moved on meanwhile); the alerts beyond one
   * transaction's share right after, then the retention of its positions moved to the new end.
   */
  private async commitChange(
    items: TransactItem[],
    previous: OrderRecord,
    next: OrderRecord,
    alerts: readonly AlertRecord[],
    reason: ClosedReason,
    audit: AuditEntry,
  ): Promise<void> {
    await transactOrConflict(
      this.client,
      [
        ...items,
        auditPut(this.table, audit),
        ...counterUpdates(this.table, previous, next),
        ...alertCloseItems(this.table, alerts.slice(0, ALERTS_PER_TRANSACTION), reason, audit),
      ],
      'The order was changed or ended meanwhile; reload it',
    );
    await this.closeRest(alerts.slice(ALERTS_PER_TRANSACTION), reason, audit);
    await this.restampPositions(previous, next);
  }

  /**
   * When the order's end moves (extended, shortened, ended early), every item that holds its positions
   * or the respondent's data follows: its versions, its state, the fixes kept as evidence, the partners'
   * attendance records, its device links, and its alerts with their escalations (found through the
   * order's pointers). Fixes that are not evidence keep their own, shorter expiry. After the order's own
   * transaction: the change stands even if this pass fails; it is logged, and the items keep the
   * earlier expiry until the next change of the order.
   */
  private async restampPositions(previous: OrderRecord, next: OrderRecord): Promise<void> {
    const until = positionsExpireAt(next);
    if (until === positionsExpireAt(previous)) return;
    try {
      const items = await queryAll(this.client, {
        TableName: this.table,
        KeyConditionExpression: 'pk = :pk',
        ProjectionExpression: 'pk, sk, alertId, alertIds',
        ExpressionAttributeValues: { ':pk': orderKeys.orderPk(next.id) },
      });
      const keysToStamp = items.flatMap((i): { pk: string; sk: string }[] => {
        const sk = String(i.sk);
        if (sk.startsWith(orderKeys.alertRefPrefix)) return [{ pk: String(i.pk), sk }, alertKeys.alert(String(i.alertId))];
        if (sk.startsWith(orderKeys.fixPrefix)) return i.alertIds ? [{ pk: String(i.pk), sk }] : [];
        const followsOrder = [orderKeys.versionPrefix, orderKeys.attendancePrefix, orderKeys.deviceLinkPrefix].some((p) => sk.startsWith(p));
        return followsOrder || sk === orderKeys.orderState(next.id).sk ? [{ pk: String(i.pk), sk }] : [];
      });
      // An alert's escalations go with it.
      for (const ref of items.filter((i) => String(i.sk).startsWith(orderKeys.alertRefPrefix))) {
        const escalations = await queryAll(this.client, {
          TableName: this.table,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :esc)',
          ProjectionExpression: 'pk, sk',
          ExpressionAttributeValues: { ':pk': alertKeys.alert(String(ref.alertId)).pk, ':esc': alertKeys.escalationPrefix },
        });
        keysToStamp.push(...escalations.map((e) => ({ pk: String(e.pk), sk: String(e.sk) })));
      }
      // An item deleted meanwhile (a device link of the ended order) is not written back.
      for (const key of keysToStamp)
        await updateIf(this.client, {
          TableName: this.table,
          Key: key,
          UpdateExpression: 'SET expiresAt = :e',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeValues: { ':e': until },
        });
    } catch (err) {
      logger.warn("Retention of the order's positions not moved with its end", { orderId: next.id, error: err instanceof Error ? err.name : 'unknown' });
    }
  }

  /** Alerts beyond one transaction's share: closed right after, each with its audit record (one already closed by police is skipped). */
  private async closeRest(alerts: readonly AlertRecord[], reason: ClosedReason, audit: AuditEntry): Promise<void> {
    for (const a of alerts) {
      try {
        await transact(this.client, alertCloseItems(this.table, [a], reason, audit));
      } catch (err) {
        if (!cancellationCodes(err)) throw err;
      }
    }
  }

  async replaceCode(order: OrderRecord, oldHash: string | undefined, newHash: string, audit: AuditEntry): Promise<void> {
    const items: TransactItem[] = [
      {
        Update: {
          TableName: this.table,
          Key: orderKeys.order(order.id),
          UpdateExpression: 'SET protectionCodeHash = :new',
          // Only the order as read: active, same version, same code (a concurrent reissue loses).
          ConditionExpression: oldHash
            ? '#v = :v AND #s = :active AND protectionCodeHash = :old'
            : '#v = :v AND #s = :active AND attribute_not_exists(protectionCodeHash)',
          ExpressionAttributeNames: { '#v': 'version', '#s': 'status' },
          ExpressionAttributeValues: { ':new': newHash, ':v': order.version, ':active': 'active', ...(oldHash ? { ':old': oldHash } : {}) },
        },
      },
      ...(oldHash ? [{ Delete: { TableName: this.table, Key: orderKeys.protect(oldHash) } }] : []),
      {
        Put: {
          TableName: this.table,
          Item: { ...orderKeys.protect(newHash), type: 'PROTECT', orderId: order.id },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      auditPut(this.table, audit),
    ];
    await transactOrConflict(this.client, items, 'The order was changed, ended or given a new code meanwhile; reload it');
  }

  async fixes(id: string): Promise<StoredFix[]> {
    const items = await queryAll(this.client, {
      TableName: this.table,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :fix)',
      ExpressionAttributeValues: { ':pk': orderKeys.orderPk(id), ':fix': orderKeys.fixPrefix },
    });
    const opened = await Promise.all(items.map((i) => open('fix', id, i)));
    return opened.map(
      (i): StoredFix => ({
        at: String(i.at),
        eventId: String(i.eventId),
        deviceId: String(i.deviceId),
        lat: Number(i.lat),
        lon: Number(i.lon),
        accuracy: Number(i.accuracy),
        ...(i.outOfOrder ? { outOfOrder: true } : {}),
        ...(i.alertIds ? { alertIds: i.alertIds as string[] } : {}),
        ...(i.expiresAt !== undefined ? { expiresAt: Number(i.expiresAt) } : {}),
      }),
    );
  }

  async audit(entry: AuditEntry): Promise<void> {
    await recordAudit(this.client, this.table, entry);
  }
}
