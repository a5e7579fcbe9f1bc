import middy from '@middy/core';
import type { Context, ScheduledEvent } from 'aws-lambda';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { overdueMessage, reminderMessage, unreachableMessage, type FollowupSummary } from '../../shared/cases/index.js';
import type { FollowupPurpose, Urgency } from '../../shared/cases/model.js';
import { WEB_ORIGIN_ENV } from '../../shared/links.js';
import { TABLE_ENV, WORK_SHARDS } from '../../shared/table.js';
import type { TopicName } from '../../shared/topics.js';
import { graceMinutesFromEnv } from '../cases/config.js';
import { dynamo } from '../lib/clients.js';
import { clock } from '../lib/clock.js';
import { optionalOriginEnv, requireEnv } from '../lib/config.js';
import { lambdaContextLogging, logger } from '../lib/logger.js';
import { countFailure, flushMetrics } from '../lib/metrics.js';
import { publishEach, PUBLISH_BATCH_MAX, SnsNotifier, type Notification, type Notifier } from '../lib/notifier.js';
import { runsAs } from '../lib/table-access.js';
import { FollowupQueue, type Claimed, type QueueItem } from './queue.js';

/**
 * The reminder tick (EventBridge every minute in AWS; the local scheduler calls the same handler).
 * Queries every shard of gsi1 `DUE#<shard>` for work due at or before now — reminders (to the officers'
 * topic), overdue escalations and "not reached twice" notices (to the supervisors' topic) — and handles
 * each exactly once in effect through the queue's claim → publish → finish (functions/followups/queue.ts),
 * ten at a time: one PublishBatch per topic for up to ten claimed items.
 */
export interface TickDeps {
  table: string;
  client: DynamoDBDocumentClient;
  notifier: Notifier;
  graceMinutes: number;
  /** The staff console's origin, for absolute links in messages. */
  consoleOrigin?: string;
  /** Items handled at once per shard (rounded up to whole batches of PUBLISH_BATCH_MAX). */
  concurrency?: number;
  /**
   * Wall-clock budget (ms) for claiming: past it the tick claims nothing more and returns; the rest is
   * the next tick's. The handler derives it from the invocation's remaining time (minus
   * FINISH_RESERVE_MS), so every claim's finish stays inside the Lambda timeout and the lease.
   */
  budgetMs?: number;
}

export interface TickResult {
  reminded: number;
  escalated: number;
  notices: number;
  retrying: number;
  deadLettered: number;
  /** Lost a race to another tick, or changed by a user meanwhile. */
  skipped: number;
  /** Due items left for the next tick because the budget ran out. */
  deferred: number;
}

function summaryOf(c: Claimed): FollowupSummary {
  const a = c.attrs;
  return {
    followupId: String(a.type === 'CASE_NOTICE' ? a.followupId : a.id),
    caseId: String(a.caseId),
    zone: String(a.zone),
    officer: String(a.officer),
    purpose: a.purpose as FollowupPurpose,
    urgency: (a.type === 'CASE_NOTICE' ? 'urgent' : a.urgency) as Urgency,
    dueAt: String(a.dueAt),
    ...(a.type !== 'CASE_NOTICE' && typeof a.alertId === 'string' ? { alertId: a.alertId } : {}),
  };
}

export const DEFAULT_BUDGET_MS = 40_000;
/** Items in flight per shard when the caller does not say (two PublishBatch requests' worth). */
export const DEFAULT_CONCURRENCY = 2 * PUBLISH_BATCH_MAX;
/** Kept back from the remaining time: the claims in flight publish and finish in it. */
export const FINISH_RESERVE_MS = 15_000;

/** One claimed item, ready to go out: its message, its topic and the stage it moves to once sent. */
interface Outgoing {
  claimed: Claimed;
  summary: FollowupSummary;
  topic: TopicName;
  message: Notification;
  next: { stage: 'escalate'; at: string } | undefined;
}

/**
 * Items are taken PUBLISH_BATCH_MAX at a time: claimed together, published with one PublishBatch per topic
 * (SNS reports each entry; a failed entry backs off on its own, exactly as a failed single publish did),
 * then finished each under its lease. `concurrency` items per shard are in flight (whole batches).
 */
export async function runFollowupTick(deps: TickDeps, now: Date): Promise<TickResult> {
  const queue = new FollowupQueue(deps.table, deps.client);
  const result: TickResult = { reminded: 0, escalated: 0, notices: 0, retrying: 0, deadLettered: 0, skipped: 0, deferred: 0 };
  const stopAt = Date.now() + (deps.budgetMs ?? DEFAULT_BUDGET_MS);
  const graceMs = deps.graceMinutes * 60_000;

  const prepare = (claimed: Claimed | undefined): Outgoing | undefined => {
    if (!claimed || (claimed.stage !== 'remind' && claimed.stage !== 'escalate' && claimed.stage !== 'notice')) {
      result.skipped++;
      return undefined;
    }
    const summary = summaryOf(claimed);
    const next =
      claimed.stage === 'remind' ? { stage: 'escalate' as const, at: new Date(new Date(summary.dueAt).getTime() + graceMs).toISOString() } : undefined;
    if (claimed.stage === 'remind') return { claimed, summary, next, topic: 'officerReminders', message: reminderMessage(summary, deps.consoleOrigin) };
    const message = claimed.stage === 'escalate' ? overdueMessage(summary, deps.consoleOrigin) : unreachableMessage(summary, deps.consoleOrigin);
    return { claimed, summary, next, topic: 'supervisorEscalations', message };
  };

  const sent = async (o: Outgoing, messageId: string): Promise<void> => {
    if (!(await queue.finish(o.claimed, now, messageId, o.next))) {
      result.skipped++;
      return;
    }
    if (o.claimed.stage === 'remind') result.reminded++;
    else if (o.claimed.stage === 'escalate') result.escalated++;
    else result.notices++;
  };

  const notSent = async (o: Outgoing, error: string): Promise<void> => {
    countFailure('publishFailures');
    const outcome = await queue.failed(o.claimed, now, error, o.next);
    if (outcome === 'retry') result.retrying++;
    else {
      result.deadLettered++;
      countFailure('followupsDeadLettered');
    }
    logger.error('Follow-up publish failed', {
      stage: o.claimed.stage,
      followupId: o.summary.followupId,
      caseId: o.summary.caseId,
      attempts: o.claimed.attempts,
      outcome,
      errorName: error,
    });
  };

  const handleBatch = async (items: readonly QueueItem[]): Promise<void> => {
    const claimed = await Promise.all(items.map((item) => queue.claim(item, now)));
    const outgoing = claimed.map(prepare).filter((o): o is Outgoing => o !== undefined);
    for (const topic of ['officerReminders', 'supervisorEscalations'] as const) {
      const group = outgoing.filter((o) => o.topic === topic);
      if (group.length === 0) continue;
      const outcome = await publishEach(
        deps.notifier,
        topic,
        group.map((o, i) => ({ id: String(i), message: o.message })),
      );
      const failed = new Map(outcome.failed.map((f) => [f.id, f.error]));
      const published = new Map(outcome.published.map((p) => [p.id, p.messageId]));
      await Promise.all(
        group.map((o, i) => {
          const messageId = published.get(String(i));
          return messageId !== undefined && !failed.has(String(i)) ? sent(o, messageId) : notSent(o, failed.get(String(i)) ?? 'NotReported');
        }),
      );
    }
  };

  const workers = Math.max(1, Math.ceil((deps.concurrency ?? DEFAULT_CONCURRENCY) / PUBLISH_BATCH_MAX));
  await Promise.all(
    Array.from({ length: WORK_SHARDS }, async (_, shard) => {
      const items = await queue.due(shard, now);
      let i = 0;
      await Promise.all(
        Array.from({ length: Math.min(workers, Math.ceil(items.length / PUBLISH_BATCH_MAX)) }, async () => {
          while (i < items.length) {
            if (Date.now() > stopAt) {
              result.deferred += items.length - i;
              i = items.length;
              break;
            }
            const batch = items.slice(i, i + PUBLISH_BATCH_MAX);
            i += batch.length;
            await handleBatch(batch);
          }
        }),
      );
    }),
  );
  return result;
}

const consoleOrigin = optionalOriginEnv(WEB_ORIGIN_ENV);
const deps: TickDeps = {
  table: requireEnv(TABLE_ENV),
  client: dynamo,
  notifier: new SnsNotifier(['officerReminders', 'supervisorEscalations']),
  graceMinutes: graceMinutesFromEnv(),
  ...(consoleOrigin ? { consoleOrigin } : {}),
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
      if (out.reminded + out.escalated + out.notices + out.retrying + out.deadLettered + out.deferred > 0) logger.info('Follow-up tick', { ...out });
      return out;
    }),
  );
