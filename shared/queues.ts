import { timeoutOf, type FunctionName } from './functions.js';

/**
 * SQS work queues, declared once: an SQS queue with its dead-letter queue and a Lambda event source in
 * AWS (infra/aws/stateless-stack.ts), an in-process queue behind a local SQS endpoint in the local stack
 * (infra/local/sqs.ts). A function that sends declares the queue in `sends` (shared/functions.ts) and
 * gets its URL in `envVar`. Messages carry item keys only, never personal data.
 */
export interface QueueDecl {
  /** The queue URL's variable, set on each sender together with its grant. */
  envVar: string;
  purpose: string;
  /** The function the event source invokes, with up to `batchSize` messages. */
  consumer: FunctionName;
  batchSize: number;
  /** At most this many consumer invocations at once (the event source's maximum concurrency, ≥ 2). */
  maxConcurrency: number;
  /** Receives before a message goes to the dead-letter queue. */
  maxReceiveCount: number;
}

/** Named here, not derived from `queues`: shared/functions.ts refers to it, and `queues` to the function names. */
export type QueueName = 'followupFanOut';

export const queues = {
  followupFanOut: {
    envVar: 'QUEUE_FOLLOWUP_FANOUT',
    purpose: 'Due follow-up items (keys only) the reminder tick hands to workers when a burst is more than it reminds itself',
    consumer: 'followupWorker',
    // One claim → PublishBatch → finish round per invocation (SNS takes ten per PublishBatch).
    batchSize: 10,
    maxConcurrency: 10,
    maxReceiveCount: 5,
  },
} as const satisfies Record<QueueName, QueueDecl>;
export const QUEUE_NAMES = Object.keys(queues) as QueueName[];

/** SendMessageBatch takes at most ten entries. */
export const SEND_BATCH_MAX = 10;

/**
 * How long a received message stays invisible: six times the consumer's timeout, as AWS advises for a
 * Lambda event source (room for the function's own retries and for the poller's batching).
 */
export function visibilityTimeoutOf(name: QueueName): number {
  return 6 * timeoutOf(queues[name].consumer);
}
