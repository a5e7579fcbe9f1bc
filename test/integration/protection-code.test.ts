import type { JWTPayload } from 'jose';
import { describe, expect, it } from 'vitest';
import { handler as monitoring } from '../../functions/monitoring/handler.js';
import { handler as orders } from '../../functions/orders/handler.js';
import { itemsOf, officer, orderBody, police, supervisor } from './monitoring-support.js';
import { invokeRoute } from '../support/invoke.js';

type Handler = Parameters<typeof invokeRoute>[0];
/**
 * A call from `sourceIp`, the address API Gateway saw: the per-client code budgets key on it (never on
 * X-Forwarded-For, which the client writes), so the steps below that must not share a budget use their own.
 */
const call = (fn: Handler, method: string, path: string, claims: JWTPayload | undefined, body?: unknown, sourceIp = '203.0.113.9') =>
  invokeRoute(fn, method, path, { claims, body, sourceIp });

describe('POST /api/orders/{id}/protection-code (police reissue a protection code)', () => {
  it('gives a new code once, the old one stops working at once, audited; other roles and ended orders refused', async () => {
    const made = await call(orders, 'POST', '/api/orders', police, orderBody());
    expect(made.status).toBe(201);
    const id = made.json.order.id as string;
    const oldCode = made.json.protectionCode as string;
    expect((await call(monitoring, 'POST', '/api/panic', undefined, { protectionCode: oldCode })).status).toBe(202);

    expect((await call(orders, 'POST', `/api/orders/${id}/protection-code`, officer)).status).toBe(403);
    expect((await call(orders, 'POST', `/api/orders/${id}/protection-code`, supervisor)).status).toBe(403);
    expect((await call(orders, 'POST', `/api/orders/${id}/protection-code`, undefined)).status).toBe(401);
    expect((await call(orders, 'POST', '/api/orders/RO-00000000000000000000000000/protection-code', police)).status).toBe(404);
    expect(await call(orders, 'POST', '/api/orders/not-an-id/protection-code', police)).toMatchObject({ status: 400, json: { field: 'id' } });

    const reissued = await call(orders, 'POST', `/api/orders/${id}/protection-code`, police);
    expect(reissued.status).toBe(201);
    const newCode = reissued.json.protectionCode as string;
    expect(newCode).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    expect(newCode).not.toBe(oldCode);

    // The old code is unknown now; the new one raises a panic.
    expect((await call(monitoring, 'POST', '/api/panic', undefined, { protectionCode: oldCode }, '203.0.113.10')).status).toBe(404);
    expect((await call(monitoring, 'POST', '/api/contact-reports', undefined, { protectionCode: newCode }, '203.0.113.10')).status).toBe(202);

    // Only hashes are stored: one lookup item for the order, none in clear.
    const items = await itemsOf(`ORDER#${id}`);
    expect(JSON.stringify(items)).not.toContain(newCode);
    expect(JSON.stringify(items)).not.toContain(newCode.replace(/-/g, ''));
    const audit = await itemsOf(`AUDIT#order#${id}`);
    expect(audit.filter((a) => a.action === 'reissue-protection-code').map((a) => a.actor)).toEqual(['paula.police']);

    expect((await call(orders, 'POST', `/api/orders/${id}/end`, police, { reason: 'lifted_by_court' })).status).toBe(200);
    expect(await call(orders, 'POST', `/api/orders/${id}/protection-code`, police)).toMatchObject({ status: 409, json: { field: 'status' } });
    expect((await call(monitoring, 'POST', '/api/contact-reports', undefined, { protectionCode: newCode }, '203.0.113.11')).status).toBe(404);
  });
});

describe('duress code (a silent panic typed into the neutral screen)', () => {
  it('is set with the protection code, raises a critical panic on a match, answers the same on a miss, and can be replaced', async () => {
    const made = await call(orders, 'POST', '/api/orders', police, orderBody());
    const id = made.json.order.id as string;
    const code = made.json.protectionCode as string;
    const district = made.json.order.district as string;
    const duress = String(Date.now()).slice(-8);

    expect(await call(monitoring, 'POST', '/api/protection/duress-code', undefined, { protectionCode: code, duressCode: '12ab' })).toMatchObject({
      status: 400,
      json: { field: 'duressCode' },
    });
    expect(
      (await call(monitoring, 'POST', '/api/protection/duress-code', undefined, { protectionCode: 'AAAA-BBBB-CCCC', duressCode: duress }, '203.0.113.20'))
        .status,
    ).toBe(404);
    expect((await call(monitoring, 'POST', '/api/protection/duress-code', undefined, { protectionCode: code, duressCode: duress })).status).toBe(204);

    // Stored as a hash only.
    const all = [...(await itemsOf(`ORDER#${id}`))];
    expect(JSON.stringify(all)).not.toContain(duress);
    const pointer = all.find((i) => i.sk === 'DURESS');
    expect(pointer?.codeHash).toMatch(/^[0-9a-f]{64}$/);
    expect(pointer?.expiresAt).toBe(Math.floor(Date.parse(made.json.order.validUntil) / 1000));

    const miss = await call(monitoring, 'POST', '/api/duress', undefined, { code: '00000000' }, '203.0.113.21');
    const hit = await call(monitoring, 'POST', '/api/duress', undefined, { code: duress }, '203.0.113.21');
    expect({ status: miss.status, json: miss.json }).toEqual({ status: 202, json: { received: true } });
    expect(hit).toEqual(miss);
    const alerts = (await itemsOf(`ALERTS#OPEN#${district}`)).length;
    const open = await call((await import('../../functions/alerts/handler.js')).handler, 'GET', `/api/alerts?district=${district}`, police);
    expect(open.json.alerts.map((a: { kind: string; severity: string; orderId: string }) => [a.kind, a.severity, a.orderId])).toEqual([
      ['panic', 'critical', id],
    ]);
    expect(alerts).toBeGreaterThanOrEqual(0);

    // A new duress code replaces the old one, which stops working.
    const next = String(Number(duress) + 1)
      .padStart(8, '0')
      .slice(-8);
    expect((await call(monitoring, 'POST', '/api/protection/duress-code', undefined, { protectionCode: code, duressCode: next })).status).toBe(204);
    expect((await itemsOf(`DURESS#${pointer?.codeHash}`)).length).toBe(0);
    expect((await call(monitoring, 'POST', '/api/protection/duress-code', undefined, { protectionCode: code })).status).toBe(204);
    expect((await itemsOf(`ORDER#${id}`)).find((i) => i.sk === 'DURESS')).toBeUndefined();
  });
});
