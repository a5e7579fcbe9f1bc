import { expect } from 'vitest';
import { handler as reports } from '../../functions/reports/handler.js';
import { monthOf } from '../../shared/metrics.js';
import { invokeRoute, staffToken } from './invoke.js';

export interface PublishedRow {
  zone: string;
  measure: string;
  breakdown: string;
  category: string;
  value: number;
}

/** This month's published report as the authority reads it: the rows of one zone, the zones it covers, and `cell` for one row. */
export async function monthlyReportOf(zone: string) {
  const month = monthOf(new Date());
  const res = await invokeRoute(reports, 'GET', `/api/reports/monthly?from=${month}&to=${month}`, { claims: staffToken('alex.authority', 'authority') });
  expect(res.status).toBe(200);
  const rows = (res.json.rows as PublishedRow[]).filter((r) => r.zone === zone);
  const cell = (measure: string, breakdown = 'total', category = '') =>
    rows.find((r) => r.measure === measure && r.breakdown === breakdown && r.category === category);
  return { rows, cell, zones: res.json.zones as string[] };
}

/** Each `[measure, breakdown, category]` is published, rounded to a multiple of five. */
export function expectRoundedCells(
  cell: (measure: string, breakdown: string, category: string) => PublishedRow | undefined,
  cells: readonly (readonly [string, string, string])[],
) {
  for (const [measure, breakdown, category] of cells) {
    const row = cell(measure, breakdown, category);
    expect(row, `${measure} ${breakdown} ${category}`).toBeDefined();
    expect((row?.value ?? 1) % 5).toBe(0);
  }
}
