/**
 * Brussels time, for back and front ends: the one place the zone's name is written. Every formatter of
 * a Brussels date or time goes through `brusselsFormat` (Intl formats are made once per locale and
 * options: constructing one is slow), every calendar computation through `localParts`.
 * Local wall-clock time without a date library: Intl gives the offset of any instant; local → UTC
 * follows Temporal's 'compatible' disambiguation (a time skipped by the spring DST change moves forward
 * by the gap: 02:30 → 03:30 CEST; a time repeated in autumn takes the earlier instant).
 */
export const ZONE = 'Europe/Brussels';

const formats = new Map<string, Intl.DateTimeFormat>();

/** A formatter of instants in Brussels time, in `locale` with `options` (made once, then reused). */
export function brusselsFormat(locale: string, options: Omit<Intl.DateTimeFormatOptions, 'timeZone'> = {}): Intl.DateTimeFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let format = formats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, { ...options, timeZone: ZONE });
    formats.set(key, format);
  }
  return format;
}

/**
 * Made on first use, not at import: the first Intl format with a time zone loads the zone data
 * (~20 ms), which a Lambda cold start should pay only when a request needs a Brussels date.
 */
let partsFormat: Intl.DateTimeFormat | undefined;
const partsFormatter = (): Intl.DateTimeFormat =>
  (partsFormat ??= brusselsFormat('en-GB', {
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }));

export interface LocalParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

function partsByIntl(instantMs: number): LocalParts {
  const out: Record<string, number> = {};
  for (const p of partsFormatter().formatToParts(new Date(instantMs))) {
    if (p.type !== 'literal') out[p.type] = Number(p.value);
  }
  return {
    year: out.year ?? 0,
    month: out.month ?? 0,
    day: out.day ?? 0,
    hour: out.hour ?? 0,
    minute: out.minute ?? 0,
    second: out.second ?? 0,
  };
}

const HOUR_MS = 3_600_000;
/**
 * Since 1977 Brussels' offset is a whole hour and changes only on a whole UTC hour (01:00 UTC on the
 * last Sundays of March and October), so the offset of an instant is the offset at the start of its UTC
 * hour. Asking Intl once per hour instead of once per call makes a calendar computation about 15 times
 * cheaper (the breach engine's curfew check and slot generation call this many times per event or day).
 * Earlier instants (other rules, local mean time) always ask Intl.
 */
const CACHED_FROM_MS = Date.UTC(1977, 0, 1);
const offsetOfHour = new Map<number, number>();
const MAX_CACHED_HOURS = 50_000;

export function localParts(instantMs: number): LocalParts {
  if (!(instantMs >= CACHED_FROM_MS)) return partsByIntl(instantMs);
  const hour = Math.floor(instantMs / HOUR_MS);
  let offset = offsetOfHour.get(hour);
  if (offset === undefined) {
    const p = partsByIntl(hour * HOUR_MS);
    offset = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - hour * HOUR_MS;
    if (offsetOfHour.size >= MAX_CACHED_HOURS) offsetOfHour.clear();
    offsetOfHour.set(hour, offset);
  }
  const local = new Date(instantMs + offset);
  return {
    year: local.getUTCFullYear(),
    month: local.getUTCMonth() + 1,
    day: local.getUTCDate(),
    hour: local.getUTCHours(),
    minute: local.getUTCMinutes(),
    second: local.getUTCSeconds(),
  };
}

const pad = (n: number) => String(n).padStart(2, '0');

/** Brussels calendar day of an instant, `YYYY-MM-DD`. */
export function brusselsDate(at: Date | number): string {
  const p = localParts(typeof at === 'number' ? at : at.getTime());
  return `${p.year}-${pad(p.month)}-${pad(p.day)}`;
}

/** Brussels month of an instant, `YYYY-MM`. */
export function brusselsMonth(at: Date | number): string {
  return brusselsDate(at).slice(0, 7);
}

/** Offset of Brussels local time from UTC at an instant, in ms (+3 600 000 in winter, +7 200 000 in summer). */
export function offsetMs(instantMs: number): number {
  const p = localParts(instantMs);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return asUtc - Math.floor(instantMs / 1000) * 1000;
}

/** The UTC instant of a Brussels wall-clock time (month 1–12; day may overflow, Date.UTC normalizes it). */
export function brusselsToUtc(year: number, month: number, day: number, hour: number, minute: number): number {
  const local = Date.UTC(year, month - 1, day, hour, minute);
  const DAY = 86_400_000;
  const before = offsetMs(local - DAY);
  const after = offsetMs(local + DAY);
  const candidates = [...new Set([local - before, local - after])].sort((a, b) => a - b);
  const valid = candidates.filter((c) => c + offsetMs(c) === local);
  if (valid.length > 0) return valid[0] as number;
  // In the spring gap: shift forward by the gap (the offset in force before the change).
  return local - Math.min(before, after);
}

/** ISO weekday (1 = Monday … 7 = Sunday) of a calendar date. */
export function isoWeekday(year: number, month: number, day: number): number {
  const d = new Date(Date.UTC(year, month - 1, day)).getUTCDay();
  return d === 0 ? 7 : d;
}

export function parseHhMm(text: string): { hour: number; minute: number } {
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(text);
  if (!m) throw new Error(`Not a HH:MM time: ${text}`);
  return { hour: Number(m[1]), minute: Number(m[2]) };
}

export interface DailyWindow {
  /** Local start, HH:MM. */
  start: string;
  /** Local end, HH:MM; at or before `start` means the next day (across midnight). */
  end: string;
  /** ISO weekdays on which the window starts (1 = Monday); all days when absent or empty. */
  days?: readonly number[];
}

export interface WindowInstance {
  startMs: number;
  endMs: number;
}

/** The instance of a daily Brussels-time window that contains `instantMs`, if any. */
export function activeWindow(window: DailyWindow, instantMs: number): WindowInstance | undefined {
  const on = windowStartingOn(window);
  const today = localParts(instantMs);
  // A window containing the instant started today or (across midnight) yesterday.
  for (const back of [0, 1]) {
    const w = on(Date.UTC(today.year, today.month - 1, today.day - back));
    if (w && w.startMs <= instantMs && instantMs < w.endMs) return { startMs: w.startMs, endMs: w.endMs };
  }
  return undefined;
}

/**
 * `activeWindow` for one window asked again and again (the breach engine, on every fix of an order with a
 * curfew): the window's instance per local start day is computed once and kept (a bounded cache), so an
 * event costs one `localParts` and two lookups instead of four `brusselsToUtc`. Same answers as
 * `activeWindow` (one computation, `windowStartingOn`, behind both). The result is shared: do not change it.
 */
export function compileWindow(window: DailyWindow): (instantMs: number) => Readonly<WindowInstance> | undefined {
  const on = windowStartingOn(window);
  const byDay = new Map<number, WindowInstance | null>();
  const instance = (dayMs: number): WindowInstance | null => {
    let w = byDay.get(dayMs);
    if (w === undefined) {
      w = on(dayMs) ?? null;
      if (byDay.size >= MAX_CACHED_DAYS) byDay.clear();
      byDay.set(dayMs, w);
    }
    return w;
  };
  return (instantMs) => {
    const today = localParts(instantMs);
    const day = Date.UTC(today.year, today.month - 1, today.day);
    for (const back of [0, 1]) {
      const w = instance(day - back * DAY_MS);
      if (w && w.startMs <= instantMs && instantMs < w.endMs) return w;
    }
    return undefined;
  };
}

const DAY_MS = 86_400_000;
const MAX_CACHED_DAYS = 400;

/** The window's instance starting on a local calendar day (`dayMs`: that date at 00:00 UTC), or undefined when it does not start that day. */
function windowStartingOn(window: DailyWindow): (dayMs: number) => WindowInstance | undefined {
  const s = parseHhMm(window.start);
  const e = parseHhMm(window.end);
  const crosses = e.hour * 60 + e.minute <= s.hour * 60 + s.minute;
  return (dayMs) => {
    const date = new Date(dayMs);
    const y = date.getUTCFullYear();
    const m = date.getUTCMonth() + 1;
    const d = date.getUTCDate();
    if (window.days && window.days.length > 0 && !window.days.includes(isoWeekday(y, m, d))) return undefined;
    const startMs = brusselsToUtc(y, m, d, s.hour, s.minute);
    const endMs = brusselsToUtc(y, m, d + (crosses ? 1 : 0), e.hour, e.minute);
    return { startMs, endMs };
  };
}
