import * as z from 'zod';
import type { CapabilityContract } from '../contract.js';
import type { ATTENDANCE, Attendance, BookingStatus } from '../catalog/booking.js';
import { callbackPhoneSchema, slug } from '../catalog/schemas.js';
import { calendarDate, callWindows, instant, plainText } from '../primitives.js';

const text = plainText;

export const safeContactSchema = z
  .strictObject({
    /** May the centre contact this person at all? */
    mayContact: z.boolean(),
    method: z.enum(['phone', 'none']).default('none'),
    phone: callbackPhoneSchema.optional(),
    /** When it is safe to call (Brussels time); empty = any time within opening hours. */
    windows: callWindows,
    voicemail: z.boolean().default(false),
    /** A word the caller says so the person knows the call is safe. */
    codeWord: text(40).optional(),
  })
  .superRefine((s, ctx) => {
    if (!s.mayContact && s.method !== 'none') ctx.addIssue({ code: 'custom', path: ['method'], message: 'Must be "none" when the centre may not contact you' });
    if (s.method === 'phone' && s.phone === undefined) ctx.addIssue({ code: 'custom', path: ['phone'], message: 'A phone number is needed to be called' });
    if (s.method === 'none' && s.phone !== undefined) ctx.addIssue({ code: 'custom', path: ['phone'], message: 'Leave out the number when nobody may call' });
  });
export type SafeContact = z.infer<typeof safeContactSchema>;
/** Safe contact as a client sends it (defaults may be left out). */
export type SafeContactRequest = z.input<typeof safeContactSchema>;

const languageCode = z.string().regex(/^[a-z]{2,3}$/, 'ISO 639 language code (nl, fr, en, ar…)');

export const bookingInputSchema = z.strictObject({
  serviceId: slug,
  start: instant,
  /** A first name or an alias: no full name needed. */
  alias: text(40),
  language: languageCode,
  interpreter: z.boolean().default(false),
  childcare: z.boolean().default(false),
  accessibility: text(300).optional(),
  safeContact: safeContactSchema,
  /**
   * Her consent that the police social service, when it follows her up, may take over these contact
   * choices (and her language and interpreter wish) into its case. Off unless she ticks it; she can
   * withdraw it from "my appointment" (`PUT /api/bookings/{reference}/contact`).
   */
  shareWithPolice: z.boolean().default(false),
});
export type BookingInput = z.infer<typeof bookingInputSchema>;
/** `POST /api/bookings` as a client sends it (defaults may be left out). */
export type BookingRequest = z.input<typeof bookingInputSchema>;

export const rescheduleSchema = z.strictObject({ start: instant });
/** Her contact choices changed from "my appointment": replaced whole, consent included. */
export const contactChoicesSchema = z.strictObject({
  safeContact: safeContactSchema,
  language: languageCode.optional(),
  interpreter: z.boolean().optional(),
  shareWithPolice: z.boolean(),
});
export type ContactChoices = z.infer<typeof contactChoicesSchema>;
export type ContactChoicesRequest = z.input<typeof contactChoicesSchema>;
export const attendanceSchema = z.strictObject({ attended: z.boolean() });
export const attendanceValue = (attended: boolean): (typeof ATTENDANCE)[number] => (attended ? 'attended' : 'no_show');

export const slotsQuerySchema = z.strictObject({ from: instant.optional(), to: instant.optional() });
export const staffListQuerySchema = z.strictObject({
  serviceId: slug,
  date: calendarDate,
});

/** Header names (lower-case, as the middy header normalizer gives them). */
export const PIN_HEADER = 'x-booking-pin';
export const IDEMPOTENCY_HEADER = 'idempotency-key';
export const idempotencyKeySchema = z.string().regex(/^[A-Za-z0-9_-]{16,128}$/, 'A random key of 16 to 128 letters, digits, _ or - (e.g. a UUID)');
/** The optional `Idempotency-Key` header of a contract (bookings, interventions), described for its route. */
export const idempotencyHeader = (description: string) => ({ name: IDEMPOTENCY_HEADER, required: false, description, schema: idempotencyKeySchema });

/** Free places of one slot (`GET /api/services/{id}/slots`). */
export interface FreeSlot {
  /** UTC instants, ISO 8601 with milliseconds. */
  start: string;
  end: string;
  /** Brussels calendar date of the slot (YYYY-MM-DD). */
  date: string;
  /** Places left as the public sees them (coarse in time: see AVAILABILITY_WINDOW_MINUTES); 0 = full. */
  remaining: number;
}

export interface SlotsAnswer {
  serviceId: string;
  capacity: number;
  from: string;
  to: string;
  slots: FreeSlot[];
}

/** What `POST /api/bookings` returns (with the PIN added once); also the idempotency record's data (no PIN). */
export interface BookingReceipt {
  reference: string;
  serviceId: string;
  start: string;
  end: string;
  status: BookingStatus;
}

/** The receipt with the PIN, shown this once: only its slow hash is stored. */
export interface CreatedBooking extends BookingReceipt {
  pin: string;
}

/** What the victim (reference + PIN) and coordinators see of a booking. Personal: alias, needs, safeContact. */
export interface BookingView {
  reference: string;
  serviceId: string;
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
  /** Whether the police social service may take over her contact choices (sealed with them). */
  shareWithPolice: boolean;
  createdAt: string;
  updatedAt: string;
  confirmedAt?: string;
  cancelledAt?: string;
}

/** `GET /api/staff/bookings`: the bookings of one service on one Brussels day. */
export interface StaffBookingList {
  serviceId: string;
  date: string;
  bookings: BookingView[];
}

export const referenceParam = z
  .string()
  .min(1)
  .max(40)
  .describe('A booking reference, as given at booking (a victim sends her PIN in the X-Booking-Pin header)');
const pinHeader = { name: PIN_HEADER, required: true, description: 'The 6-digit PIN given with the booking (never in the URL)', schema: z.string().max(20) };
const byReference = { params: { reference: referenceParam }, headers: [pinHeader] };
const wrongPin = {
  404: { description: 'No such booking, or not this PIN' },
  429: { description: 'Too many wrong PINs: the reference is locked for a while' },
};

export const bookingsContract = {
  'GET /api/services/{id}/slots': {
    params: { id: slug },
    query: slotsQuerySchema,
    responses: { 200: { description: 'Free slots with remaining places (at most 31 days)' }, 404: { description: 'No such service' } },
  },
  'POST /api/bookings': {
    headers: [idempotencyHeader('A random key: a retry with the same key and booking gets the same answer')],
    body: bookingInputSchema,
    responses: {
      201: { description: 'Booked: the reference and, this once, the PIN', headers: { location: 'The booking' } },
      409: { description: 'The slot is full (field start), or the Idempotency-Key was used for another booking' },
    },
  },
  'GET /api/bookings/{reference}': { ...byReference, responses: { 200: { description: 'The booking' }, ...wrongPin } },
  'POST /api/bookings/{reference}/reschedule': {
    ...byReference,
    body: rescheduleSchema,
    responses: { 200: { description: 'The moved booking' }, ...wrongPin, 409: { description: 'The new slot is full' } },
  },
  'PUT /api/bookings/{reference}/contact': {
    ...byReference,
    body: contactChoicesSchema,
    responses: { 200: { description: 'The booking with her new contact choices' }, ...wrongPin, 409: { description: 'The booking is cancelled' } },
  },
  'POST /api/bookings/{reference}/cancel': { ...byReference, responses: { 200: { description: 'The cancelled booking' }, ...wrongPin } },
  'DELETE /api/bookings/{reference}': { ...byReference, responses: { 204: { description: 'Erased' }, ...wrongPin } },
  'GET /api/staff/bookings': { query: staffListQuerySchema, responses: { 200: { description: 'Bookings of the day (audited)' } } },
  'GET /api/staff/bookings/{reference}': {
    params: { reference: referenceParam },
    responses: { 200: { description: 'The booking with needs and safe contact (audited)' }, 404: { description: 'No such booking' } },
  },
  'POST /api/staff/bookings/{reference}/confirm': {
    params: { reference: referenceParam },
    responses: {
      200: { description: 'The confirmed booking' },
      404: { description: 'No such booking' },
      409: { description: 'Already confirmed or cancelled' },
    },
  },
  'POST /api/staff/bookings/{reference}/attendance': {
    params: { reference: referenceParam },
    body: attendanceSchema,
    responses: {
      200: { description: 'The booking with its attendance' },
      404: { description: 'No such booking' },
      409: { description: 'Cancelled, or more than an hour before the appointment' },
    },
  },
} as const satisfies CapabilityContract<'bookings'>;
