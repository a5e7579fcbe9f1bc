import type { SNSEvent } from 'aws-lambda';
import type { ChannelName } from '../../shared/channels.js';
import { filterAdmits, subscribers, type SubscriberDecl } from '../../shared/subscribers.js';
import { TOPIC_NAMES, type TopicName } from '../../shared/topics.js';
import { invoke } from './handlers.js';
import type { LocalMessage } from './sns.js';

/**
 * What SNS does for a Lambda subscription, locally: each message published to a topic is delivered to
 * every subscriber of shared/subscribers.ts whose filter admits its attributes, as an SNS event,
 * asynchronously; a failed invocation is retried twice (Lambda's asynchronous retries; seconds here,
 * not minutes). Subscribers of a channel run only when that channel is configured.
 */
export interface LocalSubscribers {
  deliver(message: LocalMessage): void;
  /** Waits for deliveries under way and cancels pending retries. */
  stop(): Promise<void>;
}

const RETRY_DELAYS_MS = [1_000, 2_000];

export function snsEvent(message: LocalMessage, subscriber: SubscriberDecl): SNSEvent {
  return {
    Records: [
      {
        EventSource: 'aws:sns',
        EventVersion: '1.0',
        EventSubscriptionArn: `${message.topicArn}:${subscriber.name}`,
        Sns: {
          Type: 'Notification',
          MessageId: message.messageId,
          TopicArn: message.topicArn,
          Subject: message.subject ?? '',
          Message: message.message,
          Timestamp: message.at,
          SignatureVersion: '2',
          Signature: '',
          SigningCertUrl: '',
          UnsubscribeUrl: '',
          MessageAttributes: Object.fromEntries(Object.entries(message.attributes).map(([k, v]) => [k, { Type: 'String', Value: v }])),
        },
      },
    ],
  };
}

export function startLocalSubscribers(options: { channels: ReadonlySet<ChannelName>; log: (line: string) => void }): LocalSubscribers {
  const running = new Set<Promise<void>>();
  const timers = new Set<NodeJS.Timeout>();
  let stopped = false;
  const active = subscribers.filter((s) => s.channel === undefined || options.channels.has(s.channel));

  const attempt = (subscriber: SubscriberDecl, event: SNSEvent, n: number): void => {
    if (stopped) return;
    const run = invoke(subscriber.function, event).then(
      () => undefined,
      (err: unknown) => {
        const delay = RETRY_DELAYS_MS[n];
        options.log(`[sns→${subscriber.name}] failed${delay === undefined ? ', given up' : ', retried'}: ${(err as Error).message}`);
        if (delay === undefined || stopped) return;
        const timer = setTimeout(() => {
          timers.delete(timer);
          attempt(subscriber, event, n + 1);
        }, delay);
        timers.add(timer);
      },
    );
    running.add(run);
    void run.finally(() => running.delete(run));
  };

  return {
    deliver(message) {
      const topic = TOPIC_NAMES.find((t) => message.topic === `oneroof-${t}`) as TopicName | undefined;
      if (!topic) return;
      for (const subscriber of active) {
        if (subscriber.topic === topic && filterAdmits(subscriber.filter, message.attributes)) {
          attempt(subscriber, snsEvent(message, subscriber), 0);
        }
      }
    },
    async stop() {
      stopped = true;
      for (const t of timers) clearTimeout(t);
      timers.clear();
      await Promise.allSettled([...running]);
    },
  };
}
