/**
 * Section 4 of `npm run bench` (bench/run.ts calls `benchFollowupTick({ n })` with the bench's local
 * stack running in-process, so TABLE_NAME, AWS_ENDPOINT_URL_DYNAMODB/SNS and the topic ARNs are set).
 * Seeds `n` follow-ups already due (BatchWrite of the same items the cases use case writes, spread over
 * the DUE# shards, in a zone of their own), runs ONE tick (functions/followups/tick.ts, the real SNS
 * client against the local SNS), then a second tick, and counts the reminders in the local SNS inbox for
 * that zone: exactly once means `published === n` and the second tick publishes nothing. The stack's own
 * scheduler may tick meanwhile; its publishes are counted too (the claim makes them exclusive).
 * The tick runs as deployed: its own concurrency, the budget its handler derives from the function's
 * timeout, and the fan-out: beyond its own share (INLINE_MAX) it sends the burst's keys to the stack's
 * local SQS, whose in-process workers (functions/followups/worker.ts) remind them; `allMs` runs until the
 * last reminder is in the inbox. What the tick defers past its budget is ticked on until none is left (`ticks`).
 * Not a test: no timing is asserted anywhere.
 */
import { ulid } from 'ulid';
import { DEFAULT_CONCURRENCY, FINISH_RESERVE_MS, INLINE_MAX, runFollowupTick } from '../functions/followups/tick.js';
import { dynamo } from '../functions/lib/clients.js';
import { requireEnv } from '../functions/lib/config.js';
import { SnsNotifier } from '../functions/lib/notifier.js';
import { SqsWorkQueue } from '../functions/lib/work-queue.js';
import { queues } from '../shared/queues.js';
import { timeoutOf } from '../shared/functions.js';
import { TABLE_ENV } from '../shared/table.js';
import { batchPut, dueFollowupItems } from '../test/support/followups.js';

export interface FollowupTickBench {
  n: number;
  /** Wall time of the one tick, ms. */
  ms: number;
  /** Reminders for the seeded zone in the local SNS inbox after both ticks. */
  published: number;
  /** What the measured (first) tick itself reported: reminded, and left for the next tick past its budget. */
  reminded: number;
  deferred: number;
  /** Ticks it took until nothing was deferred (1: all inside one deployed tick). */
  ticks: number;
  /** Handed by the first tick to the fan-out queue's workers (the local stack runs them in this process). */
  dispatched: number;
  /** From the first tick's start until the last of the `n` reminders was in the local SNS inbox, ms. */
  allMs: number;
  /** Due items the tick reminds itself before it fans out. */
  inlineMax: number;
  budgetMs: number;
  secondTickReminded: number;
  seedMs: number;
  /** CPU this process spent from the first tick's start until all were reminded (tick, workers, and the in-process local SNS and SQS: an upper bound), ms. */
  cpuMs: number;
  /** Peak of heap + buffers above what it was before the tick, MB (sampled every 20 ms). */
  memoryPeakMb: number;
}

export async function benchFollowupTick(options: { n: number; table?: string; concurrency?: number; budgetMs?: number }): Promise<FollowupTickBench> {
  const table = options.table ?? requireEnv(TABLE_ENV);
  const zone = `bench-${Date.now().toString(36)}`;
  const now = new Date();
  const items = dueFollowupItems(options.n, {
    zone,
    now,
    officer: (i) => `bench.officer${i % 20}`,
    caseId: (i) => `C-${ulid(now.getTime() - 1000 + Math.floor(i / 10))}`,
  });
  const seedStart = performance.now();
  await batchPut(table, items, 8);
  const seedMs = performance.now() - seedStart;

  // The deployed configuration: the tick's own concurrency and the budget its handler derives from the
  // function's timeout (shared/functions.ts) minus what it keeps for the batches in flight.
  const budgetMs = options.budgetMs ?? timeoutOf('followupTick') * 1000 - FINISH_RESERVE_MS;
  const deps = {
    table,
    client: dynamo,
    notifier: new SnsNotifier(['officerReminders', 'supervisorEscalations']),
    graceMinutes: 12 * 60,
    concurrency: options.concurrency ?? DEFAULT_CONCURRENCY,
    budgetMs,
    // As deployed: beyond its own share the tick hands the burst to the workers (the stack's local SQS).
    fanOut: { queue: new SqsWorkQueue(requireEnv(queues.followupFanOut.envVar)), inlineMax: INLINE_MAX },
  };
  const reminders = async () => {
    const inbox = (await (await fetch(`${requireEnv('AWS_ENDPOINT_URL_SNS')}/_inbox`)).json()) as { attributes: Record<string, string> }[];
    return inbox.filter((m) => m.attributes.zone === zone && m.attributes.kind === 'followupReminder').length;
  };
  const mem = () => {
    const m = process.memoryUsage();
    return m.heapUsed + m.external + m.arrayBuffers;
  };
  const memBefore = mem();
  let memPeak = memBefore;
  const sampler = setInterval(() => {
    memPeak = Math.max(memPeak, mem());
  }, 20);
  const cpuBefore = process.cpuUsage();
  const start = performance.now();
  const first = await runFollowupTick(deps, new Date());
  const ms = performance.now() - start;
  // The workers finish the burst after the tick returns: wait (bounded) until every reminder is out.
  const waitUntil = Date.now() + 15 * 60_000;
  while ((await reminders()) < options.n && Date.now() < waitUntil) await new Promise((r) => setTimeout(r, 250));
  const allMs = performance.now() - start;
  clearInterval(sampler);
  const cpu = process.cpuUsage(cpuBefore);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  const memoryPeakMb = Math.max(0, Math.max(memPeak, mem()) - memBefore) / 2 ** 20;
  // What one deployed tick left for the next ones (deferred past its budget): ticked until none is left.
  let ticks = 1;
  let left = first.deferred;
  while (left > 0 && ticks < 50) {
    left = (await runFollowupTick(deps, new Date())).deferred;
    ticks++;
  }
  const second = await runFollowupTick(deps, new Date());

  const published = await reminders();
  return {
    n: options.n,
    ms,
    published,
    reminded: first.reminded,
    deferred: first.deferred,
    ticks,
    dispatched: first.dispatched,
    allMs,
    inlineMax: INLINE_MAX,
    budgetMs,
    secondTickReminded: second.reminded,
    seedMs,
    cpuMs,
    memoryPeakMb,
  };
}
