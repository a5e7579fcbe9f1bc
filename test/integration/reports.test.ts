import { PutCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { ulid } from 'ulid';
import { describe, expect, it } from 'vitest';
import { handler } from '../../functions/reports/handler.js';
import { dynamo } from '../../functions/lib/clients.js';
import { ackTimeItem, statsAdd } from '../../functions/lib/stats.js';
import { metric } from '../../shared/metrics.js';
import { parseCsv } from '../../shared/reports/csv.js';
import { CSV_COLUMNS, type MonthlyReport, type ReportRow } from '../../shared/reports/monthly.js';
import { STAFF_ROLES } from '../../shared/roles.js';
import { isPersonalField } from '../../shared/personal-data.js';
import { apiEvent, lambdaContext, staffClaims } from '../support/events.js';

const TABLE = process.env.TABLE_NAME as string;
// A zone of its own: other test files share the table and count in their own zones.
const ZONE = `rz${ulid().toLowerCase().slice(-10)}`;
const at = (iso: string) => new Date(iso);

/** One counted event: a marker item with a condition + the counters, in one transaction (as producers do). */
async function countedEvent(eventId: string, when: Date, counters: Record<string, number>, zone = ZONE) {
  await dynamo.send(
    new TransactWriteCommand({
      TransactItems: [
        { Put: { TableName: TABLE, Item: { pk: `TESTEVENT#${eventId}`, sk: 'EVENT' }, ConditionExpression: 'attribute_not_exists(pk)' } },
        statsAdd(TABLE, when, zone, counters),
      ],
    }),
  );
}

/** A reader of this file's zone (reports are scoped to the reader's zone), or of `zone`. */
async function get(path: string, roles: string[] = ['authority'], headers: Record<string, string> = {}, zone = ZONE) {
  const res = await handler(apiEvent({ method: 'GET', path, headers, claims: staffClaims('alex', ...roles, `zone:${zone}`) }), lambdaContext());
  return res;
}

const rowsOf = (report: MonthlyReport) => report.rows.filter((r) => r.zone === ZONE);
const cell = (rows: ReportRow[], month: string, measure: string, breakdown = 'total', category = '') => {
  const hits = rows.filter((r) => r.month === month && r.measure === measure && r.breakdown === breakdown && r.category === category);
  expect(hits, `${month} ${measure} ${breakdown} ${category}`).toHaveLength(1);
  return hits[0]?.value;
};

describe('monthly report against DynamoDB Local', () => {
  // A seeded month of activity in 2026-03 (Brussels time), with history in 2026-01/02 for the running sums.
  const seeded = (async () => {
    // History: 8 cases opened in January, 3 closed in February; 6 orders created in January, 1 ended in February.
    await countedEvent(ulid(), at('2026-01-10T10:00:00Z'), { [metric.casesOpened]: 8, [metric.ordersCreated]: 6 });
    await countedEvent(ulid(), at('2026-02-10T10:00:00Z'), { [metric.casesClosed]: 3, [metric.ordersEnded]: 1 });
    // March: 11 cases, one event at a time as the cases capability would count them.
    const cases: { kind: string; risk: string; children: 'yes' | 'no'; vg: string; repeat: boolean }[] = [
      ...Array.from({ length: 6 }, () => ({ kind: 'physical', risk: 'high', children: 'yes' as const, vg: 'female', repeat: false })),
      ...Array.from({ length: 3 }, () => ({ kind: 'psychological', risk: 'medium', children: 'no' as const, vg: 'female', repeat: true })),
      ...Array.from({ length: 2 }, () => ({ kind: 'both', risk: 'standard', children: 'no' as const, vg: 'male', repeat: false })),
    ];
    for (const c of cases) {
      await countedEvent(ulid(), at('2026-03-05T09:00:00Z'), {
        [metric.casesOpened]: 1,
        [metric.casesByKind(c.kind)]: 1,
        [metric.casesByRisk(c.risk)]: 1,
        [metric.casesChildren(c.children)]: 1,
        [metric.casesVictimGender(c.vg)]: 1,
        ...(c.repeat ? { [metric.casesRepeat]: 1 } : {}),
      });
    }
    // Bookings: 7 legal advice, 2 medical; 5 legal attended.
    for (let i = 0; i < 7; i++) await countedEvent(ulid(), at('2026-03-12T10:00:00Z'), { [metric.bookingsMade('legal-advice')]: 1 });
    for (let i = 0; i < 2; i++) await countedEvent(ulid(), at('2026-03-12T10:00:00Z'), { [metric.bookingsMade('medical')]: 1 });
    await countedEvent(ulid(), at('2026-03-20T10:00:00Z'), { [metric.bookingsAttended('legal-advice')]: 5 });
    // Follow-ups: 20 due, 14 on time, 3 late, 1 missed (2 still open).
    await countedEvent(ulid(), at('2026-03-20T10:00:00Z'), {
      [metric.followupsDue]: 20,
      [metric.followupsOnTime]: 14,
      [metric.followupsLate]: 3,
      [metric.followupsMissed]: 1,
      [metric.fjcIntroductions]: 9,
    });
    // Breaches and alert acknowledgements (7 alerts acknowledged after 30..600 s).
    await countedEvent(ulid(), at('2026-03-21T10:00:00Z'), { [metric.breaches('alert')]: 6, [metric.breaches('tamper')]: 2 });
    const secs = [30, 45, 60, 90, 120, 300, 600];
    for (const [i, s] of secs.entries()) {
      const raised = at(`2026-03-22T10:0${i}:00Z`);
      await dynamo.send(
        new TransactWriteCommand({
          TransactItems: [ackTimeItem(TABLE, { alertId: `A${ulid()}`, zone: ZONE, raisedAt: raised, acknowledgedAt: new Date(raised.getTime() + s * 1000) })],
        }),
      );
    }
    // The last evening of March in Brussels (UTC+2 from 29 March) still counts for March…
    await countedEvent(ulid(), at('2026-03-31T21:30:00Z'), { [metric.fjcIntroductions]: 1 });
    // …and 22:30 UTC on 31 March is already April in Brussels.
    await countedEvent(ulid(), at('2026-03-31T22:30:00Z'), { [metric.fjcIntroductions]: 1 });
  })();

  it('publishes every count of a seeded month rounded to base 5, within 4 of the truth, splits adding up', async () => {
    await seeded;
    const res = await get('/api/reports/monthly?from=2026-03&to=2026-04');
    expect(res.statusCode).toBe(200);
    expect(res.headers?.['content-type']).toMatch(/^application\/json/);
    const report = JSON.parse(res.body as string) as MonthlyReport;
    expect(report.disclosureControl).toEqual({ method: 'random controlled rounding', base: 5, maxError: 4, percentilesFrom: 10 });
    const rows = rowsOf(report);
    const m = '2026-03';
    // The true counts: month → measure → breakdown → category (a total has the one category '').
    const truth: Record<string, Record<string, Record<string, number | Record<string, number>>>> = {
      [m]: {
        'cases.opened': {
          total: 11,
          violence_kind: { physical: 6, psychological: 3, both: 2 },
          risk_level: { high: 6 },
          children: { yes: 6, no: 5 },
          substance_abuse: { yes: 0, unspecified: 11 },
          victim_gender: { male: 2, female: 9 },
          repeat_within_12_months: { yes: 3, no: 8 },
        },
        // prevalence: 8 (Jan) − 3 (closed Feb) + 11 = 16; active orders 6 − 1 = 5
        'cases.open': { total: 16 },
        'orders.active': { total: 5 },
        'orders.created': { total: 0 },
        'followups.due': { total: 20, outcome: { on_time: 14, late: 3, missed: 1, unspecified: 2 } },
        'fjc.introductions': { total: 10 },
        'bookings.made': { total: 9, service: { medical: 2, 'legal-advice': 7 } },
        'bookings.attended': { service: { 'legal-advice': 5 } },
        breaches: { total: 8, kind: { tamper: 2, alert: 6 } },
        'alerts.acknowledged': { total: 7 },
      },
      '2026-04': { 'cases.open': { total: 16 }, 'fjc.introductions': { total: 1 } },
    };
    const cells = Object.entries(truth).flatMap(([month, measures]) =>
      Object.entries(measures).flatMap(([measure, splits]) =>
        Object.entries(splits).flatMap(([breakdown, counts]) =>
          typeof counts === 'number'
            ? [[month, measure, breakdown, '', counts] as const]
            : Object.entries(counts).map(([category, n]) => [month, measure, breakdown, category, n] as const),
        ),
      ),
    );
    expect(cells).toHaveLength(32);
    for (const [month, measure, breakdown, category, real] of cells) {
      const v = cell(rows, month, measure, breakdown, category);
      expect(typeof v, `${month} ${measure} ${breakdown} ${category}`).toBe('number');
      expect((v as number) % 5).toBe(0);
      expect(Math.abs((v as number) - real), `${month} ${measure} ${breakdown} ${category}`).toBeLessThanOrEqual(4);
    }
    // Every split adds up to its published total.
    const splits = new Map<string, number>();
    for (const r of rows)
      if (r.breakdown !== 'total' && r.breakdown !== 'percentile')
        splits.set(`${r.month}|${r.measure}|${r.breakdown}`, (splits.get(`${r.month}|${r.measure}|${r.breakdown}`) ?? 0) + (r.value as number));
    for (const [key, sum] of splits) {
      const [month, measure] = key.split('|') as [string, string];
      expect(sum, key).toBe(cell(rows, month, measure));
    }
    // 7 acknowledgements publish as 5 or 10: percentiles only with 10 (median 90 s; p90 = 300 + 0.4 × 300 = 420 s).
    const acks = cell(rows, m, 'alerts.acknowledged');
    expect(cell(rows, m, 'alerts.ack_seconds', 'percentile', 'median')).toBe(acks === 10 ? 90 : null);
    expect(cell(rows, m, 'alerts.ack_seconds', 'percentile', 'p90')).toBe(acks === 10 ? 420 : null);
    expect(cell(rows, '2026-04', 'alerts.ack_seconds', 'percentile', 'median')).toBeNull();
    // Asked again, or for a wider range, the same figures (the draws are keyed and stable).
    const again = rowsOf(JSON.parse((await get('/api/reports/monthly?from=2026-01&to=2026-04')).body as string) as MonthlyReport);
    for (const r of rows) expect(cell(again, r.month, r.measure, r.breakdown, r.category)).toBe(r.value);
  });

  it('publishes only multiples of 5 and never carries names, references or free text', async () => {
    await seeded;
    const res = await get('/api/reports/monthly?from=2026-01&to=2026-04');
    const report = JSON.parse(res.body as string) as MonthlyReport;
    for (const r of report.rows) {
      if (r.measure !== 'alerts.ack_seconds') expect((r.value as number) % 5, `${r.measure} ${r.category}`).toBe(0);
      expect(r.category).toMatch(/^[A-Za-z0-9._-]*$/);
    }
    const keys = new Set<string>();
    JSON.stringify(report, (k, v) => {
      keys.add(k);
      return v;
    });
    for (const k of keys) expect(isPersonalField(k), k).toBe(false);
  });

  it('does not count a retried event twice', async () => {
    const id = ulid();
    const when = at('2026-05-03T10:00:00Z');
    await countedEvent(id, when, { [metric.casesOpened]: 1, [metric.fjcIntroductions]: 5 });
    await expect(countedEvent(id, when, { [metric.casesOpened]: 1, [metric.fjcIntroductions]: 5 })).rejects.toThrow(/ConditionalCheckFailed|cancel/i);
    const report = JSON.parse((await get('/api/reports/monthly?from=2026-05&to=2026-05')).body as string) as MonthlyReport;
    // Counted once: 5 is a multiple of 5, published as it is; 1 case is published as 0 or 5.
    expect(cell(rowsOf(report), '2026-05', 'fjc.introductions')).toBe(5);
    expect([0, 5]).toContain(cell(rowsOf(report), '2026-05', 'cases.opened'));
    // An alert acknowledged twice records one ack time.
    const ack = { alertId: `A${ulid()}`, zone: ZONE, raisedAt: when, acknowledgedAt: new Date(when.getTime() + 60_000) };
    await dynamo.send(new TransactWriteCommand({ TransactItems: [ackTimeItem(TABLE, ack)] }));
    await expect(dynamo.send(new TransactWriteCommand({ TransactItems: [ackTimeItem(TABLE, ack)] }))).rejects.toThrow();
  });

  it('serves CSV with Accept: text/csv or format=csv, and the CSV round-trips to the JSON report', async () => {
    await seeded;
    const json = JSON.parse((await get('/api/reports/monthly?from=2026-03&to=2026-03')).body as string) as MonthlyReport;
    for (const res of [
      await get('/api/reports/monthly?from=2026-03&to=2026-03', ['coordinator'], { accept: 'text/csv' }),
      await get('/api/reports/monthly?from=2026-03&to=2026-03&format=csv', ['supervisor']),
    ]) {
      expect(res.statusCode).toBe(200);
      expect(res.headers?.['content-type']).toBe('text/csv; charset=utf-8');
      expect(res.headers?.['content-disposition']).toBe('attachment; filename="oneroof-monthly-2026-03_2026-03.csv"');
      const [header, ...body] = parseCsv(res.body as string);
      expect(header).toEqual([...CSV_COLUMNS]);
      expect(body).toEqual(json.rows.map((r) => [r.month, r.zone, r.measure, r.breakdown, r.category, r.value === null ? '' : String(r.value)]));
    }
  });

  it('exports the CSV whatever zone the stored counters carry (a legacy zone starting with - or =)', async () => {
    for (const zone of ['-legacy', '=HYPERLINK("x")', 'Antwerpen ']) {
      await dynamo.send(
        new PutCommand({
          TableName: TABLE,
          Item: {
            pk: `STATS#2025-12#${zone}`,
            sk: 'COUNTS',
            gsi1pk: 'STATS#COUNTS',
            gsi1sk: `2025-12#${zone}`,
            type: 'STATS',
            month: '2025-12',
            zone,
            'cases.opened': 3,
          },
        }),
      );
    }
    // Read by staff of the legacy zone (the only ones who may read it): its name is published as `unspecified`.
    const res = await get('/api/reports/monthly?from=2025-12&to=2025-12&format=csv', ['authority'], {}, '-legacy');
    expect(res.statusCode).toBe(200);
    const zones = new Set(
      parseCsv(res.body as string)
        .slice(1)
        .map((r) => r[1]),
    );
    expect(zones.has('unspecified')).toBe(true);
    for (const z of zones) expect(z).toMatch(/^[a-z0-9][a-z0-9-]*$/);
  });

  it('shows each reader their own zone only; a token without a zone reads none', async () => {
    await countedEvent(`E${ulid()}`, at('2026-06-10T10:00:00Z'), { 'cases.opened': 7 });
    const mine = JSON.parse((await get('/api/reports/monthly?from=2026-06&to=2026-06')).body as string) as MonthlyReport;
    expect(mine.zones).toEqual([ZONE]);
    expect(mine.rows.every((r) => r.zone === ZONE)).toBe(true);
    for (const role of ['authority', 'coordinator', 'supervisor']) {
      const other = await get('/api/reports/monthly?from=2026-06&to=2026-06&format=csv', [role], {}, 'elsewhere');
      expect(other.statusCode, role).toBe(200);
      expect(other.body as string, role).not.toContain(ZONE);
    }
    const zoneless = await handler(
      apiEvent({
        method: 'GET',
        path: '/api/reports/monthly?from=2026-06&to=2026-06',
        claims: { ...staffClaims('nozone', 'authority'), 'cognito:groups': '[authority]' },
      }),
      lambdaContext(),
    );
    expect(zoneless.statusCode).toBe(403);
  });

  it('rejects bad ranges naming the field', async () => {
    const cases: [string, string][] = [
      ['', 'from'],
      ['?to=2026-03', 'from'],
      ['?from=2026-3&to=2026-04', 'from'],
      ['?from=2026-03', 'to'],
      ['?from=2026-03&to=2026-13', 'to'],
      ['?from=2026-04&to=2026-03', 'to'],
      ['?from=2024-01&to=2026-01', 'to'],
      ['?from=2026-01&to=2099-01', 'to'],
      ['?from=2026-01&to=2026-02&format=xml', 'format'],
      ['?from=2026-01&to=2026-02&zone=x', 'zone'],
    ];
    for (const [query, field] of cases) {
      const res = await get(`/api/reports/monthly${query}`);
      expect(res.statusCode, query).toBe(400);
      expect(JSON.parse(res.body as string), query).toMatchObject({ error: 'invalid', field });
    }
    expect((await get('/api/reports/monthly?from=2024-02&to=2026-01')).statusCode).toBe(200);
  });

  it('is only for authority, coordinator and supervisor', async () => {
    for (const role of STAFF_ROLES) {
      const res = await get('/api/reports/monthly?from=2026-03&to=2026-03', [role]);
      expect(res.statusCode, role).toBe(['authority', 'coordinator', 'supervisor'].includes(role) ? 200 : 403);
    }
    const anonymous = await handler(apiEvent({ method: 'GET', path: '/api/reports/monthly?from=2026-03&to=2026-03' }), lambdaContext());
    expect(anonymous.statusCode).toBe(401);
  });

  it('ignores items of the STATS partitions that are not COUNTS items', async () => {
    await dynamo.send(new PutCommand({ TableName: TABLE, Item: { pk: `STATS#2026-06#${ZONE}`, sk: 'NOTE', type: 'OTHER', x: 3 } }));
    const report = JSON.parse((await get('/api/reports/monthly?from=2026-06&to=2026-06')).body as string) as MonthlyReport;
    expect(rowsOf(report).every((r) => r.measure !== 'x')).toBe(true);
  });
});
