import { SendMessageBatchCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { SEND_BATCH_MAX } from '../../shared/queues.js';
import { sqs } from './clients.js';

/** One message of a batch; `id` is the caller's (unique within the batch), echoed in the outcome. */
export interface QueueEntry {
  id: string;
  body: string;
}

export interface SendOutcome {
  failed: string[];
  /** SQS's code of the first failed entry, or the request's error name. */
  error?: string;
}

/** Port: hands up to SEND_BATCH_MAX messages to a work queue (shared/queues.ts). */
export interface WorkQueue {
  /** Never throws: a failed request fails each of its entries; the answer names the ids not queued (and why). */
  sendBatch(entries: readonly QueueEntry[]): Promise<SendOutcome>;
}

/** Adapter: SQS, one SendMessageBatch per call. `url`: the queue's URL (its variable in shared/queues.ts). */
export class SqsWorkQueue implements WorkQueue {
  constructor(
    private readonly url: string,
    private readonly client: () => SQSClient = sqs,
  ) {}

  async sendBatch(entries: readonly QueueEntry[]): Promise<SendOutcome> {
    if (entries.length > SEND_BATCH_MAX) throw new Error(`At most ${SEND_BATCH_MAX} messages per batch`);
    if (entries.length === 0) return { failed: [] };
    try {
      const out = await this.client().send(
        new SendMessageBatchCommand({ QueueUrl: this.url, Entries: entries.map((e) => ({ Id: e.id, MessageBody: e.body })) }),
      );
      // An entry SQS reported neither way counts as not queued: the caller leaves it for later, never takes it for sent.
      const queued = new Set((out.Successful ?? []).map((s) => s.Id));
      const failed = entries.filter((e) => !queued.has(e.id)).map((e) => e.id);
      if (failed.length === 0) return { failed };
      return { failed, error: out.Failed?.[0]?.Code ?? 'NotReported' };
    } catch (error) {
      return { failed: entries.map((e) => e.id), error: (error as Error).name || 'SendFailed' };
    }
  }
}
