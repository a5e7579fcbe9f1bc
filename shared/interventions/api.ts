import * as z from 'zod';
import { IDEMPOTENCY_HEADER, idempotencyHeader } from '../bookings/api.js';
import { RISK_LEVELS } from '../cases/dash.js';
import { FJC_STATUSES, GENDERS } from '../cases/model.js';
import { dashYesSchema, usernameSchema, victimRefSchema } from '../cases/schemas.js';
import { orderIdSchema } from '../orders/api.js';
import type { CapabilityContract } from '../contract.js';
import { calendarDate, pastDate, plainText, ulidId, wallClockTime } from '../primitives.js';
import { ZONE_IDS, ZONES } from '../zones-list.js';
import {
  AGGRESSOR_RELATIONS,
  CHILD_AGE_BANDS,
  CHILD_PRESENCE,
  CHILD_REFERRALS,
  CHILD_WHEREABOUTS,
  HOME_BAN_EXTENDED_MAX_DAYS,
  HOME_BAN_MAX_DAYS,
  OTHERS_PRESENT,
  SAFE_TO_TALK,
  SECURED_WITH,
  SUBSTANCE_USE,
  VIOLENCE_FORMS,
  WEAPON_KINDS,
  type ViolenceForm,
} from './choices.js';

export * from './choices.js';
export type { ViolenceForm };

/**
 * The police intervention (POST /api/interventions): what the police officer at the scene records on a
 * tablet — when and where, the report number (proces-verbaal), who was present with a row per child,
 * what happened, what was done, and a DASH-style risk assessment that asks "is it safe to talk now"
 * first. Saving it opens the case (with its follow-up cadence), records the FJC introduction and
 * counts the report, in one transaction (functions/interventions/README.md).
 *
 * Substance use is recorded as a health matter (the Pompidou Group's position): what was used, and
 * whether treatment services were offered — never a label on the person.
 */

const DAY_MS = 86_400_000;
const daysBetween = (from: string, to: string) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);

const districtIds = ZONES.flatMap((zone) => zone.districts.map((d) => d.id)) as [string, ...string[]];
/** A proces-verbaal number as the police systems write it (`AN.55.L7.012345/2026`): upper-case letters, digits and . / -. */
export const reportNumberSchema = z
  .string()
  .trim()
  .min(4)
  .max(40)
  .regex(/^[A-Z0-9][A-Z0-9./-]*$/, 'A proces-verbaal number: capital letters, digits and . / -');

export const childSchema = z.strictObject({
  ageBand: z.enum(CHILD_AGE_BANDS),
  presence: z.enum(CHILD_PRESENCE),
  injured: z.boolean(),
  whereNow: z.enum(CHILD_WHEREABOUTS),
  /** With whom the child is now (free text; sealed at rest). */
  withWhom: plainText(120).optional(),
});
export type ChildRow = z.infer<typeof childSchema>;

const substanceSide = z.strictObject({
  use: z.enum(SUBSTANCE_USE).default('not_known'),
  /** Treatment or support services were offered (a health matter, not a label). */
  servicesOffered: z.boolean().default(false),
});

export const homeBanSchema = z
  .strictObject({
    /** Imposed by the prosecutor; starts when it is served. */
    start: pastDate,
    legalEnd: calendarDate,
    /** Extended by the family court (to at most three months from the start). */
    extendedUntil: calendarDate.optional(),
  })
  .superRefine((b, ctx) => {
    const days = daysBetween(b.start, b.legalEnd);
    if (days < 1 || days > HOME_BAN_MAX_DAYS)
      ctx.addIssue({ code: 'custom', path: ['legalEnd'], message: `Between 1 and ${HOME_BAN_MAX_DAYS} days after the start` });
    if (b.extendedUntil !== undefined && (b.extendedUntil <= b.legalEnd || daysBetween(b.start, b.extendedUntil) > HOME_BAN_EXTENDED_MAX_DAYS))
      ctx.addIssue({ code: 'custom', path: ['extendedUntil'], message: `After the legal end, at most ${HOME_BAN_EXTENDED_MAX_DAYS} days after the start` });
  });
export type HomeBan = z.infer<typeof homeBanSchema>;

export const createInterventionSchema = z
  .strictObject({
    date: pastDate,
    time: wallClockTime.optional(),
    zone: z.enum(ZONE_IDS, { error: 'A declared zone (shared/zones-list.ts)' }),
    district: z.enum(districtIds, { error: 'A declared district (shared/zones-list.ts)' }),
    reportNumber: reportNumberSchema,
    victims: z
      .array(z.strictObject({ ref: victimRefSchema, gender: z.enum(GENDERS).default('not_recorded') }))
      .min(1)
      .max(5),
    aggressor: z.strictObject({
      /** A pseudonymous reference (never a name); optional when the aggressor left before the police came. */
      ref: victimRefSchema.optional(),
      gender: z.enum(GENDERS).default('not_recorded'),
      relation: z.enum(AGGRESSOR_RELATIONS),
    }),
    children: z.array(childSchema).max(12).default([]),
    others: z.array(z.enum(OTHERS_PRESENT)).max(10).default([]),
    violence: z
      .array(z.enum(VIOLENCE_FORMS))
      .min(1)
      .refine((a) => new Set(a).size === a.length, 'Each kind at most once'),
    injuries: z.strictObject({
      victim: z.boolean(),
      aggressor: z.boolean().default(false),
      medicalExamOffered: z.boolean(),
    }),
    weapons: z
      .array(z.enum(WEAPON_KINDS))
      .max(WEAPON_KINDS.length)
      .refine((a) => new Set(a).size === a.length, 'Each kind at most once')
      .default([]),
    substanceUse: z.strictObject({ aggressor: substanceSide, victim: substanceSide }),
    earlierInterventionsAtAddress: z.number().int().min(0).max(500).default(0),
    actions: z.strictObject({
      arrest: z.boolean(),
      homeBan: homeBanSchema.optional(),
      restrainingOrderRequested: z.boolean().default(false),
      /** The order police created for it (POST /api/orders), when there is one already. */
      orderId: orderIdSchema.optional(),
      childrenSecured: z
        .strictObject({
          with: z.enum(SECURED_WITH),
          withWhom: plainText(120).optional(),
          referral: z.enum(CHILD_REFERRALS),
        })
        .optional(),
      prosecutorInformed: z.boolean(),
      interpreterUsed: z.boolean().default(false),
    }),
    risk: z.strictObject({
      safeToTalk: z.enum(SAFE_TO_TALK),
      dashYes: dashYesSchema,
      /** Professional judgement; below the checklist's level only with riskReason. */
      riskLevel: z.enum(RISK_LEVELS).optional(),
      riskReason: plainText(500).optional(),
    }),
    /** The FJC introduction at the scene: offered, accepted or declined by the family; `done` when the introduction was made. */
    fjcIntroduction: z.enum(FJC_STATUSES).default('offered'),
    /** The social-service officer who follows the family up; by default the zone's first active officer (the directory). */
    officer: usernameSchema.optional(),
  })
  .superRefine((b, ctx) => {
    const zone = ZONES.find((z) => z.id === b.zone);
    if (zone && !zone.districts.some((d) => d.id === b.district))
      ctx.addIssue({ code: 'custom', path: ['district'], message: `Not a district of ${zone.name}` });
    // The questions are not asked when it is not safe to talk: no answer can have been given.
    if (b.risk.safeToTalk === 'no' && b.risk.dashYes.length > 0)
      ctx.addIssue({ code: 'custom', path: ['risk', 'dashYes'], message: 'Not asked when it is not safe to talk now' });
    if (b.actions.childrenSecured && b.children.length === 0)
      ctx.addIssue({ code: 'custom', path: ['actions', 'childrenSecured'], message: 'No child was recorded' });
    if (b.actions.homeBan && b.actions.homeBan.start < b.date)
      ctx.addIssue({ code: 'custom', path: ['actions', 'homeBan', 'start'], message: 'Not before the intervention' });
    if (b.actions.orderId && !b.actions.restrainingOrderRequested)
      ctx.addIssue({ code: 'custom', path: ['actions', 'restrainingOrderRequested'], message: 'An order is linked: the request was made' });
  });
export type CreateInterventionBody = z.infer<typeof createInterventionSchema>;

export const interventionIdSchema = ulidId('IV', 'a police intervention');

/** The stored intervention as GET /api/interventions/{id} answers it (audited). */
export type InterventionRecord = CreateInterventionBody & {
  id: string;
  version: number;
  /** The case opened with it, and the officer who follows it up. */
  caseId: string;
  officer: string;
  recordedAt: string;
  recordedBy: string;
};

/** POST /api/interventions: what was created (ids only: a retry is answered from the idempotency record, which holds no personal data). */
export interface InterventionReceipt {
  id: string;
  caseId: string;
  officer: string;
  riskLevel: (typeof RISK_LEVELS)[number];
  fjcIntroduction: (typeof FJC_STATUSES)[number];
  /** A referral went to the FJC's case directors with it (the introduction was offered, accepted or done). */
  fjcReferral: boolean;
  followups: { id: string; dueAt: string; purpose: string }[];
}

export { IDEMPOTENCY_HEADER };

export const interventionsContract = {
  'POST /api/interventions': {
    headers: [
      idempotencyHeader(
        'A random key per intervention form: a retry with the same key and record is answered with the same receipt, and records nothing twice',
      ),
    ],
    body: createInterventionSchema,
    responses: {
      201: { description: 'The intervention, its case and follow-ups (ids)', headers: { location: 'The intervention' } },
      409: { description: 'The Idempotency-Key was used for another record, or the same record is still being saved' },
    },
  },
  'GET /api/interventions/{id}': {
    params: { id: interventionIdSchema },
    responses: { 200: { description: 'The intervention (audited)' }, 404: { description: 'No such intervention in your zone' } },
  },
} as const satisfies CapabilityContract<'interventions'>;
