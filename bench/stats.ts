/** Small statistics and table helpers for the benchmark (pure; unit-tested). */
export function median(values: readonly number[]): number {
  return percentile(values, 50);
}

/** Nearest-rank percentile (p in 0..100) of the values; NaN when empty. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))] ?? Number.NaN;
}

/** a / b, formatted as "×1.23"; "n/a" when either is missing or b is 0. */
export function ratio(a: number, b: number): string {
  if (!Number.isFinite(a) || !Number.isFinite(b) || b === 0) return 'n/a';
  return `×${(a / b).toFixed(2)}`;
}

export interface Row {
  section: string;
  item: string;
  result: string;
  budget?: string;
  note?: string;
}

const cell = (s: string): string => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

export function markdownTable(rows: readonly Row[]): string {
  const head = '| Section | Measure | Result | Budget | Notes |\n|---|---|---|---|---|';
  const body = rows.map((r) => `| ${cell(r.section)} | ${cell(r.item)} | ${cell(r.result)} | ${cell(r.budget ?? '')} | ${cell(r.note ?? '')} |`);
  return [head, ...body].join('\n');
}
