import middy from '@middy/core';
import type { DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { WEB_ORIGIN_ENV } from '../../shared/links.js';
import { canaryMessage } from '../../shared/canary.js';
import { PUBLISH_LATE_MS } from '../../shared/ops-metrics.js';
import { TABLE_ENV } from '../../shared/table.js';
import { escalationMessage } from '../../shared/zones/index.js';
import { clock } from '../lib/clock.js';
import { optionalOriginEnv, requireEnv } from '../lib/config.js';
import { lambdaContextLogging, logger } from '../lib/logger.js';
import { countFailure, flushMetrics } from '../lib/metrics.js';
import { SnsNotifier, type Notifier } from '../lib/notifier.js';
import { eachInsert } from '../lib/stream.js';
import { runsAs } from '../lib/table-access.js';
import type { AlertRecord } from './model.js';
import { alertNotification, alertSummary } from './outbox.js';
import { DynamoAlertRepository, type AlertRepository, type EscalationRecord } from './repository.js';

/**
 * The outbox publisher: a DynamoDB stream consumer. Each INSERTed ALERT goes to the police topic, each
 * INSERTed ESCALATION to the supervisors' topic. Idempotent per item: a record whose item already has
 * `publishedAt` is skipped (redelivery, or published eagerly by the function that wrote it: this is then
 * the backstop, functions/alerts/outbox.ts); otherwise publish, then set `publishedAt` under a condition.
 * (A crash between the two republishes once — at-least-once, never lost.) A failed publish reports the
 * record in `batchItemFailures`, so Lambda retries it (then the dead-letter queue with its alarm).
 */
export async function publishRecords(
  records: readonly DynamoDBRecord[],
  repo: AlertRepository,
  notifier: Notifier,
  now: () => Date,
  consoleOrigin?: string,
): Promise<DynamoDBBatchResponse> {
  const out = await eachInsert(records, ['ALERT', 'ESCALATION'], 'Publish failed; the record will be retried', async ({ type, key, item }) => {
    if (!(await unpublishedOnceLeasePassed(repo, key))) return; // published (eagerly or before), or the item is gone
    let messageId: string;
    try {
      messageId =
        type !== 'ALERT'
          ? await publishEscalation(notifier, item as unknown as EscalationRecord, consoleOrigin)
          : item.canary === true
            ? await notifier.publish('policeAlerts', canaryMessage(String(item.id)))
            : await notifier.publish('policeAlerts', alertNotification(item as unknown as AlertRecord, consoleOrigin));
    } catch (error) {
      countFailure('publishFailures');
      throw error;
    }
    const at = now();
    await repo.markPublished(key, at, messageId);
    const writtenAt = type === 'ALERT' ? (item as unknown as AlertRecord).raisedAt : (item as unknown as EscalationRecord).at;
    const delayMs = at.getTime() - new Date(writtenAt).getTime();
    if (delayMs > PUBLISH_LATE_MS) {
      countFailure('alertsPublishedLate');
      logger.warn('Published late', { type, key: key.pk, sk: key.sk, delayMs });
    }
    logger.info('Published', { type, key: key.pk, sk: key.sk });
  });
  countFailure('streamRecordsFailed', out.batchItemFailures.length);
  return out;
}

/**
 * True when the item still needs publishing: not published, and no eager publisher's lease still running
 * (functions/alerts/outbox.ts). A live lease is waited out, re-reading the item: the eager publish either
 * marks it (skip) or gives the lease back on failure (publish now); a lease left by a crash runs out.
 */
async function unpublishedOnceLeasePassed(repo: AlertRepository, key: { pk: string; sk: string }): Promise<boolean> {
  for (;;) {
    const state = await repo.publishState(key);
    if (state === null || state.publishedAt !== undefined) return false;
    const wait = (state.publishLeaseUntil ?? 0) - Date.now();
    if (wait <= 0) return true;
    await new Promise((r) => setTimeout(r, Math.min(LEASE_POLL_MS, wait + 1)));
  }
}

/** How often a waited-out lease is re-read. */
const LEASE_POLL_MS = 50;

function publishEscalation(notifier: Notifier, e: EscalationRecord, consoleOrigin: string | undefined): Promise<string> {
  const summary = alertSummary({
    id: e.alertId,
    kind: e.kind,
    severity: e.severity,
    district: e.district,
    orderId: e.orderId,
    at: e.alertAt,
    ...(e.zoneLabel ? { zoneLabel: e.zoneLabel } : {}),
  });
  return notifier.publish('supervisorEscalations', escalationMessage(summary, e.level, consoleOrigin));
}

const repo = new DynamoAlertRepository(requireEnv(TABLE_ENV));
const notifier = new SnsNotifier(['policeAlerts', 'supervisorEscalations']);
const consoleOrigin = optionalOriginEnv(WEB_ORIGIN_ENV);

export const handler = middy<DynamoDBStreamEvent, DynamoDBBatchResponse>()
  .use(lambdaContextLogging())
  .handler(
    runsAs('alertPublisher', async (event: DynamoDBStreamEvent) => {
      try {
        return await publishRecords(event.Records, repo, notifier, () => clock.now(), consoleOrigin);
      } finally {
        flushMetrics();
      }
    }),
  );
