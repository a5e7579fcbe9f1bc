import { createHash } from 'node:crypto';
import { leadingZeroBits, PROOF_BITS, PROOF_HEADER, PROOF_MAX_AGE_MINUTES, proofMessage } from '../../shared/catalog/booking-proof.js';
import { ValidationError } from '../../shared/errors.js';

const FIELD = 'X-Booking-Proof';

/**
 * Checks the proof of work of a booking request (shared/catalog/booking-proof.ts); returns its hash,
 * the key under which the repository remembers it as used. Wrong or missing: 400 naming the header.
 */
export function checkProof(header: string | undefined, serviceId: string, start: string, idempotencyKey: string | undefined, now: Date): string {
  if (header === undefined) throw new ValidationError(FIELD, `A proof of work goes in the ${PROOF_HEADER} header`);
  const m = /^(\d{1,10})\.(\d{1,12})$/.exec(header.trim());
  if (!m) throw new ValidationError(FIELD, 'The proof must be <minute>.<nonce>');
  const minute = Number(m[1]);
  const nowMinute = Math.floor(now.getTime() / 60_000);
  if (minute < nowMinute - PROOF_MAX_AGE_MINUTES || minute > nowMinute + 1) throw new ValidationError(FIELD, 'The proof has expired; make a new one');
  const digest = createHash('sha256')
    .update(proofMessage(minute, serviceId, start, idempotencyKey ?? '', Number(m[2])))
    .digest();
  if (leadingZeroBits(digest) < PROOF_BITS) throw new ValidationError(FIELD, 'The proof does not hold');
  return digest.toString('base64url');
}
