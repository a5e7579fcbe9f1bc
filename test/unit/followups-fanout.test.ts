import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SendMessageBatchCommand, SQSClient } from '@aws-sdk/client-sqs';
import { DynamoDBDocumentClient, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { SQSRecord } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { LEASE_MS } from '../../functions/followups/queue.js';
import { fanOutBody, fanOutKey } from '../../functions/followups/remind.js';
import { runFollowupTick, type TickDeps } from '../../functions/followups/tick.js';
import { runFollowupWorker } from '../../functions/followups/worker.js';
import { PUBLISH_BATCH_MAX } from '../../functions/lib/notifier.js';
import { SqsWorkQueue, type QueueEntry, type WorkQueue } from '../../functions/lib/work-queue.js';
import { timeoutOf } from '../../shared/functions.js';
import { isPersonalField } from '../../shared/personal-data.js';
import { QUEUE_NAMES, queues, SEND_BATCH_MAX, visibilityTimeoutOf } from '../../shared/queues.js';
import { WORK_SHARDS } from '../../shared/table.js';
import { RecordingNotifier } from '../support/fakes/notifier.js';

// The handler modules read their configuration at load, as in Lambda (TABLE_ENV and the topics' variables).
vi.hoisted(() => {
  process.env.TABLE_NAME ??= 't';
  process.env.TOPIC_OFFICER_REMINDERS ??= 'arn:aws:sns:eu-west-1:000000000000:reminders';
  process.env.TOPIC_SUPERVISOR_ESCALATIONS ??= 'arn:aws:sns:eu-west-1:000000000000:escalations';
});

const sqsMock = mockClient(SQSClient);
const URL = 'https://sqs.eu-west-1.amazonaws.com/000000000000/oneroof-followupFanOut';
const key = (n: number) => ({ pk: `CASE#C-${n}`, sk: `FOLLOWUP#FU-${n}`, gsi1sk: `2026-12-02T10:00:00.000Z#FU-${n}` });

/** The queue port in memory: keeps what was sent; `refuse` ids of the next calls fail. */
class RecordingQueue implements WorkQueue {
  readonly sent: QueueEntry[][] = [];
  refuse = 0;
  async sendBatch(entries: readonly QueueEntry[]) {
    this.sent.push([...entries]);
    const failed = entries.slice(0, this.refuse).map((e) => e.id);
    this.refuse -= failed.length;
    return failed.length > 0 ? { failed, error: 'InternalError' } : { failed };
  }
}

const conditionFailed = () => Object.assign(new Error('The conditional request failed'), { name: 'ConditionalCheckFailedException' });

describe('work queue declarations', () => {
  it.each(QUEUE_NAMES)('%s: one PublishBatch per batch, a visibility timeout of six consumer timeouts, a lease that outlives the consumer', (name) => {
    const decl = queues[name];
    expect(decl.batchSize).toBeLessThanOrEqual(PUBLISH_BATCH_MAX);
    expect(decl.maxConcurrency).toBeGreaterThanOrEqual(2);
    expect(visibilityTimeoutOf(name)).toBe(6 * timeoutOf(decl.consumer));
    // A crashed consumer's claim expires only after it is surely gone, so no two publish one item at once.
    expect(LEASE_MS).toBeGreaterThan(timeoutOf(decl.consumer) * 1000);
  });
});

describe('fan-out messages', () => {
  it('carry the key and the index position only, and read back; anything else is not a key', () => {
    const body = fanOutBody({ ...key(1), ...{ attrs: { victimRef: 'V-SECRET' } } } as ReturnType<typeof key>);
    expect(body).not.toContain('V-SECRET');
    const parsed = JSON.parse(body) as Record<string, unknown>;
    expect(Object.keys(parsed).sort()).toEqual(['gsi1sk', 'pk', 'sk']);
    for (const k of Object.keys(parsed)) expect(isPersonalField(k)).toBe(false);
    expect(fanOutKey(body)).toEqual(key(1));
    for (const bad of ['', 'not json', '[]', 'null', '{"pk":"CASE#1","sk":"F"}', '{"pk":1,"sk":"F","gsi1sk":"x"}', JSON.stringify({ ...key(1), pk: '' })])
      expect(fanOutKey(bad), bad).toBeUndefined();
  });
});

describe('SqsWorkQueue (adapter)', () => {
  beforeEach(() => sqsMock.reset());

  it('sends one SendMessageBatch to the queue URL and names the entries SQS did not take', async () => {
    sqsMock.on(SendMessageBatchCommand).resolves({
      Successful: [{ Id: '0', MessageId: 'm0', MD5OfMessageBody: '' }],
      Failed: [{ Id: '1', Code: 'InternalError', SenderFault: false }],
    });
    const out = await new SqsWorkQueue(URL, () => new SQSClient({})).sendBatch([
      { id: '0', body: 'a' },
      { id: '1', body: 'b' },
      { id: '2', body: 'c' },
    ]);
    // '2' reported neither way: not queued.
    expect(out).toEqual({ failed: ['1', '2'], error: 'InternalError' });
    expect(sqsMock.commandCalls(SendMessageBatchCommand)[0]?.args[0].input).toEqual({
      QueueUrl: URL,
      Entries: [
        { Id: '0', MessageBody: 'a' },
        { Id: '1', MessageBody: 'b' },
        { Id: '2', MessageBody: 'c' },
      ],
    });
  });

  it('never throws for a failed request (every entry failed), refuses more than ten entries', async () => {
    sqsMock.on(SendMessageBatchCommand).rejects(Object.assign(new Error('slow down'), { name: 'ThrottlingException' }));
    const queue = new SqsWorkQueue(URL, () => new SQSClient({}));
    expect(await queue.sendBatch([{ id: '0', body: 'a' }])).toEqual({ failed: ['0'], error: 'ThrottlingException' });
    await expect(queue.sendBatch(Array.from({ length: SEND_BATCH_MAX + 1 }, (_, i) => ({ id: String(i), body: 'x' })))).rejects.toThrow('At most');
    expect(await queue.sendBatch([])).toEqual({ failed: [] });
  });
});

describe('the tick as dispatcher', () => {
  const dynamoMock = mockClient(DynamoDBDocumentClient);
  const client = DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'eu-west-1' }));
  beforeEach(() => dynamoMock.reset());

  /** `n` due items in shard 0, none elsewhere; every claim lost (so inline items count as skipped). */
  const dueInShardZero = (n: number) => {
    dynamoMock.on(QueryCommand).callsFake((input: { ExpressionAttributeValues: Record<string, string> }) => ({
      Items:
        input.ExpressionAttributeValues[':pk'] === 'DUE#0'
          ? Array.from({ length: n }, (_, i) => ({ ...key(i), type: 'FOLLOWUP', tickStage: 'remind', tickAt: '2026-12-02T10:00:00.000Z' }))
          : [],
    }));
    dynamoMock.on(UpdateCommand).rejects(conditionFailed());
  };
  const deps = (queue: WorkQueue, inlineMax: number): TickDeps => ({
    table: 't',
    client,
    notifier: new RecordingNotifier(),
    graceMinutes: 60,
    fanOut: { queue, inlineMax },
  });

  it("handles each shard's share of inlineMax itself, the oldest first, and sends the rest as keys, ten per SendMessageBatch", async () => {
    dueInShardZero(95);
    const queue = new RecordingQueue();
    const out = await runFollowupTick(deps(queue, 8 * WORK_SHARDS), new Date('2026-12-02T10:05:00.000Z'));
    expect(out).toMatchObject({ skipped: 8, dispatched: 87, deferred: 0 });
    expect(queue.sent.every((b) => b.length <= SEND_BATCH_MAX)).toBe(true);
    const keys = queue.sent.flat().map((e) => fanOutKey(e.body));
    expect(keys).toHaveLength(87);
    expect(new Set(keys.map((k) => k?.sk))).toEqual(new Set(Array.from({ length: 87 }, (_, i) => key(i + 8).sk)));
    // Only the inline share was claimed by the tick.
    expect(dynamoMock.commandCalls(UpdateCommand)).toHaveLength(8);
  });

  it('a burst within inlineMax is not sent at all; what the queue refuses is deferred (still due)', async () => {
    dueInShardZero(30);
    const queue = new RecordingQueue();
    expect(await runFollowupTick(deps(queue, 40 * WORK_SHARDS), new Date('2026-12-02T10:05:00.000Z'))).toMatchObject({ skipped: 30, dispatched: 0 });
    expect(queue.sent).toEqual([]);

    queue.refuse = 3;
    expect(await runFollowupTick(deps(queue, WORK_SHARDS), new Date('2026-12-02T10:05:00.000Z'))).toMatchObject({ skipped: 1, dispatched: 26, deferred: 3 });
  });
});

describe('the worker', () => {
  const dynamoMock = mockClient(DynamoDBDocumentClient);
  const client = DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'eu-west-1' }));
  const record = (messageId: string, body: string) => ({ messageId, body }) as SQSRecord;

  beforeEach(() => dynamoMock.reset());

  it('reports for redelivery exactly the messages an error left undone; a lost claim is skipped and done', async () => {
    dynamoMock
      .on(UpdateCommand, { Key: { pk: key(1).pk, sk: key(1).sk } })
      .rejects(conditionFailed())
      .on(UpdateCommand, { Key: { pk: key(2).pk, sk: key(2).sk } })
      .rejects(Object.assign(new Error('busy'), { name: 'ProvisionedThroughputExceededException' }));
    const notifier = new RecordingNotifier();
    const out = await runFollowupWorker(
      { table: 't', client, notifier, graceMinutes: 60 },
      [record('m-lost', fanOutBody(key(1))), record('m-error', fanOutBody(key(2))), record('m-garbage', '{"pk":"CASE#1"}')],
      new Date(),
    );
    expect(out.failed.sort()).toEqual(['m-error', 'm-garbage']);
    expect(out.result).toMatchObject({ skipped: 1, reminded: 0 });
    expect(notifier.sent).toEqual([]);
  });
});
