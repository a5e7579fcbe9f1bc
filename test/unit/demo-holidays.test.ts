import { describe, expect, it } from 'vitest';
import { belgianPublicHolidays, demoClosures, easterSunday } from '../../infra/local/demo/holidays.js';

describe('demo closures: Belgian public holidays as a rule', () => {
  it('finds Easter Sunday', () => {
    expect([2024, 2025, 2026, 2027, 2038].map((y) => easterSunday(y))).toEqual([
      { month: 3, day: 31 },
      { month: 4, day: 20 },
      { month: 4, day: 5 },
      { month: 3, day: 28 },
      { month: 4, day: 25 },
    ]);
  });

  it('lists the ten legal holidays, the moving ones after Easter', () => {
    const h = belgianPublicHolidays(2027);
    expect(h).toHaveLength(10);
    expect(h.filter((x) => ['Paasmaandag', 'Onze-Lieve-Heer-Hemelvaart', 'Pinkstermaandag'].includes(x.name)).map((x) => x.date)).toEqual([
      '2027-03-29',
      '2027-05-06',
      '2027-05-17',
    ]);
  });

  it('covers the year and the next, including the days the old hard-coded list had', () => {
    const days = demoClosures(2026).map((c) => c.from);
    for (const d of ['2026-11-11', '2026-12-25', '2026-12-26', '2027-01-01', '2027-03-29', '2027-05-01']) expect(days).toContain(d);
    expect(days).toEqual([...days].sort());
  });
});
