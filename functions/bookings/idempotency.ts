import type { Context } from 'aws-lambda';
import type { BookingInput, BookingReceipt } from '../../shared/bookings/api.js';
import { idempotentOn, type KeyedPayload } from '../lib/idempotency.js';
import { IDEMPOTENCY_PK } from './keys.js';

/**
 * `Idempotency-Key` for POST /api/bookings (functions/lib/idempotency.ts): records at pk
 * `IDEMPOTENCY#bookings` / sk `bookings.create#<sha256 of the key>`; `data` is the receipt (reference,
 * service, times — no PIN, no personal data), `validation` the sha256 of the booking input (the same
 * key with another booking is refused). Records last 24 h.
 */
export type CreatePayload = KeyedPayload<BookingInput>;

export function idempotent(
  fn: (payload: CreatePayload) => Promise<BookingReceipt>,
  tableName: string,
): (payload: CreatePayload, context: Context) => Promise<BookingReceipt> {
  return idempotentOn(fn, tableName, { partition: IDEMPOTENCY_PK, keyPrefix: 'bookings.create', what: 'booking' });
}
