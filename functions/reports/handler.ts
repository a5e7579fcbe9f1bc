import * as z from 'zod';
import { toCsv } from '../../shared/reports/csv.js';
import { MONTH_PATTERN } from '../../shared/reports/months.js';
import { reportCsvRows } from '../../shared/reports/monthly.js';
import { TABLE_ENV } from '../../shared/table.js';
import { dynamo } from '../lib/clients.js';
import { clock } from '../lib/clock.js';
import { requireEnv } from '../lib/config.js';
import { httpApi, type ApiResult } from '../lib/http.js';
import { parse } from '../lib/validation.js';
import { monthlyReport } from './monthly.js';
import { prefersCsv } from './negotiate.js';
import { DynamoStatsReader } from './store.js';
import { TableKeySource } from '../cases/victim-key.js';
import { keyedDraw, ROUNDING_KEY_ITEM } from './rounding-key.js';

const tableName = requireEnv(TABLE_ENV);
const reader = new DynamoStatsReader(dynamo, tableName);
const roundingKey = new TableKeySource(dynamo, tableName, process.env.REPORT_ROUNDING_KEY, ROUNDING_KEY_ITEM, 'REPORT_ROUNDING_KEY');

const month = (field: string) => z.string({ error: `${field} is required (YYYY-MM)` }).regex(MONTH_PATTERN, `${field} must be a month YYYY-MM`);
const querySchema = z.strictObject({
  from: month('from'),
  to: month('to'),
  format: z.enum(['json', 'csv']).optional(),
});

export const handler = httpApi('reports', {
  'GET /api/reports/monthly': async (req): Promise<ApiResult> => {
    const q = parse(querySchema, req.query, 'query');
    const report = await monthlyReport(reader, { from: q.from, to: q.to }, clock.now(), keyedDraw(await roundingKey.key()));
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
  },
});
