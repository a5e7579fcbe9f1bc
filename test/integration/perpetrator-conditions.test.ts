import { describe, expect, it } from 'vitest';
import { handler as alerts } from '../../functions/alerts/handler.js';
import { alertReachesCases } from '../../functions/cases/alert-intake.js';
import { handler as cases } from '../../functions/cases/handler.js';
import { DynamoCaseRepository } from '../../functions/cases/repository.js';
import { handler as monitoring } from '../../functions/monitoring/handler.js';
import { handler as orders } from '../../functions/orders/handler.js';
import { identity } from '../../shared/identity.js';
import { MONITORING_SCOPE } from '../../shared/roles.js';
import { positionsExpireAt as expiryOf } from '../../shared/orders/retention.js';
import type { OrderRecord } from '../../shared/zones/index.js';
import { brusselsToday } from '../../shared/primitives.js';
import { invokeRoute, staffToken } from '../support/invoke.js';
import { caseBody, counters, TABLE } from './cases-support.js';
import { itemsOf, orderBody, positionEvent } from './monitoring-support.js';

const paula = staffToken('paula.police', 'police');
const olivia = staffToken('olivia.officer', 'officer');
const farOfficer = staffToken('far.officer', 'officer', 'zone:elsewhere');
const partner = (username: string, id: string) => ({ ...staffToken(username, 'partner'), 'cognito:groups': ['partner', `partner:${id}`] });
const pieter = partner('pieter.programme', 'context-daderhulp');
const jan = partner('jan.justicehouse', 'justitiehuis-mechelen');
const cgg = partner('clara.cgg', 'cgg-mental-health');
const machine = { sub: identity.localClients.monitoring, client_id: identity.localClients.monitoring, scope: MONITORING_SCOPE, token_use: 'access' };
const today = brusselsToday();

async function orderWithConditions() {
  const body = orderBody({
    district: 'boom',
    perpetrator: {
      programme: { partner: 'context-daderhulp' },
      reporting: { partner: 'justitiehuis-mechelen', every: 'fortnight' },
      rightsNoticeGivenAt: new Date(Date.now() - 3_600_000).toISOString(),
    },
  });
  const res = await invokeRoute(orders, 'POST', '/api/orders', { claims: paula, body });
  expect(res.status, JSON.stringify(res.json)).toBe(201);
  return { id: res.json.order.id as string, body, order: res.json.order };
}

describe("the respondent's conditions", () => {
  it('an order carries its programme, justice-house reporting and the rights notice; a condition names a partner of the right kind', async () => {
    const { order } = await orderWithConditions();
    expect(order.perpetrator).toMatchObject({
      programme: { partner: 'context-daderhulp' },
      reporting: { partner: 'justitiehuis-mechelen', every: 'fortnight' },
      // Who gave the rights notice: the officer saving the order unless another is named.
      rightsNoticeGivenBy: 'paula.police',
    });
    const wrong = await invokeRoute(orders, 'POST', '/api/orders', {
      claims: paula,
      body: orderBody({ district: 'boom', perpetrator: { programme: { partner: 'az-rivierenland' }, rightsNoticeGivenAt: new Date().toISOString() } }),
    });
    expect(wrong.status).toBe(400);
    expect(wrong.json.field).toBe('perpetrator.programme.partner');
    const noNotice = await invokeRoute(orders, 'POST', '/api/orders', {
      claims: paula,
      body: orderBody({ district: 'boom', perpetrator: { programme: { partner: 'context-daderhulp' } } }),
    });
    expect(noNotice.json.field).toBe('perpetrator.rightsNoticeGivenAt');
  });

  it('only the partner a condition names records attendance; a missed session alerts the police (low) and reaches the case officer', async () => {
    const { id } = await orderWithConditions();
    // The officer's case is linked to the order (an alert on it reaches the case).
    const c = await invokeRoute(cases, 'POST', '/api/cases', { claims: olivia, body: caseBody('ruppel', { orderIds: [id] }) });
    expect(c.status, JSON.stringify(c.json)).toBe(201);
    const before = await counters('ruppel', new Date());

    const attended = await invokeRoute(orders, 'POST', `/api/orders/${id}/attendance`, {
      claims: pieter,
      body: { condition: 'programme', session: today, status: 'attended' },
    });
    expect(attended.status, JSON.stringify(attended.json)).toBe(201);
    expect(attended.json.alertId).toBeUndefined();
    // Another organisation, or the programme partner recording the justice-house condition: no such order.
    expect(
      (await invokeRoute(orders, 'POST', `/api/orders/${id}/attendance`, { claims: cgg, body: { condition: 'programme', session: today, status: 'missed' } }))
        .status,
    ).toBe(404);
    expect(
      (
        await invokeRoute(orders, 'POST', `/api/orders/${id}/attendance`, {
          claims: pieter,
          body: { condition: 'reporting', session: today, status: 'missed' },
        })
      ).status,
    ).toBe(404);
    expect(
      (
        await invokeRoute(orders, 'POST', `/api/orders/${id}/attendance`, {
          claims: jan,
          body: { condition: 'reporting', session: '2999-01-01', status: 'missed' },
        })
      ).json.field,
    ).toBe('session');

    const missed = await invokeRoute(orders, 'POST', `/api/orders/${id}/attendance`, {
      claims: jan,
      body: { condition: 'reporting', session: today, status: 'missed' },
    });
    expect(missed.status, JSON.stringify(missed.json)).toBe(201);
    const alertId = missed.json.alertId as string;
    expect(alertId).toMatch(/^AL-/);
    const alert = await invokeRoute(alerts, 'GET', `/api/alerts/${alertId}`, { claims: paula });
    expect(alert.json).toMatchObject({ kind: 'condition', severity: 'low', status: 'open', orderId: id });
    expect((await counters('ruppel', new Date()))['breaches.condition'] ?? 0).toBe((before['breaches.condition'] ?? 0) + 1);

    // The stream delivers the new alert to the case intake (the same consumer as breaches): an urgent follow-up, reminded at once.
    const planned = await alertReachesCases(new DynamoCaseRepository(TABLE), { id: alertId, orderId: id, kind: 'condition' }, new Date());
    expect(planned).toEqual([c.json.id]);
    const after = await invokeRoute(cases, 'GET', `/api/cases/${c.json.id}`, { claims: olivia });
    expect(after.json.followups.some((f: { urgency: string; id: string }) => f.urgency === 'urgent' && f.id === `FU-${alertId.slice(3)}`)).toBe(true);

    // Respondent data expires with the order's positions.
    const attendance = (await itemsOf(`ORDER#${id}`)).filter((i) => String(i.sk).startsWith('ATTEND#'));
    expect(attendance).toHaveLength(2);
    for (const a of attendance) expect(typeof a.expiresAt).toBe('number');
  });

  it('the compliance timeline: fixes, alerts, attendance and violations in order, for police and the zone officer, audited', async () => {
    const { id, body } = await orderWithConditions();
    const events = [positionEvent(body.respondentDeviceId, new Date(Date.now() - 120_000), 100)];
    expect((await invokeRoute(monitoring, 'POST', '/api/monitoring/events', { claims: machine, body: { events } })).status).toBeLessThan(300);
    await invokeRoute(orders, 'POST', `/api/orders/${id}/attendance`, { claims: pieter, body: { condition: 'programme', session: today, status: 'missed' } });

    const t = await invokeRoute(orders, 'GET', `/api/orders/${id}/timeline`, { claims: paula });
    expect(t.status, JSON.stringify(t.json)).toBe(200);
    const timeline = t.json.timeline as { at: string; kind: string; violation: boolean; detail: Record<string, unknown> }[];
    expect(timeline.map((e) => e.at)).toEqual([...timeline.map((e) => e.at)].sort());
    expect(timeline.some((e) => e.kind === 'position')).toBe(true);
    expect(timeline.some((e) => e.kind === 'alert' && e.detail.alertKind === 'zone' && e.violation)).toBe(true);
    expect(timeline.some((e) => e.kind === 'alert' && e.detail.alertKind === 'condition' && e.violation)).toBe(true);
    expect(timeline.some((e) => e.kind === 'attendance' && e.detail.status === 'missed' && e.violation)).toBe(true);
    // No position itself in the timeline (those are read through the audited positions route).
    expect(JSON.stringify(timeline)).not.toMatch(/"lat"|"lon"/);

    expect((await invokeRoute(orders, 'GET', `/api/orders/${id}/timeline`, { claims: olivia })).status).toBe(200);
    expect((await invokeRoute(orders, 'GET', `/api/orders/${id}/timeline`, { claims: farOfficer })).status).toBe(404);
    expect(
      (await invokeRoute(orders, 'GET', `/api/orders/${id}/timeline`, { claims: staffToken('pete.police', 'police', 'zone:ruppel', 'district:niel') })).status,
    ).toBe(404);
    const reads = (await itemsOf(`AUDIT#order#${id}`)).filter((a) => a.action === 'read' && a.route === 'GET /api/orders/{id}/timeline');
    expect(reads.map((a) => a.actor).sort()).toEqual(['olivia.officer', 'paula.police']);
  });

  it('a partner worker lists only the orders whose condition their organisation runs, with no victim data; audited', async () => {
    const { id, body } = await orderWithConditions();
    await invokeRoute(orders, 'POST', `/api/orders/${id}/attendance`, { claims: pieter, body: { condition: 'programme', session: today, status: 'excused' } });
    const res = await invokeRoute(orders, 'GET', '/api/orders/conditions', { claims: pieter });
    expect(res.status, JSON.stringify(res.json)).toBe(200);
    const mine = (res.json.orders as { id: string }[]).find((o) => o.id === id);
    expect(mine).toMatchObject({ id, programme: true, attendance: [{ condition: 'programme', session: today, status: 'excused' }] });
    // The justice house's condition is not the programme's business, nor any place, device or person.
    expect(mine).not.toHaveProperty('reporting');
    const text = JSON.stringify(res.json);
    for (const leak of [body.protectedPersonRef, body.respondentDeviceId, '"zones"', '"lat"', 'protectedPersonRef']) expect(text).not.toContain(leak);

    const justice = await invokeRoute(orders, 'GET', '/api/orders/conditions', { claims: jan });
    expect((justice.json.orders as { id: string; reporting?: unknown; attendance: unknown[] }[]).find((o) => o.id === id)).toMatchObject({
      reporting: { every: 'fortnight' },
      attendance: [],
    });
    // A partner whose organisation runs neither condition does not see the order at all.
    expect(((await invokeRoute(orders, 'GET', '/api/orders/conditions', { claims: cgg })).json.orders as { id: string }[]).map((o) => o.id)).not.toContain(id);
    // A partner account that names no organisation, and the police, are refused.
    expect((await invokeRoute(orders, 'GET', '/api/orders/conditions', { claims: staffToken('nobody.partner', 'partner') })).status).toBe(403);
    expect((await invokeRoute(orders, 'GET', '/api/orders/conditions', { claims: paula })).status).toBe(403);
    const lists = await itemsOf('AUDIT#orders#partner:context-daderhulp');
    expect(lists.some((a) => a.actor === 'pieter.programme' && a.action === 'list')).toBe(true);
  });

  it("the respondent's data expires with the order: attendance, device links and everything else move when its end moves", async () => {
    const { id, body } = await orderWithConditions();
    await invokeRoute(orders, 'POST', `/api/orders/${id}/attendance`, { claims: pieter, body: { condition: 'programme', session: today, status: 'attended' } });
    await invokeRoute(orders, 'POST', `/api/orders/${id}/attendance`, { claims: jan, body: { condition: 'reporting', session: today, status: 'missed' } });
    const positionsExpireAt = (o: unknown) => expiryOf(o as OrderRecord);
    /** Every item of the order's partition that holds the respondent's data, with its TTL. */
    const ttls = async () => {
      const items = await itemsOf(`ORDER#${id}`);
      const kinds = new Set(items.map((i) => String(i.sk).split('#')[0]));
      // The item kinds that hold the respondent's data (conditions, device, attendance, alerts), all present.
      for (const k of ['ORDER', 'STATE', 'DEVICE', 'ATTEND', 'ALERT']) expect(kinds, k).toContain(k);
      return items.filter((i) => String(i.sk) !== 'DURESS').map((i) => [String(i.sk), i.expiresAt] as const);
    };
    const expectAllAt = async (until: number) => {
      for (const [sk, expiresAt] of await ttls()) expect(expiresAt, sk).toBe(until);
    };
    const first = (await invokeRoute(orders, 'GET', `/api/orders/${id}`, { claims: paula })).json;
    await expectAllAt(positionsExpireAt(first));

    // The court extends the order: the respondent's records follow its new end.
    const extended = { ...body, validUntil: new Date(Date.parse(body.validUntil) + 60 * 86_400_000).toISOString() };
    const put = await invokeRoute(orders, 'PUT', `/api/orders/${id}`, { claims: paula, body: { expectedVersion: 1, order: extended } });
    expect(put.status, JSON.stringify(put.json)).toBe(200);
    expect(positionsExpireAt(put.json)).toBeGreaterThan(positionsExpireAt(first));
    await expectAllAt(positionsExpireAt(put.json));

    // Ended early: everything expires a year after that end (the device links are gone at once).
    const ended = await invokeRoute(orders, 'POST', `/api/orders/${id}/end`, { claims: paula, body: { reason: 'lifted_by_court' } });
    expect(ended.status, JSON.stringify(ended.json)).toBe(200);
    const after = (await itemsOf(`ORDER#${id}`)).filter((i) => String(i.sk) !== 'DURESS');
    expect(after.some((i) => String(i.sk).startsWith('DEVICE#'))).toBe(false);
    expect(after.filter((i) => String(i.sk).startsWith('ATTEND#'))).toHaveLength(2);
    for (const i of after) expect(i.expiresAt, String(i.sk)).toBe(positionsExpireAt(ended.json));
  });
});
