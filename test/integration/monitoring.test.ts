import { describe, expect, it } from 'vitest';
import { handler as monitoring } from '../../functions/monitoring/handler.js';
import { DynamoMonitoringRepository } from '../../functions/monitoring/repository.js';
import { MAX_WRONG_CODES, watchdogTick } from '../../functions/monitoring/use-cases.js';
import { handler as orders } from '../../functions/orders/handler.js';
import { apiEvent, lambdaContext, staffClaims } from '../support/events.js';
import { monthOf } from '../../shared/metrics.js';
import { destination, localParts } from '../../shared/zones/index.js';
import { HOME, itemsOf, monitoringClaims, openedItemsOf, openAlerts, orderBody, police, positionEvent, TABLE, unique } from './monitoring-support.js';
import type { Invocation } from '../support/invoke.js';

type Res = { statusCode?: number; body?: string };
type Call = { status: number; json: Invocation['json'] };
async function post(
  h: typeof monitoring | typeof orders,
  path: string,
  claims: Record<string, string> | undefined,
  body: unknown,
  headers: Record<string, string> = {},
  sourceIp?: string,
): Promise<Call> {
  const res = (await h(
    apiEvent({ method: 'POST', path, body, headers, ...(claims ? { claims } : {}), ...(sourceIp ? { sourceIp } : {}) }),
    lambdaContext(),
  )) as Res;
  return { status: res.statusCode ?? 0, json: res.body ? JSON.parse(res.body) : {} };
}

async function createOrder(overrides: Record<string, unknown> = {}) {
  const body = orderBody(overrides);
  const res = await post(orders, '/api/orders', police, body);
  expect(res.status).toBe(201);
  return { body, id: res.json.order.id as string, code: res.json.protectionCode as string };
}

const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000);

describe('POST /api/monitoring/events', () => {
  it('a drive towards the home produces exactly one pre-alert and one alert; replaying the batch produces none', async () => {
    const { body, id } = await createOrder();
    const dev = body.respondentDeviceId;
    const drive = [5000, 3000, 1800, 1200, 900, 800, 700, 600, 450, 300, 200, 100, 60].map((m, i) => positionEvent(dev, minutesAgo(30 - i), m));
    const first = await post(monitoring, '/api/monitoring/events', monitoringClaims, { events: drive });
    expect(first).toMatchObject({ status: 200, json: { accepted: drive.length, duplicates: 0, rejected: [] } });
    const alerts = await openAlerts(body.district);
    expect(alerts.map((a) => [a.kind, a.severity, a.zoneLabel, a.orderId])).toEqual([
      ['zone', 'high', 'home', id],
      ['preAlert', 'low', 'home', id],
    ]);
    // the triggering fixes are kept as evidence, attached to the alert: they expire with the order's positions, after the plain fixes
    const fixes = (await openedItemsOf(`ORDER#${id}`)).filter((i) => String(i.sk).startsWith('FIX#'));
    expect(fixes).toHaveLength(drive.length);
    const attached = fixes.filter((f) => f.alertIds);
    expect(attached).toHaveLength(2);
    const plainExpiry = Math.max(...fixes.filter((f) => !f.alertIds).map((f) => Number(f.expiresAt)));
    expect(Number.isFinite(plainExpiry)).toBe(true);
    for (const f of attached) expect(Number(f.expiresAt)).toBeGreaterThan(plainExpiry);

    const replay = await post(monitoring, '/api/monitoring/events', monitoringClaims, { events: drive });
    expect(replay).toMatchObject({ status: 200, json: { accepted: 0, duplicates: drive.length, rejected: [] } });
    expect(await openAlerts(body.district)).toHaveLength(2);
    const state = (await openedItemsOf(`ORDER#${id}`)).find((i) => i.sk === 'STATE');
    expect(state?.version).toBe(drive.length);
  });

  it('rejects bad events by index, event id and field without dropping the good ones', async () => {
    const { body } = await createOrder();
    const dev = body.respondentDeviceId;
    const good1 = positionEvent(dev, minutesAgo(5), 4000);
    const good2 = { type: 'battery', eventId: unique('ev'), deviceId: dev, at: minutesAgo(4).toISOString(), level: 12 };
    const events = [
      good1,
      { ...positionEvent(dev, minutesAgo(4), 4000), lat: 123 },
      { type: 'teleport', eventId: 'x1', deviceId: dev, at: minutesAgo(4).toISOString() },
      good2,
      { ...positionEvent(dev, new Date(Date.now() + 3_600_000), 10) },
      positionEvent(unique('UNKNOWN'), minutesAgo(3), 10),
      { ...positionEvent(dev, minutesAgo(3), 10), extra: 1 },
    ];
    const res = await post(monitoring, '/api/monitoring/events', monitoringClaims, { events });
    expect(res.status).toBe(200);
    expect(res.json.accepted).toBe(2);
    expect(res.json.rejected.map((r: { index: number; status: number; field: string; eventId?: string }) => [r.index, r.status, r.field, r.eventId])).toEqual([
      [1, 400, 'lat', events[1]!.eventId],
      [2, 400, 'type', 'x1'],
      [4, 400, 'at', events[4]!.eventId],
      [5, 404, 'deviceId', events[5]!.eventId],
      [6, 400, 'extra', events[6]!.eventId],
    ]);
    for (const r of res.json.rejected) expect(typeof r.message).toBe('string');
    expect((await openAlerts(body.district)).map((a) => a.kind)).toEqual(['batteryLow']);
  });

  it('refuses a batch that is not a batch, and callers without the monitoring scope', async () => {
    expect((await post(monitoring, '/api/monitoring/events', monitoringClaims, { events: [] })).json).toMatchObject({ field: 'events' });
    const tooMany = Array.from({ length: 101 }, () => ({}));
    expect((await post(monitoring, '/api/monitoring/events', monitoringClaims, { events: tooMany })).status).toBe(400);
    expect((await post(monitoring, '/api/monitoring/events', police, { events: [{}] })).status).toBe(403);
    expect((await post(monitoring, '/api/monitoring/events', undefined, { events: [{}] })).status).toBe(401);
  });

  it('an out-of-order fix is kept as evidence only: no alert, state unchanged', async () => {
    const { body, id } = await createOrder();
    const dev = body.respondentDeviceId;
    await post(monitoring, '/api/monitoring/events', monitoringClaims, { events: [positionEvent(dev, minutesAgo(1), 5000)] });
    const late = positionEvent(dev, minutesAgo(10), 50);
    const res = await post(monitoring, '/api/monitoring/events', monitoringClaims, { events: [late] });
    expect(res.json.accepted).toBe(1);
    expect(await openAlerts(body.district)).toEqual([]);
    const items = await openedItemsOf(`ORDER#${id}`);
    expect(items.find((i) => i.sk === `FIX#${late.at}#${late.eventId}`)).toMatchObject({ outOfOrder: true });
    expect((items.find((i) => i.sk === 'STATE')!.state as { zones: Record<string, { phase: string }> }).zones['home-1']?.phase).toBe('outside');
  });

  it('tamper raises a high alert; the same device in two orders alerts on both in one transaction', async () => {
    const a = await createOrder();
    const b = await createOrder({ respondentDeviceId: a.body.respondentDeviceId, district: a.body.district });
    const tamper = { type: 'tamper', eventId: unique('ev'), deviceId: a.body.respondentDeviceId, at: minutesAgo(1).toISOString(), detail: 'strap' };
    const res = await post(monitoring, '/api/monitoring/events', monitoringClaims, { events: [tamper] });
    expect(res.json.accepted).toBe(1);
    const alerts = await openAlerts(a.body.district);
    expect(alerts.map((x) => [x.kind, x.severity, x.orderId]).sort()).toEqual(
      [
        ['tamper', 'high', a.id],
        ['tamper', 'high', b.id],
      ].sort(),
    );
  });

  it('concurrent batches for the same device never lose an update (optimistic locking, retried)', async () => {
    const { body, id } = await createOrder();
    const dev = body.respondentDeviceId;
    const events = Array.from({ length: 8 }, (_, i) => positionEvent(dev, minutesAgo(20 - i), 5000 - i * 10));
    await Promise.all(events.map((e) => post(monitoring, '/api/monitoring/events', monitoringClaims, { events: [e] })));
    const state = (await openedItemsOf(`ORDER#${id}`)).find((i) => i.sk === 'STATE');
    // each event committed exactly once; out-of-order ones (arriving after a later one) too — as evidence
    expect(state?.version).toBe(events.length);
    expect((await openedItemsOf(`ORDER#${id}`)).filter((i) => String(i.sk).startsWith('FIX#'))).toHaveLength(events.length);
  });
});

describe('watchdog', () => {
  it('raises signal loss once after N minutes without a position (injected clock)', async () => {
    const { body } = await createOrder({ device: { signalLossMinutes: 10, batteryLowPercent: 15 } });
    await post(monitoring, '/api/monitoring/events', monitoringClaims, { events: [positionEvent(body.respondentDeviceId, minutesAgo(1), 5000)] });
    const repo = new DynamoMonitoringRepository(TABLE);
    await watchdogTick(repo, new Date(Date.now() + 5 * 60_000));
    expect(await openAlerts(body.district)).toEqual([]);
    await watchdogTick(repo, new Date(Date.now() + 10 * 60_000));
    await watchdogTick(repo, new Date(Date.now() + 11 * 60_000));
    expect((await openAlerts(body.district)).map((a) => [a.kind, a.severity])).toEqual([['signalLoss', 'high']]);
  });

  it('stops at its time budget and reports the orders left for the next tick', async () => {
    await createOrder();
    const repo = new DynamoMonitoringRepository(TABLE);
    const spent = await watchdogTick(repo, new Date(), Date.now() - 1);
    expect(spent.orders).toBeGreaterThan(0);
    expect(spent).toMatchObject({ alerts: [], deferred: spent.orders });
    const full = await watchdogTick(repo, new Date());
    expect(full.deferred).toBe(0);
  });
});

describe('panic and contact reports (protection code)', () => {
  it('a panic raises a critical alert at once, with the position only in the alert evidence', async () => {
    const { body, id, code } = await createOrder();
    const res = await post(monitoring, '/api/panic', undefined, { protectionCode: code.toLowerCase(), position: { lat: 51.2, lon: 4.4, accuracy: 15 } });
    expect(res).toMatchObject({ status: 202, json: { received: true } });
    expect(JSON.stringify(res.json)).not.toContain(id);
    const [alert] = await openAlerts(body.district);
    expect(alert).toMatchObject({ kind: 'panic', severity: 'critical', orderId: id, evidence: { fix: { lat: 51.2, lon: 4.4 } } });
    expect(String(alert?.gsi1sk)).toMatch(/^3#/);
  });

  it('a contact report raises a high alert under a no-contact condition', async () => {
    const { body, code } = await createOrder();
    expect((await post(monitoring, '/api/contact-reports', undefined, { protectionCode: code })).status).toBe(202);
    expect((await openAlerts(body.district)).map((a) => [a.kind, a.severity])).toEqual([['contact', 'high']]);
  });

  it('a wrong code is 404, then 429 past the limit for right and wrong codes alike; the right code is still honoured', async () => {
    const { body, code } = await createOrder();
    const ip = `10.9.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;
    for (let i = 0; i < MAX_WRONG_CODES; i++) {
      expect((await post(monitoring, '/api/panic', undefined, { protectionCode: 'AAAA-BBBB-CCCC' }, {}, ip)).status).toBe(404);
    }
    const wrong = await post(monitoring, '/api/panic', undefined, { protectionCode: 'AAAA-BBBB-CCCC' }, {}, ip);
    const right = await post(monitoring, '/api/panic', undefined, { protectionCode: code }, {}, ip);
    expect(wrong.status).toBe(429);
    expect(right).toEqual(wrong);
    expect((await openAlerts(body.district)).map((a) => a.kind)).toEqual(['panic']);
    expect((await post(monitoring, '/api/panic', undefined, { protectionCode: code, evil: 1 })).json).toMatchObject({ field: 'evil' });
  });
});

describe('conditions beyond the fixed zone', () => {
  const at = (p: { lat: number; lon: number }, deviceId: string, when: Date, accuracy = 10) => ({
    type: 'position',
    eventId: unique('ev'),
    deviceId,
    at: when.toISOString(),
    lat: p.lat,
    lon: p.lon,
    accuracy,
  });

  it('moving zone: the respondent approaching the protected person (who shares their position) raises a pre-alert then an alert; the protected position is never kept', async () => {
    const protectedDeviceId = unique('DEV-P');
    const { body, id } = await createOrder({ zones: [], protectedDeviceId, shareProtectedPosition: true, movingZone: { alertRadiusM: 300 } });
    const victim = destination(HOME, 90, 8000); // far from home: only the moving zone can alert
    const events = [
      at(victim, protectedDeviceId, minutesAgo(6)),
      ...[2000, 900, 500, 250].map((m, i) => at(destination(victim, 180, m), body.respondentDeviceId, minutesAgo(5 - i))),
    ];
    const res = await post(monitoring, '/api/monitoring/events', monitoringClaims, { events });
    expect(res.json).toMatchObject({ accepted: events.length, rejected: [] });
    const alerts = await openAlerts(body.district);
    expect(alerts.map((a) => [a.kind, a.conditionId, a.zoneLabel]).sort()).toEqual([
      ['preAlert', 'moving', 'protected person'],
      ['zone', 'moving', 'protected person'],
    ]);
    // evidence is the respondent's fix; the protected person's position is in no alert and no kept fix
    const items = await openedItemsOf(`ORDER#${id}`);
    const fixes = items.filter((i) => String(i.sk).startsWith('FIX#'));
    expect(fixes.map((f) => f.deviceId).every((d) => d === body.respondentDeviceId)).toBe(true);
    expect(JSON.stringify([...alerts, ...fixes])).not.toContain(String(victim.lat));
  });

  it('curfew: a fix outside the home during the window (Brussels time) raises one high curfew alert', async () => {
    const hhmm = (ms: number) => {
      const p = localParts(ms);
      return `${String(p.hour).padStart(2, '0')}:${String(p.minute).padStart(2, '0')}`;
    };
    const now = Date.now();
    const curfews = [{ start: hhmm(now - 60 * 60_000), end: hhmm(now + 60 * 60_000), centre: HOME, radiusM: 150 }];
    const { body } = await createOrder({ zones: [], curfews, noContact: false });
    const dev = body.respondentDeviceId;
    const events = [
      at(destination(HOME, 0, 20), dev, minutesAgo(4)),
      at(destination(HOME, 0, 3000), dev, minutesAgo(3)),
      at(destination(HOME, 0, 3500), dev, minutesAgo(2)),
    ];
    await post(monitoring, '/api/monitoring/events', monitoringClaims, { events });
    expect((await openAlerts(body.district)).map((a) => [a.kind, a.severity, a.zoneLabel])).toEqual([['curfew', 'high', 'curfew home']]);
  });

  it('no flood (the Cometa lesson): a device jittering on the boundary and a router repeating the same readings raise one alert per condition', async () => {
    const { body } = await createOrder();
    const dev = body.respondentDeviceId;
    // 30 fixes alternating deep inside and far outside, one every 20 s: the zone alerts once in the re-alert interval
    const jitter = Array.from({ length: 30 }, (_, i) => positionEvent(dev, new Date(Date.now() - (12 * 60 - i * 20) * 1000), i % 2 === 0 ? 3000 : 200));
    // a faulty router replays identical readings under new event ids, and repeats a tamper signal
    const replayed = jitter.slice(0, 10).map((e) => ({ ...e, eventId: unique('ev') }));
    const tampers = Array.from({ length: 20 }, (_, i) => ({
      type: 'tamper',
      eventId: unique('ev'),
      deviceId: dev,
      at: new Date(Date.now() - (10 * 60 - i * 15) * 1000).toISOString(),
      detail: 'strap',
    }));
    for (const events of [jitter, replayed, tampers]) {
      const res = await post(monitoring, '/api/monitoring/events', monitoringClaims, { events });
      expect(res.json).toMatchObject({ accepted: events.length, rejected: [] });
    }
    expect((await openAlerts(body.district)).map((a) => a.kind).sort()).toEqual(['tamper', 'zone']);
  });

  it('breaches are counted by kind, for the order’s police zone, in the transaction that writes the alert; a replay counts nothing', async () => {
    // A zone of its own, so no other test's breaches count there.
    const zone = unique('zone');
    const body = orderBody();
    expect((await post(orders, '/api/orders', staffClaims('paula.police', 'police', `zone:${zone}`), body)).status).toBe(201);
    const dev = body.respondentDeviceId;
    const drive = [3000, 900, 300].map((m, i) => positionEvent(dev, minutesAgo(5 - i), m));
    const tamper = { type: 'tamper', eventId: unique('ev'), deviceId: dev, at: minutesAgo(1).toISOString(), detail: 'case' };
    const events = [...drive, tamper];
    await post(monitoring, '/api/monitoring/events', monitoringClaims, { events });
    await post(monitoring, '/api/monitoring/events', monitoringClaims, { events });
    const stats = (await itemsOf(`STATS#${monthOf(new Date())}#${zone}`)).find((i) => i.sk === 'COUNTS');
    expect(stats).toMatchObject({ 'breaches.pre_alert': 1, 'breaches.alert': 1, 'breaches.tamper': 1 });
    expect(
      Object.keys(stats ?? {})
        .filter((k) => k.startsWith('breaches.'))
        .sort(),
    ).toEqual(['breaches.alert', 'breaches.pre_alert', 'breaches.tamper']);
  });
});
