import { GetCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ConflictError, NotFoundError } from '../../shared/errors.js';
import { WORK_SHARDS } from '../../shared/table.js';
import { escalationDueAt, escalationLevelAt } from '../../shared/zones/index.js';
import { auditPut, recordAudit, type AuditEntry } from '../lib/audit.js';
import { dynamo } from '../lib/clients.js';
import { cancellationCodes, fromItem, queryAll, readPartition, transact, updateIf, type TransactItem } from '../lib/dynamo.js';
import { reportZoneOf } from '../lib/scope.js';
import { ackTimeItem } from '../lib/stats.js';
import { orderKeys } from '../orders/keys.js';
import { keys } from './keys.js';
import type { AlertEscalation, AlertOutcome as Outcome } from '../../shared/alerts/api.js';
import { alertFromItem, openedAlert, type AlertRecord, type ClosedReason } from './model.js';

export type EscalationRecord = AlertEscalation;

/** An alert in the escalation queue, with its TTL: its escalations expire with it (shared/orders/retention.ts). */
export type QueuedAlert = AlertRecord & { expiresAt?: number };

/** Port: alerts persistence (police API, escalation tick, outbox publisher). */
export interface AlertRepository {
  /** Open alerts without their evidence: it stays sealed (the list never shows it; `get` opens it). */
  listOpen(district: string, limit: number): Promise<AlertRecord[]>;
  get(id: string): Promise<{ alert: AlertRecord; escalations: EscalationRecord[] } | undefined>;
  acknowledge(id: string, by: string, now: Date, audit: AuditEntry): Promise<void>;
  resolve(id: string, by: string, outcome: Outcome, now: Date, audit: AuditEntry): Promise<void>;
  audit(entry: AuditEntry): Promise<void>;
  dueForEscalation(shard: number, now: Date): Promise<QueuedAlert[]>;
  /**
   * Writes the escalation level the alert has reached by `now` (once, skipping levels a late tick missed)
   * and moves it to its next escalation time, or out of the queue at the top of the ladder; false if it
   * was acknowledged or escalated meanwhile, or its order has ended.
   */
  escalate(alert: QueuedAlert, now: Date): Promise<boolean>;
  /** Sets publishedAt once (and drops a publish lease); false when it was already set. */
  markPublished(key: { pk: string; sk: string }, now: Date, messageId: string): Promise<boolean>;
  /** publishedAt and the eager publisher's lease (epoch ms) of an item, consistent; null when the item is gone. */
  publishState(key: { pk: string; sk: string }): Promise<{ publishedAt?: string; publishLeaseUntil?: number } | null>;
  /** Gives an eager publisher's lease back (its SNS publish failed), only if it is still that lease and nothing was published. */
  releasePublishLease(key: { pk: string; sk: string }, leaseUntil: number): Promise<void>;
}

/**
 * Open and acknowledged alerts of one order: the open index of its district (gsi1, which resolving
 * leaves), filtered by order. Used when an order ends or changes, to close its alerts in the same
 * transaction.
 */
export async function unresolvedAlertsOfOrder(
  table: string,
  orderId: string,
  district: string,
  client: DynamoDBDocumentClient = dynamo,
): Promise<AlertRecord[]> {
  const items = await queryAll(client, {
    TableName: table,
    IndexName: 'gsi1',
    KeyConditionExpression: 'gsi1pk = :pk',
    FilterExpression: 'orderId = :o',
    ExpressionAttributeValues: { ':pk': keys.openAlertsPk(district), ':o': orderId },
  });
  return items.map((i) => alertFromItem(i));
}

/**
 * The Update that closes an alert for its order's sake (ended, or the condition changed): resolved,
 * out of the open list and the escalation queue, conditional on its status being what was read (a
 * police acknowledgement in between fails the transaction, which is then retried). No acknowledgement
 * time is counted: nobody acknowledged it.
 */
export function closeAlertUpdate(table: string, alert: Pick<AlertRecord, 'id' | 'status'>, reason: ClosedReason, by: string, now: Date) {
  return {
    Update: {
      TableName: table,
      Key: keys.alert(alert.id),
      UpdateExpression: 'SET #s = :resolved, resolvedAt = :now, resolvedBy = :by, closedReason = :reason REMOVE gsi1pk, gsi1sk, gsi2pk, gsi2sk, escalateAt',
      ConditionExpression: 'attribute_exists(pk) AND #s = :was',
      ExpressionAttributeNames: { '#s': 'status' },
      ExpressionAttributeValues: { ':resolved': 'resolved', ':was': alert.status, ':now': now.toISOString(), ':by': by, ':reason': reason },
    },
  };
}

export class DynamoAlertRepository implements AlertRepository {
  constructor(
    private readonly table: string,
    private readonly client: DynamoDBDocumentClient = dynamo,
  ) {}

  async listOpen(district: string, limit: number): Promise<AlertRecord[]> {
    const out = await this.client.send(
      new QueryCommand({
        TableName: this.table,
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :pk',
        ExpressionAttributeValues: { ':pk': keys.openAlertsPk(district) },
        ScanIndexForward: false, // severity rank desc, then newest first
        Limit: limit,
      }),
    );
    return (out.Items ?? []).map((i) => alertFromItem(i, ['sealed']));
  }

  async get(id: string) {
    const items = await readPartition(this.client, this.table, keys.alert(id).pk);
    const alert = items.find((i) => i.sk === 'ALERT');
    if (!alert) return undefined;
    return {
      alert: await openedAlert(alert),
      escalations: items.filter((i) => String(i.sk).startsWith(keys.escalationPrefix)).map((i) => fromItem<EscalationRecord>(i, ['expiresAt'])),
    };
  }

  /**
   * Acknowledge: the alert leaves the escalation queue, and its acknowledgement time is recorded for the
   * report (`ackTimeItem`) in the SAME transaction, conditional on the alert being open — a retried or
   * concurrent acknowledge fails as a whole (409) and never counts twice.
   */
  async acknowledge(id: string, by: string, now: Date, audit: AuditEntry): Promise<void> {
    const alert = await this.current(id);
    if (alert.status !== 'open') throw new ConflictError('The alert is already acknowledged or resolved', 'status');
    await this.transact(
      [
        {
          Update: {
            TableName: this.table,
            Key: keys.alert(id),
            UpdateExpression: 'SET #s = :ack, acknowledgedAt = :now, acknowledgedBy = :by REMOVE gsi2pk, gsi2sk, escalateAt',
            ConditionExpression: 'attribute_exists(pk) AND #s = :open',
            ExpressionAttributeNames: { '#s': 'status' },
            ExpressionAttributeValues: { ':ack': 'acknowledged', ':open': 'open', ':now': now.toISOString(), ':by': by },
          },
        },
        ackTimeItem(this.table, { alertId: id, zone: reportZoneOf(alert), raisedAt: new Date(alert.raisedAt), acknowledgedAt: now }),
        auditPut(this.table, audit),
      ],
      id,
      'The alert is already acknowledged or resolved',
    );
  }

  /**
   * Resolve, from open or acknowledged. Resolving an open alert acknowledges it too (who, when, and its
   * ack time for the report, once). The transaction is conditional on the status read just before; if
   * an acknowledgement slipped in between, it is read again and retried.
   */
  async resolve(id: string, by: string, outcome: Outcome, now: Date, audit: AuditEntry): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      const alert = await this.current(id);
      if (alert.status === 'resolved') throw new ConflictError('The alert is already resolved', 'status');
      const fromOpen = alert.status === 'open';
      try {
        await this.transact(
          [
            {
              Update: {
                TableName: this.table,
                Key: keys.alert(id),
                UpdateExpression:
                  'SET #s = :resolved, resolvedAt = :now, resolvedBy = :by, outcome = :outcome, acknowledgedAt = if_not_exists(acknowledgedAt, :now), acknowledgedBy = if_not_exists(acknowledgedBy, :by) REMOVE gsi1pk, gsi1sk, gsi2pk, gsi2sk, escalateAt',
                ConditionExpression: 'attribute_exists(pk) AND #s = :was',
                ExpressionAttributeNames: { '#s': 'status' },
                ExpressionAttributeValues: { ':resolved': 'resolved', ':was': alert.status, ':now': now.toISOString(), ':by': by, ':outcome': outcome },
              },
            },
            ...(fromOpen ? [ackTimeItem(this.table, { alertId: id, zone: reportZoneOf(alert), raisedAt: new Date(alert.raisedAt), acknowledgedAt: now })] : []),
            auditPut(this.table, audit),
          ],
          id,
          'The alert is already resolved',
        );
        return;
      } catch (err) {
        if (!(err instanceof ConflictError) || attempt >= 3) throw err;
      }
    }
  }

  private async current(id: string): Promise<AlertRecord> {
    const out = await this.client.send(new GetCommand({ TableName: this.table, Key: keys.alert(id), ConsistentRead: true }));
    if (!out.Item) throw new NotFoundError('No such alert');
    return alertFromItem(out.Item);
  }

  private async transact(items: TransactItem[], id: string, conflict: string): Promise<void> {
    try {
      await transact(this.client, items);
    } catch (err) {
      if (cancellationCodes(err)) {
        const exists = await this.client.send(new GetCommand({ TableName: this.table, Key: keys.alert(id), ProjectionExpression: 'pk' }));
        if (!exists.Item) throw new NotFoundError('No such alert');
        throw new ConflictError(conflict, 'status');
      }
      throw err;
    }
  }

  async audit(entry: AuditEntry): Promise<void> {
    await recordAudit(this.client, this.table, entry);
  }

  async dueForEscalation(shard: number, now: Date): Promise<AlertRecord[]> {
    if (shard < 0 || shard >= WORK_SHARDS) return [];
    const items = await queryAll(this.client, {
      TableName: this.table,
      IndexName: 'gsi2',
      // `~` sorts after every alert id character: everything due at or before now.
      KeyConditionExpression: 'gsi2pk = :pk AND gsi2sk <= :now',
      ExpressionAttributeValues: { ':pk': keys.escalatePk(shard), ':now': `${now.toISOString()}~` },
    });
    return items.map((i) => ({ ...alertFromItem(i), ...(typeof i.expiresAt === 'number' ? { expiresAt: i.expiresAt } : {}) }));
  }

  async escalate(alert: QueuedAlert, now: Date): Promise<boolean> {
    const raisedAt = new Date(alert.raisedAt);
    const level = Math.max(alert.escalationLevel + 1, escalationLevelAt(alert.severity, raisedAt, now));
    if (escalationDueAt(alert.severity, raisedAt, alert.escalationLevel) === undefined) {
      // Already at the top of the ladder (an item queued before the ladder was bounded): leave the queue.
      await this.leaveQueue(alert);
      return false;
    }
    const nextAt = escalationDueAt(alert.severity, raisedAt, level)?.toISOString();
    const escalation: EscalationRecord = {
      alertId: alert.id,
      level,
      at: now.toISOString(),
      district: alert.district,
      severity: alert.severity,
      kind: alert.kind,
      orderId: alert.orderId,
      alertAt: alert.at,
      ...(alert.zoneLabel ? { zoneLabel: alert.zoneLabel } : {}),
    };
    try {
      await transact(this.client, [
        {
          Put: {
            TableName: this.table,
            // It goes when its alert goes (the order's positions expiry), and moves with it.
            Item: {
              ...keys.escalation(alert.id, level),
              type: 'ESCALATION',
              ...escalation,
              ...(alert.expiresAt !== undefined ? { expiresAt: alert.expiresAt } : {}),
            },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
        // An alert of an order that has ended never escalates (its end closes it; this covers one raised in between).
        {
          ConditionCheck: {
            TableName: this.table,
            Key: orderKeys.order(alert.orderId),
            ConditionExpression: '#s = :active',
            ExpressionAttributeNames: { '#s': 'status' },
            ExpressionAttributeValues: { ':active': 'active' },
          },
        },
        {
          Update: {
            TableName: this.table,
            Key: keys.alert(alert.id),
            ConditionExpression: '#s = :open AND escalationLevel = :prev AND attribute_exists(gsi2pk)',
            ExpressionAttributeNames: { '#s': 'status' },
            ...(nextAt
              ? {
                  UpdateExpression: 'SET escalationLevel = :level, escalateAt = :next, gsi2pk = :gpk, gsi2sk = :gsk',
                  ExpressionAttributeValues: {
                    ':level': level,
                    ':next': nextAt,
                    ':prev': alert.escalationLevel,
                    ':open': 'open',
                    ':gpk': keys.escalateIndex(alert.id, nextAt).gsi2pk,
                    ':gsk': keys.escalateIndex(alert.id, nextAt).gsi2sk,
                  },
                }
              : {
                  // The top of the ladder: out of the escalation queue, still on the open list.
                  UpdateExpression: 'SET escalationLevel = :level REMOVE escalateAt, gsi2pk, gsi2sk',
                  ExpressionAttributeValues: { ':level': level, ':prev': alert.escalationLevel, ':open': 'open' },
                }),
          },
        },
      ]);
      return true;
    } catch (err) {
      const codes = cancellationCodes(err);
      if (codes) {
        if (codes[1] === 'ConditionalCheckFailed') await this.closeForEndedOrder(alert, now);
        return false;
      }
      throw err;
    }
  }

  private async leaveQueue(alert: AlertRecord): Promise<void> {
    await updateIf(this.client, {
      TableName: this.table,
      Key: keys.alert(alert.id),
      UpdateExpression: 'REMOVE escalateAt, gsi2pk, gsi2sk',
      ConditionExpression: 'escalationLevel = :prev',
      ExpressionAttributeValues: { ':prev': alert.escalationLevel },
    });
  }

  private async closeForEndedOrder(alert: AlertRecord, now: Date): Promise<void> {
    await updateIf(this.client, closeAlertUpdate(this.table, alert, 'order_ended', 'system', now).Update);
  }

  async markPublished(key: { pk: string; sk: string }, now: Date, messageId: string): Promise<boolean> {
    return updateIf(this.client, {
      TableName: this.table,
      Key: key,
      UpdateExpression: 'SET publishedAt = :now, snsMessageId = :mid REMOVE publishLeaseUntil',
      ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(publishedAt)',
      ExpressionAttributeValues: { ':now': now.toISOString(), ':mid': messageId },
    });
  }

  async publishState(key: { pk: string; sk: string }): Promise<{ publishedAt?: string; publishLeaseUntil?: number } | null> {
    const out = await this.client.send(
      new GetCommand({ TableName: this.table, Key: key, ConsistentRead: true, ProjectionExpression: 'pk, publishedAt, publishLeaseUntil' }),
    );
    if (!out.Item) return null;
    return {
      ...(typeof out.Item.publishedAt === 'string' ? { publishedAt: out.Item.publishedAt } : {}),
      ...(out.Item.publishLeaseUntil !== undefined ? { publishLeaseUntil: Number(out.Item.publishLeaseUntil) } : {}),
    };
  }

  async releasePublishLease(key: { pk: string; sk: string }, leaseUntil: number): Promise<void> {
    await updateIf(this.client, {
      TableName: this.table,
      Key: key,
      UpdateExpression: 'REMOVE publishLeaseUntil',
      ConditionExpression: 'publishLeaseUntil = :lease AND attribute_not_exists(publishedAt)',
      ExpressionAttributeValues: { ':lease': leaseUntil },
    });
  }
}
