/**
 * Personal fields, named in one place. The logger redacts any property with one of these names,
 * at any depth; SNS messages and audit records must never carry them (tests check against this list).
 */
export const PERSONAL_FIELDS = [
  'alias',
  'firstName',
  'name',
  'fullName',
  'phone',
  'phoneNumber',
  'number',
  'address',
  'email',
  'codeWord',
  'safeContact',
  'needs',
  'accessibilityNeeds',
  'notes',
  'pin',
  'pinHash',
  'protectionCode',
  'victimRef',
  'victimHash',
  'riskReason',
  'lat',
  'lon',
  'position',
  'authorization',
  'x-booking-pin',
  'x-protection-code',
  // Bookings (issue 4): needs and safe-contact details; the Idempotency-Key derives the booking's PIN.
  'accessibility',
  'interpreter',
  'childcare',
  'windows',
  'mayContact',
  'voicemail',
  'idempotency-key',
  'body',
] as const;

const lower = new Set(PERSONAL_FIELDS.map((f) => f.toLowerCase()));

export function isPersonalField(key: string): boolean {
  return lower.has(key.toLowerCase());
}
