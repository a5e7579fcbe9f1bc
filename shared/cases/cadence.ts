import { brusselsToUtc, localParts } from '../brussels-time.js';
import type { RiskLevel } from './dash.js';
import type { FollowupPurpose } from './model.js';

/**
 * Follow-up cadence by risk level (after VioGén: the higher the risk, the closer the contact). Pure and
 * configurable: `firstWithinHours` after opening (elapsed hours), then `every` — days or calendar months
 * at the same Brussels wall-clock time, so a weekly call stays at 10:00 across a DST change.
 */
export interface CadenceStep {
  firstWithinHours: number;
  every: { days: number } | { months: number };
}
export type Cadence = Record<RiskLevel, CadenceStep>;

export const DEFAULT_CADENCE: Cadence = {
  high: { firstWithinHours: 24, every: { days: 7 } },
  medium: { firstWithinHours: 72, every: { days: 14 } },
  standard: { firstWithinHours: 7 * 24, every: { months: 1 } },
};

/** How many follow-ups a new case gets up front; completing the last pending one plans the next. */
export const PLAN_LENGTH = 3;

/** Purposes of the planned follow-ups, in order (then contact_victim). */
const PLAN_PURPOSES: readonly FollowupPurpose[] = ['contact_victim', 'check_conditions', 'contact_victim'];

/** Adds whole days or months in Brussels wall-clock time (the 31st + 1 month → the last day of the month). */
export function addLocal(atMs: number, step: { days: number } | { months: number }): number {
  const p = localParts(atMs);
  if ('days' in step) return brusselsToUtc(p.year, p.month, p.day + step.days, p.hour, p.minute) + p.second * 1000;
  const monthIndex = p.month - 1 + step.months;
  const year = p.year + Math.floor(monthIndex / 12);
  const month = (((monthIndex % 12) + 12) % 12) + 1;
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return brusselsToUtc(year, month, Math.min(p.day, lastDay), p.hour, p.minute) + p.second * 1000;
}

export interface PlannedFollowup {
  dueAt: Date;
  purpose: FollowupPurpose;
}

/** The first `count` follow-ups of a case opened at `openedAt` with `risk`. */
export function planFollowups(risk: RiskLevel, openedAt: Date, cadence: Cadence = DEFAULT_CADENCE, count = PLAN_LENGTH): PlannedFollowup[] {
  const step = cadence[risk];
  const out: PlannedFollowup[] = [];
  let due = openedAt.getTime() + step.firstWithinHours * 3_600_000;
  for (let i = 0; i < count; i++) {
    out.push({ dueAt: new Date(due), purpose: PLAN_PURPOSES[i] ?? 'contact_victim' });
    due = addLocal(due, step.every);
  }
  return out;
}

/** The next follow-up after `lastDueOrDone` when none is pending any more. */
export function nextFollowup(risk: RiskLevel, after: Date, cadence: Cadence = DEFAULT_CADENCE): PlannedFollowup {
  return { dueAt: new Date(addLocal(after.getTime(), cadence[risk].every)), purpose: 'contact_victim' };
}

/** A follow-up made urgent (two "not reached" in a row) when none is pending: within the risk's first-contact time. */
export function urgentFollowup(risk: RiskLevel, now: Date, cadence: Cadence = DEFAULT_CADENCE): PlannedFollowup {
  return { dueAt: new Date(now.getTime() + cadence[risk].firstWithinHours * 3_600_000), purpose: 'contact_victim' };
}
