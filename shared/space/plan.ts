import * as z from 'zod';
import { instant } from '../primitives.js';

/**
 * Her safety plan and a saved self-check: the shapes both the browser and the server know. In her
 * space the browser encrypts them, so the server never reads them; when she shares her plan with a
 * case, the server validates it with the same schema. Every field is optional (she fills what she
 * wants, in any order), every string and list is bounded, unknown keys are refused.
 */

/** A line: a name, a place, a word. */
const line = z.string().max(120);
/** A few sentences: where something is, how, who. */
const note = z.string().max(600);
/** A phone number as she writes it ("0470 12 34 56", "+32 3 880 88 00"). */
const phone = z.string().max(40);

const section = <T extends z.ZodRawShape>(shape: T) => z.strictObject(shape).partial();

export const PLAN_LIMITS = { places: 10, people: 10, documents: 20, numbers: 10, line: 120, note: 600, phone: 40 } as const;

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

/**
 * The "Am I safe?" questions, in the order asked: plain-language questions written for this app on
 * well-documented risk factors (pwa/README.md names the sources), not a licensed instrument's items.
 * `now` is asked first and alone decides the most urgent advice.
 */
export const SELF_CHECK_QUESTIONS = [
  'now',
  'afraid',
  'threatKill',
  'neck',
  'weapon',
  'worse',
  'leaving',
  'children',
  'pregnant',
  'following',
  'control',
  'forcedSex',
  'selfHarmThreat',
] as const;
export type SelfCheckQuestion = (typeof SELF_CHECK_QUESTIONS)[number];

/** What a "yes" to one of these alone means: serious danger, whatever else she answered. */
export const SERIOUS_SIGNS: readonly SelfCheckQuestion[] = ['threatKill', 'neck', 'weapon', 'children'];
/** This many "yes" answers (other than `now`) together also mean serious danger. */
export const SERIOUS_FROM = 3;

export const SELF_CHECK_ANSWERS = ['yes', 'no', 'unsure'] as const;
export type SelfCheckAnswer = (typeof SELF_CHECK_ANSWERS)[number];

/**
 * The advice she gets, from most to least urgent. Never "safe": the lowest level still says that she
 * knows best and that help is there.
 */
export const ADVICE_LEVELS = ['now', 'serious', 'raised', 'listen'] as const;
export type AdviceLevel = (typeof ADVICE_LEVELS)[number];

export type SelfCheckAnswers = Partial<Record<SelfCheckQuestion, SelfCheckAnswer>>;

/**
 * The advice for her answers. Danger right now → call 112 now. One serious sign, or three other signs
 * together → serious. Any sign, or "not sure" about a serious one → raised. Unanswered questions count
 * as nothing: a check left half-way still gives advice.
 */
export function adviceLevel(answers: SelfCheckAnswers): AdviceLevel {
  if (answers.now === 'yes') return 'now';
  const yes = SELF_CHECK_QUESTIONS.filter((q) => q !== 'now' && answers[q] === 'yes');
  if (yes.some((q) => SERIOUS_SIGNS.includes(q)) || yes.length >= SERIOUS_FROM) return 'serious';
  if (yes.length > 0 || SERIOUS_SIGNS.some((q) => answers[q] === 'unsure') || answers.now === 'unsure') return 'raised';
  return 'listen';
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
