import { prefixes } from '../../shared/partitions.js';

/**
 * Keys of the monitoring capability's own items (documented in functions/monitoring/README.md); the
 * orders it evaluates are keyed by functions/orders/keys.ts. Nothing else builds these strings.
 */
export const monitoringKeys = {
  /**
   * A provider event already processed for one order (dedupe), expiring after SEEN_EVENT_DAYS: written in
   * that order's transaction, so each order of a device commits (or finds a replay) on its own.
   */
  seenEvent: (eventId: string, orderId: string) => ({ pk: `${prefixes.event}${eventId}`, sk: `ORDER#${orderId}` }),
  /** Protection-code checks reserved per caller (functions/lib/attempts.ts: fixed window, reserved before the check). */
  protectAttempts: (callerHash: string) => ({ pk: `${prefixes.protectFailures}${callerHash}`, sk: 'BUDGET' }),
  /** Duress-code checks reserved per caller: a budget of its own, so guessing one kind of code never spends the other's. */
  duressAttempts: (callerHash: string) => ({ pk: `${prefixes.protectFailures}${callerHash}`, sk: 'DURESS_BUDGET' }),
};

/** Seen-event markers expire after this long (a provider redelivering later than this is not expected). */
export const SEEN_EVENT_DAYS = 30;
