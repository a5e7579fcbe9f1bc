import * as z from 'zod';
import { CONFIDENTIAL_KINDS, CONTACT_KINDS } from './types.js';
import { ruleStarts } from './slots.js';
import { calendarDate, slug as anySlug, plainText, wallClockTime } from '../primitives.js';

/**
 * Edge validation of the catalogue (coordinators' POST/PUT). Strict objects: an unknown field is a 400
 * naming it. Sizes are bounded so a catalogue item stays small (one Query returns the whole catalogue).
 */
/** Catalogue ids: the shared slug, 2 to 48 characters. */
export const slug = anySlug.min(2).max(48);
const hhmm = wallClockTime;
const isoDate = calendarDate;
const line = plainText;

export const localizedSchema = (max: number) =>
  z.strictObject({
    nl: line(max),
    fr: line(max).optional(),
    en: line(max).optional(),
    ar: line(max).optional(),
    de: line(max).optional(),
    tr: line(max).optional(),
  });

export const openingRuleSchema = z
  .strictObject({ weekday: z.number().int().min(1).max(7), start: hhmm, end: hhmm })
  .refine((r) => r.end > r.start, { message: 'Must be after start (same day)', path: ['end'] });

export const closureSchema = z
  .strictObject({ from: isoDate, to: isoDate, reason: line(120).optional() })
  .refine((c) => c.to >= c.from, { message: 'Must be on or after from', path: ['to'] });

const languages = z
  .array(z.string().regex(/^[a-z]{2,3}$/, 'ISO 639 language code (nl, fr, en, ar…)'))
  .min(1)
  .max(20);
export const phoneSchema = z
  .string()
  .trim()
  .regex(/^\+?[0-9][0-9 ./-]{1,20}$/, 'A phone number: digits, spaces, . / - and an optional leading +')
  .refine((p) => p.replace(/\D/g, '').length >= 3 && p.replace(/\D/g, '').length <= 15, 'Between 3 and 15 digits');

/** A phone number someone can be called back on: 8 to 15 digits. */
export const callbackPhoneSchema = phoneSchema.refine((p) => p.replace(/\D/g, '').length >= 8, 'A full phone number (at least 8 digits)');

const serviceShape = {
  zone: slug,
  name: localizedSchema(80),
  description: localizedSchema(600),
  forWhom: localizedSchema(300),
  partnerId: slug,
  partner: line(120),
  location: z.strictObject({ label: line(120), address: line(200).optional() }),
  languages,
  slotMinutes: z.number().int().min(10).max(480),
  bufferMinutes: z.number().int().min(0).max(240),
  capacity: z.number().int().min(1).max(100),
  leadHours: z
    .number()
    .int()
    .min(0)
    .max(24 * 14),
  horizonDays: z.number().int().min(1).max(180),
  openingRules: z.array(openingRuleSchema).max(28),
  closures: z.array(closureSchema).max(100),
  bookable: z.boolean(),
  demo: z.boolean().default(false),
  confidential: z.boolean().default(false),
};

/** A confidential service has no address (it would reach the public catalogue); any other service says where to go. */
const addressMatchesConfidentiality = <T extends z.ZodType<{ confidential: boolean; location: { address?: string | undefined } }>>(schema: T) =>
  schema
    .refine((s) => !(s.confidential && s.location.address !== undefined), {
      message: 'A confidential service has no address: say in the label how she will be met',
      path: ['location', 'address'],
    })
    .refine((s) => s.confidential || s.location.address !== undefined, {
      message: 'Give the address (or mark the service confidential)',
      path: ['location', 'address'],
    });
const bookableNeedsSlots = <
  T extends z.ZodType<{ bookable: boolean; openingRules: { weekday: number; start: string; end: string }[]; slotMinutes: number; bufferMinutes: number }>,
>(
  schema: T,
) =>
  schema.refine((s) => !s.bookable || s.openingRules.some((r) => ruleStarts(r, s.slotMinutes, s.bufferMinutes).length > 0), {
    message: 'A bookable service needs at least one opening rule long enough for one slot',
    path: ['openingRules'],
    // Slot generation needs valid times: with any issue already found (e.g. `end: "25:00"`), that issue is the answer.
    when: (payload) => payload.issues.length === 0,
  });
export const serviceInputSchema = addressMatchesConfidentiality(bookableNeedsSlots(z.strictObject(serviceShape)));
export type ServiceInput = z.infer<typeof serviceInputSchema>;

/** POST /api/services: the id is chosen by the coordinator (a readable slug). */
export const newServiceSchema = addressMatchesConfidentiality(bookableNeedsSlots(z.strictObject({ id: slug, ...serviceShape })));

const contactShape = {
  kind: z.enum(CONTACT_KINDS),
  name: localizedSchema(120),
  description: localizedSchema(600),
  phone: phoneSchema.optional(),
  address: line(200).optional(),
  website: z
    .url({ protocol: /^https$/ })
    .max(200)
    .optional(),
  alwaysOpen: z.boolean(),
  openingRules: z.array(openingRuleSchema).max(28).default([]),
  languages,
  free: z.boolean().default(false),
  anonymous: z.boolean().default(false),
  emergencyLine: z.boolean().default(false),
  order: z.number().int().min(0).max(10_000).default(500),
  demo: z.boolean().default(false),
  /** Absent: confidential when its kind is (CONFIDENTIAL_KINDS); `false` on such a kind publishes its address on purpose (audited). */
  confidential: z.boolean().optional(),
};
type ContactShape = {
  kind: (typeof CONTACT_KINDS)[number];
  confidential?: boolean | undefined;
  phone?: string | undefined;
  address?: string | undefined;
  website?: string | undefined;
};
/** Whether a contact point (as sent) is confidential: as it says, or as its kind is. */
export const isConfidentialContact = (c: Pick<ContactShape, 'kind' | 'confidential'>): boolean => c.confidential ?? CONFIDENTIAL_KINDS.includes(c.kind);
const reachable = <T extends z.ZodType<ContactShape>>(schema: T) =>
  schema
    .refine((c) => c.phone !== undefined || c.address !== undefined || c.website !== undefined, {
      message: 'Give a phone number, an address or a website',
      path: ['phone'],
    })
    .refine((c) => !(isConfidentialContact(c) && c.address !== undefined), {
      message: "A confidential place's address is never published: leave it out (or set confidential: false for a public office)",
      path: ['address'],
    })
    .transform((c) => ({ ...c, confidential: isConfidentialContact(c) }));
export const contactPointInputSchema = reachable(z.strictObject(contactShape));
export type ContactPointInput = z.infer<typeof contactPointInputSchema>;

export const newContactPointSchema = reachable(z.strictObject({ id: slug, ...contactShape }));
