import * as z from 'zod';
import { instant } from '../primitives.js';
import { ADVICE_LEVELS, PLAN_LIMITS, SELF_CHECK_ANSWERS, SELF_CHECK_QUESTIONS } from './rules.js';

export * from './rules.js';

/**
 * Her safety plan and a saved self-check: the shapes both the browser and the server know. In her
 * space the browser encrypts them, so the server never reads them; when she shares her plan with a
 * case, the server validates it with the same schema. Every field is optional (she fills what she
 * wants, in any order), every string and list is bounded, unknown keys are refused.
 */

/** A line: a name, a place, a word. */
const line = z.string().max(PLAN_LIMITS.line);
/** A few sentences: where something is, how, who. */
const note = z.string().max(PLAN_LIMITS.note);
/** A phone number as she writes it ("0470 12 34 56", "+32 3 880 88 00"). */
const phone = z.string().max(PLAN_LIMITS.phone);

const section = <T extends z.ZodRawShape>(shape: T) => z.strictObject(shape).partial();

export const safetyPlanSchema = z
  .strictObject({
    /** Safe places: where she can go, and how she gets there. */
    places: z.array(section({ place: line, how: note })).max(PLAN_LIMITS.places),
    /** Safe people: who can help, how to reach them. */
    people: z.array(section({ name: line, phone, how: note })).max(PLAN_LIMITS.people),
    /** A code word and what the people who hear it do. */
    codeWord: section({ word: line, meaning: note, whoKnows: note }),
    /** Important documents and where they are. */
    documents: z.array(section({ what: line, where: note })).max(PLAN_LIMITS.documents),
    children: section({ pickUp: note, whatTheyKnow: note, safeAdult: note }),
    leaving: section({ where: note, bag: note, how: note }),
    staying: section({ safeRoom: note, signs: note, neighbours: note }),
    digital: section({ phone: note, accounts: note, location: note }),
    /** Her own numbers to call, after 112 and the declared help lines (which the app shows itself). */
    numbers: z.array(section({ name: line, phone })).max(PLAN_LIMITS.numbers),
  })
  .partial()
  .describe('Her safety plan: every field optional, strings and lists bounded, no other keys');

export type SafetyPlan = z.infer<typeof safetyPlanSchema>;

/** A plan with nothing in it yet. */
export function emptyPlan(): SafetyPlan {
  return {};
}

/** A self-check she saved into her space: her answers, the advice she got, when. */
export const selfCheckResultSchema = z
  .strictObject({
    answers: z.partialRecord(z.enum(SELF_CHECK_QUESTIONS), z.enum(SELF_CHECK_ANSWERS)),
    level: z.enum(ADVICE_LEVELS),
    at: instant,
  })
  .describe('A saved self-check: the answers, the advice level, when');

export type SelfCheckResult = z.infer<typeof selfCheckResultSchema>;
