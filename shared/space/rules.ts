/**
 * The facts of the safety plan and the self-check that need no schema library: the plan's limits and
 * the self-check's questions and advice. Kept apart from plan.ts (zod) so the self-check screen, which
 * opens without a space, loads without zod.
 */

/** How long a plan's texts and lists may be (the form's `maxLength`, the schema's bounds). */
export const PLAN_LIMITS = { places: 10, people: 10, documents: 20, numbers: 10, line: 120, note: 600, phone: 40 } as const;

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
