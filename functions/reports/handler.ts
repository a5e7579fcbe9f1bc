import * as z from 'zod';
import { toCsv } from '../../shared/reports/csv.js';
import { MONTH_PATTERN } from '../../shared/reports/months.js';
import { reportCsvRows } from '../../shared/reports/monthly.js';
import { TABLE_ENV } from '../../shared/table.js';
import { dynamo } from '../lib/clients.js';
import { clock } from '../lib/clock.js';
import { requireEnv } from '../lib/config.js';
import { httpApi, withQuery, type ApiResult } from '../lib/http.js';
import { monthlyReport } from './monthly.js';
import { prefersCsv } from './negotiate.js';
import { DynamoStatsReader } from './store.js';

const tableName = requireEnv(TABLE_ENV);
const reader = new DynamoStatsReader(dynamo, tableName);

const month = (field: string) => z.string({ error: `${field} is required (YYYY-MM)` }).regex(MONTH_PATTERN, `${field} must be a month YYYY-MM`);
const querySchema = z.strictObject({
  from: month('from'),
  to: month('to'),
  format: z.enum(['json', 'csv']).optional(),
});


export const handler = httpApi('reports', {
  'GET /api/reports/monthly': withQuery(querySchema, async (req, q): Promise<ApiResult> => {
    const report = await monthlyReport(reader, { from: q.from, to: q.to }, clock.now());
    if (prefersCsv(req.headers.accept, q.format)) {
      return {
        status: 200,
        text: toCsv(reportCsvRows(report)),
        headers: {
          'content-type': 'text/csv; charset=utf-8',
          'content-disposition': `attachment; filename="oneroof-monthly-${q.from}_${q.to}.csv"`,
          'x-content-type-options': 'nosniff',
          vary: 'accept',
        },
      };
    }
    return { status: 200, body: report, headers: { vary: 'accept' } };
  }),
});
