/**
 * Section 4 of `npm run bench` (bench/run.ts calls `benchFollowupTick({ n })` with the bench's local
 * stack running in-process, so TABLE_NAME, AWS_ENDPOINT_URL_DYNAMODB/SNS and the topic ARNs are set).
 * Seeds `n` follow-ups already due (BatchWrite of the same items the cases use case writes, spread over
 * the DUE# shards, in a zone of their own), runs ONE tick (functions/followups/tick.ts, the real SNS
 * client against the local SNS), then a second tick, and counts the reminders in the local SNS inbox for
 * that zone: exactly once means `published === n` and the second tick publishes nothing. The stack's own
 * scheduler may tick meanwhile; its publishes are counted too (the claim makes them exclusive).
 * The tick's time budget (40 s in Lambda, see DEFAULT_BUDGET_MS) is lifted here so one tick handles all n.
 * Not a test: no timing is asserted anywhere.
 */
import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import { ulid } from 'ulid';
import { followupItem, type StoredFollowup } from '../functions/cases/repository.js';
import { runFollowupTick } from '../functions/followups/tick.js';
import { dynamo } from '../functions/lib/clients.js';
import { requireEnv } from '../functions/lib/config.js';
import { SnsNotifier } from '../functions/lib/notifier.js';
import { TABLE_ENV } from '../shared/table.js';

export interface FollowupTickBench {
  n: number;
  /** Wall time of the one tick, ms. */
  ms: number;
  /** Reminders for the seeded zone in the local SNS inbox after both ticks. */
  published: number;
  /** What the measured tick itself reported. */
  reminded: number;
  secondTickReminded: number;
  seedMs: number;
}

export async function benchFollowupTick(options: { n: number; table?: string; concurrency?: number }): Promise<FollowupTickBench> {
  const table = options.table ?? requireEnv(TABLE_ENV);
  const zone = `bench-${Date.now().toString(36)}`;
  const now = new Date();
  const due = new Date(now.getTime() - 60_000).toISOString();
  const items: Record<string, unknown>[] = [];
  for (let i = 0; i < options.n; i++) {
    const caseId = `C-${ulid(now.getTime() - 1000 + Math.floor(i / 10))}`;
    const f: StoredFollowup = {
      id: `FU-${ulid()}`,
      version: 1,
      caseId,
      zone,
      officer: `bench.officer${i % 20}`,
      purpose: 'contact_victim',
      urgency: 'normal',
      status: 'pending',
      dueAt: due,
      countedDueAt: due,
      createdAt: now.toISOString(),
      tick: { stage: 'remind', at: due },
    };
    items.push(followupItem(f));
  }
  const seedStart = performance.now();
  const batches: Record<string, unknown>[][] = [];
  for (let i = 0; i < items.length; i += 25) batches.push(items.slice(i, i + 25));
  let next = 0;
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      while (next < batches.length) {
        let pending = batches[next++]?.map((Item) => ({ PutRequest: { Item } })) ?? [];
        while (pending.length > 0) {
          const out = await dynamo.send(new BatchWriteCommand({ RequestItems: { [table]: pending } }));
          pending = (out.UnprocessedItems?.[table] ?? []) as typeof pending;
        }
      }
    }),
  );
  const seedMs = performance.now() - seedStart;

  const deps = {
    table,
    client: dynamo,
    notifier: new SnsNotifier(['officerReminders', 'supervisorEscalations']),
    graceMinutes: 12 * 60,
    concurrency: options.concurrency ?? 16,
    budgetMs: Number.POSITIVE_INFINITY,
  };
  const start = performance.now();
  const first = await runFollowupTick(deps, new Date());
  const ms = performance.now() - start;
  const second = await runFollowupTick(deps, new Date());

  const inbox = (await (await fetch(`${requireEnv('AWS_ENDPOINT_URL_SNS')}/_inbox`)).json()) as { attributes: Record<string, string> }[];
  const published = inbox.filter((m) => m.attributes.zone === zone && m.attributes.kind === 'followupReminder').length;
  return { n: options.n, ms, published, reminded: first.reminded, secondTickReminded: second.reminded, seedMs };
}
