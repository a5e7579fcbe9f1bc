import middy from '@middy/core';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { clock } from '../lib/clock.js';
import { lambdaContextLogging, logger } from '../lib/logger.js';
import { flushMetrics } from '../lib/metrics.js';
import { PUBLISH_BATCH_MAX } from '../lib/notifier.js';
import { runsAs } from '../lib/table-access.js';
import type { QueueKey } from './queue.js';
import { emptyTickResult, fanOutKey, followupBatches, remindDepsFromEnv, type RemindDeps, type TickResult } from './remind.js';

/**
 * The fan-out's consumer (SQS event source, ReportBatchItemFailures): each message is one due item's
 * key, sent by the tick (tick.ts). It runs the tick's own claim → publish → finish on them, ten at a
 * time (functions/followups/remind.ts), so SQS's at-least-once delivery and the tick sending an item
 * again are harmless: whoever loses the claim skips. A failed publish backs off in the table, as in the
 * tick (the message is done: the item is due again later). Only an error leaves a message to SQS to
 * redeliver: a claim or a finish that threw, or a body that is not a key (dead-lettered after its receives).
 */
export interface WorkerOutcome {
  result: TickResult;
  /** Message ids SQS should deliver again. */
  failed: string[];
}

export async function runFollowupWorker(deps: RemindDeps, records: readonly SQSRecord[], now: Date): Promise<WorkerOutcome> {
  const result = emptyTickResult();
  const handleBatch = followupBatches(deps, now, result);
  const failed: string[] = [];
  const keyed: { key: QueueKey; messageId: string }[] = [];
  for (const record of records) {
    const key = fanOutKey(record.body);
    if (key) keyed.push({ key, messageId: record.messageId });
    else {
      failed.push(record.messageId);
      logger.error('Not a follow-up fan-out message', { messageId: record.messageId });
    }
  }
  for (let i = 0; i < keyed.length; i += PUBLISH_BATCH_MAX) {
    const batch = keyed.slice(i, i + PUBLISH_BATCH_MAX);
    for (const { index, error } of await handleBatch(batch.map((b) => b.key))) {
      const messageId = (batch[index] as (typeof batch)[number]).messageId;
      failed.push(messageId);
      // The error's name only: an SDK error can carry the item it was about.
      logger.error('Fan-out item failed: SQS delivers it again', { messageId, errorName: error instanceof Error ? error.name : 'Unknown' });
    }
  }
  return { result, failed };
}

const deps: RemindDeps = remindDepsFromEnv();

export const handler = middy<SQSEvent, SQSBatchResponse, Error, Context>()
  .use(lambdaContextLogging())
  .handler(
    runsAs('followupWorker', async (event: SQSEvent) => {
      let out: WorkerOutcome;
      try {
        out = await runFollowupWorker(deps, event.Records, clock.now());
      } finally {
        flushMetrics();
      }
      logger.info('Follow-up worker', { ...out.result, redeliver: out.failed.length });
      return { batchItemFailures: out.failed.map((itemIdentifier) => ({ itemIdentifier })) };
    }),
  );
