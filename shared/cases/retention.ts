/**
 * How long a follow-up dead letter is kept: a reminder or an escalation the tick gave up on after its
 * retries (the FollowupsDeadLettered alarm fires at once). It names the item and the last error only,
 * no personal data; it stays long enough for the people on call to find out what was not sent and
 * why, then DynamoDB TTL deletes it (`expiresAt`, epoch seconds).
 */
export const DEAD_LETTER_DAYS = 90;

/** Epoch seconds at which a dead letter written at `at` expires. */
export function deadLetterExpiresAt(at: Date): number {
  return Math.floor(at.getTime() / 1000) + DEAD_LETTER_DAYS * 86_400;
}
