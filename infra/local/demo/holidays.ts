import type { Closure } from '../../../shared/catalog/types.js';

/** Easter Sunday of a Gregorian year (the anonymous Gregorian algorithm, "Meeus/Jones/Butcher"): month 1–12 and day. */
export function easterSunday(year: number): { month: number; day: number } {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return { month, day };
}

const iso = (year: number, month: number, day: number) => new Date(Date.UTC(year, month - 1, day)).toISOString().slice(0, 10);

/** Belgium's ten legal public holidays of a year (YYYY-MM-DD, Dutch names), three of them moving with Easter. */
export function belgianPublicHolidays(year: number): { date: string; name: string }[] {
  const easter = easterSunday(year);
  const afterEaster = (days: number) => iso(year, easter.month, easter.day + days);
  return [
    { date: iso(year, 1, 1), name: 'Nieuwjaar' },
    { date: afterEaster(1), name: 'Paasmaandag' },
    { date: iso(year, 5, 1), name: 'Dag van de Arbeid' },
    { date: afterEaster(39), name: 'Onze-Lieve-Heer-Hemelvaart' },
    { date: afterEaster(50), name: 'Pinkstermaandag' },
    { date: iso(year, 7, 21), name: 'Nationale feestdag' },
    { date: iso(year, 8, 15), name: 'Onze-Lieve-Vrouw-Hemelvaart' },
    { date: iso(year, 11, 1), name: 'Allerheiligen' },
    { date: iso(year, 11, 11), name: 'Wapenstilstand' },
    { date: iso(year, 12, 25), name: 'Kerstmis' },
  ];
}

/** The demo FJC's closures: every public holiday of `year` and the next, plus 26 December (the centre's own day off). */
export function demoClosures(year: number): Closure[] {
  return [year, year + 1]
    .flatMap((y) => [
      ...belgianPublicHolidays(y).map((h) => ({ from: h.date, to: h.date, reason: h.name })),
      { from: iso(y, 12, 26), to: iso(y, 12, 26), reason: 'Tweede kerstdag' },
    ])
    .sort((a, b) => a.from.localeCompare(b.from));
}
