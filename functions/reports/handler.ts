import { toCsv } from '../../shared/reports/csv.js';
import { monthlyQuerySchema } from '../../shared/reports/api.js';
import { reportCsvRows } from '../../shared/reports/monthly.js';
import { TABLE_ENV } from '../../shared/table.js';
import { UnauthorizedError } from '../../shared/errors.js';
import { clock } from '../lib/clock.js';
import { requireEnv } from '../lib/config.js';
import { httpApi, withQuery, type ApiResult } from '../lib/http.js';
import { monthlyReport } from './monthly.js';
import { zoneOf } from '../lib/scope.js';
import { prefersCsv } from './negotiate.js';
import { DynamoStatsReader } from './store.js';
import { keyedDraw, roundingKeySource } from './rounding-key.js';

const tableName = requireEnv(TABLE_ENV);
const reader = new DynamoStatsReader(tableName);
const roundingKey = roundingKeySource();

export const handler = httpApi('reports', {
  'GET /api/reports/monthly': withQuery(monthlyQuerySchema, async (req, q): Promise<ApiResult> => {
    if (!req.principal) throw new UnauthorizedError();
    // Staff read their own zone's report (functions/lib/scope.ts); a token without one reads none.
    const zone = zoneOf(req.principal);
    const report = await monthlyReport(reader, zone, { from: q.from, to: q.to }, clock.now(), keyedDraw(await roundingKey.key()));
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
