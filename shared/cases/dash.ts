/**
 * A DASH-style risk checklist (after SafeLives' DASH: 24 questions; 14 or more "yes" = high risk,
 * 10–13 = medium, else standard). Pure; shared by the cases API and the staff console, so both compute
 * the same level. Professional judgement may RAISE the level freely; it may LOWER it only with an
 * explicit reason, which is recorded in the case's risk history (never silently).
 */
export const DASH_QUESTIONS = [
  'injury',
  'frightened',
  'afraidOf',
  'isolated',
  'depressed',
  'separated',
  'childContact',
  'stalking',
  'pregnant',
  'moreOften',
  'worse',
  'controlling',
  'weapons',
  'threatsToKill',
  'strangulation',
  'sexualAbuse',
  'otherThreat',
  'hurtOthers',
  'animals',
  'financial',
  'substanceMental',
  'suicideThreats',
  'brokenOrders',
  'criminalHistory',
] as const;
export type DashQuestion = (typeof DASH_QUESTIONS)[number];

export const RISK_LEVELS = ['standard', 'medium', 'high'] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];

export const DASH_HIGH_FROM = 14;
export const DASH_MEDIUM_FROM = 10;

export function dashRisk(yesCount: number): RiskLevel {
  if (yesCount >= DASH_HIGH_FROM) return 'high';
  if (yesCount >= DASH_MEDIUM_FROM) return 'medium';
  return 'standard';
}

export const riskRank = (r: RiskLevel): number => RISK_LEVELS.indexOf(r);

/** The levels a professional may choose without giving a reason: the checklist's or higher. */
export function allowedLevels(fromChecklist: RiskLevel): RiskLevel[] {
  return RISK_LEVELS.slice(riskRank(fromChecklist));
}

/** The final level in the console's raise-only form: judgement counts only when it raises. */
export function finalRisk(fromChecklist: RiskLevel, judgement: RiskLevel | undefined): RiskLevel {
  if (!judgement) return fromChecklist;
  return riskRank(judgement) > riskRank(fromChecklist) ? judgement : fromChecklist;
}

export type RiskDecision = { ok: true; level: RiskLevel; lowered: boolean } | { ok: false; problem: 'reason_required' };

/**
 * Decides a risk level from a baseline (the checklist's level, or the case's current level) and a
 * professional's choice. Raising or keeping needs nothing; lowering needs a non-empty reason.
 */
export function decideRisk(baseline: RiskLevel, chosen: RiskLevel | undefined, reason: string | undefined): RiskDecision {
  const level = chosen ?? baseline;
  const lowered = riskRank(level) < riskRank(baseline);
  if (lowered && (reason === undefined || reason.trim() === '')) return { ok: false, problem: 'reason_required' };
  return { ok: true, level, lowered };
}
