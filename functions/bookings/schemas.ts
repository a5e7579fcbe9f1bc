import * as z from 'zod';
import { ATTENDANCE } from '../../shared/catalog/booking.js';
import { phoneSchema, slug } from '../../shared/catalog/schemas.js';
import { calendarDate, instant, wallClockTime as hhmm } from '../../shared/primitives.js';

const text = (max: number) => z.string().trim().min(1).max(max).refine((s) => !/[\u0000-\u001f<>]/.test(s), 'No control characters or < >');

/** A phone number someone can be called back on: 8 to 15 digits. */
const callbackPhone = phoneSchema.refine((p) => p.replace(/\D/g, '').length >= 8, 'A full phone number (at least 8 digits)');

export const safeContactSchema = z
  .strictObject({
    /** May the centre contact this person at all? */
    mayContact: z.boolean(),
    method: z.enum(['phone', 'none']).default('none'),
    phone: callbackPhone.optional(),
    /** When it is safe to call (Brussels time); empty = any time within opening hours. */
    windows: z
      .array(
        z
          .strictObject({ days: z.array(z.number().int().min(1).max(7)).max(7).optional(), start: hhmm, end: hhmm })
          .refine((w) => w.end > w.start, { message: 'Must be after start', path: ['end'] }),
      )
      .max(7)
      .default([]),
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

export const bookingInputSchema = z.strictObject({
  serviceId: slug,
  start: instant,
  /** A first name or an alias: no full name needed. */
  alias: text(40),
  language: z.string().regex(/^[a-z]{2,3}$/, 'ISO 639 language code (nl, fr, en, ar…)'),
  interpreter: z.boolean().default(false),
  childcare: z.boolean().default(false),
  accessibility: text(300).optional(),
  safeContact: safeContactSchema,
});
export type BookingInput = z.infer<typeof bookingInputSchema>;

export const rescheduleSchema = z.strictObject({ start: instant });
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
