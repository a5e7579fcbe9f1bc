import { PublishBatchCommand, PublishCommand, type SNSClient } from '@aws-sdk/client-sns';
import { topics, type TopicName } from '../../shared/topics.js';
import { sns } from './clients.js';
import { requireEnv } from './config.js';

/** A message for SNS: routing in attributes (for subscription filter policies), references only in text. */
export interface Notification {
  subject: string;
  text: string;
  attributes: Record<string, string>;
}

/** Port: use cases publish through this; tests of adapters mock the SNS client, use-case tests use the local endpoint. */
export interface Notifier {
  /** `abortSignal` ends the call (and its SDK retries) early: the eager alert publish holds a short lease. */
  publish(topic: TopicName, message: Notification, options?: PublishOptions): Promise<string>;
}

export interface PublishOptions {
  abortSignal?: AbortSignal;
}

/** SNS takes at most this many messages per PublishBatch. */
export const PUBLISH_BATCH_MAX = 10;

/** One message of a batch; `id` is the caller's (unique within the batch), echoed in the outcome. */
export interface BatchEntry {
  id: string;
  message: Notification;
}

/** Per entry: published (with SNS's message id) or failed (with SNS's code, or the request's error name). */
export interface BatchOutcome {
  published: { id: string; messageId: string }[];
  failed: { id: string; error: string }[];
}

/** A notifier that can send up to PUBLISH_BATCH_MAX messages to one topic in one request (the SNS adapter can). */
export interface BatchNotifier extends Notifier {
  publishBatch(topic: TopicName, entries: readonly BatchEntry[]): Promise<BatchOutcome>;
}

/**
 * Publishes up to PUBLISH_BATCH_MAX messages to one topic: one PublishBatch when the notifier can, else one
 * publish each. Never throws: a failed request fails each of its entries, and the caller retries per entry.
 */
export async function publishEach(notifier: Notifier, topic: TopicName, entries: readonly BatchEntry[]): Promise<BatchOutcome> {
  if (entries.length > PUBLISH_BATCH_MAX) throw new Error(`At most ${PUBLISH_BATCH_MAX} messages per batch`);
  if (entries.length === 0) return { published: [], failed: [] };
  if ('publishBatch' in notifier && typeof notifier.publishBatch === 'function') {
    try {
      return await (notifier as BatchNotifier).publishBatch(topic, entries);
    } catch (error) {
      const name = (error as Error).name || 'PublishFailed';
      return { published: [], failed: entries.map((e) => ({ id: e.id, error: name })) };
    }
  }
  const outcome: BatchOutcome = { published: [], failed: [] };
  await Promise.all(
    entries.map(async (e) => {
      try {
        outcome.published.push({ id: e.id, messageId: await notifier.publish(topic, e.message) });
      } catch (error) {
        outcome.failed.push({ id: e.id, error: (error as Error).name || 'PublishFailed' });
      }
    }),
  );
  return outcome;
}

const attributesOf = (message: Notification) =>
  Object.fromEntries(Object.entries(message.attributes).map(([k, v]) => [k, { DataType: 'String', StringValue: v }]));

/** Adapter: SNS. Topic ARNs are read once, at construction, failing fast with the variable's name. */
export class SnsNotifier implements BatchNotifier {
  private readonly arns: Partial<Record<TopicName, string>> = {};

  /** `client`: the SNS client to send with (default: the shared one of functions/lib/clients.ts). */
  constructor(
    names: readonly TopicName[],
    private readonly client: () => SNSClient = sns,
  ) {
    for (const name of names) this.arns[name] = requireEnv(topics[name].envVar);
  }

  async publish(topic: TopicName, message: Notification, options: PublishOptions = {}): Promise<string> {
    const arn = this.arns[topic];
    if (!arn) throw new Error(`Topic ${topic} was not bound to this function`);
    const out = await this.client().send(
      new PublishCommand({
        TopicArn: arn,
        Subject: message.subject,
        Message: message.text,
        MessageAttributes: attributesOf(message),
      }),
      options.abortSignal ? { abortSignal: options.abortSignal } : {},
    );
    return out.MessageId ?? '';
  }

  /** One PublishBatch request; SNS reports each entry as published or failed (a partial failure is no error). */
  async publishBatch(topic: TopicName, entries: readonly BatchEntry[]): Promise<BatchOutcome> {
    const arn = this.arns[topic];
    if (!arn) throw new Error(`Topic ${topic} was not bound to this function`);
    const out = await this.client().send(
      new PublishBatchCommand({
        TopicArn: arn,
        PublishBatchRequestEntries: entries.map((e) => ({
          Id: e.id,
          Subject: e.message.subject,
          Message: e.message.text,
          MessageAttributes: attributesOf(e.message),
        })),
      }),
    );
    const published = (out.Successful ?? []).map((s) => ({ id: s.Id ?? '', messageId: s.MessageId ?? '' }));
    const failed = (out.Failed ?? []).map((f) => ({ id: f.Id ?? '', error: f.Code ?? 'PublishFailed' }));
    // An entry SNS reported neither way counts as failed: it is retried, never taken for sent.
    const known = new Set([...published, ...failed].map((x) => x.id));
    for (const e of entries) if (!known.has(e.id)) failed.push({ id: e.id, error: 'NotReported' });
    return { published, failed };
  }
}
