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

async function get(path: string, roles: string[] = ['authority'], headers: Record<string, string> = {}) {
  const res = await handler(apiEvent({ method: 'GET', path, headers, claims: staffClaims('alex', ...roles) }), lambdaContext());
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
      [metric.followupsDue]: 20, [metric.followupsOnTime]: 14, [metric.followupsLate]: 3, [metric.followupsMissed]: 1, [metric.fjcIntroductions]: 9,
    });
    // Breaches and alert acknowledgements (7 alerts acknowledged after 30..600 s).
    await countedEvent(ulid(), at('2026-03-21T10:00:00Z'), { [metric.breaches('alert')]: 6, [metric.breaches('tamper')]: 2 });
    const secs = [30, 45, 60, 90, 120, 300, 600];
    for (const [i, s] of secs.entries()) {
      const raised = at(`2026-03-22T10:0${i}:00Z`);
      await dynamo.send(new TransactWriteCommand({
        TransactItems: [ackTimeItem(TABLE, { alertId: `A${ulid()}`, zone: ZONE, raisedAt: raised, acknowledgedAt: new Date(raised.getTime() + s * 1000) })],
      }));
    }
    // The last evening of March in Brussels (UTC+2 from 29 March) still counts for March…
    await countedEvent(ulid(), at('2026-03-31T21:30:00Z'), { [metric.fjcIntroductions]: 1 });
    // …and 22:30 UTC on 31 March is already April in Brussels.
    await countedEvent(ulid(), at('2026-03-31T22:30:00Z'), { [metric.fjcIntroductions]: 1 });
  })();

  it('gives the exact expected report for a seeded month, with small and complementary cells suppressed', async () => {
    await seeded;
    const res = await get('/api/reports/monthly?from=2026-03&to=2026-04');
    expect(res.statusCode).toBe(200);
    expect(res.headers?.['content-type']).toMatch(/^application\/json/);
    const report = JSON.parse(res.body as string) as MonthlyReport;
    const rows = rowsOf(report);
    const m = '2026-03';
    expect(cell(rows, m, 'cases.opened')).toBe(11);
    expect(cell(rows, m, 'cases.opened', 'violence_kind', 'physical')).toBe(6);
    // psychological 3 and both 2 are both small: two hidden cells, nothing more needed
    expect(cell(rows, m, 'cases.opened', 'violence_kind', 'psychological')).toBe('<5');
    expect(cell(rows, m, 'cases.opened', 'violence_kind', 'both')).toBe('<5');
    // risk: high 6, medium 3, standard 2 → same
    expect(cell(rows, m, 'cases.opened', 'risk_level', 'high')).toBe(6);
    // children yes 6 / no 5: both visible
    expect(cell(rows, m, 'cases.opened', 'children', 'yes')).toBe(6);
    expect(cell(rows, m, 'cases.opened', 'children', 'no')).toBe(5);
    // substance not recorded for any case: 0, 0 and an unspecified rest of 11
    expect(cell(rows, m, 'cases.opened', 'substance_abuse', 'yes')).toBe(0);
    expect(cell(rows, m, 'cases.opened', 'substance_abuse', 'unspecified')).toBe(11);
    // victim gender: female 9, male 2 → male <5, female would reveal it (11 − 9) → suppressed
    expect(cell(rows, m, 'cases.opened', 'victim_gender', 'male')).toBe('<5');
    expect(cell(rows, m, 'cases.opened', 'victim_gender', 'female')).toBe('suppressed');
    // repeat: yes 3 → <5, no 8 → suppressed
    expect(cell(rows, m, 'cases.opened', 'repeat_within_12_months', 'yes')).toBe('<5');
    expect(cell(rows, m, 'cases.opened', 'repeat_within_12_months', 'no')).toBe('suppressed');
    // prevalence: 8 (Jan) − 3 (closed Feb) + 11 = 16; active orders 6 − 1 = 5
    expect(cell(rows, m, 'cases.open')).toBe(16);
    expect(cell(rows, '2026-04', 'cases.open')).toBe(16);
    expect(cell(rows, m, 'orders.active')).toBe(5);
    expect(cell(rows, m, 'orders.created')).toBe(0);
    // follow-ups: due 20 = 14 + 3 + 1 + 2 open → late, missed, open hidden (three hidden, no complement)
    expect(cell(rows, m, 'followups.due')).toBe(20);
    expect(cell(rows, m, 'followups.due', 'outcome', 'on_time')).toBe(14);
    expect(cell(rows, m, 'followups.due', 'outcome', 'late')).toBe('<5');
    expect(cell(rows, m, 'followups.due', 'outcome', 'missed')).toBe('<5');
    expect(cell(rows, m, 'followups.due', 'outcome', 'unspecified')).toBe('<5');
    expect(cell(rows, m, 'fjc.introductions')).toBe(10);
    expect(cell(rows, '2026-04', 'fjc.introductions')).toBe('<5');
    // bookings per service: 7 + 2 = 9 → medical <5 and legal-advice suppressed; attended 5 alone
    expect(cell(rows, m, 'bookings.made')).toBe(9);
    expect(cell(rows, m, 'bookings.made', 'service', 'medical')).toBe('<5');
    expect(cell(rows, m, 'bookings.made', 'service', 'legal-advice')).toBe('suppressed');
    expect(cell(rows, m, 'bookings.attended', 'service', 'legal-advice')).toBe(5);
    // breaches: alert 6, tamper 2 → tamper <5 and alert suppressed; total 8 shown
    expect(cell(rows, m, 'breaches')).toBe(8);
    expect(cell(rows, m, 'breaches', 'kind', 'tamper')).toBe('<5');
    expect(cell(rows, m, 'breaches', 'kind', 'alert')).toBe('suppressed');
    // ack times: 7 acknowledged; median 90 s; p90 = 300 + 0.4 × 300 = 420 s
    expect(cell(rows, m, 'alerts.acknowledged')).toBe(7);
    expect(cell(rows, m, 'alerts.ack_seconds', 'percentile', 'median')).toBe(90);
    expect(cell(rows, m, 'alerts.ack_seconds', 'percentile', 'p90')).toBe(420);
    expect(cell(rows, '2026-04', 'alerts.ack_seconds', 'percentile', 'median')).toBeNull();
  });

  it('never shows a count from 1 to 4 and never carries names, references or free text', async () => {
    await seeded;
    const res = await get('/api/reports/monthly?from=2026-01&to=2026-04');
    const report = JSON.parse(res.body as string) as MonthlyReport;
    for (const r of report.rows) {
      if (typeof r.value === 'number' && r.measure !== 'alerts.ack_seconds') expect([1, 2, 3, 4]).not.toContain(r.value);
      expect(r.category).toMatch(/^[A-Za-z0-9._-]*$/);
    }
    const keys = new Set<string>();
    JSON.stringify(report, (k, v) => (keys.add(k), v));
    for (const k of keys) expect(isPersonalField(k), k).toBe(false);
  });

  it('does not count a retried event twice', async () => {
    const id = ulid();
    const when = at('2026-05-03T10:00:00Z');
    await countedEvent(id, when, { [metric.casesOpened]: 1, [metric.fjcIntroductions]: 5 });
    await expect(countedEvent(id, when, { [metric.casesOpened]: 1, [metric.fjcIntroductions]: 5 })).rejects.toThrow(/ConditionalCheckFailed|cancel/i);
    const report = JSON.parse((await get('/api/reports/monthly?from=2026-05&to=2026-05')).body as string) as MonthlyReport;
    expect(cell(rowsOf(report), '2026-05', 'fjc.introductions')).toBe(5);
    expect(cell(rowsOf(report), '2026-05', 'cases.opened')).toBe('<5');
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
