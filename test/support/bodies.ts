let n = 0;

/** A valid POST /api/cases body (a fresh victim reference each call); overrides change or add fields. */
export function caseBody(zone: string, overrides: Record<string, unknown> = {}) {
  return {
    victimRef: `V-${Date.now()}-${n++}`,
    zone,
    interventionDate: '2026-01-10',
    kind: 'physical',
    children: true,
    substanceAbuse: false,
    victimGender: 'female',
    aggressorGender: 'male',
    dashYes: [],
    ...overrides,
  };
}

/** Who books in the tests: the needs and safe-contact details a booking keeps (sealed at rest). */
export interface Booker {
  alias: string;
  accessibility: string;
  phone: string;
  codeWord: string;
}

export const SAM: Booker = { alias: 'Sam', accessibility: 'Wheelchair', phone: '+32 470 12 34 56', codeWord: 'tulip' };

/** A valid POST /api/bookings body for a slot, with a safe-contact phone and code word; overrides change or add fields. */
export function bookingBody(serviceId: string, start: string, who: Booker = SAM, overrides: Record<string, unknown> = {}) {
  return {
    serviceId,
    start,
    alias: who.alias,
    language: 'nl',
    interpreter: false,
    childcare: true,
    accessibility: who.accessibility,
    safeContact: {
      mayContact: true,
      method: 'phone',
      phone: who.phone,
      windows: [{ days: [1, 2], start: '10:00', end: '12:00' }],
      voicemail: false,
      codeWord: who.codeWord,
    },
    ...overrides,
  };
}
