import { metric, metricCategories } from '../metrics.js';
import { median, p90 } from './percentiles.js';
import { monthIndex, monthRange } from './months.js';
import { suppress, SUPPRESSION_THRESHOLD, type Equation, type Shown } from './suppression.js';

/**
 * The monthly report (issue 8), pure: counters in, suppressed rows out. One row per cell, in a long
 * ("tidy") layout that stays the same whatever services, zones or categories exist:
 *
 *   month, zone, measure, breakdown, category, value
 *
 * `breakdown` is `total` (category empty) or the name of a split; `value` is a count, `<5`,
 * `suppressed`, or — for ack-time percentiles only — seconds, or empty when fewer than 5 alerts were
 * acknowledged. The columns and measures are documented in functions/reports/README.md.
 */
export const CSV_COLUMNS = ['month', 'zone', 'measure', 'breakdown', 'category', 'value'] as const;

export interface CountsInput {
  month: string;
  zone: string;
  /** Metric name (shared/metrics.ts) → count. */
  counters: Readonly<Record<string, number>>;
}

export interface ReportInput {
  from: string;
  to: string;
  /** Every COUNTS item of every month up to `to` (earlier months feed the running sums). */
  counts: readonly CountsInput[];
  /** Ack seconds per `month|zone` for the months of the range. */
  ackSeconds: ReadonlyMap<string, readonly number[]>;
}

export interface ReportRow {
  month: string;
  zone: string;
  measure: string;
  breakdown: string;
  category: string;
  value: Shown | null;
}

export interface MonthlyReport {
  from: string;
  to: string;
  zones: string[];
  suppression: { threshold: number; primary: '<5'; complementary: 'suppressed'; zero: 'shown as 0' };
  columns: readonly string[];
  rows: ReportRow[];
}

const CATEGORY = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;
export const UNSPECIFIED = 'unspecified';

interface Split {
  measure: string;
  breakdown: string;
  /** Category → metric name. */
  categories: [string, string][];
  /** Rest of the total not in any category (shown only when non-zero). */
  remainder: boolean;
  /** For measures whose total is the sum of all counters under this metric prefix. */
  prefix?: string;
}

/** Categories found in the counters under a metric prefix, plus the known ones. */
function categoriesOf(counters: readonly Record<string, number>[], prefix: string, known: readonly string[]): string[] {
  const found = new Set<string>(known);
  for (const c of counters) {
    for (const k of Object.keys(c)) {
      if (!k.startsWith(prefix)) continue;
      const cat = k.slice(prefix.length);
      if (CATEGORY.test(cat)) found.add(cat);
    }
  }
  return [...found];
}

const prefixOf = (fn: (x: string) => string) => fn('');

export function buildMonthlyReport(input: ReportInput): MonthlyReport {
  const months = monthRange(input.from, input.to);
  const toIdx = monthIndex(input.to);
  const fromIdx = monthIndex(input.from);
  const zones = [...new Set(input.counts.map((c) => c.zone))].sort();
  const byKey = new Map<string, Readonly<Record<string, number>>>();
  for (const c of input.counts) byKey.set(`${c.month}|${c.zone}`, c.counters);
  const inRange = input.counts.filter((c) => monthIndex(c.month) >= fromIdx && monthIndex(c.month) <= toIdx).map((c) => c.counters);

  const cat = (fn: (x: string) => string, known: readonly string[]) =>
    categoriesOf(inRange, prefixOf(fn), known).map((c): [string, string] => [c, fn(c)]);
  const splits: Split[] = [
    { measure: 'cases.opened', breakdown: 'violence_kind', categories: cat(metric.casesByKind, metricCategories.violenceKind), remainder: true },
    { measure: 'cases.opened', breakdown: 'risk_level', categories: cat(metric.casesByRisk, metricCategories.riskLevel), remainder: true },
    { measure: 'cases.opened', breakdown: 'children', categories: cat(metric.casesChildren as (x: string) => string, metricCategories.yesNo), remainder: true },
    { measure: 'cases.opened', breakdown: 'substance_abuse', categories: cat(metric.casesSubstance as (x: string) => string, metricCategories.yesNo), remainder: true },
    { measure: 'cases.opened', breakdown: 'victim_gender', categories: cat(metric.casesVictimGender, metricCategories.gender), remainder: true },
    { measure: 'cases.opened', breakdown: 'aggressor_gender', categories: cat(metric.casesAggressorGender, metricCategories.gender), remainder: true },
    { measure: 'followups.due', breakdown: 'outcome', categories: [['on_time', metric.followupsOnTime], ['late', metric.followupsLate], ['missed', metric.followupsMissed]], remainder: true },
  ];
  // Per-service and per-kind measures: their total is the sum of the categories.
  const summed: Split[] = [
    { measure: 'bookings.made', breakdown: 'service', prefix: prefixOf(metric.bookingsMade), categories: cat(metric.bookingsMade, []), remainder: true },
    { measure: 'bookings.attended', breakdown: 'service', prefix: prefixOf(metric.bookingsAttended), categories: cat(metric.bookingsAttended, []), remainder: true },
    { measure: 'bookings.cancelled', breakdown: 'service', prefix: prefixOf(metric.bookingsCancelled), categories: cat(metric.bookingsCancelled, []), remainder: true },
    { measure: 'breaches', breakdown: 'kind', prefix: prefixOf(metric.breaches), categories: cat(metric.breaches, metricCategories.breachKind), remainder: true },
  ];

  const cells = new Map<string, number>();
  const equations: Equation[] = [];
  const order: { id: string; row: Omit<ReportRow, 'value'> }[] = [];
  const extra = new Map<string, number | null>(); // percentiles: outside suppression
  const id = (r: Omit<ReportRow, 'value'>) => `${r.month}|${r.zone}|${r.measure}|${r.breakdown}|${r.category}`;
  const addCell = (r: Omit<ReportRow, 'value'>, v: number) => {
    const key = id(r);
    cells.set(key, Math.max(0, Math.trunc(v)));
    order.push({ id: key, row: r });
    return key;
  };

  for (const month of months) {
    const mIdx = monthIndex(month);
    for (const zone of zones) {
      const c = byKey.get(`${month}|${zone}`) ?? {};
      const n = (name: string) => (typeof c[name] === 'number' ? (c[name] as number) : 0);
      const total = (measure: string, v: number) => addCell({ month, zone, measure, breakdown: 'total', category: '' }, v);

      // Incidence and its splits.
      const opened = n(metric.casesOpened);
      const openedId = total('cases.opened', opened);
      for (const s of splits.filter((x) => x.measure === 'cases.opened')) splitCells(s, openedId, opened);
      const repeat = n(metric.casesRepeat);
      const repeatYes = addCell({ month, zone, measure: 'cases.opened', breakdown: 'repeat_within_12_months', category: 'yes' }, repeat);
      const repeatNo = addCell({ month, zone, measure: 'cases.opened', breakdown: 'repeat_within_12_months', category: 'no' }, Math.max(0, opened - repeat));
      equations.push({ total: openedId, parts: [repeatYes, repeatNo] });

      // Prevalence: cases open at some time in the month = opened up to and in it − closed before it.
      let open = 0;
      let active = 0;
      for (const other of input.counts) {
        if (other.zone !== zone) continue;
        const oIdx = monthIndex(other.month);
        const get = (name: string) => (typeof other.counters[name] === 'number' ? (other.counters[name] as number) : 0);
        if (oIdx <= mIdx) open += get(metric.casesOpened);
        if (oIdx < mIdx) open -= get(metric.casesClosed);
        if (oIdx <= mIdx) active += get(metric.ordersCreated);
        if (oIdx < mIdx) active -= get(metric.ordersEnded);
      }
      total('cases.open', open);

      // Follow-ups.
      const due = n(metric.followupsDue);
      const dueId = total('followups.due', due);
      for (const s of splits.filter((x) => x.measure === 'followups.due')) splitCells(s, dueId, due);

      total('fjc.introductions', n(metric.fjcIntroductions));

      for (const s of summed) {
        // The total counts every counter under the prefix, even one whose category is not a clean
        // id (it lands in `unspecified`): nothing counted is lost, and no odd text becomes a cell.
        const sum = Object.entries(c)
          .filter(([k, v]) => k.startsWith(s.prefix as string) && typeof v === 'number')
          .reduce((a, [, v]) => a + (v as number), 0);
        const tId = total(s.measure, sum);
        splitCells(s, tId, sum);
      }

      total('orders.created', n(metric.ordersCreated));
      total('orders.active', active);

      // Alert acknowledgement: the count is a cell; percentiles only from 5 acknowledgements on.
      const acks = input.ackSeconds.get(`${month}|${zone}`) ?? [];
      total('alerts.acknowledged', acks.length);
      const enough = acks.length >= SUPPRESSION_THRESHOLD;
      for (const [category, value] of [['median', enough ? median(acks) : undefined], ['p90', enough ? p90(acks) : undefined]] as const) {
        const r = { month, zone, measure: 'alerts.ack_seconds', breakdown: 'percentile', category };
        extra.set(id(r), value ?? null);
        order.push({ id: id(r), row: r });
      }

      function splitCells(s: Split, totalId: string, totalValue: number) {
        const parts = s.categories.map(([category, name]) => addCell({ month, zone, measure: s.measure, breakdown: s.breakdown, category }, n(name)));
        if (s.remainder) {
          const rest = totalValue - s.categories.reduce((a, [, name]) => a + n(name), 0);
          if (rest > 0) parts.push(addCell({ month, zone, measure: s.measure, breakdown: s.breakdown, category: UNSPECIFIED }, rest));
          // A negative rest means the producers' counters disagree; the split is shown as counted.
          if (rest < 0) return;
        }
        equations.push({ total: totalId, parts });
      }
    }
  }

  const { shown } = suppress(cells, equations);
  const rows = order.map(({ id: key, row }) => ({ ...row, value: extra.has(key) ? (extra.get(key) as number | null) : (shown.get(key) as Shown) }));
  return {
    from: input.from,
    to: input.to,
    zones,
    suppression: { threshold: SUPPRESSION_THRESHOLD, primary: '<5', complementary: 'suppressed', zero: 'shown as 0' },
    columns: CSV_COLUMNS,
    rows,
  };
}

export function reportCsvRows(report: MonthlyReport): string[][] {
  return [
    [...CSV_COLUMNS],
    ...report.rows.map((r) => [r.month, r.zone, r.measure, r.breakdown, r.category, r.value === null ? '' : String(r.value)]),
  ];
}
