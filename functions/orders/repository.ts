import { GetCommand, QueryCommand, TransactWriteCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { ConflictError } from '../../shared/errors.js';
import type { OrderRecord, OrderState } from '../../shared/zones/index.js';
import { keys } from '../alerts/keys.js';
import { withoutKeys } from '../alerts/model.js';
import { auditPut, recordAudit, type AuditEntry } from '../lib/audit.js';
import { dynamo } from '../lib/clients.js';
import { statsAdd } from '../lib/stats.js';
import { orderCounterDeltas } from './counters.js';

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

export interface StoredFix {
  at: string;
  eventId: string;
  deviceId: string;
  lat: number;
  lon: number;
  accuracy: number;
  outOfOrder?: boolean;
  alertIds?: string[];
  expiresAt?: number;
}

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
    ...keys.order(o.id),
    type: 'ORDER',
    ...o,
    ...(codeHash ? { protectionCodeHash: codeHash } : {}),
    ...(o.status === 'active' ? keys.activeIndex(o.district, o.id) : {}),
  };
}

/**
 * The items a new order consists of: the order, its initial monitoring state, the protection-code
 * lookup (hash only) and one link per device. Each Put is conditional on its key being new. Used by
 * `create` (one transaction with the audit record and counters) and by the local demo seed.
 */
export function newOrderPuts(table: string, order: OrderRecord, codeHash: string): TransactItem[] {
  return [
    { Put: { TableName: table, Item: orderItem(order, codeHash), ConditionExpression: 'attribute_not_exists(pk)' } },
    { Put: { TableName: table, Item: { ...keys.orderState(order.id), type: 'ORDER_STATE', orderId: order.id, version: 0, state: { zones: {}, curfews: {}, respondent: {} } }, ConditionExpression: 'attribute_not_exists(pk)' } },
    { Put: { TableName: table, Item: { ...keys.protect(codeHash), type: 'PROTECT', orderId: order.id }, ConditionExpression: 'attribute_not_exists(pk)' } },
    ...linkPuts(table, order),
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
    Put: { TableName: table, Item: { ...keys.deviceLink(o.id, deviceId), ...keys.deviceIndex(deviceId, o.id), type: 'ORDER_DEVICE', orderId: o.id, deviceId, role } },
  }));
}

function linkDeletes(table: string, o: OrderRecord, keep: Set<string> = new Set()): TransactItem[] {
  return [o.respondentDeviceId, o.protectedDeviceId]
    .filter((d): d is string => d !== undefined && !keep.has(d))
    .map((d) => ({ Delete: { TableName: table, Key: keys.deviceLink(o.id, d) } }));
}

async function transact(items: TransactItem[], conflict: string): Promise<void> {
  try {
    await dynamo.send(new TransactWriteCommand({ TransactItems: items }));
  } catch (err) {
    if (err instanceof TransactionCanceledException || (err as { name?: string }).name === 'TransactionCanceledException') {
      throw new ConflictError(conflict);
    }
    throw err;
  }
}

export class DynamoOrderRepository implements OrderRepository {
  constructor(private readonly table: string) {}

  async create(order: OrderRecord, codeHash: string, audit: AuditEntry): Promise<void> {
    const items: TransactItem[] = [...newOrderPuts(this.table, order, codeHash), auditPut(this.table, audit), ...counterUpdates(this.table, undefined, order)];
    await transact(items, 'Order could not be created; try again');
  }

  async get(id: string) {
    const out = await dynamo.send(new GetCommand({ TableName: this.table, Key: keys.order(id), ConsistentRead: true }));
    if (!out.Item) return undefined;
    const codeHash = out.Item.protectionCodeHash as string | undefined;
    const { protectionCodeHash: _h, ...order } = withoutKeys<OrderRecord & { protectionCodeHash?: string }>(out.Item);
    return { order: order as OrderRecord, codeHash };
  }

  async state(id: string): Promise<OrderState | undefined> {
    const out = await dynamo.send(new GetCommand({ TableName: this.table, Key: keys.orderState(id), ConsistentRead: true }));
    return out.Item ? ({ ...(out.Item.state as OrderState), version: Number(out.Item.version) } as OrderState) : undefined;
  }

  async listActive(district: string | undefined): Promise<OrderRecord[]> {
    const out: OrderRecord[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const page = await dynamo.send(
        new QueryCommand({
          TableName: this.table,
          IndexName: 'gsi2',
          KeyConditionExpression: district ? 'gsi2pk = :pk AND begins_with(gsi2sk, :d)' : 'gsi2pk = :pk',
          ExpressionAttributeValues: { ':pk': 'ORDERS#ACTIVE', ...(district ? { ':d': `${district}#` } : {}) },
          ...(start ? { ExclusiveStartKey: start } : {}),
        }),
      );
      for (const i of page.Items ?? []) {
        const { protectionCodeHash: _h, ...o } = withoutKeys<OrderRecord & { protectionCodeHash?: string }>(i);
        out.push(o as OrderRecord);
      }
      start = page.LastEvaluatedKey;
    } while (start);
    return out;
  }

  async replace(previous: OrderRecord, next: OrderRecord, audit: AuditEntry): Promise<void> {
    const current = await this.get(previous.id);
    const keep = new Set([next.respondentDeviceId, ...(next.protectedDeviceId ? [next.protectedDeviceId] : [])]);
    const items: TransactItem[] = [
      { Put: { TableName: this.table, Item: { ...keys.orderVersion(previous.id, previous.version), type: 'ORDER_VERSION', ...previous }, ConditionExpression: 'attribute_not_exists(pk)' } },
      {
        Put: {
          TableName: this.table,
          Item: orderItem(next, current?.codeHash),
          ConditionExpression: '#v = :v AND #s = :active',
          ExpressionAttributeNames: { '#v': 'version', '#s': 'status' },
          ExpressionAttributeValues: { ':v': previous.version, ':active': 'active' },
        },
      },
      ...linkDeletes(this.table, previous, keep),
      ...linkPuts(this.table, next),
      auditPut(this.table, audit),
      ...counterUpdates(this.table, previous, next),
    ];
    await transact(items, 'The order was changed or ended meanwhile; reload it');
  }

  async end(previous: OrderRecord, ended: OrderRecord, codeHash: string | undefined, audit: AuditEntry): Promise<void> {
    const items: TransactItem[] = [
      { Put: { TableName: this.table, Item: { ...keys.orderVersion(previous.id, previous.version), type: 'ORDER_VERSION', ...previous }, ConditionExpression: 'attribute_not_exists(pk)' } },
      {
        Put: {
          TableName: this.table,
          Item: orderItem(ended, codeHash),
          ConditionExpression: '#v = :v AND #s = :active',
          ExpressionAttributeNames: { '#v': 'version', '#s': 'status' },
          ExpressionAttributeValues: { ':v': previous.version, ':active': 'active' },
        },
      },
      ...linkDeletes(this.table, previous),
      ...(codeHash ? [{ Delete: { TableName: this.table, Key: keys.protect(codeHash) } }] : []),
      auditPut(this.table, audit),
      ...counterUpdates(this.table, previous, ended),
    ];
    await transact(items, 'The order was changed or ended meanwhile; reload it');
  }

  async replaceCode(order: OrderRecord, oldHash: string | undefined, newHash: string, audit: AuditEntry): Promise<void> {
    const items: TransactItem[] = [
      {
        Update: {
          TableName: this.table,
          Key: keys.order(order.id),
          UpdateExpression: 'SET protectionCodeHash = :new',
          // Only the order as read: active, same version, same code (a concurrent reissue loses).
          ConditionExpression: oldHash
            ? '#v = :v AND #s = :active AND protectionCodeHash = :old'
            : '#v = :v AND #s = :active AND attribute_not_exists(protectionCodeHash)',
          ExpressionAttributeNames: { '#v': 'version', '#s': 'status' },
          ExpressionAttributeValues: { ':new': newHash, ':v': order.version, ':active': 'active', ...(oldHash ? { ':old': oldHash } : {}) },
        },
      },
      ...(oldHash ? [{ Delete: { TableName: this.table, Key: keys.protect(oldHash) } }] : []),
      { Put: { TableName: this.table, Item: { ...keys.protect(newHash), type: 'PROTECT', orderId: order.id }, ConditionExpression: 'attribute_not_exists(pk)' } },
      auditPut(this.table, audit),
    ];
    await transact(items, 'The order was changed, ended or given a new code meanwhile; reload it');
  }

  async fixes(id: string): Promise<StoredFix[]> {
    const out: StoredFix[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const page = await dynamo.send(
        new QueryCommand({
          TableName: this.table,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :fix)',
          ExpressionAttributeValues: { ':pk': `ORDER#${id}`, ':fix': keys.fixPrefix },
          ...(start ? { ExclusiveStartKey: start } : {}),
        }),
      );
      for (const i of page.Items ?? []) {
        out.push({
          at: String(i.at),
          eventId: String(i.eventId),
          deviceId: String(i.deviceId),
          lat: Number(i.lat),
          lon: Number(i.lon),
          accuracy: Number(i.accuracy),
          ...(i.outOfOrder ? { outOfOrder: true } : {}),
          ...(i.alertIds ? { alertIds: i.alertIds as string[] } : {}),
          ...(i.expiresAt !== undefined ? { expiresAt: Number(i.expiresAt) } : {}),
        });
      }
      start = page.LastEvaluatedKey;
    } while (start);
    return out;
  }

  async audit(entry: AuditEntry): Promise<void> {
    await recordAudit(dynamo, this.table, entry);
  }
}
