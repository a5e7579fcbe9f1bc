import { brusselsFormat } from '../../shared/brussels-time.js';
import type { OpeningRule } from './catalog-types.js';

/**
 * "Open now / 24/7" from weekly opening rules, in Europe/Brussels wall-clock time (correct across
 * daylight-saving changes: the rules are wall-clock times, and "now" is converted with Intl).
 */
export type OpenStatus =
  | { kind: 'always' }
  | { kind: 'unknown' }
  | { kind: 'open'; closes: string }
  | { kind: 'closed'; next?: { inDays: number; weekday: number; start: string } };

const WEEKDAYS: Record<string, number> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };
const clockFormat = brusselsFormat('en-GB', { weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

/** ISO weekday and minutes since midnight in Brussels. */
export function brusselsClock(now: Date): { weekday: number; minutes: number } {
  const parts = Object.fromEntries(clockFormat.formatToParts(now).map((p) => [p.type, p.value]));
  return { weekday: WEEKDAYS[parts.weekday ?? 'Mon'] ?? 1, minutes: Number(parts.hour) * 60 + Number(parts.minute) };
}

function toMinutes(hhmm: string): number {
  const [h, m] = hhmm.split(':');
  return Number(h) * 60 + Number(m);
}

export function openStatus(alwaysOpen: boolean | undefined, rules: readonly OpeningRule[] | undefined, now: Date): OpenStatus {
  if (alwaysOpen) return { kind: 'always' };
  const valid = (rules ?? []).filter((r) => r.weekday >= 1 && r.weekday <= 7 && /^\d\d:\d\d$/.test(r.start) && /^\d\d:\d\d$/.test(r.end));
  if (valid.length === 0) return { kind: 'unknown' };
  const { weekday, minutes } = brusselsClock(now);
  const today = valid.filter((r) => r.weekday === weekday);
  const current = today.find((r) => toMinutes(r.start) <= minutes && minutes < toMinutes(r.end));
  if (current) {
    // Adjacent rules (09:00–12:00, 12:00–17:00) read as one opening.
    let closes = current.end;
    for (let next = today.find((r) => r.start === closes); next; next = today.find((r) => r.start === closes)) closes = next.end;
    return { kind: 'open', closes };
  }
  for (let inDays = 0; inDays <= 7; inDays++) {
    const day = ((weekday - 1 + inDays) % 7) + 1;
    const starts = valid
      .filter((r) => r.weekday === day && (inDays > 0 || toMinutes(r.start) > minutes))
      .map((r) => r.start)
      .sort();
    if (starts[0]) return { kind: 'closed', next: { inDays, weekday: day, start: starts[0] } };
  }
  return { kind: 'closed' };
}

/** Rules grouped per ISO weekday (1..7), sorted by start. */
export function weeklyHours(rules: readonly OpeningRule[] | undefined): Array<{ weekday: number; ranges: string[] }> {
  const out: Array<{ weekday: number; ranges: string[] }> = [];
  for (let day = 1; day <= 7; day++) {
    const ranges = (rules ?? [])
      .filter((r) => r.weekday === day)
      .sort((a, b) => a.start.localeCompare(b.start))
      .map((r) => `${r.start}–${r.end}`);
    out.push({ weekday: day, ranges });
  }
  return out;
}
