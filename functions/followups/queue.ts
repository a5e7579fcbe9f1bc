import { randomUUID } from 'node:crypto';
import { UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { metric } from '../../shared/metrics.js';
import { deadLetterExpiresAt } from '../../shared/cases/retention.js';
import { caseKeys } from '../cases/keys.js';
import { dynamo } from '../lib/clients.js';
import { cancellationCodes, isConditionFailed, queryAll, transact, updateIf, type TransactItem } from '../lib/dynamo.js';
import { statsAdd } from '../lib/stats.js';

/**
 * The reminder tick's work queue: items on gsi1 `DUE#<shard>` / `<tickAt>#<id>` (follow-ups in stage
 * `remind` or `escalate`, notices in stage `notice`). Exactly-once in effect:
 * 1. claim — a conditional update takes a lease (`leaseUntil`, a random `leaseToken`) only if the item is
 *    still in the stage and time the query saw and no live lease exists: of two racing ticks, one wins;
 * 2. publish to SNS;
 * 3. finish — a transaction conditional on `leaseToken` (and the follow-up still pending) moves the item
 *    to its next stage (or out of the queue), bumps its version and adds the report counter.
 * A crash after 1 leaves a lease that expires (LEASE_MS > the tick's timeout), so the next tick publishes:
 * never a miss. A failed publish releases the lease with back-off; after MAX_ATTEMPTS the item moves on
 * and a dead-letter item is written (visible). A user's change (complete, reschedule, reassign) rewrites
 * the follow-up without the lease, so a finish after it fails and counts nothing.
 */
export const LEASE_MS = 2 * 60_000;
export const MAX_ATTEMPTS = 5;
export const backoffMs = (attempt: number) => Math.min(30, 2 ** Math.max(0, attempt - 1)) * 60_000;

export type Stage = 'remind' | 'escalate' | 'notice';

export interface QueueItem {
  pk: string;
  sk: string;
  type: string;
  stage: Stage;
  tickAt: string;
  gsi1sk: string;
  attrs: Record<string, unknown>;
}

/**
 * What a claim needs of an item: its key and the index position the query saw (`<tickAt>#<id>`, the
 * claim's condition). The tick's fan-out sends exactly this to the workers: keys, never the item.
 */
export type QueueKey = Pick<QueueItem, 'pk' | 'sk' | 'gsi1sk'>;

export interface Claimed extends QueueItem {
  token: string;
  attempts: number;
}

/**
 * Where a queue lives: its shard partitions on gsi1 and its dead letters. The follow-up tick's by default;
 * another capability's tick (functions/fjc/tick.ts) runs the same machinery on partitions of its own.
 */
export interface QueuePlace {
  duePk: (shard: number) => string;
  deadLetter: (at: string, id: string, stage: string) => { pk: string; sk: string };
}

const FOLLOWUP_QUEUE: QueuePlace = { duePk: caseKeys.duePk, deadLetter: caseKeys.deadLetter };

export class FollowupQueue {
  constructor(
    private readonly table: string,
    private readonly client: DynamoDBDocumentClient = dynamo,
    private readonly place: QueuePlace = FOLLOWUP_QUEUE,
  ) {}

  /** Items of one shard whose time has come (paged; never a scan). */
  async due(shard: number, now: Date): Promise<QueueItem[]> {
    const items = await queryAll(this.client, {
      TableName: this.table,
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pk AND gsi1sk <= :upto',
      ExpressionAttributeValues: { ':pk': this.place.duePk(shard), ':upto': `${now.toISOString()}#~` },
    });
    // A live lease: another tick holds the item, or it is backing off.
    const free = items.filter((i) => !(typeof i.leaseUntil === 'string' && i.leaseUntil > now.toISOString()));
    return free.map(toQueueItem);
  }

  /** Takes the lease; undefined if another tick took it or the item changed since the query. */
  async claim(item: QueueKey, now: Date): Promise<Claimed | undefined> {
    const token = randomUUID();
    try {
      const out = await this.client.send(
        new UpdateCommand({
          TableName: this.table,
          Key: { pk: item.pk, sk: item.sk },
          UpdateExpression: 'SET leaseUntil = :lease, leaseToken = :token ADD attempts :one',
          ConditionExpression: 'gsi1sk = :sk AND (attribute_not_exists(leaseUntil) OR leaseUntil <= :now)',
          ExpressionAttributeValues: {
            ':lease': new Date(now.getTime() + LEASE_MS).toISOString(),
            ':token': token,
            ':one': 1,
            ':sk': item.gsi1sk,
            ':now': now.toISOString(),
          },
          ReturnValues: 'ALL_NEW',
        }),
      );
      const fresh = toQueueItem(out.Attributes ?? {});
      return { ...fresh, token, attempts: Number(out.Attributes?.attempts ?? 1) };
    } catch (err) {
      if (isConditionFailed(err)) return undefined;
      throw err;
    }
  }

  /**
   * Marks the claimed item done for its stage; false if a user changed it meanwhile (nothing written).
   * `also`: the place's own items written with it (a report counter the finish decides).
   */
  async finish(c: Claimed, now: Date, messageId: string, next: { stage: 'escalate'; at: string } | undefined, also: TransactItem[] = []): Promise<boolean> {
    const at = now.toISOString();
    const names: Record<string, string> = { '#status': 'status', '#v': 'version' };
    const values: Record<string, unknown> = { ':token': c.token, ':now': at, ':mid': messageId };
    let update: string;
    const extra: TransactItem[] = [...also];
    let cond = 'leaseToken = :token';
    if (c.stage === 'notice') {
      update = 'SET publishedAt = :now, messageId = :mid REMOVE gsi1pk, gsi1sk, tickStage, tickAt, leaseUntil, leaseToken, attempts';
    } else {
      cond += ' AND #status = :pending';
      values[':pending'] = 'pending';
      values[':one'] = 1;
      if (c.stage === 'remind' && next) {
        update =
          'SET remindedAt = :now, messageId = :mid, tickStage = :stage, tickAt = :at, gsi1sk = :sk, #v = #v + :one REMOVE leaseUntil, leaseToken, attempts';
        Object.assign(values, { ':stage': next.stage, ':at': next.at, ':sk': `${next.at}#${String(c.attrs.id)}` });
      } else {
        const first = c.attrs.escalatedAt === undefined;
        update = `SET ${first ? 'escalatedAt = :now, reportOutcome = :missed, ' : ''}lastEscalatedAt = :now, messageId = :mid, #v = #v + :one REMOVE gsi1pk, gsi1sk, tickStage, tickAt, leaseUntil, leaseToken, attempts`;
        if (first) {
          values[':missed'] = 'missed';
          // Missed: counted once, in the month the follow-up was first due, with the escalation that decides it.
          extra.push(statsAdd(this.table, new Date(String(c.attrs.countedDueAt ?? c.attrs.dueAt)), String(c.attrs.zone), { [metric.followupsMissed]: 1 }));
        }
      }
    }
    try {
      await transact(
        this.client,
        [
          {
            Update: {
              TableName: this.table,
              Key: { pk: c.pk, sk: c.sk },
              UpdateExpression: update,
              ConditionExpression: cond,
              ExpressionAttributeNames: names,
              ExpressionAttributeValues: values,
            },
          },
          ...extra,
        ].map((i) => stripUnused(i)),
      );
      return true;
    } catch (err) {
      if (cancellationCodes(err)) return false;
      throw err;
    }
  }

  /** After a failed publish: back off, or past MAX_ATTEMPTS move on and leave a visible dead letter. */
  async failed(c: Claimed, now: Date, error: string, next: { stage: 'escalate'; at: string } | undefined): Promise<'retry' | 'dead'> {
    const key = { pk: c.pk, sk: c.sk };
    const values: Record<string, unknown> = { ':token': c.token, ':err': error.slice(0, 200) };
    if (c.attempts < MAX_ATTEMPTS) {
      values[':retry'] = new Date(now.getTime() + backoffMs(c.attempts)).toISOString();
      await this.tryUpdate(key, 'SET leaseUntil = :retry, lastError = :err REMOVE leaseToken', values);
      return 'retry';
    }
    const at = now.toISOString();
    const dead: TransactItem = {
      Put: {
        TableName: this.table,
        Item: {
          ...this.place.deadLetter(at, String(c.attrs.id), c.stage),
          type: 'FOLLOWUP_DEAD_LETTER',
          itemPk: c.pk,
          itemSk: c.sk,
          stage: c.stage,
          attempts: c.attempts,
          lastError: error.slice(0, 200),
          at,
          expiresAt: deadLetterExpiresAt(now),
        },
      },
    };
    const update =
      c.stage === 'remind' && next
        ? {
            expr: 'SET tickStage = :stage, tickAt = :at, gsi1sk = :sk, lastError = :err REMOVE leaseUntil, leaseToken, attempts',
            vals: { ':stage': next.stage, ':at': next.at, ':sk': `${next.at}#${String(c.attrs.id)}` },
          }
        : { expr: 'SET lastError = :err REMOVE gsi1pk, gsi1sk, tickStage, tickAt, leaseUntil, leaseToken, attempts', vals: {} };
    try {
      await transact(this.client, [
        {
          Update: {
            TableName: this.table,
            Key: key,
            UpdateExpression: update.expr,
            ConditionExpression: 'leaseToken = :token',
            ExpressionAttributeValues: { ...values, ...update.vals },
          },
        },
        dead,
      ]);
    } catch (err) {
      if (!cancellationCodes(err)) throw err;
    }
    return 'dead';
  }

  private async tryUpdate(key: Record<string, string>, expr: string, values: Record<string, unknown>): Promise<void> {
    await updateIf(this.client, {
      TableName: this.table,
      Key: key,
      UpdateExpression: expr,
      ConditionExpression: 'leaseToken = :token',
      ExpressionAttributeValues: values,
    });
  }
}

/** Drops expression attribute names the expression does not use (DynamoDB refuses unused ones). */
function stripUnused(item: TransactItem): TransactItem {
  const u = item.Update;
  if (!u?.ExpressionAttributeNames) return item;
  const text = `${u.UpdateExpression ?? ''} ${u.ConditionExpression ?? ''}`;
  const names = Object.fromEntries(Object.entries(u.ExpressionAttributeNames).filter(([k]) => text.includes(k)));
  const { ExpressionAttributeNames: _all, ...rest } = u;
  return { Update: Object.keys(names).length > 0 ? { ...rest, ExpressionAttributeNames: names } : rest };
}

function toQueueItem(i: Record<string, unknown>): QueueItem {
  const stage = i.tickStage as Stage;
  return { pk: String(i.pk), sk: String(i.sk), type: String(i.type), stage, tickAt: String(i.tickAt), gsi1sk: String(i.gsi1sk), attrs: i };
}
