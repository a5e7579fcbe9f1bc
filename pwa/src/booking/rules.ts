import type { BookingTexts } from '../i18n/index.js';
import type { Details } from './state.js';

/** The details fields a rule can point at (the server's field names, as its 400 names them). */
export type DetailsField = 'alias' | 'phone' | 'start' | 'end' | 'codeWord' | 'accessibility';

/** The input of each field, to move focus to. */
export const FIELD_INPUT: Record<DetailsField, string> = {
  alias: 'b-alias',
  phone: 'b-phone',
  start: 'b-from',
  end: 'b-to',
  codeWord: 'b-code',
  accessibility: 'b-access',
};

export interface FieldError {
  field: DetailsField;
  text: string;
}

/** The digits of a phone number as she types it ("0470 12 34 56" has 10); the API's rule is 8 to 15. */
const digitCount = (phone: string) => phone.replace(/\D/g, '').length;

/**
 * The first thing wrong with the details, with the rule said in words (the API checks the same and
 * more: shared/bookings/api.ts), or undefined. In the order the fields stand on the screen.
 */
export function checkDetails(d: Details, t: BookingTexts): FieldError | undefined {
  if (!d.alias.trim()) return { field: 'alias', text: t.errors.aliasMissing };
  return checkContact(d, t);
}

/** The first thing wrong with her contact choices (the booking form's and "my appointment"'s). */
export function checkContact(d: Pick<Details, 'mayContact' | 'phone' | 'safeFrom' | 'safeTo'>, t: BookingTexts): FieldError | undefined {
  if (!d.mayContact) return undefined;
  if (!d.phone.trim()) return { field: 'phone', text: t.errors.phoneMissing };
  const digits = digitCount(d.phone);
  if (digits < 8 || digits > 15) return { field: 'phone', text: t.errors.phoneRule };
  if (!d.safeFrom !== !d.safeTo) return { field: d.safeFrom ? 'end' : 'start', text: t.errors.timesRule };
  if (d.safeFrom && d.safeTo && d.safeTo <= d.safeFrom) return { field: 'end', text: t.errors.timesRule };
  return undefined;
}

/**
 * A server refusal's field, when this form has an input for it (`safeContact.windows.0.end` → `end`).
 * The top-level `start` is the chosen time (another step), not the safe-from time.
 */
export function formField(path: string): DetailsField | undefined {
  if (path === 'start') return undefined;
  const last = path.split('.').pop() ?? '';
  return (Object.keys(FIELD_INPUT) as DetailsField[]).find((f) => f === last);
}
