import type { FunctionName } from './functions.js';

/** Scheduled handlers: EventBridge rules in AWS, a timer in the local stack. */
export interface ScheduleDecl {
  name: string;
  function: FunctionName;
  everyMinutes: number;
  description: string;
  /** A heartbeat keeps its own period locally even when LOCAL_TICK_SECONDS speeds the others up (it would only flood the stream). */
  heartbeat?: boolean;
}

export const schedules: readonly ScheduleDecl[] = [
  { name: 'followup-reminders', function: 'followupTick', everyMinutes: 1, description: 'Remind officers of due follow-ups; escalate overdue ones' },
  { name: 'alert-escalation', function: 'alertTick', everyMinutes: 1, description: 'Escalate unacknowledged alerts' },
  { name: 'monitoring-watchdog', function: 'watchdog', everyMinutes: 1, description: 'Signal loss for active orders' },
  {
    name: 'pipeline-canary',
    function: 'canary',
    everyMinutes: 5,
    description: 'A synthetic alert through table, stream, outbox and police topic (shared/canary.ts)',
    heartbeat: true,
  },
  {
    name: 'fjc-escalations',
    function: 'fjcTick',
    everyMinutes: 1,
    description: 'Escalate FJC referrals not acted on by their first-contact date (once); remind partners of overdue actions',
  },
  { name: 'audit-digest', function: 'auditDigest', everyMinutes: 1440, description: "Hash-chain digest of yesterday's audit records into write-once storage" },
];

/** Where the audit digest goes: an S3 bucket with Object Lock in AWS, a folder in the local stack. */
export const AUDIT_DIGEST_BUCKET_ENV = 'AUDIT_DIGEST_BUCKET';
export const AUDIT_DIGEST_DIR_ENV = 'AUDIT_DIGEST_DIR';

/** Stream consumers: a DynamoDB stream event source in AWS, a stream poller in the local stack. */
export interface StreamConsumerDecl {
  name: string;
  function: FunctionName;
  /** Only records of these events (Lambda filter on `eventName`) reach the function. */
  eventNames: readonly ('INSERT' | 'MODIFY' | 'REMOVE')[];
  /** Only records whose NEW image has this `type` attribute reach the function. */
  entityTypes: readonly string[];
  batchSize: number;
  /**
   * Retries before a record goes to the dead-letter queue; `UNTIL_DELIVERED` (-1): no finite budget, the
   * record is retried (with backoff) until it succeeds, for as long as the stream keeps it (24 h). The
   * consumer's lag (iterator age) is alarmed instead.
   */
  retryAttempts: number;
}

/** `retryAttempts` without a finite budget (Lambda's `MaximumRetryAttempts: -1`). */
export const UNTIL_DELIVERED = -1;

export const streamConsumers: readonly StreamConsumerDecl[] = [
  // Police alerts must outlast any SNS outage: no retry budget (each is published once, `publishedAt` is
  // conditional), and only INSERTs, so the publisher's own `publishedAt` write does not re-invoke it.
  {
    name: 'alert-outbox',
    function: 'alertPublisher',
    eventNames: ['INSERT'],
    entityTypes: ['ALERT', 'ESCALATION'],
    batchSize: 25,
    retryAttempts: UNTIL_DELIVERED,
  },
  // The case officer hears of a breach on her order however long the table is contended: retried until done (one follow-up per alert and case).
  { name: 'alert-to-case', function: 'caseAlertIntake', eventNames: ['INSERT'], entityTypes: ['ALERT'], batchSize: 25, retryAttempts: UNTIL_DELIVERED },
];
