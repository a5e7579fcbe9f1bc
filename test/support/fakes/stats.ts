import { monthOf } from '../../../shared/metrics.js';

/** Report counters as the fakes keep them: month and zone → counter → value (what `statsAdd` adds up in the table). */
export class InMemoryStats {
  private readonly counts = new Map<string, Record<string, number>>();

  add(at: Date, zone: string, counters: Record<string, number>): void {
    const key = `${monthOf(at)}|${zone}`;
    const current = this.counts.get(key) ?? {};
    for (const [name, n] of Object.entries(counters)) current[name] = (current[name] ?? 0) + n;
    this.counts.set(key, current);
  }

  of(month: string, zone: string): Record<string, number> {
    return { ...(this.counts.get(`${month}|${zone}`) ?? {}) };
  }
}
