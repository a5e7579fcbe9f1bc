/**
 * Percentiles for alert acknowledgement times, pure. Linear interpolation between closest ranks
 * (the "R-7" / Excel PERCENTILE.INC / numpy default definition), so the median of an even count is the
 * mean of the two middle values. Results are rounded to whole seconds.
 */
export function percentile(values: readonly number[], p: number): number | undefined {
  if (!(p >= 0 && p <= 100)) throw new Error(`Percentile must be within 0..100, got ${p}`);
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = (p / 100) * (sorted.length - 1);
  const lo = Math.floor(rank);
  const hi = Math.ceil(rank);
  const a = sorted[lo] as number;
  const b = sorted[hi] as number;
  return Math.round(a + (b - a) * (rank - lo));
}

export const median = (values: readonly number[]) => percentile(values, 50);
export const p90 = (values: readonly number[]) => percentile(values, 90);
