import { brusselsDate } from '../brussels-time.js';
import type { Outcome } from './model.js';
import type { AlertKind } from '../zones/types.js';
import type { BookingView } from '../bookings/api.js';
import type { CaseSafeContact } from './schemas.js';

/**
 * Pure rules of follow-ups: report outcome (on time / late / missed), the "two not reached in a row"
 * escalation, the repeat window, and the officer's buckets (overdue / due today / next 7 days, in
 * Europe/Brussels days).
 */

/**
 * How a follow-up counts in the report (the three add up with "not done yet" to followups.due):
 * - missed: it became overdue beyond the grace period (escalated) — decided by the tick, once, and kept
 *   even if it is done afterwards;
 * - on_time: done at or before its due time;
 * - late: done after its due time, before it was escalated.
 */
export function reportOutcome(dueAt: Date, completedAt: Date, escalated: boolean): 'on_time' | 'late' | 'missed' {
  if (escalated) return 'missed';
  return completedAt.getTime() <= dueAt.getTime() ? 'on_time' : 'late';
}

/**
 * Two "not reached" in a row: the outcome just recorded and the previous completed follow-up's outcome
 * (completed follow-ups of the case, oldest first, the new one last).
 */
export function twoNotReachedInARow(outcomesOldestFirst: readonly Outcome[]): boolean {
  const n = outcomesOldestFirst.length;
  return n >= 2 && outcomesOldestFirst[n - 1] === 'not_reached' && outcomesOldestFirst[n - 2] === 'not_reached';
}

/** A new case is a repeat if the same victim had a case opened in the 12 months before (MARAC's rule). */
export const REPEAT_MONTHS = 12;
export function repeatWindowStart(now: Date): Date {
  const d = new Date(now.getTime());
  d.setUTCFullYear(d.getUTCFullYear() - 1);
  return d;
}
export function isRepeat(previousOpenedAt: readonly Date[], now: Date): boolean {
  const from = repeatWindowStart(now).getTime();
  return previousOpenedAt.some((d) => d.getTime() >= from && d.getTime() <= now.getTime());
}

/** Brussels calendar day of an instant, `YYYY-MM-DD`. */
export function brusselsDay(at: Date): string {
  return brusselsDate(at);
}

/** Adds calendar days to a `YYYY-MM-DD`. */
export function addDays(day: string, n: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10);
}

export type Bucket = 'overdue' | 'today' | 'next7Days' | 'later';

/**
 * Overdue: due before now. Today: due later today (Brussels). Next 7 days: due on one of the next seven
 * Brussels calendar days (tomorrow … today + 7). Later: after that.
 */
export function bucketOf(dueAt: Date, now: Date): Bucket {
  if (dueAt.getTime() < now.getTime()) return 'overdue';
  const today = brusselsDay(now);
  const day = brusselsDay(dueAt);
  if (day === today) return 'today';
  if (day <= addDays(today, 7)) return 'next7Days';
  return 'later';
}

/**
 * Alert kinds on a linked order that reach the case (an urgent follow-up for the case officer): a breach
 * of a condition, a removed tag, or her own panic. Pre-alerts and device health (battery, signal) stay
 * with the police.
 */
export const CASE_ALERT_KINDS: readonly AlertKind[] = ['zone', 'curfew', 'contact', 'tamper', 'panic', 'condition'];

/**
 * Her contact choices as a booking asks them (from her booking, or from her space) as a case's
 * safe-contact preferences, language and interpreter wish included.
 */
export function safeContactOfBooking(b: Pick<BookingView, 'safeContact' | 'interpreter'> & { language?: string | undefined }): CaseSafeContact {
  const sc = b.safeContact;
  const mayCall = sc.mayContact && sc.method === 'phone' && sc.phone !== undefined;
  return {
    mayCall,
    ...(mayCall ? { phone: sc.phone } : {}),
    windows: mayCall ? sc.windows : [],
    voicemail: mayCall && sc.voicemail,
    ...(mayCall && sc.codeWord !== undefined ? { codeWord: sc.codeWord } : {}),
    ...(b.language !== undefined ? { language: b.language } : {}),
    interpreter: b.interpreter,
  };
}
