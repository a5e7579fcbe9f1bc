import { PROOF_HEADER, solveProof } from '../../shared/catalog/booking-proof.js';

let seq = 0;

/**
 * Headers of a booking request as the victim app sends them: its proof of work and, unless given, a
 * client address of its own (the per-client cap is tested on purpose, elsewhere).
 */
export async function bookingHeaders(body: unknown, headers: Record<string, string> = {}): Promise<Record<string, string>> {
  const b = (body ?? {}) as { serviceId?: unknown; start?: unknown };
  if (typeof b.serviceId !== 'string' || typeof b.start !== 'string') return headers;
  return { [PROOF_HEADER]: await solveProof(b.serviceId, b.start, headers['idempotency-key'] ?? ''), ...headers };
}

/** A fresh documentation-range address per booking, so tests that book a lot stay under the per-client cap. */
export const freshAddress = (): string => `198.18.${Math.floor(++seq / 250) % 250}.${seq % 250}`;
