import { brusselsToUtc, isoWeekday, localParts, parseHhMm } from '../brussels-time.js';
import type { OpeningRule, SlotRules } from './types.js';

/**
 * Slot generation, pure. A slot is a wall-clock interval on a Brussels calendar date: from an opening
 * rule's start, every `slotMinutes + bufferMinutes`, as long as the slot ends by the rule's end. Across
 * daylight-saving changes:
 * - a slot whose start does not exist on the wall clock (the spring gap, 02:00–03:00) is left out,
 *   never shifted onto another slot;
 * - a wall-clock time that happens twice (autumn, 02:00–03:00) is the earlier instant, once;
 * - a slot lasts `slotMinutes` real minutes (its end is its start plus the length, whatever the clock says).
 * Slots closed by a closure, starting before `now + leadHours`, or after `now + horizonDays` never appear.
 */
export interface Slot {
  /** UTC instants, ISO 8601 with milliseconds (`2026-03-29T08:00:00.000Z`). */
  start: string;
  end: string;
  /** Brussels calendar date of the slot (YYYY-MM-DD). */
  date: string;
}

/** The widest range one slots request may ask for. */
export const MAX_SLOT_RANGE_DAYS = 31;

const DAY_MS = 86_400_000;

const pad = (n: number) => String(n).padStart(2, '0');

/** Brussels calendar date of an instant. */
export function brusselsDate(instantMs: number): string {
  const p = localParts(instantMs);
  return `${p.year}-${pad(p.month)}-${pad(p.day)}`;
}

/** The instant of a Brussels wall-clock time, or undefined when that time does not exist (spring gap). */
export function wallClockInstant(year: number, month: number, day: number, minuteOfDay: number): number | undefined {
  const hour = Math.floor(minuteOfDay / 60);
  const minute = minuteOfDay % 60;
  const ms = brusselsToUtc(year, month, day, hour, minute);
  const p = localParts(ms);
  return p.year === year && p.month === month && p.day === day && p.hour === hour && p.minute === minute ? ms : undefined;
}

function minutes(hhmm: string): number {
  const { hour, minute } = parseHhMm(hhmm);
  return hour * 60 + minute;
}

function closed(date: string, rules: SlotRules): boolean {
  return rules.closures.some((c) => c.from <= date && date <= c.to);
}

/** Wall-clock slot starts (minutes from midnight) of one opening rule. */
export function ruleStarts(rule: OpeningRule, slotMinutes: number, bufferMinutes: number): number[] {
  const out: number[] = [];
  const end = minutes(rule.end);
  const step = slotMinutes + bufferMinutes;
  if (slotMinutes <= 0 || step <= 0) return out;
  for (let m = minutes(rule.start); m + slotMinutes <= end; m += step) out.push(m);
  return out;
}

/**
 * Free-or-not slots of a service starting in [fromMs, toMs), bookable at `nowMs` (lead time, horizon,
 * closures applied), sorted, without duplicates. The caller bounds the range (MAX_SLOT_RANGE_DAYS).
 */
export function generateSlots(rules: SlotRules, fromMs: number, toMs: number, nowMs: number): Slot[] {
  const earliest = Math.max(fromMs, nowMs + rules.leadHours * 3_600_000);
  const latest = Math.min(toMs, nowMs + rules.horizonDays * DAY_MS + 1);
  if (!(earliest < latest)) return [];
  const seen = new Map<number, Slot>();
  // Every Brussels date the range touches (a day either side covers the offset).
  const first = localParts(earliest - DAY_MS);
  const days = Math.ceil((latest - earliest) / DAY_MS) + 3;
  for (let i = 0; i < days; i++) {
    const d = new Date(Date.UTC(first.year, first.month - 1, first.day + i));
    const year = d.getUTCFullYear();
    const month = d.getUTCMonth() + 1;
    const day = d.getUTCDate();
    const date = `${year}-${pad(month)}-${pad(day)}`;
    if (closed(date, rules)) continue;
    const weekday = isoWeekday(year, month, day);
    for (const rule of rules.openingRules) {
      if (rule.weekday !== weekday) continue;
      for (const m of ruleStarts(rule, rules.slotMinutes, rules.bufferMinutes)) {
        const startMs = wallClockInstant(year, month, day, m);
        if (startMs === undefined) continue;
        const endMs = startMs + rules.slotMinutes * 60_000;
        if (startMs < earliest || startMs >= latest || seen.has(startMs)) continue;
        seen.set(startMs, { start: new Date(startMs).toISOString(), end: new Date(endMs).toISOString(), date });
      }
    }
  }
  return [...seen.entries()].sort((a, b) => a[0] - b[0]).map(([, s]) => s);
}

/** The slot starting exactly at `startIso` if the service offers it to someone booking at `nowMs`. */
export function slotAt(rules: SlotRules, startIso: string, nowMs: number): Slot | undefined {
  const startMs = Date.parse(startIso);
  if (!Number.isFinite(startMs)) return undefined;
  return generateSlots(rules, startMs, startMs + 1, nowMs)[0];
}

/** Why a start is not bookable, for a 400 that names the problem. */
export function slotProblem(rules: SlotRules, startIso: string, nowMs: number): 'past' | 'lead' | 'horizon' | 'closed' | 'off-grid' | undefined {
  const startMs = Date.parse(startIso);
  if (slotAt(rules, startIso, nowMs)) return undefined;
  if (startMs <= nowMs) return 'past';
  if (startMs < nowMs + rules.leadHours * 3_600_000) return 'lead';
  if (startMs > nowMs + rules.horizonDays * DAY_MS) return 'horizon';
  // Would it be a slot if there were no closures?
  if (slotAt({ ...rules, closures: [] }, startIso, nowMs)) return 'closed';
  return 'off-grid';
}
