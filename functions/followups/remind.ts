import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { overdueMessage, reminderMessage, unreachableMessage, type FollowupSummary } from '../../shared/cases/index.js';
import type { FollowupPurpose, Urgency } from '../../shared/cases/model.js';
import type { TopicName } from '../../shared/topics.js';
import { WEB_ORIGIN_ENV } from '../../shared/links.js';
import { TABLE_ENV } from '../../shared/table.js';
import { graceMinutesFromEnv } from '../cases/config.js';
import { dynamo } from '../lib/clients.js';
import { optionalOriginEnv, requireEnv } from '../lib/config.js';
import { logger } from '../lib/logger.js';
import { countFailure } from '../lib/metrics.js';
import { publishEach, SnsNotifier, type Notification, type Notifier } from '../lib/notifier.js';
import { FollowupQueue, type Claimed, type QueueKey } from './queue.js';

/**
 * One round of the follow-up queue for up to PUBLISH_BATCH_MAX items: claimed together, published with
 * one PublishBatch per topic (SNS reports each entry; a failed entry backs off on its own), then finished
 * each under its lease. The tick runs it on the items it queried, the worker (worker.ts) on the keys the
 * tick fanned out: the same claim → publish → finish either way, so whoever loses a claim just skips.
 */
export interface RemindDeps {
  table: string;
  client: DynamoDBDocumentClient;
  notifier: Notifier;
  graceMinutes: number;
  /** The staff console's origin, for absolute links in messages. */
  consoleOrigin?: string;
}

export interface TickResult {
  reminded: number;
  escalated: number;
  notices: number;
  retrying: number;
  deadLettered: number;
  /** Lost a race to another tick or worker, or changed by a user meanwhile. */
  skipped: number;
  /** Due items left for the next tick because the budget ran out (or the queue refused them). */
  deferred: number;
  /** Due items handed to the workers through the fan-out queue (the tick only). */
  dispatched: number;
}

export const emptyTickResult = (): TickResult => ({
  reminded: 0,
  escalated: 0,
  notices: 0,
  retrying: 0,
  deadLettered: 0,
  skipped: 0,
  deferred: 0,
  dispatched: 0,
});

/** An item of a batch that an error (DynamoDB, not SNS: a failed publish backs off in the table) left undone. */
export interface BatchError {
  index: number;
  error: unknown;
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

/** One claimed item, ready to go out: its message, its topic and the stage it moves to once sent. */
interface Outgoing {
  index: number;
  claimed: Claimed;
  summary: FollowupSummary;
  topic: TopicName;
  message: Notification;
  next: { stage: 'escalate'; at: string } | undefined;
}

/**
 * A batch handler counting into `result`. It answers the items an error left undone (their claim, or
 * their finish after the publish, threw); every other item is done, backing off, or skipped.
 */
export function followupBatches(deps: RemindDeps, now: Date, result: TickResult): (items: readonly QueueKey[]) => Promise<BatchError[]> {
  const queue = new FollowupQueue(deps.table, deps.client);
  const graceMs = deps.graceMinutes * 60_000;

  const prepare = (claimed: Claimed | undefined, index: number): Outgoing | undefined => {
    if (!claimed || (claimed.stage !== 'remind' && claimed.stage !== 'escalate' && claimed.stage !== 'notice')) {
      result.skipped++;
      return undefined;
    }
    const summary = summaryOf(claimed);
    const next =
      claimed.stage === 'remind' ? { stage: 'escalate' as const, at: new Date(new Date(summary.dueAt).getTime() + graceMs).toISOString() } : undefined;
    if (claimed.stage === 'remind') return { index, claimed, summary, next, topic: 'officerReminders', message: reminderMessage(summary, deps.consoleOrigin) };
    const message = claimed.stage === 'escalate' ? overdueMessage(summary, deps.consoleOrigin) : unreachableMessage(summary, deps.consoleOrigin);
    return { index, claimed, summary, next, topic: 'supervisorEscalations', message };
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

  return async (items) => {
    const errors: BatchError[] = [];
    const claims = await Promise.allSettled(items.map((item) => queue.claim(item, now)));
    const outgoing: Outgoing[] = [];
    claims.forEach((c, index) => {
      if (c.status === 'rejected') errors.push({ index, error: c.reason });
      else {
        const o = prepare(c.value, index);
        if (o) outgoing.push(o);
      }
    });
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
      const done = await Promise.allSettled(
        group.map((o, i) => {
          const messageId = published.get(String(i));
          return messageId !== undefined && !failed.has(String(i)) ? sent(o, messageId) : notSent(o, failed.get(String(i)) ?? 'NotReported');
        }),
      );
      done.forEach((d, i) => {
        if (d.status === 'rejected') errors.push({ index: (group[i] as Outgoing).index, error: d.reason });
      });
    }
    return errors;
  };
}

/** A fan-out message: the item's key and the index position the tick saw, nothing else (no personal data). */
export function fanOutBody(item: QueueKey): string {
  return JSON.stringify({ pk: item.pk, sk: item.sk, gsi1sk: item.gsi1sk });
}

/** A fan-out message's key, or undefined for a body that is not one. */
export function fanOutKey(body: string): QueueKey | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return undefined;
  }
  if (!parsed || typeof parsed !== 'object') return undefined;
  const { pk, sk, gsi1sk } = parsed as Record<string, unknown>;
  const text = (v: unknown): v is string => typeof v === 'string' && v.length > 0 && v.length <= 1024;
  return text(pk) && text(sk) && text(gsi1sk) ? { pk, sk, gsi1sk } : undefined;
}

/** The tick's and the worker's dependencies in Lambda, read from the environment when called. */
export function remindDepsFromEnv(): RemindDeps {
  const consoleOrigin = optionalOriginEnv(WEB_ORIGIN_ENV);
  return {
    table: requireEnv(TABLE_ENV),
    client: dynamo,
    notifier: new SnsNotifier(['officerReminders', 'supervisorEscalations']),
    graceMinutes: graceMinutesFromEnv(),
    ...(consoleOrigin ? { consoleOrigin } : {}),
  };
}
