import { beforeAll, describe, expect, it } from 'vitest';
import { handler } from '../../functions/catalog/handler.js';
import { demoContactPoints, demoServices, seedCatalog } from '../../infra/local/demo/catalog.js';
import { seedDemoData } from '../../infra/local/seed.js';
import { contactPointInputSchema, serviceInputSchema } from '../../shared/catalog/schemas.js';
import type { JWTPayload } from 'jose';
import { invokeRoute, staffToken } from '../support/invoke.js';
import { auditItems } from '../support/table.js';

const TABLE = process.env.TABLE_NAME as string;
const coordinator = staffToken('chris.coordinator', 'coordinator');
const officer = staffToken('olivia.officer', 'officer');

const call = (method: string, path: string, claims?: JWTPayload, body?: unknown) => invokeRoute(handler, method, path, { claims, body });
const auditActions = async (entity: string, id: string) => (await auditItems(entity, id)).map((i) => `${i.action} ${i.actor}`);

const { id: _id, ...legal } = demoServices[0]!;
const newService = (id: string, over: Record<string, unknown> = {}) => ({ ...legal, id, demo: false, ...over });

beforeAll(async () => {
  const report = await seedDemoData({ tableName: TABLE, modules: [{ name: 'catalog', run: seedCatalog }] });
  expect([...report.seeded, ...report.alreadySeeded]).toContain('catalog');
});

describe('public catalogue', () => {
  it("lists the seeded Zone Ruppel services, each valid against the coordinators' schema", async () => {
    const res = await call('GET', '/api/services');
    expect(res.status).toBe(200);
    const ids = res.json.services.map((s: { id: string }) => s.id);
    for (const s of demoServices) expect(ids).toContain(s.id);
    for (const s of res.json.services.filter((x: { demo: boolean }) => x.demo)) {
      const { id: _i, ...input } = s;
      expect(serviceInputSchema.safeParse(input).success, s.id).toBe(true);
      expect(s.pk).toBeUndefined();
      expect(s.updatedBy).toBeUndefined();
    }
    const course = res.json.services.find((s: { id: string }) => s.id === 'self-defence-course');
    expect(course.capacity).toBeGreaterThan(1);
  });

  it('one service by id; 404 for an unknown one; 400 for a malformed id', async () => {
    expect(await call('GET', '/api/services/counselling')).toMatchObject({
      status: 200,
      json: { id: 'counselling', partner: 'CAW Boom Mechelen Lier', name: { nl: 'Psychologische begeleiding' } },
    });
    expect((await call('GET', '/api/services/no-such-service')).status).toBe(404);
    expect(await call('GET', '/api/services/Not%20A%20Slug')).toMatchObject({ status: 400, json: { field: 'id' } });
  });

  it('lists contact points in order, emergency lines first, 1712 / CAW / 101 / 112 among them', async () => {
    const res = await call('GET', '/api/contact-points');
    expect(res.status).toBe(200);
    const points = res.json.contactPoints as { id: string; phone?: string; order: number }[];
    expect(points.slice(0, 4).map((p) => p.phone)).toEqual(['112', '101', '1712', '0800 30 030']);
    expect(points.map((p) => p.id)).toContain('caw');
    expect(points.map((p) => p.order)).toEqual([...points.map((p) => p.order)].sort((a, b) => a - b));
    for (const p of demoContactPoints) {
      const { id: _i, ...input } = p;
      expect(contactPointInputSchema.safeParse(input).success, p.id).toBe(true);
    }
  });
});

describe('coordinators keep the catalogue (validated, audited)', () => {
  const id = `test-service-${Date.now()}`;

  it('adds a service (201, audited), refuses a second with the same id (409)', async () => {
    const res = await call('POST', '/api/services', coordinator, newService(id));
    expect(res.status).toBe(201);
    expect(res.json).toMatchObject({ id, capacity: 1 });
    expect((await call('POST', '/api/services', coordinator, newService(id))).status).toBe(409);
    expect(await auditActions('service', id)).toEqual(['create chris.coordinator']);
  });

  it('changes a service with PUT (the staff editor sends the GET shape without id)', async () => {
    const { json: current } = await call('GET', `/api/services/${id}`);
    const { id: _i, ...body } = current;
    const res = await call('PUT', `/api/services/${id}`, coordinator, {
      ...body,
      capacity: 4,
      closures: [{ from: '2031-01-01', to: '2031-01-02', reason: 'Team day' }],
    });
    expect(res).toMatchObject({ status: 200, json: { id, capacity: 4 } });
    expect((await call('GET', `/api/services/${id}`)).json).toMatchObject({ capacity: 4, closures: [{ from: '2031-01-01', to: '2031-01-02' }] });
    expect(await auditActions('service', id)).toContain('update chris.coordinator');
    expect((await call('PUT', '/api/services/not-there', coordinator, body)).status).toBe(404);
  });

  it('answers 400 naming the field, and writes nothing', async () => {
    const bad = async (over: Record<string, unknown>) => (await call('POST', '/api/services', coordinator, newService(`bad-${Date.now()}`, over))).json.field;
    expect(await bad({ slotMinutes: 5 })).toBe('slotMinutes');
    expect(await bad({ capacity: 0 })).toBe('capacity');
    expect(await bad({ openingRules: [{ weekday: 8, start: '09:00', end: '10:00' }] })).toBe('openingRules.0.weekday');
    expect(await bad({ openingRules: [{ weekday: 1, start: '10:00', end: '09:00' }] })).toBe('openingRules.0.end');
    expect(await bad({ openingRules: [{ weekday: 1, start: '09:00', end: '09:20' }], slotMinutes: 30 })).toBe('openingRules');
    expect(await bad({ closures: [{ from: '2031-02-30', to: '2031-03-01' }] })).toBe('closures.0.from');
    expect(await bad({ name: { fr: 'Sans néerlandais' } })).toBe('name.nl');
    expect(await bad({ secretNotes: 'x' })).toBe('secretNotes');
    expect(await bad({ id: 'Bad Id' })).toBe('id');
    const services = (await call('GET', '/api/services')).json.services as { id: string }[];
    expect(services.filter((s) => s.id.startsWith('bad-'))).toEqual([]);
  });

  it('other roles and anonymous callers cannot write', async () => {
    expect((await call('POST', '/api/services', officer, newService(`x-${Date.now()}`))).status).toBe(403);
    expect((await call('PUT', `/api/services/${id}`, undefined, newService(id))).status).toBe(401);
  });

  it('adds, changes and removes a contact point', async () => {
    const cid = `test-point-${Date.now()}`;
    const body = {
      id: cid,
      kind: 'housing',
      name: { nl: 'Testpunt' },
      description: { nl: 'Test' },
      phone: '+32 3 000 00 99',
      alwaysOpen: false,
      openingRules: [{ weekday: 1, start: '09:00', end: '12:00' }],
      languages: ['nl'],
    };
    expect((await call('POST', '/api/contact-points', coordinator, body)).status).toBe(201);
    expect(await call('POST', '/api/contact-points', coordinator, { ...body, id: `${cid}-2`, phone: 'call me' })).toMatchObject({
      status: 400,
      json: { field: 'phone' },
    });
    expect(await call('POST', '/api/contact-points', coordinator, { ...body, id: `${cid}-3`, phone: undefined })).toMatchObject({
      status: 400,
      json: { field: 'phone' },
    });
    const { id: _c, ...change } = body;
    expect(await call('PUT', `/api/contact-points/${cid}`, coordinator, { ...change, alwaysOpen: true })).toMatchObject({
      status: 200,
      json: { alwaysOpen: true, free: false },
    });
    expect((await call('GET', '/api/contact-points')).json.contactPoints.find((p: { id: string }) => p.id === cid)).toMatchObject({ alwaysOpen: true });
    expect((await call('DELETE', `/api/contact-points/${cid}`, coordinator)).status).toBe(204);
    expect((await call('DELETE', `/api/contact-points/${cid}`, coordinator)).status).toBe(404);
    expect(await auditActions('contact-point', cid)).toEqual(['create chris.coordinator', 'update chris.coordinator', 'delete chris.coordinator']);
  });
});
