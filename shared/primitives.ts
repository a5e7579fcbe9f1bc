import * as z from 'zod';
import { localParts } from './brussels-time.js';

/**
 * The value kinds every API shares, defined once: an instant, a calendar date, a date of the past,
 * a wall-clock time, a slug (zones, districts, catalogue ids) and an opaque id (what an audit record
 * may point to). Schemas and the audit record use these, so what the edge accepts is what the store
 * accepts: an input the audit guard would refuse is a 400 here, never a 500 later.
 */

/** An ISO 8601 date-time with an offset, normalized to `toISOString()` so stored strings sort as times. */
export const instant = z.iso
  .datetime({ offset: true, message: 'An ISO 8601 date-time with offset (2026-03-01T09:30:00+01:00)' })
  .transform((s) => new Date(s).toISOString())
  .describe('ISO 8601 date-time with offset; answered in UTC (toISOString)');

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar date `YYYY-MM-DD` (2026-02-31 is not one). */
export function isCalendarDate(text: string): boolean {
  const m = DATE_PATTERN.exec(text);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

/** A calendar date `YYYY-MM-DD` that exists (no 2026-02-31, no month 13). */
export const calendarDate = z
  .string()
  .regex(DATE_PATTERN, 'A date as YYYY-MM-DD')
  .refine(isCalendarDate, 'Not a calendar date')
  .describe('Calendar date YYYY-MM-DD (Europe/Brussels)');

let now: () => Date = () => new Date();

/**
 * The clock `pastDate` compares with. The functions' clock registers itself (functions/lib/clock.ts),
 * so a local stack whose clock was moved forward judges "the future" by the same clock as its use cases.
 */
export function setPrimitivesClock(fn: () => Date): void {
  now = fn;
}

/** Today's calendar date in Brussels. */
export function brusselsToday(at: Date = now()): string {
  const p = localParts(at.getTime());
  return `${p.year}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
}

/** A calendar date on or before today in Brussels: something that has happened (an intervention). */
export const pastDate = calendarDate
  .refine((d) => d <= brusselsToday(), 'Must not be in the future (Europe/Brussels)')
  .describe('Calendar date YYYY-MM-DD, today or earlier in Europe/Brussels');

/** A wall-clock time `HH:MM` (00:00–23:59), Europe/Brussels. */
export const wallClockTime = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Time as HH:MM, 00:00 to 23:59 (Europe/Brussels)')
  .describe('Wall-clock time HH:MM, Europe/Brussels');

/**
 * When it is safe to call someone (Brussels time): at most seven windows, each on some weekdays
 * (1 = Monday; none = every day), ending after it starts. Empty = any time.
 */
export const callWindows = z
  .array(
    z
      .strictObject({ days: z.array(z.number().int().min(1).max(7)).max(7).optional(), start: wallClockTime, end: wallClockTime })
      .refine((w) => w.end > w.start, { message: 'Must be after start', path: ['end'] }),
  )
  .max(7)
  .default([]);

/** Lower-case words joined by single hyphens: `ruppel`, `boom-noord`, `legal-advice`. */
export const SLUG_PATTERN = /^[a-z0-9]+(-[a-z0-9]+)*$/;
export const SLUG_MAX = 64;

/**
 * Slugs name zones, districts and catalogue items. Every slug is also an opaque id (below), so a slug
 * may key an audit record.
 */
export const slug = z
  .string()
  .min(1)
  .max(SLUG_MAX)
  .regex(SLUG_PATTERN, 'Lower-case letters, digits and single hyphens')
  .describe('Slug: lower-case letters and digits, words joined by single hyphens');

/** A zone or district name (the same slug; the declared list of zones narrows it further). */
export const zoneId = slug.describe('Zone or district (slug)');

/** Opaque ids (ulids, references, slugs): no spaces, `@`, `#` or free text; what an audit record may point to. */
/**
 * A short line a person typed (an alias, a label, an address): trimmed, not empty, no control characters
 * and no angle brackets, so it can never smuggle markup or a forged line into a screen, a CSV or a message.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point of this pattern
const CONTROL_OR_ANGLE = /[\u0000-\u001f<>]/;
export const plainText = (max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .refine((s) => !CONTROL_OR_ANGLE.test(s), 'No control characters or < >');

/**
 * An id the API mints: its prefix and a ULID (`C-01J…`). `what` names it with its article ("a case"),
 * for the message that refuses another string and for the contract's description.
 */
export const ulidId = (prefix: string, what: string) =>
  z
    .string()
    .regex(new RegExp(`^${prefix}-[0-9A-Z]{26}$`), `Not ${what} id (${prefix}-…)`)
    .describe(`${what.charAt(0).toUpperCase()}${what.slice(1)} id: ${prefix}- and a ULID`);

export const OPAQUE_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}$/;
export const opaqueId = z.string().regex(OPAQUE_ID_PATTERN, 'An id: letters, digits and _ . : - (at most 128)').describe('Opaque id');
