import { PROOF_HEADER, solveProof } from '../../shared/catalog/booking-proof.js';

// Test files share one table (and so the per-client cap) but not this module: each starts at a random
// place in 198.18.0.0/15 (the benchmarking range), so two files practically never hand out the same address.
let seq = Math.floor(Math.random() * 131_072);

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
export const freshAddress = (): string => {
  seq = (seq + 1) % 131_072;
  return `198.${18 + Math.floor(seq / 65_536)}.${Math.floor(seq / 256) % 256}.${seq % 256}`;
};

/**
 * A request's options as the victim app would send them: a booking (POST /api/bookings) gets its proof of
 * work and, unless one is given, an address of its own; any other request is left as it is.
 */
export async function asTheAppSends<O extends { body?: unknown; headers?: Record<string, string>; sourceIp?: string }>(
  method: string,
  path: string,
  opts: O,
): Promise<O> {
  if (method !== 'POST' || path !== '/api/bookings') return opts;
  return { sourceIp: freshAddress(), ...opts, headers: await bookingHeaders(opts.body, opts.headers) };
}
