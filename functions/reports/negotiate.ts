/**
 * Content negotiation for the report: CSV when `format=csv`, or when the Accept header ranks
 * `text/csv` above zero and at least as high as JSON (`application/json`, `*\/*`). JSON otherwise.
 */
export function prefersCsv(accept: string | undefined, format: 'json' | 'csv' | undefined): boolean {
  if (format) return format === 'csv';
  if (!accept) return false;
  let csv = -1;
  let json = -1;
  for (const part of accept.toLowerCase().split(',')) {
    const [type = '', ...params] = part.split(';').map((s) => s.trim());
    const qParam = params.find((p) => p.startsWith('q='));
    const q = qParam ? Number(qParam.slice(2)) : 1;
    const weight = Number.isFinite(q) ? q : 0;
    if (type === 'text/csv') csv = Math.max(csv, weight);
    else if (type === 'application/json' || type === '*/*' || type === 'application/*') json = Math.max(json, weight);
  }
  return csv > 0 && csv >= json;
}
