import middy from '@middy/core';
import type { Context, ScheduledEvent } from 'aws-lambda';
import { queues, SEND_BATCH_MAX } from '../../shared/queues.js';
import { WORK_SHARDS } from '../../shared/table.js';
import { clock } from '../lib/clock.js';
import { optionalEnv } from '../lib/config.js';
import { lambdaContextLogging, logger } from '../lib/logger.js';
import { flushMetrics } from '../lib/metrics.js';
import { PUBLISH_BATCH_MAX } from '../lib/notifier.js';
import { runsAs } from '../lib/table-access.js';
import { SqsWorkQueue, type WorkQueue } from '../lib/work-queue.js';
import { FollowupQueue, type QueueItem } from './queue.js';
import { emptyTickResult, fanOutBody, followupBatches, remindDepsFromEnv, type RemindDeps, type TickResult } from './remind.js';

export type { TickResult } from './remind.js';

/**
 * The reminder tick (EventBridge every minute in AWS; the local scheduler calls the same handler).
 * Queries every shard of gsi1 `DUE#<shard>` for work due at or before now — reminders (to the officers'
 * topic), overdue escalations and "not reached twice" notices (to the supervisors' topic) — and handles
 * each exactly once in effect through the queue's claim → publish → finish (functions/followups/queue.ts),
 * ten at a time: one PublishBatch per topic for up to ten claimed items (functions/followups/remind.ts).
 * With a fan-out queue, a burst beyond `inlineMax` goes to the workers as keys (functions/followups/worker.ts).
 */
export interface TickDeps extends RemindDeps {
  /** Items handled at once per shard (rounded up to whole batches of PUBLISH_BATCH_MAX). */
  concurrency?: number;
  /**
   * Wall-clock budget (ms) for claiming: past it the tick claims nothing more and returns; the rest is
   * the next tick's. The handler derives it from the invocation's remaining time (minus
   * FINISH_RESERVE_MS), so every claim's finish stays inside the Lambda timeout and the lease.
   */
  budgetMs?: number;
  /** Where a burst goes when it is more than the tick reminds itself; absent: the tick handles every due item. */
  fanOut?: FanOut;
}

export interface FanOut {
  queue: WorkQueue;
  /**
   * Due items the tick handles itself, the oldest first, split evenly over the shards; each shard's
   * items beyond its share go to the queue (SendMessageBatch, ten at a time).
   */
  inlineMax: number;
}

export const DEFAULT_BUDGET_MS = 40_000;
/** Items in flight per shard when the caller does not say (two PublishBatch requests' worth). */
export const DEFAULT_CONCURRENCY = 2 * PUBLISH_BATCH_MAX;
/** Kept back from the remaining time: the claims in flight publish and finish in it. */
export const FINISH_RESERVE_MS = 15_000;
/**
 * Due items a deployed tick reminds itself before it fans out: well under the ~3,300 one tick reminds
 * in its budget at its declared memory (bench section 4), so its own share is done early.
 */
export const INLINE_MAX = 1_000;
/** SendMessageBatch requests in flight per shard while fanning out. */
const SENDERS_PER_SHARD = 2;

/**
 * `lanes` loops take `items` `size` at a time until every one is taken or `stopAt` has passed; what is
 * left then is counted `deferred` (still due: the next tick's).
 */
async function inLanes<T>(
  items: readonly T[],
  size: number,
  lanes: number,
  stopAt: number,
  result: TickResult,
  each: (batch: readonly T[]) => Promise<void>,
): Promise<void> {
  let i = 0;
  await Promise.all(
    Array.from({ length: Math.min(lanes, Math.ceil(items.length / size)) }, async () => {
      while (i < items.length) {
        if (Date.now() > stopAt) {
          result.deferred += items.length - i;
          i = items.length;
          break;
        }
        const batch = items.slice(i, i + size);
        i += batch.length;
        await each(batch);
      }
    }),
  );
}

/**
 * Items are taken PUBLISH_BATCH_MAX at a time (functions/followups/remind.ts); `concurrency` items per
 * shard are in flight (whole batches). With `fanOut`, each shard's due items beyond its share of
 * `inlineMax` are sent to the queue meanwhile; what the queue refuses, like what the budget leaves, is
 * `deferred`: still due, the next tick's.
 */
export async function runFollowupTick(deps: TickDeps, now: Date): Promise<TickResult> {
  const queue = new FollowupQueue(deps.table, deps.client);
  const result = emptyTickResult();
  const stopAt = Date.now() + (deps.budgetMs ?? DEFAULT_BUDGET_MS);
  const handleBatch = followupBatches(deps, now, result);
  const share = deps.fanOut ? Math.ceil(deps.fanOut.inlineMax / WORK_SHARDS) : Number.POSITIVE_INFINITY;

  const lanes = Math.max(1, Math.ceil((deps.concurrency ?? DEFAULT_CONCURRENCY) / PUBLISH_BATCH_MAX));
  const remindInline = (items: readonly QueueItem[]) =>
    inLanes(items, PUBLISH_BATCH_MAX, lanes, stopAt, result, async (batch) => {
      const errors = await handleBatch(batch);
      if (errors.length > 0) throw errors[0]?.error;
    });

  const dispatch = (fanOut: FanOut, items: readonly QueueItem[]) =>
    inLanes(items, SEND_BATCH_MAX, SENDERS_PER_SHARD, stopAt, result, async (batch) => {
      const outcome = await fanOut.queue.sendBatch(batch.map((item, n) => ({ id: String(n), body: fanOutBody(item) })));
      result.dispatched += batch.length - outcome.failed.length;
      result.deferred += outcome.failed.length;
      if (outcome.failed.length > 0) logger.warn('Fan-out send failed: left due for the next tick', { items: outcome.failed.length, errorName: outcome.error });
    });

  await Promise.all(
    Array.from({ length: WORK_SHARDS }, async (_, shard) => {
      const items = await queue.due(shard, now);
      const inline = items.slice(0, share);
      const rest = items.slice(inline.length);
      await Promise.all([remindInline(inline), deps.fanOut && rest.length > 0 ? dispatch(deps.fanOut, rest) : undefined]);
    }),
  );
  return result;
}

// In AWS the queue is always bound (infra/aws/function.ts); without one the tick handles every due item itself.
const fanOutUrl = optionalEnv(queues.followupFanOut.envVar);
const deps: TickDeps = {
  ...remindDepsFromEnv(),
  ...(fanOutUrl ? { fanOut: { queue: new SqsWorkQueue(fanOutUrl), inlineMax: INLINE_MAX } } : {}),
};

export const handler = middy<ScheduledEvent | undefined, TickResult, Error, Context>()
  .use(lambdaContextLogging())
  .handler(
    runsAs('followupTick', async (_event: ScheduledEvent | undefined, context: Context) => {
      let out: TickResult;
      try {
        out = await runFollowupTick({ ...deps, budgetMs: Math.max(0, context.getRemainingTimeInMillis() - FINISH_RESERVE_MS) }, clock.now());
      } finally {
        flushMetrics();
      }
      if (out.reminded + out.escalated + out.notices + out.retrying + out.deadLettered + out.deferred + out.dispatched > 0)
        logger.info('Follow-up tick', { ...out });
      return out;
    }),
  );
