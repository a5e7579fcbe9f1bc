import * as z from 'zod';
import type { CapabilityContract } from '../contract.js';
import { MONTH_PATTERN } from './months.js';

export type { MonthlyReport, ReportRow } from './monthly.js';

/** The reports API: monthly counts per zone, every cell rounded to base 5 by controlled rounding (functions/reports/README.md), as JSON or CSV. */
const month = (field: string) => z.string({ error: `${field} is required (YYYY-MM)` }).regex(MONTH_PATTERN, `${field} must be a month YYYY-MM`);
export const monthlyQuerySchema = z.strictObject({
  from: month('from').describe('First month of the report, YYYY-MM (Brussels time)'),
  to: month('to').describe('Last month of the report, YYYY-MM, included'),
  format: z.enum(['json', 'csv']).optional().describe('csv for a CSV file (as Accept: text/csv); JSON otherwise'),
});

export const reportsContract = {
  'GET /api/reports/monthly': {
    query: monthlyQuerySchema,
    responses: { 200: { description: 'The report (CSV with Accept: text/csv or format=csv)', alsoAs: ['text/csv'] } },
  },
} as const satisfies CapabilityContract<'reports'>;
