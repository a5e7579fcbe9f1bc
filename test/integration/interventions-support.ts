import { usualIntervention } from '../../infra/local/demo/interventions.js';
import { addDays } from '../../shared/cases/rules.js';
import { brusselsToday } from '../../shared/primitives.js';

let n = 0;
export const today = brusselsToday();
export const plusDays = addDays;

/** A usual intervention (the demo's): two children (one a witness), a home ban, the aggressor drank; FJC introduction offered. */
export function interventionBody(overrides: Record<string, unknown> = {}) {
  n += 1;
  return {
    ...usualIntervention({
      day: today,
      time: '21:40',
      reportNumber: `AN.55.L7.${String(n).padStart(6, '0')}/2026`,
      victimRef: `V-IV-${Date.now()}-${n}`,
      aggressorRef: `A-IV-${Date.now()}-${n}`,
      dashYes: ['injury', 'frightened', 'moreOften'],
    }),
    ...overrides,
  };
}
