import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { handler as bookings } from '../../functions/bookings/handler.js';
import { handler as catalog } from '../../functions/catalog/handler.js';
import { dynamo } from '../../functions/lib/clients.js';
import { SEALED_ATTRIBUTE } from '../../shared/personal-data.js';
import { asTheAppSends } from '../support/booking-proof.js';
import { bookingBody, SAM } from '../support/bodies.js';
import { invokeRoute, staffToken, type InvokeOptions } from '../support/invoke.js';
import { allDayService } from '../support/services.js';
import { opened } from '../support/sealed.js';
import { auditItems } from '../support/table.js';
import { call, caseBody, caseItems, freshZone, staffIn, TABLE } from './cases-support.js';

/**
 * Her booking's contact choices reach a case only with her consent, given in the booking and
 * withdrawable from "my appointment": without it (or once withdrawn, or the booking cancelled) the
 * officer gets the same 404 as for an unknown reference and nothing is copied; with it they are
 * copied, sealed with the case, audited on both, and listed with her follow-ups.
 */
const run = Date.now().toString(36);
const serviceId = `contact-${run}`;
const coordinator = staffToken('chris.coordinator', 'coordinator');
let slot = '';

const bookingsApi = async (method: string, path: string, opts: InvokeOptions = {}) =>
  invokeRoute(bookings, method, path, await asTheAppSends(method, path, opts));
const withPin = (pin: string, body?: unknown) => ({ headers: { 'x-booking-pin': pin }, ...(body === undefined ? {} : { body }) });

async function book(shareWithPolice: boolean | undefined) {
  const extra = shareWithPolice === undefined ? {} : { shareWithPolice };
  const res = await bookingsApi('POST', '/api/bookings', { body: bookingBody(serviceId, slot, SAM, { language: 'ar', interpreter: true, ...extra }) });
  expect(res.status, JSON.stringify(res.json)).toBe(201);
  return res.json as { reference: string; pin: string };
}

async function openCase() {
  const zone = freshZone();
  const people = staffIn(zone);
  const res = await call('POST', '/api/cases', people.olivia, caseBody(zone));
  expect(res.status).toBe(201);
  return { ...people, c: res.json as { id: string; version: number } };
}

const takeOver = (id: string, token: Parameters<typeof call>[2], body: unknown) => call('POST', `/api/cases/${id}/safe-contact/from-booking`, token, body);

beforeAll(async () => {
  const created = await invokeRoute(catalog, 'POST', '/api/services', { claims: coordinator, body: allDayService(serviceId, 'ruppel', 100) });
  expect(created.status).toBe(201);
  const slots = await bookingsApi('GET', `/api/services/${serviceId}/slots`);
  slot = (slots.json.slots as { start: string; remaining: number }[]).filter((s) => s.remaining > 0)[3]!.start;
});

describe("her booking's contact choices, taken over into a case", () => {
  it('without her consent (the default): 404 as for an unknown reference, and nothing is copied', async () => {
    const { reference } = await book(undefined);
    const { olivia, c } = await openCase();
    const refused = await takeOver(c.id, olivia, { reference });
    const unknown = await takeOver(c.id, olivia, { reference: 'ZZZZ-ZZZZ' });
    expect(refused.status).toBe(404);
    expect(unknown.status).toBe(404);
    expect(refused.json).toEqual(unknown.json);
    const read = await call('GET', `/api/cases/${c.id}`, olivia);
    expect(read.json.version).toBe(c.version);
    expect(read.json.safeContact).toBeUndefined();
    expect(read.json.bookingRefs).toEqual([]);
    expect(await auditItems('booking', reference)).toHaveLength(0);
  });

  it('with her consent: copied (language and interpreter too), sealed with the case, audited on the booking and the case, on her cards', async () => {
    const { reference } = await book(true);
    const { olivia, c } = await openCase();
    const res = await takeOver(c.id, olivia, { reference: reference.toLowerCase(), expectedVersion: c.version });
    expect(res.status, JSON.stringify(res.json)).toBe(200);
    expect(res.json.safeContact).toEqual({
      mayCall: true,
      phone: SAM.phone,
      windows: [{ days: [1, 2], start: '10:00', end: '12:00' }],
      voicemail: false,
      codeWord: SAM.codeWord,
      language: 'ar',
      interpreter: true,
      fromBooking: reference,
      setBy: 'olivia.officer',
      setAt: expect.any(String),
    });
    expect(res.json.bookingRefs).toEqual([reference]);

    const [stored] = (await caseItems(c.id)).filter((i) => i.sk === 'CASE');
    expect(stored?.safeContact).toBeUndefined();
    expect(stored?.[SEALED_ATTRIBUTE]).toBeDefined();
    expect(JSON.stringify(stored)).not.toContain(SAM.codeWord);
    expect((await opened(stored))?.safeContact).toMatchObject({ codeWord: SAM.codeWord, fromBooking: reference });

    expect((await auditItems('booking', reference)).map((a) => a.action)).toEqual(['read']);
    expect((await auditItems('case', c.id)).map((a) => a.action)).toContain('take-over-safe-contact');
    const cards = await call('GET', '/api/followups', olivia);
    expect(cards.json.safeContacts[c.id]).toMatchObject({ codeWord: SAM.codeWord, phone: SAM.phone });
  });

  it('her consent is sealed with the booking, and she changes her choices and withdraws it from "my appointment"; then it is refused', async () => {
    const { reference, pin } = await book(true);
    const item = (await dynamo.send(new GetCommand({ TableName: TABLE, Key: { pk: `BOOKING#${reference}`, sk: 'BOOKING' }, ConsistentRead: true }))).Item;
    expect(item?.shareWithPolice).toBeUndefined();
    expect((await opened(item))?.shareWithPolice).toBe(true);

    const changed = await bookingsApi(
      'PUT',
      `/api/bookings/${reference}/contact`,
      withPin(pin, { safeContact: { mayContact: false, method: 'none' }, interpreter: false, shareWithPolice: true }),
    );
    expect(changed.status, JSON.stringify(changed.json)).toBe(200);
    expect(changed.json).toMatchObject({ shareWithPolice: true, interpreter: false, safeContact: { mayContact: false, method: 'none' } });
    const { olivia, c } = await openCase();
    const copied = await takeOver(c.id, olivia, { reference });
    expect(copied.json.safeContact).toMatchObject({ mayCall: false, windows: [], voicemail: false, interpreter: false });
    expect(copied.json.safeContact.phone).toBeUndefined();

    const withdrawn = await bookingsApi(
      'PUT',
      `/api/bookings/${reference}/contact`,
      withPin(pin, { safeContact: bookingBody(serviceId, slot).safeContact, shareWithPolice: false }),
    );
    expect(withdrawn.json.shareWithPolice).toBe(false);
    const again = await openCase();
    expect((await takeOver(again.c.id, again.olivia, { reference })).status).toBe(404);
    expect((await call('GET', `/api/cases/${again.c.id}`, again.olivia)).json.safeContact).toBeUndefined();
  });

  it('a cancelled booking is refused, and so is a change of its choices', async () => {
    const { reference, pin } = await book(true);
    expect((await bookingsApi('POST', `/api/bookings/${reference}/cancel`, withPin(pin))).status).toBe(200);
    const { olivia, c } = await openCase();
    expect((await takeOver(c.id, olivia, { reference })).status).toBe(404);
    const change = await bookingsApi('PUT', `/api/bookings/${reference}/contact`, withPin(pin, { safeContact: { mayContact: false }, shareWithPolice: true }));
    expect(change).toMatchObject({ status: 409, json: { field: 'status' } });
  });

  it('her change needs her PIN and a well-formed body', async () => {
    const { reference, pin } = await book(false);
    expect(
      (await bookingsApi('PUT', `/api/bookings/${reference}/contact`, withPin('000000', { safeContact: { mayContact: false }, shareWithPolice: true }))).status,
    ).toBe(404);
    const bad = await bookingsApi('PUT', `/api/bookings/${reference}/contact`, withPin(pin, { safeContact: { mayContact: false } }));
    expect(bad).toMatchObject({ status: 400, json: { field: 'shareWithPolice' } });
    const view = await bookingsApi('GET', `/api/bookings/${reference}`, withPin(pin));
    expect(view.json.shareWithPolice).toBe(false);
  });

  it('only the case officer or a supervisor takes them over; another officer, another zone and other roles cannot', async () => {
    const { reference } = await book(true);
    const { olivia, omar, sam, c } = await openCase();
    expect((await takeOver(c.id, omar, { reference })).status).toBe(403);
    expect((await takeOver(c.id, staffIn(freshZone()).sam, { reference })).status).toBe(404);
    expect((await takeOver(c.id, staffToken('chris.coordinator', 'coordinator'), { reference })).status).toBe(403);
    expect((await takeOver(c.id, undefined, { reference })).status).toBe(401);
    expect((await takeOver(c.id, olivia, { reference: 'not a ref!' })).status).toBe(400);
    const bySupervisor = await takeOver(c.id, sam, { reference });
    expect(bySupervisor.status).toBe(200);
    expect(bySupervisor.json.safeContact.setBy).toBe('sam.supervisor');
  });
});
