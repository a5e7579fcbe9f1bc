import { alertMessage } from '../../shared/zones/index.js';
import { logger } from '../lib/logger.js';
import type { Notification, Notifier } from '../lib/notifier.js';
import { keys } from './keys.js';
import type { AlertRecord } from './model.js';
import type { AlertRepository } from './repository.js';

/**
 * The eager half of the alert outbox. The function that commits an alert publishes it right after the
 * commit, instead of waiting for the table's stream to reach the publisher (a poll interval, and in AWS
 * possibly a cold publisher, on the police's path). The stream publisher stays as the backstop.
 *
 * Exactly once in effect between the two:
 * - the committing transaction writes each alert with a short publish lease (`publishLeaseUntil`, epoch
 *   ms of wall time, never the local stack's movable clock) — only when it will publish eagerly;
 * - the eager path publishes only while its lease runs (the SNS call is aborted before it ends), then
 *   sets `publishedAt` conditionally (attribute_not_exists) and drops the lease;
 * - on an SNS failure it logs, gives the lease back (conditional on its own lease, nothing published) and
 *   leaves the alert to the backstop;
 * - the stream publisher skips an alert with `publishedAt`, and waits out a live lease before it publishes
 *   (it re-reads the item: published → skip; lease given back or run out → publish as before).
 * Only alerts of the committed attempt reach `committed()`: the evaluation a version conflict discarded was
 * never written and is never published. What remains is the window the stream publisher always had: a
 * crash (or a lost DynamoDB write) between SNS accepting and `publishedAt` being set repeats that message.
 */
export const PUBLISH_LEASE_MS = 3_000;
/** The eager SNS call must have ended this long before its lease does (clock skew between functions, the mark). */
export const LEASE_MARGIN_MS = 750;

/** What the police and supervisor messages say of an alert (never anything personal). */
export function alertSummary(a: Pick<AlertRecord, 'id' | 'kind' | 'severity' | 'district' | 'orderId' | 'at' | 'zoneLabel'>) {
  return {
    id: a.id,
    kind: a.kind,
    severity: a.severity,
    district: a.district,
    orderRef: a.orderId,
    at: a.at,
    ...(a.zoneLabel ? { zoneLabel: a.zoneLabel } : {}),
  };
}

/** The police topic's message for an alert (the stream publisher builds the same one from the stream image). */
export function alertNotification(a: Parameters<typeof alertSummary>[0], consoleOrigin: string | undefined): Notification {
  return alertMessage(alertSummary(a), consoleOrigin);
}

/** What a use case that commits alerts is handed: a lease for the next commit, and the alerts it committed. */
export interface AlertOutbox {
  /** The lease to write with the alerts of the commit about to be attempted. */
  lease(): number;
  /** The alerts of the commit that succeeded, with the lease they were written under: published at once. */
  committed(alerts: readonly AlertRecord[], leaseUntil: number): void;
}

export class EagerAlertPublisher {
  constructor(
    private readonly repo: Pick<AlertRepository, 'markPublished' | 'releasePublishLease'>,
    private readonly notifier: Notifier,
    private readonly now: () => Date,
    private readonly consoleOrigin?: string,
  ) {}

  /** One request's outbox: `settled()` resolves when every eager publish it started has ended (never rejects). */
  batch(): AlertOutbox & { settled(): Promise<void> } {
    const started: Promise<void>[] = [];
    return {
      lease: () => Date.now() + PUBLISH_LEASE_MS,
      committed: (alerts, leaseUntil) => {
        for (const alert of alerts) started.push(this.publish(alert, leaseUntil));
      },
      settled: async () => {
        await Promise.all(started);
      },
    };
  }

  /** Publishes one committed alert inside its lease; any failure is logged and left to the stream publisher. */
  async publish(alert: AlertRecord, leaseUntil: number): Promise<void> {
    const key = keys.alert(alert.id);
    const left = leaseUntil - LEASE_MARGIN_MS - Date.now();
    if (left <= 0) return; // the lease ran out before the publish could start: the backstop publishes once it has passed
    let messageId: string;
    try {
      messageId = await this.notifier.publish('policeAlerts', alertNotification(alert, this.consoleOrigin), { abortSignal: AbortSignal.timeout(left) });
    } catch (error) {
      logger.warn('Eager publish failed; the stream publisher delivers it', { alertId: alert.id, errorName: (error as Error).name });
      try {
        await this.repo.releasePublishLease(key, leaseUntil);
      } catch (releaseError) {
        // The lease then simply runs out: the backstop waits a few seconds longer.
        logger.warn('Publish lease not given back', { alertId: alert.id, errorName: (releaseError as Error).name });
      }
      return;
    }
    try {
      await this.repo.markPublished(key, this.now(), messageId);
      logger.info('Published', { type: 'ALERT', key: key.pk, sk: key.sk, eager: true });
    } catch (error) {
      // Published but not marked: the backstop publishes it again once the lease has passed (at-least-once).
      logger.error('Published alert not marked', { alertId: alert.id, error: error as Error });
    }
  }
}
