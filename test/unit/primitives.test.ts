import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { brusselsToday, calendarDate, instant, OPAQUE_ID_PATTERN, pastDate, setPrimitivesClock, slug, wallClockTime, zoneId } from '../../shared/primitives.js';

afterEach(() => setPrimitivesClock(() => new Date()));

describe('shared primitives', () => {
  it('instant: an ISO date-time with offset, normalized to UTC; impossible dates refused', () => {
    expect(instant.parse('2026-03-01T09:30:00+01:00')).toBe('2026-03-01T08:30:00.000Z');
    for (const bad of ['2026-02-31T10:00:00Z', '2026-03-01T09:30:00', '2026-13-01T00:00:00Z', 'y', '']) expect(instant.safeParse(bad).success, bad).toBe(false);
  });

  it('calendarDate refuses dates that do not exist', () => {
    expect(calendarDate.parse('2024-02-29')).toBe('2024-02-29');
    for (const bad of ['2026-02-31', '2025-02-29', '2026-04-31', '2026-13-01', '2026-00-10', '2026-1-1', '2026-01-01T00:00:00Z'])
      expect(calendarDate.safeParse(bad).success, bad).toBe(false);
  });

  it('pastDate refuses the future, judged by the Brussels calendar', () => {
    // 23:30 UTC on 31 December is already 1 January in Brussels.
    setPrimitivesClock(() => new Date('2026-12-31T23:30:00Z'));
    expect(brusselsToday()).toBe('2027-01-01');
    expect(pastDate.safeParse('2027-01-01').success).toBe(true);
    expect(pastDate.safeParse('2027-01-02').success).toBe(false);
    expect(pastDate.safeParse('2999-01-01').success).toBe(false);
    expect(pastDate.safeParse('2026-02-31').success).toBe(false);
  });

  it('wallClockTime is 00:00 to 23:59', () => {
    expect(wallClockTime.safeParse('23:59').success).toBe(true);
    for (const bad of ['24:00', '25:00', 'y', '9:00', '09:60']) expect(wallClockTime.safeParse(bad).success, bad).toBe(false);
  });

  it('every slug (zones, districts, catalogue ids) is an opaque id, so it can key an audit record', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (s) => {
        if (slug.safeParse(s).success) expect(OPAQUE_ID_PATTERN.test(s)).toBe(true);
      }),
      { numRuns: 2000 },
    );
    fc.assert(fc.property(fc.stringMatching(/^[a-z0-9]{1,10}(-[a-z0-9]{1,10}){0,4}$/), (s) => OPAQUE_ID_PATTERN.test(s) && zoneId.safeParse(s).success));
    for (const bad of ['-x', 'x-', 'a--b', 'A', 'x'.repeat(200), 'é']) expect(zoneId.safeParse(bad).success, bad).toBe(false);
  });
});
