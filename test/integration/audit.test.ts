import { PutCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { ulid } from 'ulid';
import { describe, expect, it } from 'vitest';
import { handler as auditApi } from '../../functions/audit/handler.js';
import { handler as bookingsApi } from '../../functions/bookings/handler.js';
import { handler as casesApi } from '../../functions/cases/handler.js';
import { handler as catalogApi } from '../../functions/catalog/handler.js';
import { demoServices } from '../../infra/local/demo/catalog.js';
import { setClockOffset } from '../../functions/lib/clock.js';
import { handler as alertsApi } from '../../functions/alerts/handler.js';
import { handler as health } from '../../functions/health/handler.js';
import { handler as monitoring } from '../../functions/monitoring/handler.js';
import { handler as orders } from '../../functions/orders/handler.js';
import { auditPut, recordAudit } from '../../functions/lib/audit.js';
import { dynamo } from '../../functions/lib/clients.js';
import type { AuditRecord } from '../../shared/audit/api.js';
import { isPersonalField, PERSONAL_FIELDS } from '../../shared/personal-data.js';
import { STAFF_ROLES } from '../../shared/roles.js';
import { matchRoute, routes } from '../../shared/routes.js';
import { asTheAppSends } from '../support/booking-proof.js';
import { apiEvent, lambdaContext, staffClaims } from '../support/events.js';
import { invokeRoute } from '../support/invoke.js';
import { bookingBody } from '../support/bodies.js';
import { auditItems } from '../support/table.js';
import { monitoringClaims, orderBody, positionEvent } from './monitoring-support.js';

const TABLE = process.env.TABLE_NAME as string;
const police = staffClaims('paula.police', 'police');
const supervisor = staffClaims('sam.supervisor', 'supervisor', 'officer');
const coordinator = staffClaims('chris.coordinator', 'coordinator');

type Handler = typeof orders;
async function call(h: Handler, method: string, path: string, claims?: Record<string, string | string[]>, body?: unknown) {
  return invokeRoute(h, method, path, await asTheAppSends(method, path, { claims, body }));
}

async function trail(entity: string, id: string, claims = supervisor): Promise<AuditRecord[]> {
  const out: AuditRecord[] = [];
  let cursor: string | undefined;
  do {
    const res = await call(auditApi, 'GET', `/api/audit/${entity}/${id}?limit=3${cursor ? `&cursor=${cursor}` : ''}`, claims);
    expect(res.status).toBe(200);
    out.push(...(res.json.items as AuditRecord[]));
    cursor = res.json.nextCursor as string | undefined;
  } while (cursor);
  return out;
}

/** Every attribute name and value of an audit item, flattened. */
function flatten(item: Record<string, unknown>): { keys: string[]; values: string[] } {
  const keys: string[] = [];
  const values: string[] = [];
  JSON.stringify(item, (k, v) => {
    if (k) keys.push(k);
    if (typeof v === 'string' || typeof v === 'number') values.push(String(v));
    return v;
  });
  return { keys, values };
}

/** No attribute of the record is a personal field, and none of its values holds one of these personal values. */
function expectNothingPersonal(item: Record<string, unknown>, personal: string[]): void {
  const { keys, values } = flatten(item);
  for (const k of keys) expect(isPersonalField(k), `attribute ${k}`).toBe(false);
  for (const v of values) for (const p of personal) expect(v).not.toContain(p);
}

const withoutAuditReads = (items: AuditRecord[]) => items.filter((i) => i.action !== 'read-audit');
const summary = (items: AuditRecord[]) => items.map((i) => `${i.action} ${i.route} ${i.actor}`).sort();
/** The trail lists exactly these accesses (`action route actor`, in any order), its own reads left out. */
const expectAccesses = (items: AuditRecord[], expected: string[]) => expect(summary(withoutAuditReads(items))).toEqual([...expected].sort());

describe('audit trail of an order and its alerts, driven through the real handlers', () => {
  const flow = (async () => {
    const body = orderBody();
    const created = await call(orders, 'POST', '/api/orders', police, body);
    expect(created.status).toBe(201);
    const orderId = created.json.order.id as string;
    const protectionCode = created.json.protectionCode as string;
    expect((await call(orders, 'GET', `/api/orders/${orderId}`, police)).status).toBe(200);
    expect((await call(orders, 'GET', `/api/orders/${orderId}`, supervisor)).status).toBe(200);
    const changed = await call(orders, 'PUT', `/api/orders/${orderId}`, police, { expectedVersion: 1, order: { ...body, noContact: true } });
    expect(changed.status).toBe(200);
    expect((await call(orders, 'GET', `/api/orders/${orderId}/positions`, police)).status).toBe(200);

    // Drive the respondent's device into the home zone: alerts.
    const dev = body.respondentDeviceId;
    const events = [3000, 900, 100].map((m, i) => positionEvent(dev, new Date(Date.now() - (5 - i) * 60_000), m));
    expect((await call(monitoring, 'POST', '/api/monitoring/events', monitoringClaims, { events })).status).toBeLessThan(300);
    const list = await call(alertsApi, 'GET', `/api/alerts?district=${body.district}`, police);
    expect(list.status).toBe(200);
    const alertId = (list.json.alerts as { id: string }[])[0]?.id as string;
    expect(alertId).toMatch(/^AL-/);
    expect((await call(alertsApi, 'GET', `/api/alerts/${alertId}`, police)).status).toBe(200);
    expect((await call(alertsApi, 'POST', `/api/alerts/${alertId}/acknowledge`, police)).status).toBe(200);
    expect((await call(alertsApi, 'GET', `/api/alerts/${alertId}`, supervisor)).status).toBe(200);
    expect((await call(alertsApi, 'POST', `/api/alerts/${alertId}/resolve`, police, { outcome: 'intervened' })).status).toBe(200);
    expect((await call(orders, 'POST', `/api/orders/${orderId}/end`, police, { reason: 'lifted_by_court' })).status).toBe(200);
    return { body, orderId, alertId, protectionCode, events };
  })();

  it('lists every access to the order, newest first, with action, route and actor', async () => {
    const { orderId } = await flow;
    const items = await trail('order', orderId);
    // The caller's own read of the trail is recorded first (before the records are read).
    expect(items[0]).toMatchObject({
      action: 'read-audit',
      route: 'GET /api/audit/{entity}/{id}',
      actor: 'sam.supervisor',
      actorSub: 'sub-sam.supervisor',
      roles: ['supervisor', 'officer'],
    });
    expectAccesses(items, [
      'create POST /api/orders paula.police',
      'read GET /api/orders/{id} paula.police',
      'read GET /api/orders/{id} sam.supervisor',
      'update PUT /api/orders/{id} paula.police',
      'update POST /api/orders/{id}/end paula.police',
    ]);
    const times = items.map((i) => i.at);
    expect([...times].sort().reverse()).toEqual(times);
    expect(await trail('order-positions', orderId)).toEqual(
      expect.arrayContaining([expect.objectContaining({ action: 'read', route: 'GET /api/orders/{id}/positions', actor: 'paula.police' })]),
    );
  });

  it('lists every access to the alert', async () => {
    const { alertId, body } = await flow;
    expectAccesses(await trail('alert', alertId, coordinator), [
      'read GET /api/alerts/{id} paula.police',
      'acknowledge POST /api/alerts/{id}/acknowledge paula.police',
      'read GET /api/alerts/{id} sam.supervisor',
      'resolve POST /api/alerts/{id}/resolve paula.police',
    ]);
    expectAccesses(await trail('alerts', body.district), ['list GET /api/alerts paula.police']);
  });

  it('records reads of the trail itself, by whom', async () => {
    const { alertId } = await flow;
    const before = (await auditItems('alert', alertId)).filter((i) => i.action === 'read-audit').length;
    await call(auditApi, 'GET', `/api/audit/alert/${alertId}`, coordinator);
    const after = (await auditItems('alert', alertId)).filter((i) => i.action === 'read-audit');
    expect(after).toHaveLength(before + 1);
    expect(after.some((i) => i.actor === 'chris.coordinator')).toBe(true);
  });

  it('never carries personal data: no personal field names, no value used in the requests', async () => {
    const { orderId, alertId, body, protectionCode, events } = await flow;
    const personalValues = [
      body.protectedPersonRef,
      protectionCode,
      ...body.zones.flatMap((z) => [String(z.centre.lat), String(z.centre.lon)]),
      ...events.flatMap((e) => [String(e.lat), String(e.lon)]),
    ];
    const items = [
      ...(await auditItems('order', orderId)),
      ...(await auditItems('order-positions', orderId)),
      ...(await auditItems('alert', alertId)),
      ...(await auditItems('alerts', body.district)),
    ];
    expect(items.length).toBeGreaterThanOrEqual(12);
    for (const item of items) {
      expectNothingPersonal(item, personalValues);
      // Exactly the documented attributes.
      expect(Object.keys(item).sort()).toEqual([
        'action',
        'actor',
        'actorSub',
        'at',
        'entity',
        'entityId',
        'gsi1pk',
        'gsi1sk',
        'pk',
        'roles',
        'route',
        'sk',
        'type',
        // The actor's zone: who may read the record back (functions/audit).
        'zone',
      ]);
      expect(String(item.route)).toMatch(/^(GET|POST|PUT|PATCH|DELETE) \/api\/[a-z/{}-]+$/);
    }
    expect(PERSONAL_FIELDS.length).toBeGreaterThan(0);
  });

  it('pages with an opaque cursor and refuses a forged one', async () => {
    const { orderId } = await flow;
    const first = await call(auditApi, 'GET', `/api/audit/order/${orderId}?limit=2`, supervisor);
    expect(first.json.items).toHaveLength(2);
    const cursor = first.json.nextCursor as string;
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(cursor).not.toContain('AUDIT');
    const second = await call(auditApi, 'GET', `/api/audit/order/${orderId}?limit=2&cursor=${cursor}`, supervisor);
    expect(second.status).toBe(200);
    expect(second.json.items[0].at <= first.json.items[1].at).toBe(true);
    for (const bad of ['nope', Buffer.from(JSON.stringify({ v: 1, after: 'AUDIT#case#x' })).toString('base64url')]) {
      const res = await call(auditApi, 'GET', `/api/audit/order/${orderId}?cursor=${bad}`, supervisor);
      expect(res.status).toBe(400);
      expect(res.json.field).toBe('cursor');
    }
    for (const [path, field] of [
      [`/api/audit/order/${orderId}?limit=0`, 'limit'],
      [`/api/audit/order/${orderId}?limit=101`, 'limit'],
      [`/api/audit/order/${orderId}?sort=asc`, 'sort'],
      ['/api/audit/Order%20X/1', 'entity'],
      ['/api/audit/order/a%20b', 'id'],
      ['/api/audit/order/x%23y', 'id'],
    ] as const) {
      const res = await call(auditApi, 'GET', path, supervisor);
      expect(res.status, path).toBe(400);
      expect(res.json.field, path).toBe(field);
    }
  });

  it('is only for coordinators and supervisors', async () => {
    const { orderId } = await flow;
    for (const role of STAFF_ROLES) {
      const res = await call(auditApi, 'GET', `/api/audit/order/${orderId}`, staffClaims(`u-${role}`, role));
      expect(res.status, role).toBe(role === 'coordinator' || role === 'supervisor' ? 200 : 403);
    }
    expect((await call(auditApi, 'GET', `/api/audit/order/${orderId}`)).status).toBe(401);
    expect((await call(auditApi, 'GET', `/api/audit/order/${orderId}`, monitoringClaims)).status).toBe(403);
  });
});

describe('audit trail of cases, follow-ups and staff booking reads', () => {
  it('lists every open, read, change and follow-up completion of a case, without personal data', async () => {
    const olivia = staffClaims('olivia.officer', 'officer');
    const victimRef = `V-AUDIT-${Date.now()}`;
    // Zone Ruppel: the follow-up is reassigned below to one of its officers.
    const opened = await call(casesApi, 'POST', '/api/cases', olivia, {
      victimRef,
      zone: 'ruppel',
      interventionDate: '2026-01-10',
      kind: 'both',
      children: false,
      substanceAbuse: false,
    });
    expect(opened.status).toBe(201);
    const caseId = opened.json.id as string;
    const followupId = opened.json.followups[0].id as string;
    expect((await call(casesApi, 'GET', `/api/cases/${caseId}`, olivia)).status).toBe(200);
    expect((await call(casesApi, 'GET', `/api/cases/${caseId}`, supervisor)).status).toBe(200);
    expect((await call(casesApi, 'PATCH', `/api/cases/${caseId}`, olivia, { fjcIntroduction: 'offered' })).status).toBe(200);
    expect((await call(casesApi, 'POST', `/api/cases/${caseId}/followups/${followupId}/complete`, olivia, { outcome: 'reached' })).status).toBe(200);
    expect(
      (await call(casesApi, 'POST', `/api/cases/${caseId}/followups/${opened.json.followups[1].id}/reassign`, supervisor, { officer: 'omar.officer' })).status,
    ).toBe(200);

    expectAccesses(await trail('case', caseId), [
      'create POST /api/cases olivia.officer',
      'read GET /api/cases/{id} olivia.officer',
      'read GET /api/cases/{id} sam.supervisor',
      'update PATCH /api/cases/{id} olivia.officer',
      'complete POST /api/cases/{id}/followups/{followupId}/complete olivia.officer',
      'update POST /api/cases/{id}/followups/{followupId}/reassign sam.supervisor',
    ]);
    for (const raw of await auditItems('case', caseId)) expectNothingPersonal(raw, [victimRef]);
  });
  it("lists every coordinator read of a booking's needs and safe contact, and each confirm/attendance", async () => {
    const serviceId = `audit-svc-${Date.now().toString(36)}`;
    const { id: _id, ...base } = demoServices[0]!;
    const allDay = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start: '00:00', end: '23:55' }));
    const svc = {
      ...base,
      id: serviceId,
      zone: 'audit-test',
      demo: false,
      leadHours: 0,
      closures: [],
      openingRules: allDay,
      slotMinutes: 30,
      bufferMinutes: 0,
    };
    expect((await call(catalogApi, 'POST', '/api/services', coordinator, svc)).status).toBe(201);
    const slots = await call(bookingsApi, 'GET', `/api/services/${serviceId}/slots`);
    const slot = (slots.json.slots as { start: string; date: string }[])[2]!;
    const secret = { alias: 'Zora', phone: '+32 470 99 88 77', codeWord: 'magnolia', accessibility: 'Hearing loop' };
    const made = await call(
      bookingsApi,
      'POST',
      '/api/bookings',
      undefined,
      bookingBody(serviceId, slot.start, secret, { language: 'fr', interpreter: true, childcare: false }),
    );
    expect(made.status).toBe(201);
    const ref = made.json.reference as string;
    // The victim's own reads (reference + PIN) are not staff access: not audited.
    const victim = await bookingsApi(apiEvent({ method: 'GET', path: `/api/bookings/${ref}`, headers: { 'x-booking-pin': made.json.pin } }), lambdaContext());
    expect(victim.statusCode).toBe(200);
    expect((await call(bookingsApi, 'GET', `/api/staff/bookings?serviceId=${serviceId}&date=${slot.date}`, coordinator)).status).toBe(200);
    expect((await call(bookingsApi, 'GET', `/api/staff/bookings/${ref}`, coordinator)).status).toBe(200);
    expect((await call(bookingsApi, 'POST', `/api/staff/bookings/${ref}/confirm`, coordinator, {})).status).toBe(200);
    try {
      setClockOffset(Date.parse(slot.start) - Date.now() + 60_000);
      expect((await call(bookingsApi, 'POST', `/api/staff/bookings/${ref}/attendance`, coordinator, { attended: true })).status).toBe(200);
    } finally {
      setClockOffset(0);
    }
    expectAccesses(await trail('booking', ref, coordinator), [
      'list GET /api/staff/bookings chris.coordinator',
      'read GET /api/staff/bookings/{reference} chris.coordinator',
      'update POST /api/staff/bookings/{reference}/confirm chris.coordinator',
      'update POST /api/staff/bookings/{reference}/attendance chris.coordinator',
    ]);
    for (const item of await auditItems('booking', ref)) expectNothingPersonal(item, Object.values(secret));
  });
});

describe('audit records cannot be altered', () => {
  it('no route of the table writes, changes or deletes them: only GET reaches /api/audit', () => {
    const auditRoutes = routes.filter((r) => r.path.startsWith('/api/audit') || r.function === 'audit');
    expect(auditRoutes.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /api/audit/{entity}/{id}']);
    for (const method of ['POST', 'PUT', 'PATCH', 'DELETE']) {
      expect(matchRoute(method, '/api/audit/case/C1')).toEqual({ kind: 'method-not-allowed', allowed: ['GET'] });
      expect(matchRoute(method, '/api/audit/case')).toEqual({ kind: 'not-found' });
    }
  });

  it('a write attempt through the API is 405 (gateway fallback) or 404 (undeclared route key)', async () => {
    for (const method of ['POST', 'PUT', 'PATCH', 'DELETE']) {
      const viaFallback = await health(
        apiEvent({ method, path: '/api/audit/order/RO-1', routeKey: '$default', claims: supervisor, body: { action: 'read' } }),
        lambdaContext(),
      );
      expect(viaFallback.statusCode).toBe(405);
      const forged = await auditApi(
        apiEvent({ method, path: '/api/audit/order/RO-1', routeKey: `${method} /api/audit/{entity}/{id}`, claims: supervisor, body: {} }),
        lambdaContext(),
      );
      expect(forged.statusCode).toBe(404);
    }
  });

  it('an existing record cannot be overwritten, even by code that tries: every write is conditional on a new key', async () => {
    const id = `X${ulid()}`;
    const principal = { sub: 's', username: 'u', roles: ['supervisor' as const], scopes: [], clientId: undefined };
    const at = new Date();
    await recordAudit(dynamo, TABLE, { entity: 'case', entityId: id, action: 'read', route: 'GET /api/cases/{id}', principal, at });
    const [existing] = await auditItems('case', id);
    const put = auditPut(TABLE, { entity: 'case', entityId: id, action: 'delete', route: 'GET /api/cases/{id}', principal, at });
    put.Put.Item = { ...put.Put.Item, sk: existing?.sk };
    await expect(dynamo.send(new TransactWriteCommand({ TransactItems: [put] }))).rejects.toThrow(/cancel|condition/i);
    await expect(
      dynamo.send(new PutCommand({ TableName: TABLE, Item: { ...existing, action: 'delete' }, ConditionExpression: put.Put.ConditionExpression })),
    ).rejects.toThrow(/condition/i);
    expect(await auditItems('case', id)).toEqual([existing]);
    // In AWS, IAM also denies UpdateItem/DeleteItem/BatchWriteItem on AUDIT# keys for every function
    // (asserted in test/infra/stateless.test.ts); DynamoDB Local has no IAM, so that part is not testable here.
  });

  it('refuses an entity id that is not an opaque id (a guard against personal data in keys)', async () => {
    const principal = { sub: 's', username: 'u', roles: [], scopes: [], clientId: undefined };
    await expect(recordAudit(dynamo, TABLE, { entity: 'case', entityId: 'Jane Doe', action: 'read', route: 'x', principal, at: new Date() })).rejects.toThrow(
      /opaque/,
    );
    expect(() => auditPut(TABLE, { entity: 'case', entityId: 'a@b.be', action: 'read', route: 'x', principal, at: new Date() })).toThrow();
  });
});
