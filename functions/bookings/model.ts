import type { Attendance, BookingStatus } from '../../shared/catalog/booking.js';
import type { SafeContact } from './schemas.js';

/** A booking as stored (minus keys). Personal: alias, needs, safeContact — never in logs, messages or audit records. */
export interface BookingRecord {
  reference: string;
  serviceId: string;
  partnerId: string;
  zone: string;
  start: string;
  end: string;
  /** Brussels date of the slot. */
  date: string;
  status: BookingStatus;
  attendance?: Attendance;
  alias: string;
  language: string;
  interpreter: boolean;
  childcare: boolean;
  accessibility?: string;
  safeContact: SafeContact;
  pinHash: string;
  createdAt: string;
  updatedAt: string;
  confirmedAt?: string;
  cancelledAt?: string;
  /** TTL (epoch seconds): RETENTION_DAYS after the appointment ends, or CANCELLED_RETENTION_DAYS after a cancellation. */
  expiresAt: number;
}

/** Days a booking is kept after its appointment (attendance, questions), then DynamoDB TTL deletes it. */
export const RETENTION_DAYS = 30;
/** Days a cancelled booking is kept (so the victim still sees it was cancelled). */
export const CANCELLED_RETENTION_DAYS = 7;

export const expiryAfter = (endIso: string) => Math.floor(Date.parse(endIso) / 1000) + RETENTION_DAYS * 86_400;

/** What the victim (reference + PIN) and coordinators see: the booking without its PIN hash or TTL. */
export type BookingView = Omit<BookingRecord, 'pinHash' | 'expiresAt' | 'partnerId' | 'zone'>;

export function view(b: BookingRecord): BookingView {
  const { pinHash: _p, expiresAt: _e, partnerId: _pid, zone: _z, ...rest } = b;
  return rest;
}

/** What `POST /api/bookings` returns (with the PIN added once by the handler); also the idempotency record's data. */
export interface BookingReceipt {
  reference: string;
  serviceId: string;
  start: string;
  end: string;
  status: BookingStatus;
}
