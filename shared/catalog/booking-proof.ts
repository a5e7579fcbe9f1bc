/**
 * A small proof of work per booking (no third-party captcha: nothing about her visit goes elsewhere).
 * The app finds a nonce such that SHA-256 of the message below starts with PROOF_BITS zero bits, and
 * sends `<minute>.<nonce>` in the X-Booking-Proof header. The message binds the proof to the slot asked
 * for, the request's Idempotency-Key and the current minute, so it cannot be prepared in bulk long
 * before or used for a second booking (the API remembers used proofs until they expire; a retry with
 * the same key and proof is the same booking).
 *
 * Sized for a slow phone: 2^14 hashes on average, about a second with WebCrypto on a low-end Android,
 * milliseconds for a script in native code. It is a cost per booking, not a wall: the per-client cap
 * on bookings and the per-IP rate rules bound what a determined client can take.
 */
export const PROOF_HEADER = 'x-booking-proof';
export const PROOF_BITS = 14;
/** How old (minutes) a proof may be when it arrives; a proof from the future is allowed one minute of skew. */
export const PROOF_MAX_AGE_MINUTES = 10;

export const proofMessage = (minute: number, serviceId: string, start: string, idempotencyKey: string, nonce: number): string =>
  `oneroof/booking-proof/v1|${minute}|${serviceId}|${start}|${idempotencyKey}|${nonce}`;

export function leadingZeroBits(bytes: Uint8Array): number {
  let bits = 0;
  for (const byte of bytes) {
    if (byte === 0) {
      bits += 8;
      continue;
    }
    return bits + Math.clz32(byte) - 24;
  }
  return bits;
}

/**
 * Finds a proof with WebCrypto (browsers and Node alike), hashing in batches so the page stays
 * responsive. Returns the header value.
 */
export async function solveProof(serviceId: string, start: string, idempotencyKey = '', now = Date.now(), bits = PROOF_BITS): Promise<string> {
  const minute = Math.floor(now / 60_000);
  const encoder = new TextEncoder();
  const BATCH = 64;
  // A random starting nonce: two bookings of one slot in the same minute get different proofs.
  const first = crypto.getRandomValues(new Uint32Array(1))[0] ?? 0;
  for (let base = first; ; base += BATCH) {
    const digests = await Promise.all(
      Array.from({ length: BATCH }, (_, i) =>
        crypto.subtle.digest('SHA-256', encoder.encode(proofMessage(minute, serviceId, start, idempotencyKey, base + i))),
      ),
    );
    const found = digests.findIndex((d) => leadingZeroBits(new Uint8Array(d)) >= bits);
    if (found >= 0) return `${minute}.${base + found}`;
  }
}
