import type { Notification, Notifier } from '../../../functions/lib/notifier.js';
import type { TopicName } from '../../../shared/topics.js';

/** The Notifier port in memory: keeps what was published; `failNext` makes the next publishes throw, as SNS would when down. */
export class RecordingNotifier implements Notifier {
  readonly sent: { topic: TopicName; message: Notification; messageId: string }[] = [];
  private failures = 0;

  failNext(count = 1): void {
    this.failures += count;
  }

  async publish(topic: TopicName, message: Notification): Promise<string> {
    if (this.failures > 0) {
      this.failures--;
      throw new Error('Injected publish failure');
    }
    const messageId = `msg-${this.sent.length + 1}`;
    this.sent.push({ topic, message: structuredClone(message), messageId });
    return messageId;
  }
}
