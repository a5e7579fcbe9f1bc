import { describe, expect, it } from 'vitest';
import { handler as monitoring } from '../../functions/monitoring/handler.js';
import { handler as orders } from '../../functions/orders/handler.js';
import { apiEvent, lambdaContext } from '../support/events.js';
import { itemsOf, officer, orderBody, police, supervisor } from './monitoring-support.js';

type Res = { statusCode?: number; body?: string };
type Fn = (event: ReturnType<typeof apiEvent>, context: ReturnType<typeof lambdaContext>) => Promise<unknown>;
async function call(fn: Fn, method: string, path: string, claims: Record<string, string> | undefined, body?: unknown, ip = '203.0.113.9') {
  const event = apiEvent({ method, path, ...(claims ? { claims } : {}), ...(body !== undefined ? { body } : {}) });
  event.headers = { ...event.headers, 'x-forwarded-for': ip };
  const res = (await fn(event, lambdaContext())) as Res;
  return { status: res.statusCode ?? 0, json: (res.body ? JSON.parse(res.body) : {}) as Record<string, any> };
}

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
    expect((await call(orders, 'POST', '/api/orders/not-an-id/protection-code', police))).toMatchObject({ status: 400, json: { field: 'id' } });

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
    expect((await call(orders, 'POST', `/api/orders/${id}/protection-code`, police))).toMatchObject({ status: 409, json: { field: 'status' } });
    expect((await call(monitoring, 'POST', '/api/contact-reports', undefined, { protectionCode: newCode }, '203.0.113.11')).status).toBe(404);
  });
});
