import { DEMO_ZONE } from '../../shared/identity.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoServices } from '../../infra/local/demo/catalog.js';
import { handler as health } from '../../functions/health/handler.js';
import type { StaffRole } from '../../shared/roles.js';
import { routeKey, routes, type RouteDecl } from '../../shared/routes.js';
import { apiEvent, lambdaContext } from '../support/events.js';
import { startLocalApi, type LocalApi } from '../support/local-api.js';

/**
 * Regressions of inputs that once gave a 500 or were stored although impossible. Each answer must be
 * a 4xx JSON body naming the field; nothing may be written.
 */
let api: LocalApi;
beforeAll(async () => {
  api = await startLocalApi('badinput');
});
afterAll(async () => {
  await api?.stop();
});

async function expect400(res: Response, field: string): Promise<void> {
  const text = await res.text();
  expect(res.status, text).toBe(400);
  expect(res.headers.get('content-type')).toMatch(/^application\/json/);
  expect(JSON.parse(text)).toMatchObject({ error: 'invalid', field });
}

describe('a malformed %-escape in a path parameter', () => {
  it.each([
    ['GET', '/api/services/%E0%A4%A', 'id', undefined],
    ['GET', '/api/bookings/%', 'reference', undefined],
    ['GET', '/api/services/%zz/slots', 'id', undefined],
    ['PATCH', '/api/cases/%', 'id', 'officer'],
    ['POST', '/api/cases/C-1/followups/%C3/complete', 'followupId', 'officer'],
    ['GET', '/api/audit/%/x', 'entity', 'coordinator'],
  ] as const)('%s %s → 400 naming %s', async (method, path, field, role) => {
    await expect400(await api.call(method, path, role ? { token: api.token(role) } : {}), field);
  });

  it('is a 400 naming the parameter at the $default handler too (as API Gateway reaches it)', async () => {
    const res = await health(apiEvent({ method: 'GET', path: '/api/bookings/%E0%A4%A', routeKey: '$default' }), lambdaContext());
    expect(res.statusCode).toBe(400);
    expect(JSON.parse(res.body as string)).toMatchObject({ field: 'reference' });
  });
});

describe('impossible or future dates of the past', () => {
  const caseBody = (interventionDate: string, zone: string) => ({
    victimRef: `V-BAD-${Date.now()}`,
    zone,
    interventionDate,
    kind: 'physical',
    children: false,
    substanceAbuse: false,
  });

  it.each(['2026-02-31', '2999-01-01', '2026-13-01', 'yesterday'])('POST /api/cases refuses interventionDate %s and opens nothing', async (date) => {
    const zone = `bad-${Date.now().toString(36)}`;
    await expect400(await api.call('POST', '/api/cases', { token: await api.tokenIn('officer', zone), body: caseBody(date, zone) }), 'interventionDate');
    const list = await api.call('GET', `/api/cases?zone=${zone}`, { token: await api.tokenIn('supervisor', zone) });
    expect(list.status).toBe(200);
    expect(((await list.json()) as { cases: unknown[] }).cases).toEqual([]);
  });

  it('accepts today in Brussels', async () => {
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Brussels' }).format(new Date());
    const zone = `ok-${Date.now().toString(36)}`;
    const res = await api.call('POST', '/api/cases', { token: await api.tokenIn('officer', zone), body: caseBody(today, zone) });
    expect(res.status, await res.clone().text()).toBe(201);
  });
});

describe('district and zone query values are the same slug the audit record accepts', () => {
  it.each([
    ['/api/alerts', 'district', 'police'],
    ['/api/orders', 'district', 'police'],
    ['/api/cases', 'zone', 'supervisor'],
    ['/api/followups', 'zone', 'supervisor'],
  ] as const)('GET %s?%s=… refuses -x, 200 characters and a double hyphen with a 400', async (path, name, role) => {
    for (const value of ['-x', 'x'.repeat(200), 'a--b', 'Ruppel', '%C3%A9']) {
      await expect400(await api.call('GET', `${path}?${name}=${value}`, { token: api.token(role) }), name);
    }
    // A well-formed value: a district of one's patch, or one's own zone (another zone is refused, see the authorization matrix).
    const ok = await api.call('GET', `${path}?${name}=${name === 'zone' ? DEMO_ZONE : 'boom-noord'}`, { token: api.token(role) });
    expect(ok.status, await ok.clone().text()).toBe(200);
  });
});

describe('opening-rule times are validated before any slot is generated', () => {
  const template = demoServices.find((s) => s.bookable) as (typeof demoServices)[number];
  const service = (id: string, end: string) => ({ ...template, id, demo: false, openingRules: [{ weekday: 1, start: '09:00', end }] });
  const id = `rules-${Date.now().toString(36)}`;

  it.each(['25:00', 'y', '24:00', ''])('POST /api/services with end %j → 400 naming openingRules.0.end, nothing added', async (end) => {
    const badId = `${id}-bad`;
    await expect400(await api.call('POST', '/api/services', { token: api.token('coordinator'), body: service(badId, end) }), 'openingRules.0.end');
    expect((await api.call('GET', `/api/services/${badId}`)).status).toBe(404);
  });

  it('PUT /api/services/{id} with end "25:00" or "y" → 400 naming openingRules.0.end, the service unchanged', async () => {
    const created = await api.call('POST', '/api/services', { token: api.token('coordinator'), body: service(id, '12:00') });
    expect(created.status, await created.clone().text()).toBe(201);
    const { id: _id, ...body } = service(id, '12:00');
    for (const end of ['25:00', 'y']) {
      await expect400(
        await api.call('PUT', `/api/services/${id}`, {
          token: api.token('coordinator'),
          body: { ...body, openingRules: [{ weekday: 1, start: '09:00', end }] },
        }),
        'openingRules.0.end',
      );
    }
    const now = (await (await api.call('GET', `/api/services/${id}`)).json()) as { openingRules: unknown[] };
    expect(now.openingRules).toEqual([{ weekday: 1, start: '09:00', end: '12:00' }]);
  });
});

describe('unknown query parameters: one rule on every route', () => {
  const tokenFor = (r: RouteDecl) =>
    r.access.kind === 'staff' ? api.token(r.access.roles[0] as StaffRole) : r.access.kind === 'machine' ? api.token('monitoring') : undefined;
  const concrete = (r: RouteDecl) => r.path.replace(/\{[^}]+\}/g, 'x1');

  it.each(routes.map((r) => [routeKey(r), r] as const))('%s refuses ?unexpected=1 with a 400 naming it', async (_key, r) => {
    const token = tokenFor(r);
    await expect400(await api.call(r.method, `${concrete(r)}?unexpected=1`, token ? { token } : {}), 'unexpected');
  });

  it('a parameter named __proto__ or constructor is just an unknown parameter', async () => {
    await expect400(await api.call('GET', '/api/services?__proto__=1'), '__proto__');
    await expect400(await api.call('GET', '/api/orders?constructor=1', { token: api.token('police') }), 'constructor');
  });
});
