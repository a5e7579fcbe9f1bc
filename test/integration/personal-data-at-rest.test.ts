import { DescribeTableCommand, DynamoDBClient, ScanCommand, type AttributeValue } from '@aws-sdk/client-dynamodb';
import { DescribeStreamCommand, DynamoDBStreamsClient, GetRecordsCommand, GetShardIteratorCommand, type Shard } from '@aws-sdk/client-dynamodb-streams';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handler as alertsHandler } from '../../functions/alerts/handler.js';
import { handler as bookings } from '../../functions/bookings/handler.js';
import { handler as cases } from '../../functions/cases/handler.js';
import { handler as catalog } from '../../functions/catalog/handler.js';
import { bookingBody, caseBody } from '../support/bodies.js';
import { allDayService } from '../support/services.js';
import { handler as monitoring } from '../../functions/monitoring/handler.js';
import { handler as orders } from '../../functions/orders/handler.js';
import { SEALED_ATTRIBUTE } from '../../shared/personal-data.js';
import { asTheAppSends } from '../support/booking-proof.js';
import { apiEvent, lambdaContext, staffClaims } from '../support/events.js';
import { monitoringClaims, police, unique } from './monitoring-support.js';
import type { Invocation } from '../support/invoke.js';

/**
 * A leaked table reveals no one: personal values entered through the real handlers (a booking, a case
 * with follow-ups and a lowered risk, an order with zones, curfew and a new version, position fixes
 * that raise an alert, a panic with its position) appear NOWHERE in clear text — neither in any
 * attribute of any item (low-level Scan: what a backup or an export holds) nor in any stream record's
 * old or new image — while the handlers still return them to whoever may see them.
 */
const TABLE = process.env.TABLE_NAME as string;
const coordinator = staffClaims('chris.coordinator', 'coordinator');
const raw = new DynamoDBClient({});
// The streams API has its own endpoint in AWS; locally it is DynamoDB Local's (as infra/local/stream-poller.ts does).
const streams = new DynamoDBStreamsClient({ endpoint: process.env.AWS_ENDPOINT_URL_DYNAMODB as string });
afterAll(() => {
  raw.destroy();
  streams.destroy();
});

type Handler = (event: ReturnType<typeof apiEvent>, context: ReturnType<typeof lambdaContext>) => Promise<unknown>;
async function call(
  h: Handler,
  method: string,
  path: string,
  opts: { claims?: Record<string, string>; body?: unknown; headers?: Record<string, string>; sourceIp?: string } = {},
) {
  const res = (await h(apiEvent({ method, path, ...(await asTheAppSends(method, path, opts)) }), lambdaContext())) as { statusCode?: number; body?: string };
  return { status: res.statusCode ?? 0, json: (res.body ? JSON.parse(res.body) : {}) as Invocation['json'] };
}

// Values nobody else writes, so a match can only be a leak of ours. Coordinates with seven decimals.
const tag = Date.now().toString(36).toUpperCase();
/** The officer works in the test's own zone (the case is opened there). */
const officer = staffClaims('olivia.officer', 'officer', `zone:sealed-${tag.toLowerCase()}`);
const secret = {
  alias: `Moonflower${tag}`,
  accessibility: `Ground floor only ${tag}`,
  phone: `+32 470 ${String(Date.now()).slice(-6, -3)} ${String(Date.now()).slice(-3)}`,
  codeWord: `Tulipword${tag}`,
  victimRef: `VREF-${tag}`,
  riskReason: `Moved abroad with sister ${tag}`,
  outcomeNote: `Reached at her sister's, new number soon ${tag}`,
  protectedPersonRef: `PPR-${tag}`,
  home: { lat: 50.8471234, lon: 4.3579876 },
  curfewHome: { lat: 50.8512345, lon: 4.3623456 },
  fix: { lat: 50.8473456, lon: 4.3581234 },
  panic: { lat: 50.8499876, lon: 4.3512345 },
};
const needles = [
  secret.alias,
  secret.accessibility,
  secret.phone,
  secret.phone.replace(/\s/g, ''),
  secret.codeWord,
  secret.victimRef,
  secret.riskReason,
  secret.outcomeNote,
  secret.protectedPersonRef,
  ...[secret.home, secret.curfewHome, secret.fix, secret.panic].flatMap((p) => [String(p.lat), String(p.lon)]),
];

/** Every scalar in an attribute value, as text (binary both as UTF-8 and as base64). */
function scalars(v: AttributeValue): string[] {
  if (v.S !== undefined) return [v.S];
  if (v.N !== undefined) return [v.N];
  if (v.B !== undefined) return [Buffer.from(v.B).toString('utf8'), Buffer.from(v.B).toString('latin1'), Buffer.from(v.B).toString('base64')];
  if (v.SS) return v.SS;
  if (v.NS) return v.NS;
  if (v.BS) return v.BS.map((b) => Buffer.from(b).toString('utf8'));
  if (v.L) return v.L.flatMap(scalars);
  if (v.M) return Object.entries(v.M).flatMap(([k, x]) => [k, ...scalars(x)]);
  return [];
}
const leaksIn = (item: Record<string, AttributeValue>) => {
  const text = Object.entries(item).flatMap(([k, v]) => [k, ...scalars(v)]);
  return needles.filter((n) => text.some((t) => t.includes(n)));
};

const made: { reference?: string; pin?: string; caseId?: string; orderId?: string; alertIds: string[] } = { alertIds: [] };

beforeAll(async () => {
  // A booking with needs and a safe-contact number and code word.
  const serviceId = `sealed-${tag.toLowerCase()}`;
  const service = allDayService(serviceId, `sealed-${tag.toLowerCase()}`, 2);
  expect((await call(catalog, 'POST', '/api/services', { claims: coordinator, body: service })).status).toBe(201);
  const slots = await call(bookings, 'GET', `/api/services/${serviceId}/slots`);
  const start = (slots.json.slots ?? slots.json)[3].start as string;
  const booked = await call(bookings, 'POST', '/api/bookings', {
    body: bookingBody(serviceId, start, secret, { language: 'ar', interpreter: true }),
  });
  expect(booked.status).toBe(201);
  made.reference = booked.json.reference;
  made.pin = booked.json.pin;

  // A case with DASH answers, a lowered risk with a reason, and an extra follow-up.
  const opened = await call(cases, 'POST', '/api/cases', {
    claims: officer,
    body: caseBody(`sealed-${tag.toLowerCase()}`, { victimRef: secret.victimRef, dashYes: ['strangulation', 'weapons'], riskLevel: 'high' }),
  });
  expect(opened.status).toBe(201);
  made.caseId = opened.json.id;
  expect(
    (await call(cases, 'PATCH', `/api/cases/${made.caseId}`, { claims: officer, body: { riskLevel: 'standard', riskReason: secret.riskReason } })).status,
  ).toBe(200);
  expect(
    (
      await call(cases, 'POST', `/api/cases/${made.caseId}/followups`, {
        claims: officer,
        body: { dueAt: new Date(Date.now() + 86_400_000).toISOString(), purpose: 'check_conditions' },
      })
    ).status,
  ).toBe(201);
  // The first follow-up done, with the officer's note.
  const first = (await call(cases, 'GET', `/api/cases/${made.caseId}`, { claims: officer })).json.followups[0].id as string;
  expect(
    (
      await call(cases, 'POST', `/api/cases/${made.caseId}/followups/${first}/complete`, {
        claims: officer,
        body: { outcome: 'reached', note: secret.outcomeNote },
      })
    ).status,
  ).toBe(200);

  // An order with a home zone and a curfew place, then a new version of it.
  const now = Date.now();
  const district = unique('d');
  const device = unique('DEV-R');
  const order = {
    district,
    respondentDeviceId: device,
    protectedPersonRef: secret.protectedPersonRef,
    validFrom: new Date(now - 86_400_000).toISOString(),
    validUntil: new Date(now + 30 * 86_400_000).toISOString(),
    zones: [{ label: 'home', centre: secret.home, alertRadiusM: 500 }],
    curfews: [{ start: '01:00', end: '02:00', centre: secret.curfewHome, radiusM: 200 }],
    noContact: true,
  };
  const created = await call(orders, 'POST', '/api/orders', { claims: police, body: order });
  expect(created.status).toBe(201);
  made.orderId = created.json.order.id;
  const code = created.json.protectionCode as string;
  expect(
    (await call(orders, 'PUT', `/api/orders/${made.orderId}`, { claims: police, body: { expectedVersion: 1, order: { ...order, fixRetentionDays: 60 } } }))
      .status,
  ).toBe(200);

  // A position fix inside the home zone (an alert with the fix as evidence), then a panic with a position.
  const events = [{ type: 'position', eventId: unique('ev'), deviceId: device, at: new Date(now - 60_000).toISOString(), ...secret.fix, accuracy: 9 }];
  expect((await call(monitoring, 'POST', '/api/monitoring/events', { claims: monitoringClaims, body: { events } })).status).toBeLessThan(300);
  expect((await call(monitoring, 'POST', '/api/panic', { body: { protectionCode: code, position: { ...secret.panic, accuracy: 17 } } })).status).toBe(202);
  const open = await call(alertsHandler, 'GET', `/api/alerts?district=${district}`, { claims: police });
  made.alertIds = ((open.json.alerts ?? open.json) as { id: string }[]).map((a) => a.id);
  expect(made.alertIds.length).toBeGreaterThanOrEqual(2);
});

describe('personal fields at rest', () => {
  it('appear in no attribute of any item of the table (what a backup or export holds)', async () => {
    const leaks: string[] = [];
    let sealedItems = 0;
    let start: Record<string, AttributeValue> | undefined;
    do {
      const page = await raw.send(new ScanCommand({ TableName: TABLE, ...(start ? { ExclusiveStartKey: start } : {}) }));
      for (const item of page.Items ?? []) {
        const found = leaksIn(item);
        if (found.length) leaks.push(`${item.pk?.S}|${item.sk?.S} (${item.type?.S}): ${found.join(', ')}`);
        if (item[SEALED_ATTRIBUTE]?.B) sealedItems++;
      }
      start = page.LastEvaluatedKey;
    } while (start);
    expect(leaks).toEqual([]);
    // The booking, the case, the noted follow-up, the order + its version + its state, the fix, two alerts at least.
    expect(sealedItems).toBeGreaterThanOrEqual(9);
  });

  it('appear in no old or new image of the table stream', async () => {
    const table = await raw.send(new DescribeTableCommand({ TableName: TABLE }));
    const streamArn = table.Table?.LatestStreamArn as string;
    expect(streamArn).toBeTruthy();
    const shards: Shard[] = [];
    let after: string | undefined;
    do {
      const d = await streams.send(new DescribeStreamCommand({ StreamArn: streamArn, ...(after ? { ExclusiveStartShardId: after } : {}) }));
      shards.push(...(d.StreamDescription?.Shards ?? []));
      after = d.StreamDescription?.LastEvaluatedShardId;
    } while (after);
    const leaks: string[] = [];
    const seen = new Set<string>();
    for (const shard of shards) {
      let iterator = (
        await streams.send(new GetShardIteratorCommand({ StreamArn: streamArn, ShardId: shard.ShardId as string, ShardIteratorType: 'TRIM_HORIZON' }))
      ).ShardIterator;
      while (iterator) {
        const page = await streams.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: 1000 }));
        for (const r of page.Records ?? []) {
          for (const image of [r.dynamodb?.NewImage, r.dynamodb?.OldImage]) {
            if (!image) continue;
            const key = `${image.pk?.S}|${image.sk?.S}`;
            seen.add(key);
            const found = leaksIn(image as Record<string, AttributeValue>);
            if (found.length) leaks.push(`${r.eventName} ${key}: ${found.join(', ')}`);
          }
        }
        if ((page.Records ?? []).length === 0) break;
        iterator = page.NextShardIterator;
      }
    }
    expect(leaks).toEqual([]);
    // The stream did carry our items (sealed): the check above looked at them.
    expect(seen.has(`BOOKING#${made.reference}|BOOKING`)).toBe(true);
    expect(seen.has(`CASE#${made.caseId}|CASE`)).toBe(true);
    expect(seen.has(`ORDER#${made.orderId}|STATE`)).toBe(true);
    for (const id of made.alertIds) expect(seen.has(`ALERT#${id}|ALERT`)).toBe(true);
  });

  it('are still given back, opened, to whoever may see them', async () => {
    const b = await call(bookings, 'GET', `/api/bookings/${made.reference}`, { headers: { 'x-booking-pin': made.pin as string } });
    expect(b).toMatchObject({
      status: 200,
      json: { alias: secret.alias, accessibility: secret.accessibility, language: 'ar', safeContact: { phone: secret.phone, codeWord: secret.codeWord } },
    });
    const c = await call(cases, 'GET', `/api/cases/${made.caseId}`, { claims: officer });
    expect(c).toMatchObject({ status: 200, json: { victimRef: secret.victimRef, dashYes: ['strangulation', 'weapons'], riskLevel: 'standard' } });
    expect(JSON.stringify(c.json.riskHistory)).toContain(secret.riskReason);
    expect(c.json.followups.length).toBeGreaterThanOrEqual(2);
    expect(c.json.followups.find((f: { outcome?: string }) => f.outcome === 'reached')).toMatchObject({ status: 'done', note: secret.outcomeNote });
    const o = await call(orders, 'GET', `/api/orders/${made.orderId}`, { claims: police });
    expect(o).toMatchObject({
      status: 200,
      json: { protectedPersonRef: secret.protectedPersonRef, version: 2, zones: [{ centre: secret.home }], curfews: [{ centre: secret.curfewHome }] },
    });
    const fixes = await call(orders, 'GET', `/api/orders/${made.orderId}/positions`, { claims: police });
    expect(JSON.stringify(fixes.json)).toContain(String(secret.fix.lat));
    const alerts = await Promise.all(made.alertIds.map((id) => call(alertsHandler, 'GET', `/api/alerts/${id}`, { claims: police })));
    const evidence = JSON.stringify(alerts.map((a) => a.json));
    expect(evidence).toContain(String(secret.fix.lon));
    expect(evidence).toContain(String(secret.panic.lat));
  });
});
