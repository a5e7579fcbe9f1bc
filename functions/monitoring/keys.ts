/**
 * Keys of the monitoring capability's own items (documented in functions/monitoring/README.md); the
 * orders it evaluates are keyed by functions/orders/keys.ts. Nothing else builds these strings.
 */
export const monitoringKeys = {
  /** A provider event already processed (dedupe), expiring after SEEN_EVENT_DAYS. */
  seenEvent: (eventId: string) => ({ pk: `EVENT#${eventId}`, sk: 'EVENT' }),
  /** Wrong protection codes per caller and 15-minute window (rate limit). */
  protectFailures: (callerHash: string, window: string) => ({ pk: `PROTECTFAIL#${callerHash}`, sk: `WINDOW#${window}` }),
  /** Protection-code checks reserved per caller (functions/lib/attempts.ts: fixed window, reserved before the check). */
  protectAttempts: (callerHash: string) => ({ pk: `PROTECTFAIL#${callerHash}`, sk: 'BUDGET' }),
};

/** Seen-event markers expire after this long (a provider redelivering later than this is not expected). */
export const SEEN_EVENT_DAYS = 30;
