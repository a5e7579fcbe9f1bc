import middy from '@middy/core';
import type { Context, ScheduledEvent } from 'aws-lambda';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { actionOverdueMessage, referralOverdueMessage } from '../../shared/fjc/messages.js';
import { WEB_ORIGIN_ENV } from '../../shared/links.js';
import { TABLE_ENV, WORK_SHARDS } from '../../shared/table.js';
import { FollowupQueue, type QueueItem } from '../followups/queue.js';
import { dynamo } from '../lib/clients.js';
import { clock } from '../lib/clock.js';
import { optionalOriginEnv, requireEnv } from '../lib/config.js';
import { lambdaContextLogging, logger } from '../lib/logger.js';
import { countFailure, flushMetrics } from '../lib/metrics.js';
import { SnsNotifier, type Notifier } from '../lib/notifier.js';
import { statsAdd } from '../lib/stats.js';
import { runsAs } from '../lib/table-access.js';
import { metric } from '../../shared/metrics.js';
import { fjcKeys } from './keys.js';

/**
 * The FJC tick (every minute): a referral neither accepted nor declined by its first-contact date
 * escalates ONCE to the case director; an action of the joint plan past its due date reminds its owning
 * partner once. Both on the partner-intake topic, through the follow-up reminders' exactly-once queue
 * (functions/followups/queue.ts: claim with a lease → publish → finish under the lease token) on the
 * FJC's own shard partitions. Accepting, declining or finishing takes the item out of the queue, so a
 * finish after it fails and nothing more is sent. The case's partition is only read through the queue's
 * attributes: no sealed field is opened (the function holds no key).
 */
export interface FjcTickDeps {
  table: string;
  client: DynamoDBDocumentClient;
  notifier: Notifier;
  consoleOrigin?: string;
}

export interface FjcTickResult {
  escalated: number;
  reminded: number;
  retrying: number;
  deadLettered: number;
  skipped: number;
}

export async function runFjcTick(deps: FjcTickDeps, now: Date): Promise<FjcTickResult> {
  const queue = new FollowupQueue(deps.table, deps.client, { duePk: fjcKeys.duePk, deadLetter: fjcKeys.deadLetter });
  const result: FjcTickResult = { escalated: 0, reminded: 0, retrying: 0, deadLettered: 0, skipped: 0 };

  const handle = async (item: QueueItem) => {
    const claimed = await queue.claim(item, now);
    if (claimed?.stage !== 'notice') {
      result.skipped++;
      return;
    }
    const a = claimed.attrs;
    const isReferral = claimed.type === 'FJC_REFERRAL';
    const message = isReferral
      ? referralOverdueMessage(
          { caseId: String(a.caseId), partnerId: String(a.partnerId), zone: String(a.zone ?? ''), firstContactDue: String(a.firstContactDue) },
          deps.consoleOrigin,
        )
      : actionOverdueMessage(
          { id: String(a.id), caseId: String(a.caseId), ownerPartner: String(a.ownerPartner), zone: String(a.zone), dueAt: String(a.dueAt) },
          deps.consoleOrigin,
        );
    let messageId: string;
    try {
      messageId = await deps.notifier.publish('partnerIntake', message);
    } catch (error) {
      countFailure('publishFailures');
      const outcome = await queue.failed(claimed, now, (error as Error).name ?? 'PublishFailed', undefined);
      if (outcome === 'retry') result.retrying++;
      else result.deadLettered++;
      logger.error('FJC publish failed', {
        kind: claimed.type,
        caseId: String(a.caseId),
        attempts: claimed.attempts,
        outcome,
        errorName: (error as Error).name,
      });
      return;
    }
    // An overdue action is counted once, with the reminder that says so (a retried finish fails as a whole).
    const counted = isReferral ? [] : [statsAdd(deps.table, now, String(a.zone), { [metric.fjcActionsOverdue]: 1 })];
    if (!(await queue.finish(claimed, now, messageId, undefined, counted))) {
      result.skipped++;
      return;
    }
    if (isReferral) result.escalated++;
    else result.reminded++;
  };

  await Promise.all(
    Array.from({ length: WORK_SHARDS }, async (_, shard) => {
      for (const item of await queue.due(shard, now)) await handle(item);
    }),
  );
  return result;
}

const consoleOrigin = optionalOriginEnv(WEB_ORIGIN_ENV);
const deps: FjcTickDeps = {
  table: requireEnv(TABLE_ENV),
  client: dynamo,
  notifier: new SnsNotifier(['partnerIntake']),
  ...(consoleOrigin ? { consoleOrigin } : {}),
};

export const handler = middy<ScheduledEvent | undefined, FjcTickResult, Error, Context>()
  .use(lambdaContextLogging())
  .handler(
    runsAs('fjcTick', async () => {
      let out: FjcTickResult;
      try {
        out = await runFjcTick(deps, clock.now());
      } finally {
        flushMetrics();
      }
      if (out.escalated + out.reminded + out.retrying + out.deadLettered > 0) logger.info('FJC tick', { ...out });
      return out;
    }),
  );
