import { metric, monthOf } from '../../shared/metrics.js';
import type { OrderRecord } from '../../shared/zones/index.js';
import { reportZoneOf } from '../lib/scope.js';

/**
 * Report counters of orders (functions/reports/README.md), pure. An order contributes
 * - `orders.created` +1 in the month it was created, in its police zone (the report is per zone, as the
 *   breaches and acknowledgement times of its alerts are);
 * - `orders.ended` +1 in the month it stops being active: the month of `validUntil` (known up front),
 *   or the month it was ended early.
 * Creating, changing (validUntil, or a district in another zone) and ending an order add the DIFFERENCE between the
 * contributions after and before, in the same transaction as the change, so the report's running sum
 * (active = created − ended) stays right and a retried request never counts twice.
 */
export interface CounterDelta {
  /** Any instant of the month (statsAdd derives the month from it, in Brussels time). */
  at: Date;
  zone: string;
  counters: Record<string, number>;
}

function contribution(o: OrderRecord): Map<string, CounterDelta> {
  const out = new Map<string, CounterDelta>();
  const zone = reportZoneOf(o);
  const add = (iso: string, name: string, n: number) => {
    const at = new Date(iso);
    const key = `${monthOf(at)}|${zone}`;
    const d = out.get(key) ?? { at, zone, counters: {} };
    d.counters[name] = (d.counters[name] ?? 0) + n;
    out.set(key, d);
  };
  add(o.createdAt, metric.ordersCreated, 1);
  const endedEarly = o.status === 'ended' && o.endedAt !== undefined && o.endedAt < o.validUntil;
  add(endedEarly ? (o.endedAt as string) : o.validUntil, metric.ordersEnded, 1);
  return out;
}

/** Counter changes from `previous` (undefined: a new order) to `next`, one entry per month and zone, zeros dropped. */
export function orderCounterDeltas(previous: OrderRecord | undefined, next: OrderRecord): CounterDelta[] {
  const after = contribution(next);
  const before = previous ? contribution(previous) : new Map<string, CounterDelta>();
  const merged = new Map<string, CounterDelta>();
  for (const [sign, side] of [
    [1, after],
    [-1, before],
  ] as const) {
    for (const [key, d] of side) {
      const m = merged.get(key) ?? { at: d.at, zone: d.zone, counters: {} };
      for (const [name, n] of Object.entries(d.counters)) m.counters[name] = (m.counters[name] ?? 0) + sign * n;
      merged.set(key, m);
    }
  }
  const out: CounterDelta[] = [];
  for (const d of merged.values()) {
    const counters = Object.fromEntries(Object.entries(d.counters).filter(([, n]) => n !== 0));
    if (Object.keys(counters).length > 0) out.push({ ...d, counters });
  }
  return out;
}
