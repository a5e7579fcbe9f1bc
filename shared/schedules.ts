import type { FunctionName } from './functions.js';

/** Scheduled handlers: EventBridge rules in AWS, a timer in the local stack. */
export interface ScheduleDecl {
  name: string;
  function: FunctionName;
  everyMinutes: number;
  description: string;
}

export const schedules: readonly ScheduleDecl[] = [
  { name: 'followup-reminders', function: 'followupTick', everyMinutes: 1, description: 'Remind officers of due follow-ups; escalate overdue ones' },
  { name: 'alert-escalation', function: 'alertTick', everyMinutes: 1, description: 'Escalate unacknowledged alerts' },
  { name: 'monitoring-watchdog', function: 'watchdog', everyMinutes: 1, description: 'Signal loss for active orders' },
  { name: 'audit-digest', function: 'auditDigest', everyMinutes: 1440, description: "Hash-chain digest of yesterday's audit records into write-once storage" },
];

/** Where the audit digest goes: an S3 bucket with Object Lock in AWS, a folder in the local stack. */
export const AUDIT_DIGEST_BUCKET_ENV = 'AUDIT_DIGEST_BUCKET';
export const AUDIT_DIGEST_DIR_ENV = 'AUDIT_DIGEST_DIR';

/** Stream consumers: a DynamoDB stream event source in AWS, a stream poller in the local stack. */
export interface StreamConsumerDecl {
  name: string;
  function: FunctionName;
  /** Only records whose NEW image has this `type` attribute reach the function. */
  entityTypes: readonly string[];
  batchSize: number;
  /** Retries before a record goes to the dead-letter queue. */
  retryAttempts: number;
}

export const streamConsumers: readonly StreamConsumerDecl[] = [
  { name: 'alert-outbox', function: 'alertPublisher', entityTypes: ['ALERT', 'ESCALATION'], batchSize: 25, retryAttempts: 10 },
];
