import { PutCommand } from '@aws-sdk/lib-dynamodb';
import type { JWTPayload } from 'jose';
import { describe, expect, it } from 'vitest';
import { handler as bookings } from '../../functions/bookings/handler.js';
import { handler } from '../../functions/catalog/handler.js';
import { contactPointItem, serviceItem } from '../../functions/catalog/repository.js';
import { dynamo } from '../../functions/lib/clients.js';
import { demoServices } from '../../infra/local/demo/catalog.js';
import type { ContactPoint, Service } from '../../shared/catalog/types.js';
import { asTheAppSends } from '../support/booking-proof.js';
import { bookingBody } from '../support/bodies.js';
import { allDayService } from '../support/services.js';
import { clearInbox, waitForMessages } from '../support/sns-inbox.js';
import { invokeRoute, staffToken } from '../support/invoke.js';
import { auditItems } from '../support/table.js';

/**
 * A shelter's or safe house's address leads to her: a confidential place has none in the public API
 * (so none in the victim app's offline copy either), the schemas refuse one unless a coordinator
 * publishes it on purpose (audited as such), and an item stored with one is still shown without it.
 */
const TABLE = process.env.TABLE_NAME as string;
const coordinator = staffToken('chris.coordinator', 'coordinator');
const call = (method: string, path: string, claims?: JWTPayload, body?: unknown) => invokeRoute(handler, method, path, { claims, body });
const uid = () => Math.random().toString(36).slice(2, 10);
const SECRET = 'Geheime straat 7, 2850 Boom';

const shelter = (id: string, over: Record<string, unknown> = {}) => ({
  id,
  kind: 'shelter',
  name: { nl: 'Opvang (test)' },
  description: { nl: 'Veilige opvang' },
  phone: '+32 3 000 00 99',
  alwaysOpen: true,
  languages: ['nl'],
  order: 998,
  ...over,
});

async function listed(id: string): Promise<ContactPoint | undefined> {
  const res = await call('GET', '/api/contact-points');
  expect(res.status).toBe(200);
  return (res.json.contactPoints as ContactPoint[]).find((c) => c.id === id);
}

const auditActions = async (id: string): Promise<string[]> => (await auditItems('contact-point', id)).map((i) => String(i.action));

describe('confidential places', () => {
  it('a shelter is confidential by its kind: an address is refused, naming the field, and nothing is stored', async () => {
    const id = `shelter-${uid()}`;
    const refused = await call('POST', '/api/contact-points', coordinator, shelter(id, { address: SECRET }));
    expect(refused).toMatchObject({ status: 400, json: { field: 'address' } });
    expect(await listed(id)).toBeUndefined();

    const created = await call('POST', '/api/contact-points', coordinator, shelter(id));
    expect(created.status, JSON.stringify(created.json)).toBe(201);
    expect(await listed(id)).toMatchObject({ id, confidential: true, phone: '+32 3 000 00 99' });
    expect(await listed(id)).not.toHaveProperty('address');
  });

  it('a coordinator can publish a public office address of such a kind only on purpose, audited as that', async () => {
    const id = `shelter-office-${uid()}`;
    const created = await call('POST', '/api/contact-points', coordinator, shelter(id, { address: 'Kantoor 1, 2850 Boom', confidential: false }));
    expect(created.status, JSON.stringify(created.json)).toBe(201);
    expect(await listed(id)).toMatchObject({ confidential: false, address: 'Kantoor 1, 2850 Boom' });
    expect(await auditActions(id)).toEqual(['publish-confidential-address']);
  });

  it('any kind can be marked confidential; its address is then refused as well', async () => {
    const id = `safe-house-${uid()}`;
    const refused = await call('POST', '/api/contact-points', coordinator, shelter(id, { kind: 'victim-support', confidential: true, address: SECRET }));
    expect(refused).toMatchObject({ status: 400, json: { field: 'address' } });
  });

  it('a confidential service says how she will be met, never where the place is', async () => {
    const { id: _id, ...base } = demoServices[0]!;
    const id = `safe-intake-${uid()}`;
    const withAddress = await call('POST', '/api/services', coordinator, {
      ...base,
      id,
      demo: false,
      confidential: true,
      location: { label: 'We meet you at the FJC reception', address: SECRET },
    });
    expect(withAddress.status).toBe(400);
    expect(String(withAddress.json.field)).toContain('address');
    const ok = await call('POST', '/api/services', coordinator, {
      ...base,
      id,
      demo: false,
      confidential: true,
      location: { label: 'We meet you at the FJC reception' },
    });
    expect(ok.status, JSON.stringify(ok.json)).toBe(201);
    const shown = await call('GET', `/api/services/${id}`);
    expect(shown.json).toMatchObject({ confidential: true, location: { label: 'We meet you at the FJC reception' } });
    expect(JSON.stringify(shown.json)).not.toContain('Geheime');
    // An ordinary service still has to say where to go.
    const noWhere = await call('POST', '/api/services', coordinator, { ...base, id: `plain-${uid()}`, demo: false, location: { label: 'FJC' } });
    expect(noWhere.status).toBe(400);
    expect(String(noWhere.json.field)).toContain('address');
  });

  it('an item stored with an address before the rule (or by hand) is still listed without it', async () => {
    const id = `legacy-shelter-${uid()}`;
    const { confidential: _c, ...legacy } = {
      ...shelter(id),
      address: SECRET,
      openingRules: [],
      free: false,
      anonymous: false,
      emergencyLine: false,
      demo: false,
      confidential: true,
    } as ContactPoint;
    await dynamo.send(new PutCommand({ TableName: TABLE, Item: contactPointItem(legacy as ContactPoint, 'hand', new Date().toISOString()) }));
    const res = await call('GET', '/api/contact-points');
    expect(JSON.stringify(res.json)).not.toContain('Geheime');
    expect((res.json.contactPoints as ContactPoint[]).find((c) => c.id === id)).toMatchObject({ confidential: true });
  });

  it("no SNS message names a confidential place's address: a booking of one (stored with an address by hand) tells the partner reference, service and time only", async () => {
    const id = `safe-house-${uid()}`;
    const service = { ...allDayService(id, 'ruppel', 5), confidential: true, location: { label: 'Met at the FJC reception', address: SECRET } } as Service;
    await dynamo.send(new PutCommand({ TableName: TABLE, Item: serviceItem(service, 'hand', new Date().toISOString()) }));
    await clearInbox();
    const slots = await invokeRoute(bookings, 'GET', `/api/services/${id}/slots`);
    const start = (slots.json.slots as { start: string; remaining: number }[]).find((x) => x.remaining > 0)!.start;
    const made = await invokeRoute(bookings, 'POST', '/api/bookings', await asTheAppSends('POST', '/api/bookings', { body: bookingBody(id, start) }));
    expect(made.status, JSON.stringify(made.json)).toBe(201);
    const reference = made.json.reference as string;
    const [message] = await waitForMessages((m) => m.some((x) => x.subject?.includes(reference)), { topic: 'partnerIntake' });
    expect(message, 'the partner was told').toBeDefined();
    const sent = JSON.stringify(message);
    for (const secret of ['Geheime', '2850 Boom', 'Met at the FJC reception']) expect(sent).not.toContain(secret);
    expect(JSON.stringify((await call('GET', `/api/services/${id}`)).json)).not.toContain('Geheime');
  });
});
