import type { BookingView } from '../../shared/bookings/api.js';

/** A booking as stored (minus keys): the view plus what only the back end keeps. Personal: alias, needs, safeContact — never in logs, messages or audit records. */
export interface BookingRecord extends BookingView {
  partnerId: string;
  zone: string;
  pinHash: string;
  /** TTL (epoch seconds): RETENTION_DAYS after the appointment ends, or CANCELLED_RETENTION_DAYS after a cancellation. */
  expiresAt: number;
}

/** Days a booking is kept after its appointment (attendance, questions), then DynamoDB TTL deletes it. */
export const RETENTION_DAYS = 30;
/** Days a cancelled booking is kept (so the victim still sees it was cancelled). */
export const CANCELLED_RETENTION_DAYS = 7;

export const expiryAfter = (endIso: string) => Math.floor(Date.parse(endIso) / 1000) + RETENTION_DAYS * 86_400;

/** What the victim (reference + PIN) and coordinators see: the booking without its PIN hash or TTL. */
export function view(b: BookingRecord): BookingView {
  const { pinHash: _p, expiresAt: _e, partnerId: _pid, zone: _z, ...rest } = b;
  return rest;
}
