import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { brusselsToUtc, localParts, offsetMs, ZONE } from '../../shared/brussels-time.js';

/**
 * What Intl itself says an instant is in Brussels, read another way than the product does (Swedish
 * dates are written as ISO): the reference the cached offsets must match exactly.
 */
const swedish = new Intl.DateTimeFormat('sv-SE', { timeZone: ZONE, dateStyle: 'short', timeStyle: 'medium' });
function byIntl(ms: number) {
  const [year, month, day, hour, minute, second] = swedish.format(ms).split(/\D+/).map(Number);
  return { year, month, day, hour, minute, second };
}

describe('Brussels wall-clock parts', () => {
  it('match Intl for any instant from 1900 to 2100', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1900, 0, 1), max: Date.UTC(2100, 0, 1) }), (ms) => {
        expect(localParts(ms)).toEqual(byIntl(ms));
      }),
      { numRuns: 5_000 },
    );
  });

  it('match Intl on every side of the DST changes (the last millisecond before and the first after)', () => {
    for (const change of ['2026-03-29T01:00:00.000Z', '2026-10-25T01:00:00.000Z', '2030-03-31T01:00:00.000Z', '1996-10-27T01:00:00.000Z']) {
      const at = Date.parse(change);
      for (const ms of [at - 3_600_001, at - 1, at, at + 1, at + 3_599_999, at + 3_600_000])
        expect(localParts(ms), new Date(ms).toISOString()).toEqual(byIntl(ms));
    }
    expect(offsetMs(Date.parse('2026-03-29T00:59:59Z'))).toBe(3_600_000);
    expect(offsetMs(Date.parse('2026-03-29T01:00:00Z'))).toBe(7_200_000);
    expect(offsetMs(Date.parse('2026-10-25T00:59:59Z'))).toBe(7_200_000);
    expect(offsetMs(Date.parse('2026-10-25T01:00:00Z'))).toBe(3_600_000);
  });

  it('local → UTC round-trips through the parts outside the DST gap', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1980, 0, 1), max: Date.UTC(2090, 0, 1) }), (ms) => {
        const minute = Math.floor(ms / 60_000) * 60_000;
        const p = localParts(minute);
        const back = brusselsToUtc(p.year, p.month, p.day, p.hour, p.minute);
        // An autumn hour that happens twice maps to its earlier instant; every other minute maps back to itself.
        expect([minute, minute - 3_600_000]).toContain(back);
      }),
      { numRuns: 2_000 },
    );
  });
});
