import { CANARY_KIND } from './canary.js';
import type { ChannelName } from './channels.js';
import type { FunctionName } from './functions.js';
import type { TopicName } from './topics.js';

/**
 * Functions subscribed to a topic, declared once: a Lambda subscription with this filter policy in AWS
 * (infra/aws/stateless-stack.ts), a local delivery with the same filter in the local stack
 * (infra/local/subscribers.ts). A subscriber that belongs to a delivery channel exists only where that
 * channel is configured (`channel`); the others always.
 */
export interface AttributeFilter {
  allowlist?: readonly string[];
  denylist?: readonly string[];
}

export interface SubscriberDecl {
  name: string;
  topic: TopicName;
  function: FunctionName;
  /** SNS filter policy on message attributes (string values only). */
  filter: Readonly<Record<string, AttributeFilter>>;
  channel?: ChannelName;
}

const NOT_CANARY: AttributeFilter = { denylist: [CANARY_KIND] };

export const subscribers: readonly SubscriberDecl[] = [
  // The pipeline heartbeat's last hop: only canaries reach it (and people never get them).
  { name: 'pipeline-canary', topic: 'policeAlerts', function: 'canaryReceiver', filter: { kind: { allowlist: [CANARY_KIND] } } },
  { name: 'push-police-alerts', topic: 'policeAlerts', function: 'pushSender', filter: { kind: NOT_CANARY }, channel: 'push' },
  { name: 'push-officer-reminders', topic: 'officerReminders', function: 'pushSender', filter: { kind: { allowlist: ['followupReminder'] } }, channel: 'push' },
  { name: 'push-supervisor-escalations', topic: 'supervisorEscalations', function: 'pushSender', filter: {}, channel: 'push' },
];

/**
 * Whether SNS would deliver a message with these attributes through the filter: every named attribute
 * must be present (a denylist alone admits a missing one only where SNS does: never) and pass.
 */
export function filterAdmits(filter: SubscriberDecl['filter'], attributes: Readonly<Record<string, string>>): boolean {
  return Object.entries(filter).every(([name, rule]) => {
    const value = attributes[name];
    if (value === undefined) return false;
    if (rule.allowlist && !rule.allowlist.includes(value)) return false;
    if (rule.denylist?.includes(value)) return false;
    return true;
  });
}
