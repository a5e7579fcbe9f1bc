import type { FunctionName } from './functions.js';

/**
 * Operational metrics: every failure a function handles instead of crashing is counted here (CloudWatch
 * embedded metric format, through Powertools Metrics: functions/lib/metrics.ts), and each has an alarm
 * on the operations topic (infra/aws/ops-alarms.ts). Not the report counters of shared/metrics.ts.
 * Dimension: `service` = `oneroof-<function>` (POWERTOOLS_SERVICE_NAME).
 */
export const OPS_NAMESPACE = 'OneRoof';

export interface OpsMetricDecl {
  name: string;
  /** The functions that emit it; `api`: every function behind an HTTP route. */
  emittedBy: 'api' | readonly FunctionName[];
  /** The alarm's description: what happened and where to look. */
  alarm: string;
}

export const opsMetrics = {
  api5xx: { name: 'Api5xx', emittedBy: 'api', alarm: 'The API answered 500: an unhandled error (details in the function log)' },
  publishFailures: {
    name: 'PublishFailures',
    emittedBy: ['alertPublisher', 'followupTick', 'followupWorker'],
    alarm: 'SNS rejected a publish (alerts wait in the stream, reminders are retried): check SNS and the topic key',
  },
  followupsDeadLettered: {
    name: 'FollowupsDeadLettered',
    emittedBy: ['followupTick', 'followupWorker'],
    alarm: 'A follow-up reminder or escalation gave up after its retries: it reaches nobody until handled',
  },
  alertsPublishedLate: {
    name: 'AlertsPublishedLate',
    emittedBy: ['alertPublisher'],
    alarm: 'An alert or escalation reached SNS more than 60 s after it was written',
  },
  streamRecordsFailed: {
    name: 'StreamRecordsFailed',
    emittedBy: ['alertPublisher'],
    alarm: 'The alert outbox could not process a stream record (it is retried until delivered)',
  },
  pushFailures: {
    name: 'PushFailures',
    emittedBy: ['pushSender'],
    alarm: 'A push service refused or did not answer a Web Push (retried by SNS): check the function log for the push service status',
  },
} as const satisfies Record<string, OpsMetricDecl>;

export type OpsMetricName = keyof typeof opsMetrics;

/** An alert or escalation published later than this after being written counts as late. */
export const PUBLISH_LATE_MS = 60_000;

/** Counted by the canary receiver for each heartbeat that made it (alarm on its absence: infra/aws/ops-alarms.ts). */
export const CANARY_ARRIVED_METRIC = 'CanaryArrived';
