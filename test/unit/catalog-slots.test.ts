import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { brusselsDate, generateSlots, MAX_SLOT_RANGE_DAYS, slotProblem, wallClockInstant } from '../../shared/catalog/slots.js';
import type { SlotRules } from '../../shared/catalog/types.js';
import { isoWeekday, localParts } from '../../shared/brussels-time.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const hhmm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;

const base: SlotRules = {
  openingRules: [{ weekday: 7, start: '01:00', end: '04:00' }],
  slotMinutes: 30,
  bufferMinutes: 0,
  leadHours: 0,
  horizonDays: 180,
  closures: [],
};
const wall = (iso: string) => {
  const p = localParts(Date.parse(iso));
  return `${brusselsDate(Date.parse(iso))} ${hhmm(p.hour * 60 + p.minute)}`;
};

describe('slot generation around daylight saving (Europe/Brussels)', () => {
  it('spring forward (29 March 2026): the skipped hour has no slots, the others are all there, once', () => {
    const now = Date.parse('2026-03-01T00:00:00Z');
    const slots = generateSlots(base, Date.parse('2026-03-28T12:00:00Z'), Date.parse('2026-03-29T12:00:00Z'), now);
    expect(slots.map((s) => wall(s.start))).toEqual(['2026-03-29 01:00', '2026-03-29 01:30', '2026-03-29 03:00', '2026-03-29 03:30']);
    // 01:30 CET + 30 real minutes is 03:00 CEST
    expect(slots[1]).toMatchObject({ start: '2026-03-29T00:30:00.000Z', end: '2026-03-29T01:00:00.000Z', date: '2026-03-29' });
  });

  it('fall back (25 October 2026): the repeated hour gives each wall-clock slot once (the earlier instant)', () => {
    const now = Date.parse('2026-10-01T00:00:00Z');
    const slots = generateSlots(base, Date.parse('2026-10-24T12:00:00Z'), Date.parse('2026-10-25T12:00:00Z'), now);
    expect(slots.map((s) => wall(s.start))).toEqual([
      '2026-10-25 01:00',
      '2026-10-25 01:30',
      '2026-10-25 02:00',
      '2026-10-25 02:30',
      '2026-10-25 03:00',
      '2026-10-25 03:30',
    ]);
    expect(new Set(slots.map((s) => s.start)).size).toBe(6);
    expect(slots[2]?.start).toBe('2026-10-25T00:00:00.000Z'); // 02:00 CEST, not 02:00 CET
  });

  it('an ordinary weekday: slot + buffer grid, ends by the rule end, in summer and winter offsets', () => {
    const rules: SlotRules = { ...base, openingRules: [{ weekday: 1, start: '09:00', end: '12:00' }], slotMinutes: 45, bufferMinutes: 15 };
    const now = Date.parse('2026-01-01T00:00:00Z');
    const winter = generateSlots(rules, Date.parse('2026-01-05T00:00:00Z'), Date.parse('2026-01-06T00:00:00Z'), now);
    expect(winter.map((s) => s.start)).toEqual(['2026-01-05T08:00:00.000Z', '2026-01-05T09:00:00.000Z', '2026-01-05T10:00:00.000Z']);
    const summer = generateSlots(rules, Date.parse('2026-07-06T00:00:00Z'), Date.parse('2026-07-07T00:00:00Z'), Date.parse('2026-07-01T00:00:00Z'));
    expect(summer.map((s) => s.start)).toEqual(['2026-07-06T07:00:00.000Z', '2026-07-06T08:00:00.000Z', '2026-07-06T09:00:00.000Z']);
  });

  it('says why a start is not bookable', () => {
    const rules: SlotRules = {
      ...base,
      openingRules: [{ weekday: 1, start: '09:00', end: '12:00' }],
      leadHours: 24,
      horizonDays: 30,
      closures: [{ from: '2026-01-12', to: '2026-01-12' }],
    };
    const now = Date.parse('2026-01-05T07:00:00Z'); // Monday 08:00 local
    expect(slotProblem(rules, '2026-01-05T06:00:00.000Z', now)).toBe('past');
    expect(slotProblem(rules, '2026-01-05T09:00:00.000Z', now)).toBe('lead');
    expect(slotProblem(rules, '2026-03-02T08:00:00.000Z', now)).toBe('horizon');
    expect(slotProblem(rules, '2026-01-12T08:00:00.000Z', now)).toBe('closed');
    expect(slotProblem(rules, '2026-01-19T08:10:00.000Z', now)).toBe('off-grid');
    expect(slotProblem(rules, '2026-01-19T08:40:00.000Z', now)).toBe('off-grid');
    expect(slotProblem(rules, '2026-01-19T08:00:00.000Z', now)).toBeUndefined();
  });
});

// --- properties -------------------------------------------------------------------------------

const rule = fc
  .record({ weekday: fc.integer({ min: 1, max: 7 }), start: fc.integer({ min: 0, max: 22 * 12 }), len: fc.integer({ min: 2, max: 12 * 6 }) })
  .map((r) => ({ weekday: r.weekday, start: hhmm(r.start * 5), end: hhmm(Math.min(23 * 60 + 55, r.start * 5 + r.len * 5)) }))
  .filter((r) => r.end > r.start);
/** Instants near the DST changes of 2026 and 2027 and anywhere else. */
const instant = fc.oneof(
  fc.integer({ min: Date.parse('2026-03-27T00:00:00Z'), max: Date.parse('2026-03-30T00:00:00Z') }),
  fc.integer({ min: Date.parse('2026-10-23T00:00:00Z'), max: Date.parse('2026-10-26T00:00:00Z') }),
  fc.integer({ min: Date.parse('2027-03-26T00:00:00Z'), max: Date.parse('2027-03-29T00:00:00Z') }),
  fc.integer({ min: Date.parse('2026-01-01T00:00:00Z'), max: Date.parse('2027-12-31T00:00:00Z') }),
);
const dateNear = (ms: number, days: number) => brusselsDate(ms + days * DAY);
const scenario = fc
  .record({
    rules: fc.array(rule, { minLength: 1, maxLength: 6 }),
    slot: fc.integer({ min: 2, max: 24 }).map((n) => n * 5),
    buffer: fc.integer({ min: 0, max: 6 }).map((n) => n * 5),
    lead: fc.integer({ min: 0, max: 48 }),
    horizon: fc.integer({ min: 1, max: 10 }),
    from: instant,
    span: fc.integer({ min: 1, max: 4 * 24 }).map((h) => h * HOUR),
    nowBack: fc.integer({ min: -3 * 24, max: 3 * 24 }).map((h) => h * HOUR),
    closures: fc.array(fc.record({ a: fc.integer({ min: -2, max: 5 }), len: fc.integer({ min: 0, max: 2 }) }), { maxLength: 2 }),
  })
  .map((s) => {
    const now = s.from - s.nowBack;
    const rules: SlotRules = {
      openingRules: s.rules,
      slotMinutes: s.slot,
      bufferMinutes: s.buffer,
      leadHours: s.lead,
      horizonDays: s.horizon,
      closures: s.closures.map((c) => ({ from: dateNear(s.from, c.a), to: dateNear(s.from, c.a + c.len) })),
    };
    return { rules, from: s.from, to: s.from + s.span, now };
  });

/** Independent oracle: scan the range every 5 minutes and keep each instant that should be a slot start. */
function expectedStarts(r: SlotRules, from: number, to: number, now: number): number[] {
  const out: number[] = [];
  for (let t = Math.ceil(from / 300_000) * 300_000; t < to; t += 300_000) {
    if (t < now + r.leadHours * HOUR || t > now + r.horizonDays * DAY) continue;
    const p = localParts(t);
    const earlier = localParts(t - HOUR);
    if (earlier.day === p.day && earlier.hour === p.hour && earlier.minute === p.minute) continue; // the repeated hour's second pass
    const date = brusselsDate(t);
    if (r.closures.some((c) => c.from <= date && date <= c.to)) continue;
    const minute = p.hour * 60 + p.minute;
    const onGrid = r.openingRules.some((rule) => {
      if (rule.weekday !== isoWeekday(p.year, p.month, p.day)) return false;
      const [sh, sm] = rule.start.split(':').map(Number) as [number, number];
      const [eh, em] = rule.end.split(':').map(Number) as [number, number];
      const offset = minute - (sh * 60 + sm);
      return offset >= 0 && offset % (r.slotMinutes + r.bufferMinutes) === 0 && minute + r.slotMinutes <= eh * 60 + em;
    });
    if (onGrid) out.push(t);
  }
  return out;
}

describe('slot generation properties', () => {
  it('matches a brute-force scan of the wall clock: nothing missing, nothing duplicated, across DST changes', () => {
    fc.assert(
      fc.property(scenario, ({ rules, from, to, now }) => {
        const got = generateSlots(rules, from, to, now).map((s) => Date.parse(s.start));
        expect(got).toEqual(expectedStarts(rules, from, to, now));
      }),
      { numRuns: 150 },
    );
  });

  it('never offers a slot in a closure, in the past, inside the lead time, past the horizon or outside the range', () => {
    fc.assert(
      fc.property(scenario, ({ rules, from, to, now }) => {
        for (const s of generateSlots(rules, from, to, now)) {
          const start = Date.parse(s.start);
          expect(start).toBeGreaterThan(now - 1);
          expect(start).toBeGreaterThanOrEqual(now + rules.leadHours * HOUR);
          expect(start).toBeLessThanOrEqual(now + rules.horizonDays * DAY);
          expect(start >= from && start < to).toBe(true);
          expect(rules.closures.some((c) => c.from <= s.date && s.date <= c.to)).toBe(false);
          expect(s.date).toBe(brusselsDate(start));
          expect(Date.parse(s.end) - start).toBe(rules.slotMinutes * 60_000);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('is sorted, with unique starts, and bounded: a range of MAX_SLOT_RANGE_DAYS stays a small list', () => {
    const dense: SlotRules = {
      ...base,
      openingRules: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start: '00:00', end: '23:55' })),
      slotMinutes: 10,
      horizonDays: 180,
    };
    fc.assert(
      fc.property(instant, (from) => {
        const slots = generateSlots(dense, from, from + MAX_SLOT_RANGE_DAYS * DAY, from);
        const starts = slots.map((s) => Date.parse(s.start));
        expect([...starts].sort((a, b) => a - b)).toEqual(starts);
        expect(new Set(starts).size).toBe(starts.length);
        expect(slots.length).toBeLessThanOrEqual(MAX_SLOT_RANGE_DAYS * 144);
      }),
      { numRuns: 20 },
    );
    // Twenty dense fortnights of ten-minute slots: seconds on a loaded machine. Speed is the bench's business, not this test's.
  }, 60_000);

  it('wallClockInstant refuses only the spring gap', () => {
    expect(wallClockInstant(2026, 3, 29, 2 * 60 + 30)).toBeUndefined();
    expect(wallClockInstant(2026, 3, 29, 3 * 60)).toBe(Date.parse('2026-03-29T01:00:00Z'));
    expect(wallClockInstant(2026, 10, 25, 2 * 60 + 30)).toBe(Date.parse('2026-10-25T00:30:00Z'));
  });
});
