import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { SQSEvent } from 'aws-lambda';
import { ulid } from 'ulid';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { followupItem, type StoredFollowup } from '../../functions/cases/repository.js';
import { runFollowupTick, type TickDeps } from '../../functions/followups/tick.js';
import { dynamo } from '../../functions/lib/clients.js';
import { SnsNotifier } from '../../functions/lib/notifier.js';
import { SqsWorkQueue } from '../../functions/lib/work-queue.js';
import { ensureTable } from '../../infra/local/dynamodb.js';
import { invoke, loadHandler } from '../../infra/local/handlers.js';
import { startLocalSqs, type LocalSqs } from '../../infra/local/sqs.js';
import { timeoutOf } from '../../shared/functions.js';
import { TABLE_ENV } from '../../shared/table.js';
import { clearInbox, failPublishes, inbox } from '../support/sns-inbox.js';

/**
 * The tick fans a burst out through the work queue (infra/local/sqs.ts behind the real SQS client) to the
 * real worker handler (functions/followups/worker.ts, run as `followupWorker`, so its declared partitions
 * are enforced). In a table of its own, so only these follow-ups are due.
 */
const TABLE = `oneroof-fanout-${Date.now().toString(36)}`;
const N = 200;
/** Small, so the burst is mostly the workers'. */
const INLINE_MAX = 40;

let sqs: LocalSqs;
/** What the local event source calls; each test sets it (default: the worker as deployed). */
let consumer: (event: SQSEvent) => Promise<unknown>;
const worker = (event: SQSEvent) => invoke('followupWorker', event);
let deps: TickDeps;
const saved = { table: process.env[TABLE_ENV], endpoint: process.env.AWS_ENDPOINT_URL_SQS };

beforeAll(async () => {
  const client = new DynamoDBClient({});
  await ensureTable(client, TABLE);
  client.destroy();
  // The worker reads its table at load, as in Lambda.
  process.env[TABLE_ENV] = TABLE;
  // Loaded once here (its cold start, on a loaded machine, would outlast the visibility timeout below).
  await loadHandler('followupWorker');
  // The worker's own timeout instead of six of them: no invocation outlasts it (the local context's
  // deadline ends it), so a message comes back only after a failure, and sooner than in AWS.
  sqs = await startLocalSqs({ run: (_queue, event) => consumer(event), visibilityTimeoutMs: timeoutOf('followupWorker') * 1000, pollMs: 20 });
  process.env.AWS_ENDPOINT_URL_SQS = sqs.endpoint;
  deps = {
    table: TABLE,
    client: dynamo,
    notifier: new SnsNotifier(['officerReminders', 'supervisorEscalations']),
    graceMinutes: 60,
    fanOut: { queue: new SqsWorkQueue(sqs.urlOf('followupFanOut')), inlineMax: INLINE_MAX },
  };
});

afterAll(async () => {
  await sqs.stop();
  process.env[TABLE_ENV] = saved.table;
  if (saved.endpoint === undefined) delete process.env.AWS_ENDPOINT_URL_SQS;
  else process.env.AWS_ENDPOINT_URL_SQS = saved.endpoint;
});

beforeEach(async () => {
  consumer = worker;
  sqs.failSends(0);
  await failPublishes(0);
  await clearInbox();
});

async function seedDue(zone: string, n: number, now: Date): Promise<string[]> {
  const due = new Date(now.getTime() - 60_000).toISOString();
  const items = Array.from({ length: n }, (_, i) => {
    const f: StoredFollowup = {
      id: `FU-${ulid()}`,
      version: 1,
      caseId: `C-${ulid()}`,
      zone,
      officer: `olivia.officer${i % 5}`,
      purpose: 'contact_victim',
      urgency: 'normal',
      status: 'pending',
      dueAt: due,
      countedDueAt: due,
      createdAt: now.toISOString(),
      tick: { stage: 'remind', at: due },
    };
    return followupItem(f);
  });
  for (let i = 0; i < items.length; i += 25) {
    let pending = items.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } }));
    while (pending.length > 0) {
      const out = await dynamo.send(new BatchWriteCommand({ RequestItems: { [TABLE]: pending } }));
      pending = (out.UnprocessedItems?.[TABLE] ?? []) as typeof pending;
    }
  }
  return items.map((i) => String(i.id));
}

/** Dead letters holding one of these follow-ups' keys. */
const deadLettersOf = (ids: string[]) => sqs.depth('followupFanOut').deadLetters.filter((m) => ids.some((id) => m.body.includes(id)));

const remindersIn = async (zone: string) => (await inbox('officerReminders')).filter((m) => m.attributes.zone === zone);

/**
 * On a loaded machine a PublishBatch can time out: those items back off in the table (as designed) and
 * go out with a later tick. A few later ticks (minutes apart, before any escalation is due) let them.
 */
async function catchUp(zone: string, n: number, now: Date): Promise<void> {
  for (let k = 1; k <= 3 && (await remindersIn(zone)).length < n; k++) {
    await runFollowupTick(deps, new Date(now.getTime() + k * 5 * 60_000));
    await sqs.drained('followupFanOut', 200_000);
  }
}

/** Each follow-up of the zone reminded exactly once (SNS deliveries, by follow-up id). */
async function expectEachRemindedOnce(zone: string, ids: string[]): Promise<void> {
  const sent = await remindersIn(zone);
  expect(sent.map((m) => m.attributes.followupId).sort()).toEqual([...ids].sort());
}

describe('reminder fan-out through the work queue', () => {
  it('a burst beyond the inline share goes to the workers as keys; each follow-up is reminded once, and a tick after finds nothing', async () => {
    const zone = `fanout-${ulid().toLowerCase()}`;
    const now = new Date();
    const ids = await seedDue(zone, N, now);
    const bodies: string[] = [];
    consumer = (event) => {
      bodies.push(...event.Records.map((r) => r.body));
      return worker(event);
    };

    const first = await runFollowupTick(deps, now);
    expect(first.dispatched).toBeGreaterThan(N / 2);
    expect(first.reminded + first.retrying + first.dispatched).toBe(N);
    expect(first).toMatchObject({ deferred: 0, deadLettered: 0 });
    await sqs.drained('followupFanOut', 200_000);
    expect(new Set(bodies).size).toBe(first.dispatched);
    await catchUp(zone, N, now);

    await expectEachRemindedOnce(zone, ids);
    expect(deadLettersOf(ids)).toEqual([]);
    // Keys only: the item's key and its index position, nothing of the follow-up itself.
    for (const body of bodies) expect(Object.keys(JSON.parse(body) as object).sort()).toEqual(['gsi1sk', 'pk', 'sk']);

    const again = await runFollowupTick(deps, new Date(now.getTime() + 20 * 60_000));
    expect(again).toMatchObject({ reminded: 0, dispatched: 0 });
  }, 240_000);

  it('redelivery and a second tick sending the same keys are harmless: each follow-up is still reminded once', async () => {
    const zone = `fanout-${ulid().toLowerCase()}`;
    const now = new Date();
    const ids = await seedDue(zone, N, now);
    let open: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => {
      open = resolve;
    });
    let crashBefore = 1;
    let crashAfter = 1;
    consumer = async (event) => {
      await gate;
      if (crashBefore-- > 0) throw new Error('worker crashed before doing anything');
      const out = await worker(event);
      if (crashAfter-- > 0) throw new Error('worker crashed after its work');
      return out;
    };

    const first = await runFollowupTick(deps, now);
    // The workers have not started: the keys are still due, so the next tick handles its share and sends the rest again.
    const second = await runFollowupTick(deps, new Date(now.getTime() + 1_000));
    expect(second.dispatched).toBeGreaterThan(0);
    expect(first.reminded + first.retrying + second.reminded + second.retrying + second.dispatched).toBe(N);
    open();
    await sqs.drained('followupFanOut', 200_000);
    await catchUp(zone, N, now);

    await expectEachRemindedOnce(zone, ids);
    expect(deadLettersOf(ids)).toEqual([]);
    expect(crashBefore).toBeLessThan(0);
    expect(crashAfter).toBeLessThan(0);
  }, 240_000);

  it('keys the queue refuses stay due and go out with the next tick', async () => {
    const zone = `fanout-${ulid().toLowerCase()}`;
    const now = new Date();
    const ids = await seedDue(zone, 60, now);
    sqs.failSends(15);
    const first = await runFollowupTick(deps, now);
    expect(first.deferred).toBe(15);
    await sqs.drained('followupFanOut', 200_000);
    const second = await runFollowupTick(deps, new Date(now.getTime() + 1_000));
    expect(second.reminded + second.retrying + second.dispatched).toBe(15);
    await sqs.drained('followupFanOut', 200_000);
    await catchUp(zone, 60, now);
    await expectEachRemindedOnce(zone, ids);
  }, 240_000);
});
