import { PublishCommand, type SNSClient } from '@aws-sdk/client-sns';
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

/** Adapter: SNS. Topic ARNs are read once, at construction, failing fast with the variable's name. */
export class SnsNotifier implements Notifier {
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
        MessageAttributes: Object.fromEntries(Object.entries(message.attributes).map(([k, v]) => [k, { DataType: 'String', StringValue: v }])),
      }),
      options.abortSignal ? { abortSignal: options.abortSignal } : {},
    );
    return out.MessageId ?? '';
  }
}
