import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { ulid } from 'ulid';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { backoffMs } from '../../functions/followups/queue.js';
import { runFollowupTick, type TickDeps } from '../../functions/followups/tick.js';
import { dynamo } from '../../functions/lib/clients.js';
import { SnsNotifier } from '../../functions/lib/notifier.js';
import { ensureTable } from '../../infra/local/dynamodb.js';
import { batchPut, dueFollowupItems } from '../support/followups.js';
import { clearInbox, failPublishes, inbox } from '../support/sns-inbox.js';

/**
 * The tick sends reminders ten to a PublishBatch. Many due follow-ups, in a table of their own (so the
 * fault switch's count hits only these): SNS fails some entries in the middle of a batch; those back off
 * and go out on a later tick, the others went out at once, and every follow-up is reminded exactly once.
 */
const TABLE = `oneroof-tickbatch-${Date.now().toString(36)}`;
const N = 47;
const deps: TickDeps = { table: TABLE, client: dynamo, notifier: new SnsNotifier(['officerReminders', 'supervisorEscalations']), graceMinutes: 60 };

beforeAll(async () => {
  const client = new DynamoDBClient({});
  await ensureTable(client, TABLE);
  client.destroy();
});

beforeEach(async () => {
  await failPublishes(0);
  await clearInbox();
});

async function seedDue(zone: string, n: number, now: Date): Promise<string[]> {
  const items = dueFollowupItems(n, { zone, now, officer: (i) => `olivia.officer${i % 5}`, caseId: () => `C-${ulid()}` });
  await batchPut(TABLE, items);
  return items.map((i) => String(i.id));
}

const remindersOf = async (zone: string) => (await inbox('officerReminders')).filter((m) => m.attributes.zone === zone);

describe('reminder tick with PublishBatch', () => {
  it('a fault in the middle of the batches: the failed entries back off and go out later; each follow-up is reminded exactly once', async () => {
    const zone = `tickbatch-${ulid().toLowerCase()}`;
    const now = new Date();
    const ids = await seedDue(zone, N, now);

    await failPublishes(7);
    const first = await runFollowupTick(deps, now);
    expect(first).toMatchObject({ reminded: N - 7, retrying: 7, deadLettered: 0, deferred: 0 });
    expect(await remindersOf(zone)).toHaveLength(N - 7);

    // Still backing off: a tick now sends nothing again.
    await failPublishes(0);
    expect((await runFollowupTick(deps, now)).reminded).toBe(0);

    const later = new Date(now.getTime() + backoffMs(1) + 1_000);
    expect(await runFollowupTick(deps, later)).toMatchObject({ reminded: 7, retrying: 0 });
    expect((await runFollowupTick(deps, new Date(later.getTime() + 1_000))).reminded).toBe(0);

    const sent = await remindersOf(zone);
    expect(sent.map((m) => m.attributes.followupId).sort()).toEqual([...ids].sort());
    expect(new Set(sent.map((m) => m.messageId)).size).toBe(N);
  });
});
