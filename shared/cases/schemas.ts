import * as z from 'zod';
import { DASH_QUESTIONS, RISK_LEVELS } from './dash.js';
import { callWindows, instant, pastDate, plainText, ulidId, zoneId } from '../primitives.js';
import { callbackPhoneSchema } from '../catalog/schemas.js';
import { orderIdSchema } from '../orders/api.js';
import { FJC_STATUSES, FOLLOWUP_PURPOSES, GENDERS, OUTCOMES, VIOLENCE_KINDS } from './model.js';

/** Request bodies of the cases API (strict: unknown fields are refused by name). */
export const victimRefSchema = z
  .string()
  .trim()
  .min(2)
  .max(64)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._:/-]*$/, 'A pseudonymous reference, not a name: letters, digits and . _ : / - (no spaces)');
export const zoneSchema = zoneId;
export const usernameSchema = z
  .string()
  .min(1)
  .max(128)
  .regex(/^[A-Za-z0-9._@+-]+$/, 'A user name')
  .describe("A staff member's user name (the token's username claim)");
export const bookingRefSchema = z
  .string()
  .min(4)
  .max(40)
  .regex(/^[A-Za-z0-9-]+$/, 'A booking reference');
export const instantSchema = instant;
const riskReason = z.string().trim().min(3).max(500);
/** The DASH checklist's "yes" answers (each question at most once): the case's and the intervention's. */
export const dashYesSchema = z
  .array(z.enum(DASH_QUESTIONS))
  .max(DASH_QUESTIONS.length)
  .refine((a) => new Set(a).size === a.length, 'Each question at most once')
  .default([]);

/**
 * How the officer may contact her safely, entered by the officer (or taken over, with her consent,
 * from her booking's choices): shown before the phone number wherever the number is shown. Personal:
 * sealed at rest with the case (shared/personal-data.ts), never in a log or message.
 */
export const caseSafeContactSchema = z
  .strictObject({
    /** May she be called at all? */
    mayCall: z.boolean(),
    phone: callbackPhoneSchema.optional(),
    /** When it is safe to call (Brussels time); empty = any time. */
    windows: callWindows,
    /** May a voicemail be left? */
    voicemail: z.boolean().default(false),
    /** A word the caller says so she knows the call is safe. */
    codeWord: plainText(40).optional(),
    /** The language to speak (ISO 639). */
    language: z
      .string()
      .regex(/^[a-z]{2,3}$/, 'ISO 639 language code (nl, fr, en, ar…)')
      .optional(),
    interpreter: z.boolean().default(false),
    /** Free text: how else to reach her, what to avoid. */
    note: plainText(300).optional(),
  })
  .superRefine((s, ctx) => {
    if (s.mayCall && s.phone === undefined) ctx.addIssue({ code: 'custom', path: ['phone'], message: 'A phone number is needed to be called' });
  });
export type CaseSafeContact = z.infer<typeof caseSafeContactSchema>;
export type CaseSafeContactRequest = z.input<typeof caseSafeContactSchema>;

export const createCaseSchema = z.strictObject({
  victimRef: victimRefSchema,
  zone: zoneSchema,
  interventionDate: pastDate,
  kind: z.enum(VIOLENCE_KINDS),
  children: z.boolean(),
  substanceAbuse: z.boolean(),
  victimGender: z.enum(GENDERS).default('not_recorded'),
  aggressorGender: z.enum(GENDERS).default('not_recorded'),
  dashYes: dashYesSchema,
  /** Professional judgement; below the checklist's level only with riskReason. */
  riskLevel: z.enum(RISK_LEVELS).optional(),
  riskReason: riskReason.optional(),
  /** Defaults to the caller; another officer only for supervisors. */
  officer: usernameSchema.optional(),
  fjcIntroduction: z.enum(FJC_STATUSES).default('not_offered'),
  bookingRefs: z.array(bookingRefSchema).max(20).default([]),
  orderIds: z.array(orderIdSchema).max(20).default([]),
});
export type CreateCaseBody = z.infer<typeof createCaseSchema>;

export const patchCaseSchema = z
  .strictObject({
    expectedVersion: z.number().int().min(1).optional(),
    riskLevel: z.enum(RISK_LEVELS).optional(),
    riskReason: riskReason.optional(),
    fjcIntroduction: z.enum(FJC_STATUSES).optional(),
    bookingRefs: z.array(bookingRefSchema).max(20).optional(),
    orderIds: z.array(orderIdSchema).max(20).optional(),
    /** Her safe-contact preferences, replaced whole (`null` removes them). */
    safeContact: caseSafeContactSchema.nullable().optional(),
    status: z.literal('closed').optional(),
  })
  .refine((b) => Object.keys(b).some((k) => k !== 'expectedVersion' && k !== 'riskReason'), { message: 'Nothing to change', path: ['body'] });
export type PatchCaseBody = z.infer<typeof patchCaseSchema>;

/** Her booking's contact choices taken over into the case (only when she consented in the booking). */
export const safeContactFromBookingSchema = z.strictObject({
  reference: bookingRefSchema,
  expectedVersion: z.number().int().min(1).optional(),
});
export type SafeContactFromBookingBody = z.infer<typeof safeContactFromBookingSchema>;

export const addFollowupSchema = z.strictObject({
  dueAt: instantSchema,
  purpose: z.enum(FOLLOWUP_PURPOSES).default('contact_victim'),
  officer: usernameSchema.optional(),
});
/**
 * What the officer noted about the contact (several lines; no other control characters, no < >). Personal:
 * sealed at rest with the follow-up (shared/personal-data.ts), never logged, never in a message or a list.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters (line breaks aside) is the point of this pattern
const CONTROL_BUT_NEWLINE_OR_ANGLE = /[\u0000-\u0009\u000b-\u001f<>]/;
export const outcomeNoteSchema = z
  .string()
  .trim()
  .min(1)
  .max(2000)
  .refine((s) => !CONTROL_BUT_NEWLINE_OR_ANGLE.test(s), 'No control characters (other than line breaks) or < >');
export const completeSchema = z.strictObject({ outcome: z.enum(OUTCOMES), note: outcomeNoteSchema.optional() });
export const rescheduleSchema = z.strictObject({ dueAt: instantSchema });
export const reassignSchema = z.strictObject({ officer: usernameSchema });

export const caseIdSchema = ulidId('C', 'a case');
export const followupIdSchema = ulidId('FU', 'a follow-up');
export const listCasesQuery = z.strictObject({ zone: zoneSchema.optional() });
export const listFollowupsQuery = z.strictObject({ zone: zoneSchema.optional(), officer: usernameSchema.optional() });
