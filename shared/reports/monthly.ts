import { metric, metricCategories } from '../metrics.js';
import { PARTNER_KINDS } from '../partners.js';
import { median, p90 } from './percentiles.js';
import { MONTH_PATTERN, monthFromIndex, monthIndex } from './months.js';
import { roundCells, ROUNDING_BASE, ROUNDING_MAX_ERROR, type Chain, type Draw, type Group, type RoundingPlan } from './rounding.js';

/**
 * The monthly report, pure: counters in, rounded rows out. One row per cell, in a long
 * ("tidy") layout that stays the same whatever services, zones or categories exist:
 *
 *   month, zone, measure, breakdown, category, value
 *
 * `breakdown` is `total` (category empty) or the name of a split; `value` is a count rounded to a
 * multiple of 5 (shared/reports/rounding.ts), or — for ack-time percentiles only — seconds, or empty
 * when fewer than 5 alerts were acknowledged. The columns and measures are documented in functions/reports/README.md.
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
  /** The keyed, stable random source of the rounding (functions/reports/rounding-key.ts). */
  draw: Draw;
}

export interface ReportRow {
  month: string;
  zone: string;
  measure: string;
  breakdown: string;
  category: string;
  value: number | null;
}

/** How the published counts were protected (stated in every report). */
export const DISCLOSURE_CONTROL = {
  method: 'random controlled rounding',
  base: ROUNDING_BASE,
  maxError: ROUNDING_MAX_ERROR,
  /**
   * Percentiles appear only when the published acknowledgement count is at least this (true count ≥ 6):
   * a count of 1–4 (published 0 or 5) never shows them, and as they follow a published figure their
   * presence tells nothing more.
   */
  percentilesFrom: 2 * ROUNDING_BASE,
} as const;

export interface MonthlyReport {
  from: string;
  to: string;
  zones: string[];
  disclosureControl: typeof DISCLOSURE_CONTROL;
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
  /** Rest of the total not in any category (always published, 0 included: its presence says nothing). */
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

/** The true (unrounded) cells of a report and how they are tied together; rounding comes after. */
export interface ReportCells {
  cells: Map<string, number>;
  plan: RoundingPlan;
  /** The published rows, in order, each with its cell id. */
  published: { id: string; row: Omit<ReportRow, 'value'> }[];
  /** Percentiles (not counts, not rounded) by cell id, with the count cell that decides whether they show. */
  extra: Map<string, { value: number | null; countId: string }>;
  zones: string[];
}

export const reportCellId = (r: Omit<ReportRow, 'value'>) => `${r.month}|${r.zone}|${r.measure}|${r.breakdown}|${r.category}`;

export function buildMonthlyReport(input: ReportInput): MonthlyReport {
  const { cells, plan, published, extra, zones } = reportCells(input);
  const rounded = roundCells(cells, plan, input.draw);
  const shownValue = (key: string): number | null => {
    const pct = extra.get(key);
    if (!pct) return rounded.get(key) as number;
    // Shown only when the published count is 10 or more: decided by a published figure, it tells nothing more.
    return (rounded.get(pct.countId) as number) >= DISCLOSURE_CONTROL.percentilesFrom ? pct.value : null;
  };
  const rows = published.map(({ id: key, row }) => ({ ...row, value: shownValue(key) }));
  return {
    from: input.from,
    to: input.to,
    zones,
    disclosureControl: DISCLOSURE_CONTROL,
    columns: CSV_COLUMNS,
    rows,
  };
}

/** A zone as stored is published only when it is a clean id; anything else is counted under `unspecified`. */
const ZONE_ID = /^[a-z0-9][a-z0-9-]{0,63}$/;
const publishedZone = (zone: string) => (ZONE_ID.test(zone) ? zone : UNSPECIFIED);

/** Counters of zones published under one name (legacy, malformed zones) are added together. */
function mergeZones(counts: readonly CountsInput[]): CountsInput[] {
  const merged = new Map<string, CountsInput>();
  for (const c of counts) {
    const zone = publishedZone(c.zone);
    const key = `${c.month}|${zone}`;
    const into = merged.get(key);
    if (!into) {
      merged.set(key, { month: c.month, zone, counters: { ...c.counters } });
      continue;
    }
    const sum: Record<string, number> = { ...into.counters };
    for (const [k, v] of Object.entries(c.counters)) if (typeof v === 'number') sum[k] = (sum[k] ?? 0) + v;
    merged.set(key, { ...into, counters: sum });
  }
  return [...merged.values()];
}

export function reportCells(raw: Omit<ReportInput, 'draw'>): ReportCells {
  const ackSeconds = new Map<string, number[]>();
  for (const [key, secs] of raw.ackSeconds) {
    const [month = '', zone = ''] = key.split('|');
    const k = `${month}|${publishedZone(zone)}`;
    ackSeconds.set(k, [...(ackSeconds.get(k) ?? []), ...secs]);
  }
  // A stored item with a month that is not YYYY-MM cannot be placed in time: left out, never a failure.
  const input = { ...raw, counts: mergeZones(raw.counts.filter((c) => MONTH_PATTERN.test(c.month))), ackSeconds };
  const toIdx = monthIndex(input.to);
  const fromIdx = monthIndex(input.from);
  // Running sums are rounded as a chain from the first month with data, so a month's published figure
  // is the same whatever range is asked for (a reader cannot average draws across requests).
  const firstIdx = Math.min(fromIdx, ...input.counts.map((c) => monthIndex(c.month)));
  const zones = [...new Set(input.counts.map((c) => c.zone))].sort();
  const byKey = new Map<string, Readonly<Record<string, number>>>();
  for (const c of input.counts) byKey.set(`${c.month}|${c.zone}`, c.counters);
  const inRange = input.counts.filter((c) => monthIndex(c.month) >= fromIdx && monthIndex(c.month) <= toIdx).map((c) => c.counters);

  const cat = (fn: (x: string) => string, known: readonly string[]) => categoriesOf(inRange, prefixOf(fn), known).map((c): [string, string] => [c, fn(c)]);
  const splits: Split[] = [
    { measure: 'cases.opened', breakdown: 'violence_kind', categories: cat(metric.casesByKind, metricCategories.violenceKind), remainder: true },
    { measure: 'cases.opened', breakdown: 'risk_level', categories: cat(metric.casesByRisk, metricCategories.riskLevel), remainder: true },
    { measure: 'cases.opened', breakdown: 'children', categories: cat(metric.casesChildren as (x: string) => string, metricCategories.yesNo), remainder: true },
    {
      measure: 'cases.opened',
      breakdown: 'substance_abuse',
      categories: cat(metric.casesSubstance as (x: string) => string, metricCategories.yesNo),
      remainder: true,
    },
    { measure: 'cases.opened', breakdown: 'victim_gender', categories: cat(metric.casesVictimGender, metricCategories.gender), remainder: true },
    { measure: 'cases.opened', breakdown: 'aggressor_gender', categories: cat(metric.casesAggressorGender, metricCategories.gender), remainder: true },
    {
      measure: 'followups.due',
      breakdown: 'outcome',
      categories: [
        ['on_time', metric.followupsOnTime],
        ['late', metric.followupsLate],
        ['missed', metric.followupsMissed],
      ],
      remainder: true,
    },
  ];
  // Per-service and per-kind measures: their total is the sum of the categories.
  const summed: Split[] = [
    { measure: 'bookings.made', breakdown: 'service', prefix: prefixOf(metric.bookingsMade), categories: cat(metric.bookingsMade, []), remainder: true },
    {
      measure: 'bookings.attended',
      breakdown: 'service',
      prefix: prefixOf(metric.bookingsAttended),
      categories: cat(metric.bookingsAttended, []),
      remainder: true,
    },
    {
      measure: 'bookings.cancelled',
      breakdown: 'service',
      prefix: prefixOf(metric.bookingsCancelled),
      categories: cat(metric.bookingsCancelled, []),
      remainder: true,
    },
    {
      measure: 'breaches',
      breakdown: 'kind',
      prefix: prefixOf(metric.breaches),
      categories: cat(metric.breaches, metricCategories.breachKind),
      remainder: true,
    },
    {
      measure: 'fjc.referrals',
      breakdown: 'partner_kind',
      prefix: prefixOf(metric.fjcReferrals),
      categories: cat(metric.fjcReferrals, PARTNER_KINDS),
      remainder: true,
    },
  ];

  // FJC family cases: where they came from; each referral's first contact, by time taken and by partner kind.
  const fjcOriginSplit: Split = {
    measure: 'fjc.families.opened',
    breakdown: 'origin',
    categories: cat(metric.fjcFamiliesByOrigin, metricCategories.fjcOrigin),
    remainder: true,
  };
  const firstContactSplits: Split[] = [
    {
      measure: 'fjc.referrals.first_contact',
      breakdown: 'within',
      categories: cat(metric.fjcFirstContactWithin, metricCategories.fjcFirstContact),
      remainder: true,
    },
    { measure: 'fjc.referrals.first_contact', breakdown: 'partner_kind', categories: cat(metric.fjcFirstContactKind, PARTNER_KINDS), remainder: true },
  ];

  const interventionSplits: Split[] = [
    { measure: 'interventions', breakdown: 'fjc_introduction', categories: cat(metric.interventionFjc, metricCategories.fjcIntroduction), remainder: true },
    ...(['aggressor', 'victim'] as const).map(
      (side): Split => ({
        measure: 'interventions',
        breakdown: `substance_use_${side}`,
        categories: metricCategories.yesNo.map((yn): [string, string] => [yn, metric.interventionSubstance(side, yn)]),
        // `unspecified`: not known at the scene.
        remainder: true,
      }),
    ),
  ];
  const interventionKinds = cat(metric.interventionsByKind, metricCategories.interventionKind);
  const childrenSplit: Split = {
    measure: 'interventions.children',
    breakdown: 'presence',
    categories: [
      ['present', metric.interventionChildren('present')],
      ['witness', metric.interventionChildren('witness')],
    ],
    remainder: false,
  };

  const cells = new Map<string, number>();
  const groups = new Map<string, string[][]>();
  const chains: Chain[] = [];
  const published: { id: string; row: Omit<ReportRow, 'value'> }[] = [];
  const extra: ReportCells['extra'] = new Map(); // percentiles: not counts, not rounded
  const id = reportCellId;

  for (const zone of zones) {
    let open = 0;
    let active = 0;
    let families = 0;
    let previousOpen: string | undefined;
    let previousActive: string | undefined;
    let previousFamilies: string | undefined;
    for (let mIdx = firstIdx; mIdx <= toIdx; mIdx += 1) {
      const month = monthFromIndex(mIdx);
      const publish = mIdx >= fromIdx;
      const c = byKey.get(`${month}|${zone}`) ?? {};
      const n = (name: string) => (typeof c[name] === 'number' ? Math.max(0, Math.trunc(c[name] as number)) : 0);
      const addCell = (r: Omit<ReportRow, 'value'>, v: number) => {
        const key = id(r);
        cells.set(key, Math.max(0, Math.trunc(v)));
        if (publish) published.push({ id: key, row: r });
        return key;
      };
      const total = (measure: string, v: number) => addCell({ month, zone, measure, breakdown: 'total', category: '' }, v);
      const splitCells = (s: Split, totalId: string, totalValue: number) => {
        const parts = s.categories.map(([category, name]) => addCell({ month, zone, measure: s.measure, breakdown: s.breakdown, category }, n(name)));
        const rest = totalValue - s.categories.reduce((a, [, name]) => a + n(name), 0);
        if (s.remainder) parts.push(addCell({ month, zone, measure: s.measure, breakdown: s.breakdown, category: UNSPECIFIED }, Math.max(0, rest)));
        // A negative rest means the producers' counters disagree: the split is rounded cell by cell.
        if (rest >= 0) {
          const list = groups.get(totalId) ?? [];
          list.push(parts);
          groups.set(totalId, list);
        }
      };

      // Running sums over every month up to this one (closings and order ends are never published).
      open += n(metric.casesOpened) - (mIdx > firstIdx ? n0(byKey.get(`${monthFromIndex(mIdx - 1)}|${zone}`), metric.casesClosed) : 0);
      active += n(metric.ordersCreated) - (mIdx > firstIdx ? n0(byKey.get(`${monthFromIndex(mIdx - 1)}|${zone}`), metric.ordersEnded) : 0);

      // Incidence and its splits; outside the range only what the running sums need.
      const opened = n(metric.casesOpened);
      const openedId = total('cases.opened', opened);
      groups.set(openedId, groups.get(openedId) ?? []);
      const openId = total('cases.open', Math.max(open, opened));
      chains.push({ running: openId, increment: openedId, ...(previousOpen ? { previous: previousOpen } : {}) });
      previousOpen = openId;
      const createdId = total('orders.created', n(metric.ordersCreated));
      const activeId = total('orders.active', Math.max(active, n(metric.ordersCreated)));
      chains.push({ running: activeId, increment: createdId, ...(previousActive ? { previous: previousActive } : {}) });
      previousActive = activeId;
      // Families supported: FJC family cases open at any time in the month (closings never published).
      families += n(metric.fjcFamiliesOpened) - (mIdx > firstIdx ? n0(byKey.get(`${monthFromIndex(mIdx - 1)}|${zone}`), metric.fjcFamiliesClosed) : 0);
      const familiesOpened = n(metric.fjcFamiliesOpened);
      const familiesOpenedId = total('fjc.families.opened', familiesOpened);
      const supportedId = total('fjc.families.supported', Math.max(families, familiesOpened));
      chains.push({ running: supportedId, increment: familiesOpenedId, ...(previousFamilies ? { previous: previousFamilies } : {}) });
      previousFamilies = supportedId;
      if (!publish) continue;

      for (const s of splits.filter((x) => x.measure === 'cases.opened')) splitCells(s, openedId, opened);
      const repeat = Math.min(n(metric.casesRepeat), opened);
      const repeatYes = addCell({ month, zone, measure: 'cases.opened', breakdown: 'repeat_within_12_months', category: 'yes' }, repeat);
      const repeatNo = addCell({ month, zone, measure: 'cases.opened', breakdown: 'repeat_within_12_months', category: 'no' }, opened - repeat);
      groups.get(openedId)?.push([repeatYes, repeatNo]);

      const due = n(metric.followupsDue);
      const dueId = total('followups.due', due);
      for (const s of splits.filter((x) => x.measure === 'followups.due')) splitCells(s, dueId, due);

      total('fjc.introductions', n(metric.fjcIntroductions));

      // Police interventions. The FJC introduction and each side's substance use split every
      // intervention once (partitions of the total, rounded together with it); the kinds do not (one
      // intervention may have several), so each kind is a measure of its own, not a split.
      const interventions = n(metric.interventions);
      const interventionsId = total('interventions', interventions);
      for (const s of interventionSplits) splitCells(s, interventionsId, interventions);
      for (const [kind, name] of interventionKinds) total(`interventions.with_${kind}_violence`, n(name));
      const present = n(metric.interventionChildren('present'));
      const witness = n(metric.interventionChildren('witness'));
      const childrenId = total('interventions.children', present + witness);
      splitCells(childrenSplit, childrenId, present + witness);
      total('interventions.children_secured', n(metric.interventionChildren('secured')));
      total('interventions.home_bans', n(metric.interventionHomeBans));
      total('interventions.arrests', n(metric.interventionArrests));

      splitCells(fjcOriginSplit, familiesOpenedId, familiesOpened);
      const firstContacts = n(metric.fjcFirstContact);
      const firstContactId = total('fjc.referrals.first_contact', firstContacts);
      for (const s of firstContactSplits) splitCells(s, firstContactId, firstContacts);
      total('fjc.actions.overdue', n(metric.fjcActionsOverdue));
      total('fjc.consultations', n(metric.fjcConsultations));

      for (const s of summed) {
        // The total counts every counter under the prefix, even one whose category is not a clean
        // id (it lands in `unspecified`): nothing counted is lost, and no odd text becomes a cell.
        const sum = Object.entries(c)
          .filter(([k, v]) => k.startsWith(s.prefix as string) && typeof v === 'number')
          .reduce((a, [, v]) => a + Math.max(0, Math.trunc(v as number)), 0);
        const tId = total(s.measure, sum);
        splitCells(s, tId, sum);
      }

      // Alert acknowledgement: the count is a cell; percentiles only when its published figure is 10+.
      const acks = input.ackSeconds.get(`${month}|${zone}`) ?? [];
      const countId = total('alerts.acknowledged', acks.length);
      for (const [category, value] of [
        ['median', median(acks)],
        ['p90', p90(acks)],
      ] as const) {
        const r = { month, zone, measure: 'alerts.ack_seconds', breakdown: 'percentile', category };
        extra.set(id(r), { value: value ?? null, countId });
        published.push({ id: id(r), row: r });
      }
    }
  }

  const plan = { groups: [...groups].map(([total, s]): Group => ({ total, splits: s })), chains };
  return { cells, plan, published, extra, zones };
}

const n0 = (c: Readonly<Record<string, number>> | undefined, name: string) =>
  c && typeof c[name] === 'number' ? Math.max(0, Math.trunc(c[name] as number)) : 0;

export function reportCsvRows(report: MonthlyReport): string[][] {
  return [[...CSV_COLUMNS], ...report.rows.map((r) => [r.month, r.zone, r.measure, r.breakdown, r.category, r.value === null ? '' : String(r.value)])];
}
