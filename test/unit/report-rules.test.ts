import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { metric } from '../../shared/metrics.js';
import { parseCsv, toCsv } from '../../shared/reports/csv.js';
import { buildMonthlyReport, reportCsvRows, type ReportRow } from '../../shared/reports/monthly.js';
import { monthRange } from '../../shared/reports/months.js';
import { median, p90, percentile } from '../../shared/reports/percentiles.js';
import { keyedDraw } from '../../functions/reports/rounding-key.js';

const draw = keyedDraw(Buffer.alloc(32, 1));
/** A published count: a multiple of 5 within 4 of the truth. */
const near = (v: unknown, real: number) => {
  expect(typeof v).toBe('number');
  expect((v as number) % 5).toBe(0);
  expect(Math.abs((v as number) - real)).toBeLessThanOrEqual(4);
};

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
  const find = (rows: ReportRow[], m: Partial<ReportRow>) => rows.filter((r) => Object.entries(m).every(([k, v]) => r[k as keyof ReportRow] === v));
  const value = (rows: ReportRow[], m: Partial<ReportRow>) => {
    const hits = find(rows, m);
    expect(hits, JSON.stringify(m)).toHaveLength(1);
    return hits[0]?.value;
  };

  it('computes incidence splits, prevalence and active orders as running sums, and rounds them', () => {
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
      ackSeconds: new Map([['2026-10|z', [60, 120, 30, 90, 600, 45, 30, 20, 10, 15, 300]]]),
      draw,
    });
    const rows = report.rows;
    near(value(rows, { month: '2026-10', measure: 'cases.opened', breakdown: 'total' }), 12);
    near(value(rows, { month: '2026-10', breakdown: 'repeat_within_12_months', category: 'yes' }), 3);
    near(value(rows, { month: '2026-10', breakdown: 'repeat_within_12_months', category: 'no' }), 9);
    near(value(rows, { month: '2026-10', breakdown: 'violence_kind', category: 'physical' }), 7);
    expect(value(rows, { month: '2026-10', breakdown: 'violence_kind', category: 'both' })).toBe(0);
    // victim gender: female 9, male 2, unspecified 1; the unspecified rest is always a row (0 included)
    near(value(rows, { month: '2026-10', breakdown: 'victim_gender', category: 'male' }), 2);
    near(value(rows, { month: '2026-10', breakdown: 'victim_gender', category: 'unspecified' }), 1);
    near(value(rows, { month: '2026-10', breakdown: 'victim_gender', category: 'female' }), 9);
    expect(value(rows, { month: '2026-10', breakdown: 'violence_kind', category: 'unspecified' })).toBe(0);
    // prevalence: October = 10 + 12 − 2 = 20; November = 22 − 2 − 4 = 16
    expect(value(rows, { month: '2026-10', measure: 'cases.open' })).toBe(20);
    near(value(rows, { month: '2026-11', measure: 'cases.open' }), 16);
    expect(value(rows, { month: '2026-11', measure: 'orders.active' })).toBe(5);
    near(value(rows, { month: '2026-10', measure: 'alerts.acknowledged' }), 11);
    // 11 acknowledgements publish as 10 or 15: percentiles shown (median of 11 values)
    expect(value(rows, { month: '2026-10', measure: 'alerts.ack_seconds', category: 'median' })).toBe(45);
    expect(value(rows, { month: '2026-11', measure: 'alerts.ack_seconds', category: 'median' })).toBeNull();
    // Each split adds up to its published total.
    for (const breakdown of ['violence_kind', 'victim_gender', 'repeat_within_12_months', 'risk_level']) {
      const sum = find(rows, { month: '2026-10', breakdown }).reduce((a, r) => a + (r.value as number), 0);
      expect(sum, breakdown).toBe(value(rows, { month: '2026-10', measure: 'cases.opened', breakdown: 'total' }));
    }
    // Only the range's months are rows.
    expect(new Set(rows.map((r) => r.month))).toEqual(new Set(['2026-10', '2026-11']));
  });

  it('rounds per-service bookings so they add up, and no free text ever appears', () => {
    const report = buildMonthlyReport({
      from: '2026-10',
      to: '2026-10',
      counts: [
        { month: '2026-10', zone: 'z', counters: { [metric.bookingsMade('legal')]: 2, [metric.bookingsMade('medical')]: 6, [metric.bookingsMade('=cmd')]: 9 } },
      ],
      ackSeconds: new Map(),
      draw,
    });
    const made = report.rows.filter((r) => r.measure === 'bookings.made');
    expect(made.map((r) => r.category)).toEqual(['', 'legal', 'medical', 'unspecified']);
    [17, 2, 6, 9].forEach((real, i) => {
      near(made[i]?.value, real);
    });
    expect((made[1]?.value as number) + (made[2]?.value as number) + (made[3]?.value as number)).toBe(made[0]?.value);
    // the malformed category never becomes a cell; the CSV is valid
    expect(() => toCsv(reportCsvRows(report))).not.toThrow();
  });

  it('publishes a legacy or malformed stored zone as `unspecified`, and the CSV never fails', () => {
    const report = buildMonthlyReport({
      from: '2026-10',
      to: '2026-10',
      counts: [
        { month: '2026-10', zone: '-evil', counters: { [metric.casesOpened]: 3 } },
        { month: '2026-10', zone: '=cmd()', counters: { [metric.casesOpened]: 4 } },
        { month: '2026-1x', zone: 'ruppel', counters: { [metric.casesOpened]: 4 } },
        { month: '2026-10', zone: 'ruppel', counters: { [metric.casesOpened]: 10 } },
      ],
      ackSeconds: new Map([['2026-10|-evil', [5]]]),
      draw,
    });
    expect(report.zones).toEqual(['ruppel', 'unspecified']);
    near(report.rows.find((r) => r.zone === 'unspecified' && r.measure === 'cases.opened' && r.breakdown === 'total')?.value, 7);
    const csv = parseCsv(toCsv(reportCsvRows(report)));
    expect(new Set(csv.slice(1).map((r) => r[1]))).toEqual(new Set(['ruppel', 'unspecified']));
  });

  it('lists months inclusively', () => {
    expect(monthRange('2025-11', '2026-02')).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
  });
});
