import { rmSync } from 'node:fs';
import type { Context } from 'aws-lambda';
import { generateKeyPair, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authorize } from '../../functions/lib/auth.js';
import type { ApiEvent, ApiResponse } from '../../functions/lib/http.js';
import type { LocalStack } from '../../infra/local/stack.js';
import { startTestStack } from '../support/stack.js';
import { loadIssuerKeys, mintAccessToken, type IssuerKeys } from '../../infra/local/tokens.js';
import { ForbiddenError, UnauthorizedError } from '../../shared/errors.js';
import { functions, type FunctionName } from '../../shared/functions.js';
import { identity } from '../../shared/identity.js';
import { MONITORING_SCOPE, STAFF_ROLES, type StaffRole } from '../../shared/roles.js';
import { routeKey, routes, type RouteDecl } from '../../shared/routes.js';
import { caseBody } from '../support/bodies.js';
import { apiEvent, lambdaContext, staffClaims } from '../support/events.js';
import { interventionBody } from './interventions-support.js';
import { orderBody, positionEvent } from './monitoring-support.js';

/**
 * The authorization matrix over EVERY route of shared/routes.ts:
 * - at the handler (what runs behind API Gateway's JWT authorizer): no principal → 401; each staff role
 *   the route does not list, a principal without roles, and a machine client on a staff route → 403;
 *   the right role or scope → neither 401 nor 403;
 * - at the local gateway (which verifies tokens as the JWT authorizer does): no token, a bad signature,
 *   another issuer, a wrong audience, an expired token → 401 before any handler; wrong role → 403; the
 *   right role → neither;
 * - public routes stay public at both levels.
 * A "right role" answer may still be 400/404/409/501 (input the matrix does not make valid); a few routes
 * get valid input and must answer 2xx.
 * - the patch: every case, follow-up, order and alert route, called by the right role of ANOTHER zone
 *   (and, for police, of the same zone but another district), answers 403/404 and never the data;
 *   lists leave it out; a write changes nothing. A token without a zone reaches nothing zone-scoped.
 */
type Handler = (event: ApiEvent, context: Context) => Promise<ApiResponse>;
const handlers = new Map<FunctionName, Handler>();

const SAMPLE_PARAM = 'matrix-x';
const concretePath = (r: RouteDecl) => r.path.replace(/\{[^}]+\}/g, SAMPLE_PARAM);
const nonPublic = routes.filter((r) => r.access.kind !== 'public');
const publicRoutes = routes.filter((r) => r.access.kind === 'public');
const allowedRoles = (r: RouteDecl): readonly StaffRole[] => (r.access.kind === 'staff' ? r.access.roles : []);
const machineClaims = { sub: identity.localClients.monitoring, client_id: identity.localClients.monitoring, scope: MONITORING_SCOPE, token_use: 'access' };
const ym = new Date().toISOString().slice(0, 7);

/** Routes given valid input here: the right role must get a 2xx. */
let seq = 0;
const heartbeat = () => ({
  events: [{ type: 'heartbeat', eventId: `matrix-${Date.now()}-${++seq}`, deviceId: 'matrix-device', at: new Date().toISOString() }],
});
const valid2xx: { route: string; role: StaffRole | 'monitoring'; path: string; body?: () => unknown }[] = [
  { route: 'GET /api/reports/monthly', role: 'authority', path: `/api/reports/monthly?from=${ym}&to=${ym}` },
  { route: 'GET /api/audit/{entity}/{id}', role: 'coordinator', path: '/api/audit/case/matrix-x' },
  { route: 'GET /api/orders', role: 'police', path: '/api/orders?district=matrix-d' },
  { route: 'GET /api/alerts', role: 'supervisor', path: '/api/alerts?district=matrix-d' },
  { route: 'POST /api/monitoring/events', role: 'monitoring', path: '/api/monitoring/events', body: heartbeat },
  { route: 'GET /api/fjc/inbox', role: 'partner', path: '/api/fjc/inbox' },
  { route: 'GET /api/fjc/dashboard', role: 'case_director', path: '/api/fjc/dashboard' },
];

beforeAll(async () => {
  for (const name of new Set(routes.map((r) => r.function))) {
    const mod = (await import(`../../${functions[name].entry}`)) as { handler: Handler };
    handlers.set(name, mod.handler);
  }
});

/** One matrix user per role; the partner worker belongs to a partner organisation, so partner routes get past the organisation check. */
const matrixClaims = (role: StaffRole) => staffClaims(`matrix-${role}`, role, ...(role === 'partner' ? ['partner:vrouwenhulp-rupel'] : []));

async function invoke(r: RouteDecl, claims?: Record<string, string>): Promise<ApiResponse> {
  const handler = handlers.get(r.function) as Handler;
  return handler(apiEvent({ method: r.method, path: concretePath(r), ...(claims ? { claims } : {}) }), lambdaContext());
}

/**
 * Each staff role, then a machine client, calls route r: a role the route lists is neither 401 nor 403
 * (nor a 5xx; 501 = a capability whose placeholder is still in place), any other role gets 403, and so
 * does a machine client on a staff route.
 */
async function expectRoles(r: RouteDecl, answer: (who: StaffRole | 'monitoring') => Promise<{ status: number; body: string }>) {
  for (const role of STAFF_ROLES) {
    const res = await answer(role);
    if (allowedRoles(r).includes(role)) {
      expect([401, 403], `${role} is allowed: got ${res.status} ${res.body}`).not.toContain(res.status);
      if (res.status !== 501) expect(res.status, `${role}: ${res.body}`).toBeLessThan(500);
    } else {
      expect(res.status, `${role} is not allowed`).toBe(403);
    }
  }
  const machine = await answer('monitoring');
  if (r.access.kind === 'machine') expect([401, 403]).not.toContain(machine.status);
  else expect(machine.status, 'machine client on a staff route').toBe(403);
}

describe('the route table declares who may call each route', () => {
  it('every non-public route lists at least one role or a scope', () => {
    expect(nonPublic.length).toBeGreaterThan(20);
    for (const r of nonPublic) {
      if (r.access.kind === 'staff') expect(r.access.roles.length, routeKey(r)).toBeGreaterThan(0);
      else if (r.access.kind === 'machine') expect(r.access.scope, routeKey(r)).toBe(MONITORING_SCOPE);
    }
  });

  it('authorize() refuses a principal without roles on every non-public route, and without a principal', () => {
    const nobody = { sub: 's', username: 'u', roles: [], scopes: [], clientId: 'c' };
    for (const r of nonPublic) {
      expect(() => authorize(r.access, nobody), routeKey(r)).toThrow(ForbiddenError);
      expect(() => authorize(r.access, null), routeKey(r)).toThrow(UnauthorizedError);
    }
  });
});

describe('authorization matrix at the handlers', () => {
  it.each(nonPublic.map((r) => [routeKey(r), r] as const))('%s', async (_key, r) => {
    expect((await invoke(r)).statusCode, 'no principal').toBe(401);
    expect((await invoke(r, { sub: 'sub-noroles', username: 'noroles', client_id: 'staff-console', token_use: 'access' })).statusCode, 'no roles').toBe(403);
    // An ID token passes API Gateway's JWT authorizer (its aud is the app client) but is no caller here.
    const allowed = allowedRoles(r)[0];
    if (allowed) expect((await invoke(r, { ...staffClaims('matrix-id', allowed), token_use: 'id' })).statusCode, 'ID token').toBe(401);
    await expectRoles(r, async (who) => {
      const res = await invoke(r, who === 'monitoring' ? machineClaims : matrixClaims(who));
      return { status: res.statusCode as number, body: String(res.body) };
    });
  });

  it.each(publicRoutes.map((r) => [routeKey(r), r] as const))('%s stays public', async (_key, r) => {
    const res = await invoke(r);
    expect([401, 403]).not.toContain(res.statusCode);
  });

  it.each(valid2xx)('$route answers 2xx to $role with valid input', async ({ route, role, path, body }) => {
    const r = routes.find((x) => routeKey(x) === route) as RouteDecl;
    const claims = role === 'monitoring' ? machineClaims : matrixClaims(role);
    const res = await (handlers.get(r.function) as Handler)(apiEvent({ method: r.method, path, claims, ...(body ? { body: body() } : {}) }), lambdaContext());
    expect(res.statusCode, String(res.body)).toBeGreaterThanOrEqual(200);
    expect(res.statusCode, String(res.body)).toBeLessThan(300);
  });
});

describe('authorization matrix: zone and district', () => {
  const home = {
    officer: staffClaims('olivia.officer', 'officer'),
    supervisor: staffClaims('sam.supervisor', 'supervisor', 'officer'),
    police: staffClaims('paula.police', 'police'),
  };
  const elsewhere = (role: StaffRole) =>
    staffClaims(`far-${role}`, role, ...(role === 'supervisor' ? ['officer'] : []), 'zone:elsewhere', 'district:elsewhere-1');
  // Same zone, another district: police cover districts; supervisors the whole zone.
  const otherDistrict = staffClaims('pete.police', 'police', 'zone:ruppel', 'district:niel');
  const noZone = (role: StaffRole) => ({ ...staffClaims(`nozone-${role}`, role), 'cognito:groups': `[${role}]` });
  const ids = { caseId: '', followupId: '', orderId: '', alertId: '', interventionId: '', victimRef: `V-MATRIX-${Date.now()}` };

  const send = async (key: string, claims: Record<string, string>, path: string, body?: unknown) => {
    const r = routes.find((x) => routeKey(x) === key) as RouteDecl;
    const res = await (handlers.get(r.function) as Handler)(
      apiEvent({ method: r.method, path, claims, ...(body === undefined ? {} : { body }) }),
      lambdaContext(),
    );
    return { status: res.statusCode as number, body: String(res.body ?? '') };
  };

  beforeAll(async () => {
    const c = await send('POST /api/cases', home.officer, '/api/cases', caseBody('ruppel', { victimRef: ids.victimRef, children: false }));
    expect(c.status, c.body).toBe(201);
    const opened = JSON.parse(c.body);
    ids.caseId = opened.id;
    ids.followupId = opened.followups[0].id;
    const body = orderBody({ district: 'boom' });
    const o = await send('POST /api/orders', home.police, '/api/orders', body);
    expect(o.status, o.body).toBe(201);
    ids.orderId = JSON.parse(o.body).order.id;
    const events = [positionEvent(body.respondentDeviceId, new Date(Date.now() - 60_000), 100)];
    expect((await send('POST /api/monitoring/events', machineClaims, '/api/monitoring/events', { events })).status).toBeLessThan(300);
    const list = JSON.parse((await send('GET /api/alerts', home.police, '/api/alerts?district=boom')).body);
    ids.alertId = list.alerts.find((a: { orderId: string }) => a.orderId === ids.orderId)?.id;
    expect(ids.alertId, 'the breach raised an alert').toBeTruthy();
    const iv = await send('POST /api/interventions', home.police, '/api/interventions', interventionBody());
    expect(iv.status, iv.body).toBe(201);
    ids.interventionId = JSON.parse(iv.body).id;
  });

  const fu = () => `/api/cases/${ids.caseId}/followups/${ids.followupId}`;
  const soon = () => new Date(Date.now() + 3_600_000).toISOString();
  /** Every zone-scoped route: the right role, the path and a valid body for the item of zone ruppel / district boom. */
  const scoped: { key: string; role: StaffRole; path: () => string; body?: () => unknown; list?: true; district?: true }[] = [
    {
      key: 'POST /api/cases',
      role: 'officer',
      path: () => '/api/cases',
      body: () => caseBody('ruppel', { victimRef: 'V-FAR-1', children: false }),
    },
    { key: 'GET /api/cases', role: 'supervisor', path: () => '/api/cases', list: true },
    { key: 'GET /api/cases/{id}', role: 'supervisor', path: () => `/api/cases/${ids.caseId}` },
    { key: 'PATCH /api/cases/{id}', role: 'supervisor', path: () => `/api/cases/${ids.caseId}`, body: () => ({ riskLevel: 'high' }) },
    {
      key: 'POST /api/cases/{id}/safe-contact/from-booking',
      role: 'supervisor',
      path: () => `/api/cases/${ids.caseId}/safe-contact/from-booking`,
      body: () => ({ reference: 'ABCD-EFGH' }),
    },
    { key: 'GET /api/followups', role: 'supervisor', path: () => '/api/followups', list: true },
    {
      key: 'POST /api/cases/{id}/followups',
      role: 'supervisor',
      path: () => `/api/cases/${ids.caseId}/followups`,
      body: () => ({ dueAt: soon(), purpose: 'contact_victim' }),
    },
    { key: 'POST /api/cases/{id}/followups/{followupId}/complete', role: 'supervisor', path: () => `${fu()}/complete`, body: () => ({ outcome: 'reached' }) },
    { key: 'POST /api/cases/{id}/followups/{followupId}/reschedule', role: 'supervisor', path: () => `${fu()}/reschedule`, body: () => ({ dueAt: soon() }) },
    {
      key: 'POST /api/cases/{id}/followups/{followupId}/reassign',
      role: 'supervisor',
      path: () => `${fu()}/reassign`,
      body: () => ({ officer: 'omar.officer' }),
    },
    { key: 'GET /api/staff/officers', role: 'supervisor', path: () => '/api/staff/officers?zone=ruppel' },
    { key: 'POST /api/orders', role: 'police', path: () => '/api/orders', body: () => orderBody({ district: 'boom' }), district: true },
    { key: 'GET /api/orders', role: 'police', path: () => '/api/orders', list: true, district: true },
    { key: 'GET /api/orders/{id}', role: 'police', path: () => `/api/orders/${ids.orderId}`, district: true },
    {
      key: 'PUT /api/orders/{id}',
      role: 'police',
      path: () => `/api/orders/${ids.orderId}`,
      body: () => ({ expectedVersion: 1, order: orderBody({ district: 'boom' }) }),
      district: true,
    },
    { key: 'POST /api/orders/{id}/end', role: 'police', path: () => `/api/orders/${ids.orderId}/end`, body: () => ({ reason: 'other' }), district: true },
    { key: 'POST /api/orders/{id}/protection-code', role: 'police', path: () => `/api/orders/${ids.orderId}/protection-code`, district: true },
    { key: 'GET /api/orders/{id}/positions', role: 'police', path: () => `/api/orders/${ids.orderId}/positions`, district: true },
    { key: 'GET /api/alerts', role: 'police', path: () => '/api/alerts?district=boom', list: true, district: true },
    { key: 'GET /api/alerts/{id}', role: 'police', path: () => `/api/alerts/${ids.alertId}`, district: true },
    { key: 'POST /api/alerts/{id}/acknowledge', role: 'police', path: () => `/api/alerts/${ids.alertId}/acknowledge`, district: true },
    {
      key: 'POST /api/alerts/{id}/resolve',
      role: 'police',
      path: () => `/api/alerts/${ids.alertId}/resolve`,
      body: () => ({ outcome: 'false_alarm' }),
      district: true,
    },
    { key: 'GET /api/orders/conditions', role: 'partner', path: () => '/api/orders/conditions' },
    {
      key: 'POST /api/orders/{id}/attendance',
      role: 'partner',
      path: () => `/api/orders/${ids.orderId}/attendance`,
      body: () => ({ condition: 'programme', session: '2026-01-10', status: 'missed' }),
    },
    { key: 'GET /api/orders/{id}/timeline', role: 'police', path: () => `/api/orders/${ids.orderId}/timeline`, district: true },
    { key: 'POST /api/interventions', role: 'police', path: () => '/api/interventions', body: () => interventionBody() },
    { key: 'GET /api/interventions/{id}', role: 'police', path: () => `/api/interventions/${ids.interventionId}` },
  ];

  it('covers every route of cases, orders, alerts and interventions', () => {
    const want = routes
      .filter((r) => ['cases', 'orders', 'alerts', 'interventions'].includes(r.function))
      .map(routeKey)
      .sort();
    expect(scoped.map((s) => s.key).sort()).toEqual(want);
  });

  const leaks = (body: string) => [ids.caseId, ids.followupId, ids.orderId, ids.alertId, ids.interventionId, ids.victimRef].filter((id) => body.includes(id));
  const callers = (s: (typeof scoped)[number]) => [
    ['another zone', elsewhere(s.role)] as const,
    ...(s.district ? [['another district', otherDistrict] as const] : []),
  ];

  it.each(scoped.map((s) => [s.key, s] as const))('%s: another patch gets 403/404 or a list without it', async (_key, s) => {
    for (const [who, claims] of callers(s)) {
      const res = await send(s.key, claims, s.path(), s.body?.());
      if (s.list) expect(res.status, `${who}: ${res.body}`).toBe(200);
      else expect([403, 404], `${who}: ${res.status} ${res.body}`).toContain(res.status);
      expect(leaks(res.body), who).toEqual([]);
    }
    const nobody = await send(s.key, noZone(s.role), s.path(), s.body?.());
    expect([403, 404], `no zone: ${nobody.body}`).toContain(nobody.status);
  });

  it("audit trails: another zone's staff read none of this zone's records; a token without a zone reads nothing", async () => {
    const trail = `/api/audit/case/${ids.caseId}`;
    const actorsOf = (body: string) => (JSON.parse(body) as { items: { actor: string }[] }).items.map((i) => i.actor);
    const mine = await send('GET /api/audit/{entity}/{id}', home.supervisor, trail);
    expect(mine.status, mine.body).toBe(200);
    expect(actorsOf(mine.body)).toContain('olivia.officer');
    for (const role of ['supervisor', 'coordinator'] as const) {
      const far = await send('GET /api/audit/{entity}/{id}', elsewhere(role), trail);
      expect(far.status, far.body).toBe(200);
      // Only what staff of that zone did (their own reads, refused ones included), never the home zone's.
      const actors = actorsOf(far.body);
      expect(actors.length).toBeGreaterThan(0);
      for (const actor of actors) expect(actor, role).toMatch(/^far-/);
      expect(far.body).not.toContain(ids.victimRef);
    }
    const nobody = await send('GET /api/audit/{entity}/{id}', noZone('coordinator'), trail);
    expect(nobody.status, nobody.body).toBe(403);
  });

  it("reports: each reader gets their own zone's counts; another zone's reader none of them; no zone, none", async () => {
    const path = `/api/reports/monthly?from=${ym}&to=${ym}`;
    const zonesOf = (body: string) => (JSON.parse(body) as { zones: string[]; rows: { zone: string }[] }).rows.map((r) => r.zone);
    for (const role of ['authority', 'coordinator', 'supervisor'] as const) {
      const own = await send('GET /api/reports/monthly', staffClaims(`home-${role}`, role), path);
      expect(own.status, own.body).toBe(200);
      // The case opened above is counted in Zone Ruppel this month.
      expect(new Set(zonesOf(own.body)), role).toEqual(new Set(['ruppel']));
      const far = await send('GET /api/reports/monthly', elsewhere(role), path);
      expect(far.status, far.body).toBe(200);
      expect(zonesOf(far.body), role).not.toContain('ruppel');
    }
    const nobody = await send('GET /api/reports/monthly', noZone('authority'), path);
    expect(nobody.status, nobody.body).toBe(403);
  });

  it('nothing another patch sent was written; the home patch still sees and changes everything', async () => {
    const c = JSON.parse((await send('GET /api/cases/{id}', home.supervisor, `/api/cases/${ids.caseId}`)).body);
    expect(c).toMatchObject({ version: 1, riskLevel: 'standard', status: 'open', victimRef: ids.victimRef });
    expect(c.followups.map((f: { id: string; officer: string; status: string }) => f.id)).toContain(ids.followupId);
    expect(c.followups.find((f: { id: string }) => f.id === ids.followupId)).toMatchObject({ officer: 'olivia.officer', status: 'pending' });
    expect((await send('GET /api/cases', home.supervisor, '/api/cases')).body).toContain(ids.caseId);
    const order = await send('GET /api/orders/{id}', home.police, `/api/orders/${ids.orderId}`);
    expect(JSON.parse(order.body)).toMatchObject({ version: 1, status: 'active', zone: 'ruppel', district: 'boom' });
    const alert = await send('GET /api/alerts/{id}', home.police, `/api/alerts/${ids.alertId}`);
    expect(JSON.parse(alert.body)).toMatchObject({ status: 'open', zone: 'ruppel' });
    // A supervisor of the zone sees every district's alerts; the police officer of the district acknowledges.
    expect((await send('GET /api/alerts/{id}', home.supervisor, `/api/alerts/${ids.alertId}`)).status).toBe(200);
    expect((await send('POST /api/alerts/{id}/acknowledge', home.police, `/api/alerts/${ids.alertId}/acknowledge`)).status).toBe(200);
  });
});

describe('authorization matrix through the local gateway (JWT authorizer + handler)', () => {
  let stack: LocalStack;
  let keys: IssuerKeys;
  let dataDir: string;
  const tokens = new Map<string, string>();
  const bad = new Map<string, string>();

  beforeAll(async () => {
    ({ stack, dataDir } = await startTestStack('matrix'));
    keys = await loadIssuerKeys(dataDir);
    const issuer = stack.issuer.url;
    for (const role of STAFF_ROLES) {
      // One user per role holding ONLY that role (some demo users hold several).
      tokens.set(
        role,
        await mintAccessToken(
          keys,
          {
            kind: 'user',
            user: {
              username: `matrix-${role}`,
              displayName: role,
              roles: [role],
              zone: 'ruppel',
              districts: ['boom'],
              ...(role === 'partner' ? { partner: 'vrouwenhulp-rupel' } : {}),
            },
          },
          { issuer },
        ),
      );
    }
    tokens.set('monitoring', await stack.issuer.tokenFor('monitoring'));
    const claims = {
      client_id: identity.localClients.staffConsole,
      token_use: 'access',
      username: 'matrix-all',
      'cognito:groups': [...STAFF_ROLES],
      scope: MONITORING_SCOPE,
    };
    const sign = (c: Record<string, unknown>, iss: string, key = keys.privateKey, exp: string | number = '10m', iat?: number) => {
      const jwt = new SignJWT(c).setProtectedHeader({ alg: 'RS256', kid: keys.kid }).setIssuer(iss).setSubject('matrix-all');
      (iat === undefined ? jwt.setIssuedAt() : jwt.setIssuedAt(iat)).setExpirationTime(exp);
      return jwt.sign(key);
    };
    const other = await generateKeyPair('RS256');
    bad.set('bad signature', await sign(claims, issuer, other.privateKey as never));
    bad.set('other issuer', await sign(claims, 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_other'));
    bad.set('wrong audience', await sign({ ...claims, client_id: 'someone-elses-client' }, issuer));
    const twoHoursAgo = Math.floor(Date.now() / 1000) - 7200;
    bad.set('expired', await sign(claims, issuer, keys.privateKey, twoHoursAgo + 3600, twoHoursAgo));
    bad.set('not a JWT', 'not-a-token');
  });

  afterAll(async () => {
    await stack?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  function call(r: RouteDecl, token?: string, path = concretePath(r), body?: unknown): Promise<Response> {
    const headers = new Headers();
    if (token) headers.set('authorization', `Bearer ${token}`);
    if (body !== undefined) headers.set('content-type', 'application/json');
    // Each route on the origin that serves it (staff and machine routes: the staff origin).
    return fetch(`${stack.urlFor(r.method, path)}${path}`, {
      method: r.method,
      headers,
      redirect: 'manual',
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
  }

  it.each(nonPublic.map((r) => [routeKey(r), r] as const))('%s', async (_key, r) => {
    expect((await call(r)).status, 'no token').toBe(401);
    for (const [why, token] of bad) expect((await call(r, token)).status, why).toBe(401);
    await expectRoles(r, async (who) => {
      const res = await call(r, tokens.get(who));
      return { status: res.status, body: await res.text() };
    });
  });

  it.each(publicRoutes.map((r) => [routeKey(r), r] as const))('%s stays public', async (_key, r) => {
    const res = await call(r);
    expect([401, 403]).not.toContain(res.status);
  });

  it.each(valid2xx)('$route answers 2xx to $role with valid input', async ({ route, role, path, body }) => {
    const r = routes.find((x) => routeKey(x) === route) as RouteDecl;
    const res = await call(r, tokens.get(role), path, body?.());
    expect(res.status, await res.clone().text()).toBeGreaterThanOrEqual(200);
    expect(res.status).toBeLessThan(300);
  });
});
