import { ulid } from 'ulid';
import type { LatLon } from '../../shared/zones/index.js';

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

/** The protected person's home in the tests' orders (Boom). */
export const HOME: LatLon = { lat: 51.0899, lon: 4.3712 };

/** A unique id with a readable prefix: each test its own district, device and references. */
export function unique(prefix: string): string {
  return `${prefix}-${ulid().toLowerCase()}`;
}

/** A valid order body; `overrides` replace or add fields, and their types show in the result. */
export function orderBody<T extends Record<string, unknown> = Record<never, never>>(overrides: T = {} as T) {
  const now = Date.now();
  const base = {
    district: unique('d'),
    respondentDeviceId: unique('DEV-R'),
    protectedPersonRef: unique('CASE'),
    validFrom: new Date(now - 86_400_000).toISOString(),
    validUntil: new Date(now + 30 * 86_400_000).toISOString(),
    zones: [{ label: 'home', centre: HOME, alertRadiusM: 500 }],
    noContact: true,
    device: { signalLossMinutes: 10, batteryLowPercent: 15 },
  };
  return { ...base, ...overrides } as string extends keyof T ? typeof base & T : Omit<typeof base, keyof T> & T;
}
