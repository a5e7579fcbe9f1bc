import type { TopicName } from './topics.js';

/**
 * Delivery channels: how a topic's messages reach people, declared once. CDK builds each from its
 * context key (infra/aws/delivery.ts; push: the subscribers of shared/subscribers.ts); the local stack
 * shows every message in `/api/dev/notifications` and delivers pushes to its local push endpoint. A topic listed in `topicsThatMustReachSomeone` without any configured channel makes
 * `cdk synth` fail, unless `noDeliveryFlag` is set on purpose (a demo account).
 */
export const channels = {
  sms: {
    context: 'oneroof:subscriptions',
    topics: ['policeAlerts', 'officerReminders', 'supervisorEscalations', 'partnerIntake'],
    description: 'SMS to a phone number (SNS), with delivery-status logging to CloudWatch Logs',
  },
  email: {
    context: 'oneroof:subscriptions',
    topics: ['policeAlerts', 'officerReminders', 'supervisorEscalations', 'partnerIntake'],
    description: 'E-mail (SNS; the recipient confirms the subscription once)',
  },
  push: {
    context: 'oneroof:push',
    topics: ['policeAlerts', 'officerReminders', 'supervisorEscalations'],
    description:
      'Web Push (VAPID) to the staff console on registered devices: police alerts by district and severity, reminders by officer, escalations by zone (functions/push)',
  },
  dispatchWebhook: {
    context: 'oneroof:dispatchWebhook',
    topics: ['policeAlerts', 'supervisorEscalations'],
    description: "HTTPS POST to a control room's own system: SNS-signed (SignatureVersion 2), retried, then a dead-letter queue",
  },
} as const satisfies Record<string, { context: string; topics: readonly TopicName[]; description: string }>;

export type ChannelName = keyof typeof channels;

/** Topics whose messages somebody must receive: a deploy without a channel for them delivers alerts to nobody. */
export const topicsThatMustReachSomeone: readonly TopicName[] = ['policeAlerts', 'officerReminders'];

/** Context flag that allows a deploy whose alerts reach nobody (a demo or test account), on purpose. */
export const noDeliveryFlag = 'oneroof:allowNoDelivery';
