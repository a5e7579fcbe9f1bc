import { monthOf } from '../../shared/metrics.js';
import { buildMonthlyReport, type MonthlyReport } from '../../shared/reports/monthly.js';
import { monthIndex, monthRange } from '../../shared/reports/months.js';
import { ValidationError } from '../../shared/errors.js';
import type { Draw } from '../../shared/reports/rounding.js';
import type { StatsReader } from './store.js';

/** The longest range one request may ask for. */
export const MAX_REPORT_MONTHS = 24;

/**
 * Use case: the monthly report of one zone (the reader's) for a range of months, rounded with `draw`.
 * `now` bounds the range. Other zones' counters are left out before anything is built or rounded.
 */
export async function monthlyReport(reader: StatsReader, zone: string, range: { from: string; to: string }, now: Date, draw: Draw): Promise<MonthlyReport> {
  const { from, to } = range;
  if (monthIndex(to) < monthIndex(from)) throw new ValidationError('to', '`to` must not be before `from`');
  if (monthIndex(to) - monthIndex(from) + 1 > MAX_REPORT_MONTHS) throw new ValidationError('to', `A report covers at most ${MAX_REPORT_MONTHS} months`);
  if (monthIndex(to) > monthIndex(monthOf(now))) throw new ValidationError('to', '`to` must not be after the current month');

  const counts = (await reader.countsUpTo(to)).filter((c) => c.zone === zone);
  const zones = [...new Set(counts.map((c) => c.zone))];
  const ackSeconds = new Map<string, number[]>();
  // Bounded: ≤ 24 months × the zones; small Queries, a few at a time.
  const jobs = monthRange(from, to).flatMap((month) => zones.map((zone) => ({ month, zone })));
  for (let i = 0; i < jobs.length; i += 8) {
    await Promise.all(
      jobs.slice(i, i + 8).map(async ({ month, zone }) => {
        ackSeconds.set(`${month}|${zone}`, await reader.ackSeconds(month, zone));
      }),
    );
  }
  return buildMonthlyReport({ from, to, counts, ackSeconds, draw });
}
