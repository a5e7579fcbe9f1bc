import { describe, expect, it } from 'vitest';
import { activeWindow, brusselsToUtc, destination, distanceMeters, offsetMs } from '../../shared/zones/index.js';

const iso = (ms: number) => new Date(ms).toISOString();

describe('distanceMeters (haversine)', () => {
  it('is zero for the same point and symmetric', () => {
    const a = { lat: 51.0899, lon: 4.3712 };
    const b = { lat: 51.1, lon: 4.38 };
    expect(distanceMeters(a, a)).toBe(0);
    expect(distanceMeters(a, b)).toBeCloseTo(distanceMeters(b, a), 6);
  });
  it('matches known distances: one degree of latitude ≈ 111.2 km; Brussels–Antwerp ≈ 41 km', () => {
    expect(distanceMeters({ lat: 50, lon: 4 }, { lat: 51, lon: 4 })).toBeCloseTo(111_195, -1);
    const brussels = { lat: 50.8467, lon: 4.3525 };
    const antwerp = { lat: 51.2194, lon: 4.4025 };
    expect(distanceMeters(brussels, antwerp) / 1000).toBeCloseTo(41.6, 0);
  });
  it('destination() walks the given distance', () => {
    const from = { lat: 51.0899, lon: 4.3712 };
    for (const bearing of [0, 45, 90, 200]) {
      expect(distanceMeters(from, destination(from, bearing, 1234))).toBeCloseTo(1234, 3);
    }
  });
});

describe('Brussels wall-clock time', () => {
  it('has +1 h in winter and +2 h in summer', () => {
    expect(offsetMs(Date.parse('2026-01-15T12:00:00Z'))).toBe(3_600_000);
    expect(offsetMs(Date.parse('2026-07-15T12:00:00Z'))).toBe(7_200_000);
  });
  it('resolves a time skipped in spring forward by the gap, and a repeated autumn time to the earlier instant', () => {
    expect(iso(brusselsToUtc(2026, 3, 29, 2, 30))).toBe('2026-03-29T01:30:00.000Z'); // = 03:30 CEST
    expect(iso(brusselsToUtc(2026, 10, 25, 2, 30))).toBe('2026-10-25T00:30:00.000Z'); // first 02:30 (CEST)
    expect(iso(brusselsToUtc(2026, 11, 28, 22, 0))).toBe('2026-11-28T21:00:00.000Z');
  });
});

describe('activeWindow', () => {
  const night = { start: '22:00', end: '06:00' };
  it('spans midnight: 22:00–06:00 local', () => {
    const w = activeWindow(night, Date.parse('2026-11-29T03:00:00Z'));
    expect(w && [iso(w.startMs), iso(w.endMs)]).toEqual(['2026-11-28T21:00:00.000Z', '2026-11-29T05:00:00.000Z']);
    expect(activeWindow(night, Date.parse('2026-11-29T05:00:00Z'))).toBeUndefined(); // 06:00 local: ended
    expect(activeWindow(night, Date.parse('2026-11-28T20:59:00Z'))).toBeUndefined(); // 21:59 local
    expect(activeWindow(night, Date.parse('2026-11-28T21:00:00Z'))).toBeDefined(); // 22:00 local
  });
  it('is 7 hours long on the spring DST night and 9 hours on the autumn one', () => {
    const spring = activeWindow(night, Date.parse('2026-03-29T00:00:00Z'));
    expect(spring && (spring.endMs - spring.startMs) / 3_600_000).toBe(7);
    expect(spring && iso(spring.endMs)).toBe('2026-03-29T04:00:00.000Z'); // 06:00 CEST
    const autumn = activeWindow(night, Date.parse('2026-10-25T00:00:00Z'));
    expect(autumn && (autumn.endMs - autumn.startMs) / 3_600_000).toBe(9);
    expect(autumn && iso(autumn.endMs)).toBe('2026-10-25T05:00:00.000Z'); // 06:00 CET
  });
  it('honours the weekdays the window starts on', () => {
    const weekend = { ...night, days: [5, 6] }; // starts Friday and Saturday evenings
    // Saturday 28 Nov 2026 23:00 local → active; Sunday-night (starts Sunday) → not
    expect(activeWindow(weekend, Date.parse('2026-11-28T22:00:00Z'))).toBeDefined();
    expect(activeWindow(weekend, Date.parse('2026-11-29T02:00:00Z'))).toBeDefined(); // Sunday 03:00, started Saturday
    expect(activeWindow(weekend, Date.parse('2026-11-29T22:00:00Z'))).toBeUndefined(); // Sunday 23:00
  });
});
