import { GetCommand, QueryCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { ConflictError, NotFoundError } from '../../shared/errors.js';
import { WORK_SHARDS } from '../../shared/table.js';
import { escalationDueAt } from '../../shared/zones/index.js';
import { auditPut, recordAudit, type AuditEntry } from '../lib/audit.js';
import { dynamo } from '../lib/clients.js';
import { ackTimeItem } from '../lib/stats.js';
import { keys } from './keys.js';
import { openedAlert, withoutKeys, type AlertRecord, type Outcome } from './model.js';

export interface EscalationRecord {
  alertId: string;
  level: number;
  at: string;
  district: string;
  severity: AlertRecord['severity'];
  kind: AlertRecord['kind'];
  orderId: string;
  alertAt: string;
  zoneLabel?: string;
  publishedAt?: string;
}

/** Port: alerts persistence (police API, escalation tick, outbox publisher). */
export interface AlertRepository {
  /** Open alerts without their evidence: it stays sealed (the list never shows it; `get` opens it). */
  listOpen(district: string, limit: number): Promise<AlertRecord[]>;
  get(id: string): Promise<{ alert: AlertRecord; escalations: EscalationRecord[] } | undefined>;
  acknowledge(id: string, by: string, now: Date, audit: AuditEntry): Promise<void>;
  resolve(id: string, by: string, outcome: Outcome, now: Date, audit: AuditEntry): Promise<void>;
  audit(entry: AuditEntry): Promise<void>;
  dueForEscalation(shard: number, now: Date): Promise<AlertRecord[]>;
  /** Writes escalation `level` (once) and moves the alert to its next escalation time; false if it was acknowledged or escalated meanwhile. */
  escalate(alert: AlertRecord, now: Date): Promise<boolean>;
  /** Current publishedAt of an alert or escalation item (consistent read). */
  publishedAt(key: { pk: string; sk: string }): Promise<string | undefined | null>;
  /** Sets publishedAt once; false when it was already set. */
  markPublished(key: { pk: string; sk: string }, now: Date, messageId: string): Promise<boolean>;
}

export class DynamoAlertRepository implements AlertRepository {
  constructor(private readonly table: string) {}

  async listOpen(district: string, limit: number): Promise<AlertRecord[]> {
    const out = await dynamo.send(
      new QueryCommand({
        TableName: this.table,
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :pk',
        ExpressionAttributeValues: { ':pk': keys.openAlertsPk(district) },
        ScanIndexForward: false, // severity rank desc, then newest first
        Limit: limit,
      }),
    );
    return (out.Items ?? []).map(({ sealed: _sealed, ...i }) => withoutKeys<AlertRecord>(i));
  }

  async get(id: string) {
    const out = await dynamo.send(
      new QueryCommand({ TableName: this.table, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': keys.alert(id).pk }, ConsistentRead: true }),
    );
    const items = out.Items ?? [];
    const alert = items.find((i) => i.sk === 'ALERT');
    if (!alert) return undefined;
    return {
      alert: await openedAlert(alert),
      escalations: items.filter((i) => String(i.sk).startsWith('ESCALATION#')).map((i) => withoutKeys<EscalationRecord>(i)),
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
        ackTimeItem(this.table, { alertId: id, zone: alert.district, raisedAt: new Date(alert.raisedAt), acknowledgedAt: now }),
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
            ...(fromOpen ? [ackTimeItem(this.table, { alertId: id, zone: alert.district, raisedAt: new Date(alert.raisedAt), acknowledgedAt: now })] : []),
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
    const out = await dynamo.send(new GetCommand({ TableName: this.table, Key: keys.alert(id), ConsistentRead: true }));
    if (!out.Item) throw new NotFoundError('No such alert');
    return withoutKeys<AlertRecord>(out.Item);
  }

  private async transact(items: NonNullable<ConstructorParameters<typeof TransactWriteCommand>[0]['TransactItems']>, id: string, conflict: string): Promise<void> {
    try {
      await dynamo.send(new TransactWriteCommand({ TransactItems: items }));
    } catch (err) {
      if (err instanceof TransactionCanceledException || (err as { name?: string }).name === 'TransactionCanceledException') {
        const exists = await dynamo.send(new GetCommand({ TableName: this.table, Key: keys.alert(id), ProjectionExpression: 'pk' }));
        if (!exists.Item) throw new NotFoundError('No such alert');
        throw new ConflictError(conflict, 'status');
      }
      throw err;
    }
  }

  async audit(entry: AuditEntry): Promise<void> {
    await recordAudit(dynamo, this.table, entry);
  }

  async dueForEscalation(shard: number, now: Date): Promise<AlertRecord[]> {
    if (shard < 0 || shard >= WORK_SHARDS) return [];
    const out: AlertRecord[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const page = await dynamo.send(
        new QueryCommand({
          TableName: this.table,
          IndexName: 'gsi2',
          // `~` sorts after every alert id character: everything due at or before now.
          KeyConditionExpression: 'gsi2pk = :pk AND gsi2sk <= :now',
          ExpressionAttributeValues: { ':pk': keys.escalatePk(shard), ':now': `${now.toISOString()}~` },
          ...(start ? { ExclusiveStartKey: start } : {}),
        }),
      );
      for (const i of page.Items ?? []) out.push(withoutKeys<AlertRecord>(i));
      start = page.LastEvaluatedKey;
    } while (start);
    return out;
  }

  async escalate(alert: AlertRecord, now: Date): Promise<boolean> {
    const level = alert.escalationLevel + 1;
    const next = escalationDueAt(alert.severity, new Date(alert.raisedAt), level).toISOString();
    const nextAt = next > now.toISOString() ? next : new Date(now.getTime() + 60_000).toISOString();
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
      await dynamo.send(
        new TransactWriteCommand({
          TransactItems: [
            { Put: { TableName: this.table, Item: { ...keys.escalation(alert.id, level), type: 'ESCALATION', ...escalation }, ConditionExpression: 'attribute_not_exists(pk)' } },
            {
              Update: {
                TableName: this.table,
                Key: keys.alert(alert.id),
                UpdateExpression: 'SET escalationLevel = :level, escalateAt = :next, gsi2pk = :gpk, gsi2sk = :gsk',
                ConditionExpression: '#s = :open AND escalationLevel = :prev AND attribute_exists(gsi2pk)',
                ExpressionAttributeNames: { '#s': 'status' },
                ExpressionAttributeValues: { ':level': level, ':next': nextAt, ':prev': alert.escalationLevel, ':open': 'open', ':gpk': keys.escalateIndex(alert.id, nextAt).gsi2pk, ':gsk': keys.escalateIndex(alert.id, nextAt).gsi2sk },
              },
            },
          ],
        }),
      );
      return true;
    } catch (err) {
      if (err instanceof TransactionCanceledException || (err as { name?: string }).name === 'TransactionCanceledException') return false;
      throw err;
    }
  }

  async publishedAt(key: { pk: string; sk: string }): Promise<string | undefined | null> {
    const out = await dynamo.send(new GetCommand({ TableName: this.table, Key: key, ConsistentRead: true, ProjectionExpression: 'pk, publishedAt' }));
    if (!out.Item) return null;
    return out.Item.publishedAt as string | undefined;
  }

  async markPublished(key: { pk: string; sk: string }, now: Date, messageId: string): Promise<boolean> {
    try {
      await dynamo.send(
        new UpdateCommand({
          TableName: this.table,
          Key: key,
          UpdateExpression: 'SET publishedAt = :now, snsMessageId = :mid',
          ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(publishedAt)',
          ExpressionAttributeValues: { ':now': now.toISOString(), ':mid': messageId },
        }),
      );
      return true;
    } catch (err) {
      if (err instanceof ConditionalCheckFailedException || (err as { name?: string }).name === 'ConditionalCheckFailedException') return false;
      throw err;
    }
  }
}
