import { describe, expect, it } from 'vitest';
import { checkProof } from '../../functions/bookings/proof.js';
import { leadingZeroBits, PROOF_BITS, solveProof } from '../../shared/catalog/booking-proof.js';

describe('the booking proof of work', () => {
  const start = '2026-12-02T09:00:00.000Z';
  it('counts leading zero bits', () => {
    expect(leadingZeroBits(new Uint8Array([0, 0, 0x1f]))).toBe(19);
    expect(leadingZeroBits(new Uint8Array([0x80]))).toBe(0);
    expect(leadingZeroBits(new Uint8Array([0, 0]))).toBe(16);
  });

  it('the app’s WebCrypto solution holds on the server for that slot, key and minute only', { timeout: 60_000 }, async () => {
    const now = new Date();
    const proof = await solveProof('svc', start, 'key-1', now.getTime());
    expect(checkProof(proof, 'svc', start, 'key-1', now)).toMatch(/^[\w-]{43}$/);
    expect(PROOF_BITS).toBeGreaterThanOrEqual(12);
    for (const [svc, s, key] of [
      ['other', start, 'key-1'],
      ['svc', '2026-12-02T09:30:00.000Z', 'key-1'],
      ['svc', start, 'key-2'],
    ] as const) {
      expect(() => checkProof(proof, svc, s, key, now)).toThrow(/does not hold/);
    }
    expect(() => checkProof(proof, 'svc', start, 'key-1', new Date(now.getTime() + 11 * 60_000))).toThrow(/expired/);
    expect(() => checkProof(undefined, 'svc', start, 'key-1', now)).toThrow(/X-Booking-Proof|header/);
  });
});
