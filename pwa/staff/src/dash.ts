/**
 * A DASH-style risk checklist (after SafeLives' DASH: 24 questions; 14 or more "yes" = high risk,
 * 10–13 = medium). Pure. Professional judgement may raise the level, never lower it.
 * To move to shared/cases/ when the cases capability lands, so the API computes the same level.
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

export function dashRisk(yesCount: number): RiskLevel {
  if (yesCount >= 14) return 'high';
  if (yesCount >= 10) return 'medium';
  return 'standard';
}

/** The levels a professional may choose: the checklist's or higher. */
export function allowedLevels(fromChecklist: RiskLevel): RiskLevel[] {
  return RISK_LEVELS.slice(RISK_LEVELS.indexOf(fromChecklist));
}

/** The final level: judgement counts only when it raises. */
export function finalRisk(fromChecklist: RiskLevel, judgement: RiskLevel | undefined): RiskLevel {
  if (!judgement) return fromChecklist;
  return RISK_LEVELS.indexOf(judgement) > RISK_LEVELS.indexOf(fromChecklist) ? judgement : fromChecklist;
}
