import { beforeAll, describe, expect, it } from 'vitest';
import { handler } from '../../functions/orders/handler.js';
import { invokeRoute } from '../support/invoke.js';
import { monthOf } from '../../shared/metrics.js';
import { itemsOf, officer, orderBody, police, supervisor } from './monitoring-support.js';
import { opened } from '../support/sealed.js';

const call = (method: string, path: string, claims: Record<string, string> | undefined, body?: unknown) => invokeRoute(handler, method, path, { claims, body });

describe('orders API (police, audited, versioned)', () => {
  let body: ReturnType<typeof orderBody<{ protectedDeviceId: string }>>;
  let id: string;
  let code: string;

  beforeAll(async () => {
    body = orderBody({
      protectedDeviceId: `P-${Date.now()}`,
      shareProtectedPosition: true,
      movingZone: { alertRadiusM: 300 },
      curfews: [{ start: '22:00', end: '06:00', centre: { lat: 51.1, lon: 4.4 }, radiusM: 150 }],
    });
    const res = await call('POST', '/api/orders', police, body);
    expect(res.status).toBe(201);
    id = res.json.order.id;
    code = res.json.protectionCode;
  });

  it('creates an order with defaults filled in and returns the protection code once', async () => {
    expect(id).toMatch(/^RO-[0-9A-Z]{26}$/);
    expect(code).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    const items = await itemsOf(`ORDER#${id}`);
    const stored = items.find((i) => i.sk === 'ORDER');
    // The zones (their centres) are sealed at rest; opened, the defaults are filled in.
    expect(stored).not.toHaveProperty('zones');
    const order = await opened(stored);
    expect(order).toMatchObject({
      version: 1,
      status: 'active',
      zones: [{ label: 'home', alertRadiusM: 500, preAlertRadiusM: 1000 }],
      movingZone: { alertRadiusM: 300, preAlertRadiusM: 600 },
    });
    expect(JSON.stringify(items)).not.toContain(code);
    expect(JSON.stringify(items)).not.toContain(code.replace(/-/g, ''));
    // both devices find the order
    expect(
      items
        .filter((i) => String(i.sk).startsWith('DEVICE#'))
        .map((i) => i.gsi1pk)
        .sort(),
    ).toEqual([`DEVICE#${body.protectedDeviceId}`, `DEVICE#${body.respondentDeviceId}`].sort());
    expect((await itemsOf(`AUDIT#order#${id}`)).map((a) => a.action)).toContain('create');
    const again = await call('GET', `/api/orders/${id}`, police);
    expect(JSON.stringify(again.json)).not.toContain(code);
    expect(again.json.protectionCodeHash).toBeUndefined();
  });

  it('gets one order (audited) and lists it among the active orders of its district', async () => {
    const one = await call('GET', `/api/orders/${id}`, supervisor);
    expect(one.status).toBe(200);
    expect(one.json).toMatchObject({ id, version: 1, monitoring: { version: 0, signalLost: false } });
    const audit = await itemsOf(`AUDIT#order#${id}`);
    expect(audit.filter((a) => a.action === 'read').map((a) => a.actor)).toContain('sam.supervisor');
    const list = await call('GET', `/api/orders?district=${body.district}`, police);
    expect(list.json.orders.map((o: { id: string }) => o.id)).toEqual([id]);
  });

  it('rejects bad input naming the field, and other roles', async () => {
    const bad = await call('POST', '/api/orders', police, { ...orderBody(), zones: [{ label: 'home', centre: { lat: 91, lon: 4 }, alertRadiusM: 500 }] });
    expect(bad).toMatchObject({ status: 400, json: { field: 'zones.0.centre.lat' } });
    const moving = await call('POST', '/api/orders', police, { ...orderBody(), movingZone: { alertRadiusM: 300 } });
    expect(moving).toMatchObject({ status: 400, json: { field: 'movingZone' } });
    const extra = await call('POST', '/api/orders', police, { ...orderBody(), victimName: 'x' });
    expect(extra).toMatchObject({ status: 400, json: { field: 'victimName' } });
    expect((await call('POST', '/api/orders', officer, orderBody())).status).toBe(403);
    expect((await call('POST', '/api/orders', undefined, orderBody())).status).toBe(401);
    expect((await call('GET', '/api/orders/RO-NOPE', police)).status).toBe(400);
  });

  it('changes an order as a new version (history kept), refusing a stale version', async () => {
    const changed = await call('PUT', `/api/orders/${id}`, police, {
      expectedVersion: 1,
      order: { ...body, zones: [{ label: 'home', centre: body.zones[0]!.centre, alertRadiusM: 800 }] },
    });
    expect(changed.status).toBe(200);
    expect(changed.json).toMatchObject({ version: 2, zones: [{ alertRadiusM: 800, preAlertRadiusM: 1600 }] });
    const stale = await call('PUT', `/api/orders/${id}`, police, { expectedVersion: 1, order: body });
    expect(stale.status).toBe(409);
    const history = await Promise.all((await itemsOf(`ORDER#${id}`)).filter((i) => String(i.sk).startsWith('VERSION#')).map(opened));
    expect(history.map((h) => [h.version, (h.zones as { alertRadiusM: number }[])[0]?.alertRadiusM])).toEqual([[1, 500]]);
    expect((await itemsOf(`AUDIT#order#${id}`)).map((a) => a.action)).toContain('update');
  });

  it('ends an order: recorded, out of the active list, devices and protection code unlinked', async () => {
    const ended = await call('POST', `/api/orders/${id}/end`, police, { reason: 'lifted_by_court' });
    expect(ended).toMatchObject({ status: 200, json: { status: 'ended', endReason: 'lifted_by_court', endedBy: 'paula.police', version: 3 } });
    expect((await call('POST', `/api/orders/${id}/end`, police, { reason: 'other' })).status).toBe(409);
    const list = await call('GET', `/api/orders?district=${body.district}`, police);
    expect(list.json.orders).toEqual([]);
    const items = await itemsOf(`ORDER#${id}`);
    expect(items.filter((i) => String(i.sk).startsWith('DEVICE#'))).toEqual([]);
    expect(items.filter((i) => String(i.sk).startsWith('VERSION#')).map((h) => h.version)).toEqual([1, 2]);
  });

  it('positions are an audited read', async () => {
    const res = await call('GET', `/api/orders/${id}/positions`, police);
    expect(res).toMatchObject({ status: 200, json: { positions: [] } });
    expect((await itemsOf(`AUDIT#order-positions#${id}`)).map((a) => [a.action, a.actor])).toEqual([['read', 'paula.police']]);
    expect((await call('GET', `/api/orders/${id}/positions`, supervisor)).status).toBe(403);
  });
});

describe('report counters of orders (same transaction as the change)', () => {
  // Counted per police zone, where the report reads them: this district is undeclared, so the order takes its creator's zone.
  const ZONE = 'ruppel';
  const months = [monthOf(new Date()), '2031-06', '2031-08'] as const;
  const snapshot = async () =>
    Object.fromEntries(
      await Promise.all(
        months.map(async (m) => {
          const c = (await itemsOf(`STATS#${m}#${ZONE}`)).find((i) => i.sk === 'COUNTS') ?? {};
          return [m, { created: Number(c['orders.created'] ?? 0), ended: Number(c['orders.ended'] ?? 0) }] as const;
        }),
      ),
    );
  const delta = (before: Awaited<ReturnType<typeof snapshot>>, after: Awaited<ReturnType<typeof snapshot>>) =>
    Object.fromEntries(
      months.map((m) => [m, { created: (after[m]?.created ?? 0) - (before[m]?.created ?? 0), ended: (after[m]?.ended ?? 0) - (before[m]?.ended ?? 0) }]),
    );
  const [now, june, august] = months;

  it('counts created now and ended in the month of validUntil; moves ended when validUntil changes or the order ends early; a retried end counts nothing', async () => {
    const body = orderBody({ validUntil: '2031-06-15T10:00:00.000Z' });
    let before = await snapshot();
    const created = await call('POST', '/api/orders', police, body);
    expect(created.status).toBe(201);
    const id = created.json.order.id as string;
    expect(delta(before, await snapshot())).toEqual({ [now]: { created: 1, ended: 0 }, [june]: { created: 0, ended: 1 }, [august]: { created: 0, ended: 0 } });
    expect((await itemsOf(`STATS#${now}#${body.district}`)).find((i) => i.sk === 'COUNTS')).toBeUndefined();

    before = await snapshot();
    const changed = await call('PUT', `/api/orders/${id}`, police, { expectedVersion: 1, order: { ...body, validUntil: '2031-08-01T10:00:00.000Z' } });
    expect(changed.status).toBe(200);
    expect(delta(before, await snapshot())).toEqual({ [now]: { created: 0, ended: 0 }, [june]: { created: 0, ended: -1 }, [august]: { created: 0, ended: 1 } });

    before = await snapshot();
    expect((await call('POST', `/api/orders/${id}/end`, police, { reason: 'lifted_by_court' })).status).toBe(200);
    expect((await call('POST', `/api/orders/${id}/end`, police, { reason: 'lifted_by_court' })).status).toBe(409);
    expect(delta(before, await snapshot())).toEqual({ [now]: { created: 0, ended: 1 }, [june]: { created: 0, ended: 0 }, [august]: { created: 0, ended: -1 } });
  });
});
