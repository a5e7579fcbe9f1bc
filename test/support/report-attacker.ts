import { ROUNDING_MAX_ERROR } from '../../shared/reports/rounding.js';
import { monthFromIndex, monthIndex } from '../../shared/reports/months.js';
import { DISCLOSURE_CONTROL, reportCellId, type ReportRow } from '../../shared/reports/monthly.js';

const PERCENTILES_FROM = DISCLOSURE_CONTROL.percentilesFrom;

/**
 * The attacker of the published monthly report. It knows the method (every count is within ±4 of the
 * published one; percentiles appear only when the published acknowledgement count is 10 or more), the layout (every split adds up
 * to its total) and the running sums' relations (opened ≤ open ≤ open last month + opened; in the
 * launch month open = opened), and reads every published cell of every month and zone.
 *
 * It computes exactly which true counts remain possible for each cell. Zones share no relation; within a
 * zone, the months are tied only through the running sums (a chain over months, solved forwards and
 * backwards over the possible values of the running sum), and given its total each split is one
 * equation over boxes, whose solutions for one part are exactly the integers between the bounds.
 */
export interface AttackResult {
  ids: string[];
  /** Possible true values of each cell. */
  possible: Map<string, Set<number>>;
  published: Map<string, number>;
  /** Whether the published table itself satisfies every relation the attacker uses. */
  publishedFeasible: boolean;
}

type Box = [number, number];
/** Running totals and the monthly count that feeds each: a month's total is at least what it added, at most last month's plus that. */
const RUNNING_TOTALS = [
  ['cases.open', 'cases.opened'],
  ['orders.active', 'orders.created'],
  ['fjc.families.supported', 'fjc.families.opened'],
] as const;
const range = ([a, b]: Box) => Array.from({ length: Math.max(0, b - a + 1) }, (_, i) => a + i);

export function attack(rows: readonly ReportRow[], launchMonth: string): AttackResult {
  const published = new Map<string, number>();
  const box = new Map<string, Box>();
  for (const r of rows) {
    if (r.measure === 'alerts.ack_seconds') continue;
    if (typeof r.value !== 'number') throw new Error(`Count cell without a number: ${reportCellId(r)}`);
    published.set(reportCellId(r), r.value);
    box.set(reportCellId(r), [Math.max(0, r.value - ROUNDING_MAX_ERROR), r.value + ROUNDING_MAX_ERROR]);
  }
  const id = (month: string, zone: string, measure: string, breakdown = 'total', category = '') => reportCellId({ month, zone, measure, breakdown, category });
  // Percentiles follow the published acknowledgement count (shown from 10): they add nothing.
  for (const r of rows) {
    if (r.measure !== 'alerts.ack_seconds') continue;
    const shown = (published.get(id(r.month, r.zone, 'alerts.acknowledged')) as number) >= PERCENTILES_FROM;
    if (!shown && r.value !== null) throw new Error(`Percentile shown below the threshold: ${reportCellId(r)}`);
  }

  // Splits by total.
  const splits = new Map<string, string[][]>();
  const bySplit = new Map<string, string[]>();
  for (const r of rows) {
    if (r.breakdown === 'total' || r.breakdown === 'percentile') continue;
    const key = `${id(r.month, r.zone, r.measure)}#${r.breakdown}`;
    bySplit.set(key, [...(bySplit.get(key) ?? []), reportCellId(r)]);
  }
  for (const [key, parts] of bySplit) {
    const total = key.slice(0, key.lastIndexOf('#'));
    splits.set(total, [...(splits.get(total) ?? []), parts]);
  }
  const sumBox = (parts: string[]): Box => parts.reduce<Box>((acc, p) => [acc[0] + (box.get(p) as Box)[0], acc[1] + (box.get(p) as Box)[1]], [0, 0]);
  /** Values of a total compatible with its own box and every split. */
  const totalValues = (t: string): Set<number> => {
    let [a, b] = box.get(t) as Box;
    for (const parts of splits.get(t) ?? []) {
      const [sa, sb] = sumBox(parts);
      a = Math.max(a, sa);
      b = Math.min(b, sb);
    }
    return new Set(range([a, b]));
  };

  const possible = new Map<string, Set<number>>();
  const totals = new Map<string, Set<number>>();
  for (const t of box.keys()) if (t.endsWith('|total|')) totals.set(t, totalValues(t));

  // Running sums: forward (reachable) and backward (extendable) over each zone's months.
  const months = [...new Set(rows.map((r) => r.month))].sort();
  const zones = [...new Set(rows.map((r) => r.zone))];
  for (const zone of zones) {
    for (const [running, increment] of RUNNING_TOTALS) {
      const ms = months.filter((m) => box.has(id(m, zone, running)));
      const incs = ms.map((m) => totals.get(id(m, zone, increment)) as Set<number>);
      const runs = ms.map((m) => range(box.get(id(m, zone, running)) as Box));
      const step = (i: number, prev: number | undefined, t: number, p: number) =>
        t <= p && (prev === undefined || p <= prev + t) && (ms[i] !== launchMonth || p === t);
      // forward[i]: running values with some history; ok[i]: and some future.
      const forward: Set<number>[] = [];
      ms.forEach((_, i) => {
        const set = new Set<number>();
        for (const p of runs[i] as number[]) {
          for (const t of incs[i] as Set<number>) {
            const prevs = i === 0 ? [undefined] : [...(forward[i - 1] as Set<number>)];
            if (prevs.some((pv) => step(i, pv, t, p))) {
              set.add(p);
              break;
            }
          }
        }
        forward.push(set);
      });
      const ok: Set<number>[] = ms.map(() => new Set());
      for (let i = ms.length - 1; i >= 0; i -= 1) {
        for (const p of forward[i] as Set<number>) {
          if (i === ms.length - 1) (ok[i] as Set<number>).add(p);
          else if ([...(ok[i + 1] as Set<number>)].some((q) => [...(incs[i + 1] as Set<number>)].some((t) => step(i + 1, p, t, q))))
            (ok[i] as Set<number>).add(p);
        }
      }
      ms.forEach((m, i) => {
        const runSet = new Set<number>();
        const incSet = new Set<number>();
        for (const p of ok[i] as Set<number>) {
          for (const t of incs[i] as Set<number>) {
            const prevs = i === 0 ? [undefined] : [...(ok[i - 1] as Set<number>)];
            if (prevs.some((pv) => step(i, pv, t, p))) {
              runSet.add(p);
              incSet.add(t);
            }
          }
        }
        possible.set(id(m, zone, running), runSet);
        totals.set(id(m, zone, increment), incSet);
      });
    }
  }

  for (const [t, values] of totals) {
    possible.set(t, values);
    for (const parts of splits.get(t) ?? []) {
      for (const part of parts) {
        const own = box.get(part) as Box;
        const others = sumBox(parts.filter((p) => p !== part));
        const set = new Set<number>();
        for (const total of values) for (const v of range([Math.max(own[0], total - others[1]), Math.min(own[1], total - others[0])])) set.add(v);
        possible.set(part, set);
      }
    }
  }
  for (const [cell, b] of box) if (!possible.has(cell)) possible.set(cell, new Set(range(b)));

  // The published table against the same relations.
  const value = (c: string) => published.get(c) as number;
  let publishedFeasible = [...splits].every(([t, ss]) => ss.every((parts) => parts.reduce((a, p) => a + value(p), 0) === value(t)));
  for (const zone of zones) {
    for (const [running, increment] of RUNNING_TOTALS) {
      for (const m of months) {
        const p = value(id(m, zone, running));
        const t = value(id(m, zone, increment));
        const prevId = id(monthFromIndex(monthIndex(m) - 1), zone, running);
        if (t > p || (m === launchMonth && p !== t) || (published.has(prevId) && p > value(prevId) + t)) publishedFeasible = false;
      }
    }
  }
  return { ids: [...published.keys()], possible, published, publishedFeasible };
}
