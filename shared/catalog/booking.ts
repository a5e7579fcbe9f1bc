/**
 * Booking references and PINs, pure (shared by the API and the victim app).
 * A reference is 8 characters from an alphabet without look-alikes (no 0/O, 1/I/L, U), shown as
 * `ABCD-EFGH`: 30^8 ≈ 6.6 × 10^11 values. A PIN is 6 digits. Together with the lockout after
 * MAX_WRONG_PINS, guessing a booking is hopeless; the reference alone reveals nothing.
 */
export const REFERENCE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTVWXYZ';
export const REFERENCE_LENGTH = 8;
export const PIN_LENGTH = 6;
/**
 * PIN guesses for one reference per LOCK_MINUTES window, from everyone together; past it the reference
 * is locked until the window (started by its first guess) ends: at most LOCK_MINUTES, never longer.
 */
export const MAX_WRONG_PINS = 5;
export const LOCK_MINUTES = 15;
/**
 * PIN guesses for one reference from one client address per window. Below MAX_WRONG_PINS, so that one
 * person holding the reference cannot lock its owner out: she still has guesses left from her own address.
 */
export const MAX_WRONG_PINS_PER_CLIENT = 3;
/**
 * Bookings one client address may make per 24 hours. One person needs one or two; a shelter's shared
 * connection a few more. Past it: 429 and the service's phone number (the catalogue shows it).
 */
export const MAX_BOOKINGS_PER_CLIENT_PER_DAY = 4;
/** Overrides it; the local stack raises it, since there every request comes from one developer's loopback address. */
export const BOOKINGS_PER_CLIENT_ENV = 'BOOKINGS_PER_CLIENT_PER_DAY';

export const BOOKING_STATUSES = ['booked', 'confirmed', 'cancelled'] as const;
export type BookingStatus = (typeof BOOKING_STATUSES)[number];
export const ATTENDANCE = ['attended', 'no_show'] as const;
export type Attendance = (typeof ATTENDANCE)[number];

/** Formats 8 alphabet characters as `ABCD-EFGH`. */
export function formatReference(raw: string): string {
  return `${raw.slice(0, 4)}-${raw.slice(4)}`;
}

/** `abcd efgh`, `ABCD-EFGH`, `abcdefgh` → `ABCD-EFGH`; anything else → undefined. */
export function normalizeReference(input: string): string | undefined {
  const raw = input.toUpperCase().replace(/[\s-]/g, '');
  if (raw.length !== REFERENCE_LENGTH) return undefined;
  for (const ch of raw) if (!REFERENCE_ALPHABET.includes(ch)) return undefined;
  return formatReference(raw);
}

/** `123 456` → `123456`; anything but 6 digits → undefined. */
export function normalizePin(input: string): string | undefined {
  const pin = input.replace(/\s/g, '');
  return /^\d{6}$/.test(pin) ? pin : undefined;
}

/** A reference from 8 indexes into the alphabet (the caller draws them uniformly, e.g. crypto.randomInt). */
export function referenceFrom(indexes: readonly number[]): string {
  return formatReference(
    indexes
      .slice(0, REFERENCE_LENGTH)
      .map((i) => REFERENCE_ALPHABET[i] ?? '2')
      .join(''),
  );
}
