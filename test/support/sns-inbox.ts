/**
 * Observing SNS from integration tests. The global setup runs the local SNS endpoint
 * (infra/local/sns.ts) and sets `AWS_ENDPOINT_URL_SNS` and every topic's env var; handlers publish
 * through the real SDK client. Tests read the endpoint's inbox over HTTP, with a bounded wait.
 */
import type { LocalMessage } from '../../infra/local/sns.js';
import type { TopicName } from '../../shared/topics.js';

export type { LocalMessage };

function endpoint(): string {
  const url = process.env.AWS_ENDPOINT_URL_SNS;
  if (!url) throw new Error('AWS_ENDPOINT_URL_SNS is not set: run this test in the integration project');
  return url;
}

/** The topic name the global setup created for a declared topic. */
export function topicNameOf(topic: TopicName): string {
  return `oneroof-test-${topic}`;
}

export async function inbox(topic?: TopicName): Promise<LocalMessage[]> {
  const res = await fetch(`${endpoint()}/_inbox`);
  const all = (await res.json()) as LocalMessage[];
  return topic ? all.filter((m) => m.topic === topicNameOf(topic)) : all;
}

export async function clearInbox(): Promise<void> {
  await fetch(`${endpoint()}/_inbox`, { method: 'DELETE' });
}

/** Fail the next `count` Publish requests (HTTP attempts, so count SDK retries too); -1 = until reset with 0. */
export async function failPublishes(count: number): Promise<void> {
  await fetch(`${endpoint()}/_faults`, { method: 'POST', body: JSON.stringify({ publish: count }) });
}

/**
 * Waits until `predicate` holds for the messages (optionally of one topic), polling every 50 ms,
 * at most `timeoutMs`; returns the messages or throws with what was seen.
 */
export async function waitForMessages(
  predicate: (messages: LocalMessage[]) => boolean,
  options: { topic?: TopicName; timeoutMs?: number } = {},
): Promise<LocalMessage[]> {
  const deadline = Date.now() + (options.timeoutMs ?? 5_000);
  let seen: LocalMessage[] = [];
  for (;;) {
    seen = await inbox(options.topic);
    if (predicate(seen)) return seen;
    if (Date.now() > deadline) {
      throw new Error(
        `SNS messages did not match within ${options.timeoutMs ?? 5_000} ms; saw ${seen.length}: ${JSON.stringify(seen.map((m) => ({ topic: m.topic, subject: m.subject, attributes: m.attributes })))}`,
      );
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}
