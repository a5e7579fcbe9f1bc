import type { BookingRequest, BookingView, ContactChoicesRequest, CreatedBooking, SlotsAnswer } from '../../../shared/bookings/api.js';
import { PROOF_HEADER, solveProof } from '../../../shared/catalog/booking-proof.js';

/**
 * The bookings API as the victim app calls it: same origin, no credentials, no referrer; the PIN only
 * in the X-Booking-Pin header (never in a URL). Every answer becomes a typed result, never a throw.
 */
export type Failure =
  | { kind: 'full' }
  | { kind: 'not-found' }
  | { kind: 'locked' }
  | { kind: 'offline' }
  | { kind: 'invalid'; field: string }
  | { kind: 'error' };
export type Result<T> = { ok: true; value: T } | { ok: false; failure: Failure };

const BASE: RequestInit = { credentials: 'omit', referrerPolicy: 'no-referrer', cache: 'no-store' };

async function send<T>(
  method: string,
  path: string,
  options: { body?: unknown; pin?: string; idempotencyKey?: string; proof?: string } = {},
): Promise<Result<T>> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (options.proof) headers[PROOF_HEADER] = options.proof;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (options.pin) headers['x-booking-pin'] = options.pin;
  if (options.idempotencyKey) headers['idempotency-key'] = options.idempotencyKey;
  let res: Response;
  try {
    res = await fetch(path, { ...BASE, method, headers, ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}) });
  } catch {
    return { ok: false, failure: { kind: 'offline' } };
  }
  if (res.status === 204) return { ok: true, value: undefined as T };
  let body: Record<string, unknown> = {};
  try {
    body = (await res.json()) as Record<string, unknown>;
  } catch {
    // not JSON
  }
  if (res.ok) return { ok: true, value: body as T };
  if (res.status === 409 && body.field === 'start') return { ok: false, failure: { kind: 'full' } };
  if (res.status === 404) return { ok: false, failure: { kind: 'not-found' } };
  if (res.status === 429) return { ok: false, failure: { kind: 'locked' } };
  if (res.status === 400 && typeof body.field === 'string') return { ok: false, failure: { kind: 'invalid', field: body.field } };
  return { ok: false, failure: { kind: 'error' } };
}

const ref = (reference: string) => encodeURIComponent(reference.trim());

export const bookingApi = {
  slots: (serviceId: string, from: Date, to: Date) =>
    send<SlotsAnswer>('GET', `/api/services/${encodeURIComponent(serviceId)}/slots?from=${from.toISOString()}&to=${to.toISOString()}`),
  /** With the booking's small proof of work (about a second on a slow phone; see shared/catalog/booking-proof.ts). */
  create: async (input: BookingRequest, idempotencyKey: string) =>
    send<CreatedBooking>('POST', '/api/bookings', { body: input, idempotencyKey, proof: await solveProof(input.serviceId, input.start, idempotencyKey) }),
  view: (reference: string, pin: string) => send<BookingView>('GET', `/api/bookings/${ref(reference)}`, { pin }),
  reschedule: (reference: string, pin: string, start: string) =>
    send<BookingView>('POST', `/api/bookings/${ref(reference)}/reschedule`, { pin, body: { start } }),
  contact: (reference: string, pin: string, choices: ContactChoicesRequest) =>
    send<BookingView>('PUT', `/api/bookings/${ref(reference)}/contact`, { pin, body: choices }),
  cancel: (reference: string, pin: string) => send<BookingView>('POST', `/api/bookings/${ref(reference)}/cancel`, { pin }),
  erase: (reference: string, pin: string) => send<void>('DELETE', `/api/bookings/${ref(reference)}`, { pin }),
};

/** A fresh random Idempotency-Key (a retry of the same booking reuses it). */
export function newIdempotencyKey(): string {
  return crypto.randomUUID();
}
