import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { metric } from '../../shared/metrics.js';
import { parseCsv, toCsv } from '../../shared/reports/csv.js';
import { buildMonthlyReport, reportCsvRows, type ReportRow } from '../../shared/reports/monthly.js';
import { monthRange } from '../../shared/reports/months.js';
import { median, p90, percentile } from '../../shared/reports/percentiles.js';
import { suppress, type Equation } from '../../shared/reports/suppression.js';

const map = (o: Record<string, number>) => new Map(Object.entries(o));

describe('small-cell suppression', () => {
  it('shows 1 to 4 as <5, keeps 0 and 5+', () => {
    const { shown } = suppress(map({ a: 0, b: 1, c: 4, d: 5, e: 120 }), []);
    expect(Object.fromEntries(shown)).toEqual({ a: 0, b: '<5', c: '<5', d: 5, e: 120 });
  });

  it('hides the next smallest non-zero part when one part of a split is hidden', () => {
    // total 20 = female 3 + male 9 + not_recorded 8: without a second hidden cell, 20 − 9 − 8 = 3.
    const eq: Equation[] = [{ total: 't', parts: ['f', 'm', 'n'] }];
    const { shown, complementary } = suppress(map({ t: 20, f: 3, m: 9, n: 8 }), eq);
    expect(Object.fromEntries(shown)).toEqual({ t: 20, f: '<5', m: 9, n: 'suppressed' });
    expect([...complementary]).toEqual(['n']);
  });

  it('never picks a zero as the complementary cell; falls back to the total', () => {
    const eq: Equation[] = [{ total: 't', parts: ['a', 'b'] }];
    // t 7 = a 2 + b 5 → b hidden (smallest non-zero visible part)
    expect(Object.fromEntries(suppress(map({ t: 7, a: 2, b: 5 }), eq).shown)).toEqual({ t: 7, a: '<5', b: 'suppressed' });
    // a hidden total alone, parts visible: t = a + b → hide a part too
    expect(Object.fromEntries(suppress(map({ t: 3, a: 0, b: 3 }), eq).shown)).toEqual({ t: '<5', a: 0, b: '<5' });
    const eq3: Equation[] = [{ total: 't', parts: ['a', 'b', 'c'] }];
    expect(Object.fromEntries(suppress(map({ t: 9, a: 4, b: 0, c: 5 }), eq3).shown)).toEqual({ t: 9, a: '<5', b: 0, c: 'suppressed' });
  });

  it('leaves a split alone when two or more cells are already hidden', () => {
    const eq: Equation[] = [{ total: 't', parts: ['a', 'b', 'c'] }];
    const { complementary } = suppress(map({ t: 50, a: 2, b: 3, c: 45 }), eq);
    expect(complementary.size).toBe(0);
  });

  it('cascades across equations that share cells', () => {
    // The same total split two ways; hiding in one split forces a cell that is hidden alone in another.
    const eqs: Equation[] = [
      { total: 't', parts: ['g1', 'g2'] },
      { total: 'g2', parts: ['s1', 's2'] },
    ];
    const { shown } = suppress(map({ t: 30, g1: 2, g2: 28, s1: 10, s2: 18 }), eqs);
    // g1 <5 → g2 suppressed → in g2 = s1 + s2 only g2 hidden → s1 hidden too.
    expect(Object.fromEntries(shown)).toEqual({ t: 30, g1: '<5', g2: 'suppressed', s1: 'suppressed', s2: 18 });
  });

  it('property: every 1..4 is hidden and no equation keeps exactly one hidden member', () => {
    const split = fc.array(fc.nat({ max: 30 }), { minLength: 2, maxLength: 6 });
    fc.assert(
      fc.property(fc.array(split, { minLength: 1, maxLength: 4 }), (splits) => {
        // Several splits of one total: pad each with a remainder so all sum to the same total.
        const total = Math.max(...splits.map((s) => s.reduce((a, b) => a + b, 0)));
        const cells = new Map<string, number>([['t', total]]);
        const eqs: Equation[] = splits.map((s, i) => {
          const parts = s.map((v, j) => {
            cells.set(`s${i}p${j}`, v);
            return `s${i}p${j}`;
          });
          cells.set(`s${i}rest`, total - s.reduce((a, b) => a + b, 0));
          return { total: 't', parts: [...parts, `s${i}rest`] };
        });
        const { shown } = suppress(cells, eqs);
        for (const [id, v] of cells) if (v >= 1 && v <= 4) expect(shown.get(id)).toBe('<5');
        for (const eq of eqs) {
          const hidden = [eq.total, ...eq.parts].filter((m) => typeof shown.get(m) === 'string').length;
          expect(hidden).not.toBe(1);
        }
      }),
    );
  });
});

describe('percentiles', () => {
  it('median of odd and even counts, p90 interpolated, nothing for no data', () => {
    expect(median([30, 10, 20])).toBe(20);
    expect(median([10, 20, 30, 40])).toBe(25);
    expect(p90([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])).toBe(9); // 9.1 rounded
    expect(p90([60, 60, 60, 60, 600])).toBe(384); // 60 + 0.6 × 540
    expect(percentile([], 50)).toBeUndefined();
    expect(() => percentile([1], 101)).toThrow();
  });
});

describe('CSV', () => {
  it('quotes as RFC 4180 and round-trips any text', () => {
    expect(toCsv([['a', 'b,c', 'say "hi"', 'line\nbreak']])).toBe('a,"b,c","say ""hi""","line\nbreak"\r\n');
    const safe = fc.string().filter((s) => !/^[=+\-@\t\r]/.test(s));
    fc.assert(
      fc.property(fc.array(fc.array(safe, { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 5 }), (rows) => {
        // A row of one empty field is written as an empty line; keep rows non-degenerate.
        const fixed = rows.map((r) => (r.length === 1 && r[0] === '' ? ['x'] : r));
        expect(parseCsv(toCsv(fixed))).toEqual(fixed);
      }),
    );
  });

  it('refuses a field a spreadsheet would execute, but not a negative number', () => {
    expect(() => toCsv([['=HYPERLINK("x")']])).toThrow();
    expect(toCsv([['-3']])).toBe('-3\r\n');
  });
});

describe('monthly report', () => {
  const find = (rows: ReportRow[], m: Partial<ReportRow>) =>
    rows.filter((r) => Object.entries(m).every(([k, v]) => r[k as keyof ReportRow] === v));
  const value = (rows: ReportRow[], m: Partial<ReportRow>) => {
    const hits = find(rows, m);
    expect(hits, JSON.stringify(m)).toHaveLength(1);
    return hits[0]?.value;
  };

  it('computes incidence splits, prevalence and active orders as running sums, and suppresses', () => {
    const report = buildMonthlyReport({
      from: '2026-10',
      to: '2026-11',
      counts: [
        { month: '2026-08', zone: 'z', counters: { [metric.casesOpened]: 10, [metric.ordersCreated]: 6 } },
        { month: '2026-09', zone: 'z', counters: { [metric.casesClosed]: 2, [metric.ordersEnded]: 1 } },
        {
          month: '2026-10',
          zone: 'z',
          counters: {
            [metric.casesOpened]: 12,
            [metric.casesRepeat]: 3,
            [metric.casesByKind('physical')]: 7,
            [metric.casesByKind('psychological')]: 5,
            [metric.casesVictimGender('female')]: 9,
            [metric.casesVictimGender('male')]: 2,
            [metric.casesClosed]: 4,
          },
        },
      ],
      ackSeconds: new Map([['2026-10|z', [60, 120, 30, 90, 600]]]),
    });
    const rows = report.rows;
    expect(value(rows, { month: '2026-10', measure: 'cases.opened', breakdown: 'total' })).toBe(12);
    // repeat 3 → <5; the "no" cell 9 would give it away → suppressed.
    expect(value(rows, { month: '2026-10', breakdown: 'repeat_within_12_months', category: 'yes' })).toBe('<5');
    expect(value(rows, { month: '2026-10', breakdown: 'repeat_within_12_months', category: 'no' })).toBe('suppressed');
    expect(value(rows, { month: '2026-10', breakdown: 'violence_kind', category: 'physical' })).toBe(7);
    expect(value(rows, { month: '2026-10', breakdown: 'violence_kind', category: 'both' })).toBe(0);
    // victim gender: female 9, male 2, unspecified 1 → two primary cells, no complement needed
    expect(value(rows, { month: '2026-10', breakdown: 'victim_gender', category: 'male' })).toBe('<5');
    expect(value(rows, { month: '2026-10', breakdown: 'victim_gender', category: 'unspecified' })).toBe('<5');
    expect(value(rows, { month: '2026-10', breakdown: 'victim_gender', category: 'female' })).toBe(9);
    // prevalence: October = 10 + 12 − 2 = 20; November = 22 − 2 − 4 = 16
    expect(value(rows, { month: '2026-10', measure: 'cases.open' })).toBe(20);
    expect(value(rows, { month: '2026-11', measure: 'cases.open' })).toBe(16);
    expect(value(rows, { month: '2026-11', measure: 'orders.active' })).toBe(5);
    expect(value(rows, { month: '2026-10', measure: 'alerts.acknowledged' })).toBe(5);
    expect(value(rows, { month: '2026-10', measure: 'alerts.ack_seconds', category: 'median' })).toBe(90);
    expect(value(rows, { month: '2026-11', measure: 'alerts.ack_seconds', category: 'median' })).toBeNull();
    // Only the range's months are rows.
    expect(new Set(rows.map((r) => r.month))).toEqual(new Set(['2026-10', '2026-11']));
  });

  it('suppresses per-service bookings with their complementary cell, and no free text ever appears', () => {
    const report = buildMonthlyReport({
      from: '2026-10',
      to: '2026-10',
      counts: [{ month: '2026-10', zone: 'z', counters: { [metric.bookingsMade('legal')]: 2, [metric.bookingsMade('medical')]: 6, [metric.bookingsMade('=cmd')]: 9 } }],
      ackSeconds: new Map(),
    });
    const made = report.rows.filter((r) => r.measure === 'bookings.made');
    expect(made.map((r) => [r.category, r.value])).toEqual([
      ['', 17],
      ['legal', '<5'],
      ['medical', 'suppressed'],
      ['unspecified', 9],
    ]);
    // the malformed category never becomes a cell; the CSV is valid
    expect(() => toCsv(reportCsvRows(report))).not.toThrow();
  });

  it('lists months inclusively', () => {
    expect(monthRange('2025-11', '2026-02')).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
  });
});

describe('monthly report, property', () => {
  it('no split of any random month leaves exactly one hidden cell with its total, and no 1..4 is visible', () => {
    const count = fc.nat({ max: 12 });
    fc.assert(
      fc.property(
        fc.record({ physical: count, psychological: count, both: count, female: count, male: count, repeat: count, legal: count, medical: count, shelter: count, tamper: count, alert: count }),
        fc.nat({ max: 6 }),
        (c, extra) => {
          const opened = c.physical + c.psychological + c.both + extra;
          const report = buildMonthlyReport({
            from: '2026-10',
            to: '2026-10',
            counts: [{
              month: '2026-10',
              zone: 'z',
              counters: {
                [metric.casesOpened]: opened,
                [metric.casesByKind('physical')]: c.physical,
                [metric.casesByKind('psychological')]: c.psychological,
                [metric.casesByKind('both')]: c.both,
                [metric.casesVictimGender('female')]: Math.min(c.female, opened),
                [metric.casesVictimGender('male')]: Math.min(c.male, opened - Math.min(c.female, opened)),
                [metric.casesRepeat]: Math.min(c.repeat, opened),
                [metric.bookingsMade('legal')]: c.legal,
                [metric.bookingsMade('medical')]: c.medical,
                [metric.bookingsMade('shelter')]: c.shelter,
                [metric.breaches('tamper')]: c.tamper,
                [metric.breaches('alert')]: c.alert,
              },
            }],
            ackSeconds: new Map(),
          });
          const groups = new Map<string, ReportRow[]>();
          for (const r of report.rows) {
            if (r.measure === 'alerts.ack_seconds') continue;
            if (typeof r.value === 'number') expect([1, 2, 3, 4]).not.toContain(r.value);
            if (r.breakdown === 'total') continue;
            const key = `${r.measure}|${r.breakdown}`;
            groups.set(key, [...(groups.get(key) ?? []), r]);
          }
          for (const [key, parts] of groups) {
            const total = report.rows.find((r) => r.measure === key.split('|')[0] && r.breakdown === 'total');
            const hidden = [total, ...parts].filter((r) => typeof r?.value === 'string').length;
            expect(hidden, key).not.toBe(1);
          }
        },
      ),
    );
  });
});
