import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { handler as bookings } from '../../functions/bookings/handler.js';
import { AVAILABILITY_WINDOW_MINUTES } from '../../functions/bookings/use-cases.js';
import { handler as catalog } from '../../functions/catalog/handler.js';
import { allDayService } from '../support/services.js';
import { dynamo } from '../../functions/lib/clients.js';
import { setClockOffset } from '../../functions/lib/clock.js';
import { statsKey } from '../../functions/lib/stats.js';
import { isPersonalField } from '../../shared/personal-data.js';
import { monthOf } from '../../shared/metrics.js';
import { opened } from '../support/sealed.js';
import { bookingBody, SAM } from '../support/bodies.js';
import { auditItems, itemsOf } from '../support/table.js';
import { invokeRoute, staffToken, type InvokeOptions, type Invocation } from '../support/invoke.js';
import { asTheAppSends } from '../support/booking-proof.js';
import { clearInbox, waitForMessages } from '../support/sns-inbox.js';

const TABLE = process.env.TABLE_NAME as string;
const coordinator = staffToken('chris.coordinator', 'coordinator');
const officer = staffToken('olivia.officer', 'officer');
const run = Date.now().toString(36);
const zone = `test-${run}`;

type Res = Invocation;
async function call(h: typeof bookings, method: string, path: string, opts: InvokeOptions = {}): Promise<Res> {
  return invokeRoute(h, method, path, await asTheAppSends(method, path, opts));
}
const api = (method: string, path: string, opts: Parameters<typeof call>[3] = {}) => call(bookings, method, path, opts);
const withPin = (pin: string) => ({ headers: { 'x-booking-pin': pin } });

/** A service open every day, all day, so the tests find slots whatever the hour. */
async function makeService(id: string, capacity: number): Promise<void> {
  const res = await call(catalog, 'POST', '/api/services', { claims: coordinator, body: allDayService(id, zone, capacity) });
  expect(res.status).toBe(201);
}
/**
 * Slots with a place left, as the public list shows them once this quarter hour's changes count
 * (availability moves at quarter-hour boundaries; the clock is moved just past the next one).
 */
async function slots(serviceId: string, query = ''): Promise<{ start: string; end: string; date: string; remaining: number }[]> {
  const windowMs = AVAILABILITY_WINDOW_MINUTES * 60_000;
  setClockOffset((Math.floor(Date.now() / windowMs) + 1) * windowMs - Date.now() + 1_000);
  try {
    const res = await api('GET', `/api/services/${serviceId}/slots${query}`);
    expect(res.status).toBe(200);
    return (res.json.slots as { remaining: number }[]).filter((s) => s.remaining > 0) as never;
  } finally {
    setClockOffset(0);
  }
}
const booking = (serviceId: string, start: string, over: Record<string, unknown> = {}) => bookingBody(serviceId, start, SAM, over);
async function raw(pk: string, sk: string) {
  return (await dynamo.send(new GetCommand({ TableName: TABLE, Key: { pk, sk }, ConsistentRead: true }))).Item;
}
async function counts(at: Date) {
  return (await raw(statsKey(monthOf(at), zone).pk, 'COUNTS')) ?? {};
}
const auditOf = (reference: string) => auditItems('booking', reference);

const single = `single-${run}`;
const group = `group-${run}`;
const race = `race-${run}`;

beforeAll(async () => {
  await makeService(single, 1);
  await makeService(group, 3);
  await makeService(race, 1);
});

describe('slots', () => {
  it('lists free slots with remaining places, from now on, within a bounded range', async () => {
    const list = await slots(group);
    expect(list.length).toBeGreaterThan(10);
    expect(Date.parse(list[0]!.start)).toBeGreaterThanOrEqual(Date.now() - 1000);
    expect(list.every((s) => s.remaining === 3)).toBe(true);
    const from = new Date(Date.now() + 86_400_000).toISOString();
    const to = new Date(Date.now() + 2 * 86_400_000).toISOString();
    const day = await slots(group, `?from=${from}&to=${to}`);
    expect(day.length).toBeGreaterThanOrEqual(46);
    expect(day.every((x) => x.start >= from && x.start < to)).toBe(true);
    expect(await api('GET', `/api/services/${group}/slots?from=${from}&to=${new Date(Date.now() + 40 * 86_400_000).toISOString()}`)).toMatchObject({
      status: 400,
      json: { field: 'to' },
    });
    expect(await api('GET', `/api/services/${group}/slots?from=yesterday`)).toMatchObject({ status: 400, json: { field: 'from' } });
    expect(await api('GET', `/api/services/${group}/slots?from=${from}&to=${from}`)).toMatchObject({ status: 400, json: { field: 'to' } });
    expect((await api('GET', '/api/services/no-such/slots')).status).toBe(404);
  });
});

describe('booking by reference + PIN', () => {
  let reference: string;
  let pin: string;
  let start: string;

  it('books a slot: 201 with a short reference and a 6-digit PIN; only a slow hash stored; TTL after the appointment; partner told without personal data', async () => {
    await clearInbox();
    start = (await slots(single))[4]!.start;
    const before = await counts(new Date());
    const res = await api('POST', '/api/bookings', { body: booking(single, start) });
    expect(res.status).toBe(201);
    expect(res.json).toMatchObject({ serviceId: single, start, status: 'booked' });
    reference = res.json.reference;
    pin = res.json.pin;
    expect(reference).toMatch(/^[2-9A-Z]{4}-[2-9A-Z]{4}$/);
    expect(pin).toMatch(/^\d{6}$/);
    const stored = await raw(`BOOKING#${reference}`, 'BOOKING');
    // Personal fields are sealed at rest (test/integration/personal-data-at-rest.test.ts); opened, they are as booked.
    expect(stored).not.toHaveProperty('alias');
    expect(stored).not.toHaveProperty('pinHash');
    const item = await opened(stored);
    expect(item).toMatchObject({ status: 'booked', alias: 'Sam', gsi1pk: `BOOKINGS#${single}#${res.json.start && item?.date}` });
    expect(JSON.stringify(item)).not.toContain(`"${pin}"`);
    expect(String(item?.pinHash)).toMatch(/^scrypt\$16384\$8\$1\$/);
    expect(item?.expiresAt).toBe(Math.floor(Date.parse(res.json.end) / 1000) + 30 * 86_400);
    expect((await counts(new Date()))[`bookings.made.${single}`]).toBe(((before[`bookings.made.${single}`] as number) ?? 0) + 1);
    const [message] = await waitForMessages((m) => m.some((x) => x.subject?.includes(reference)), { topic: 'partnerIntake' });
    const sent = JSON.stringify(message);
    for (const secret of ['Sam', '470 12 34 56', 'tulip', 'Wheelchair', pin]) expect(sent).not.toContain(secret);
    expect(message!.attributes).toMatchObject({ partnerId: 'test-partner', serviceId: single, kind: 'booking.made' });
    expect(Object.keys(message!.attributes ?? {}).filter(isPersonalField)).toEqual([]);
  });

  it('the slot is now full and no longer listed; a second booking for it gets a clear 409', async () => {
    expect((await slots(single)).map((s) => s.start)).not.toContain(start);
    const second = await api('POST', '/api/bookings', { body: booking(single, start) });
    expect(second).toMatchObject({ status: 409, json: { error: 'conflict', field: 'start' } });
  });

  it('shows the booking with the PIN in the header; a wrong PIN or unknown reference is 404 either way; no PIN is 400', async () => {
    const seen = await api('GET', `/api/bookings/${reference}`, withPin(pin));
    expect(seen).toMatchObject({ status: 200, json: { reference, start, alias: 'Sam', childcare: true, safeContact: { phone: '+32 470 12 34 56' } } });
    expect(seen.json.pinHash).toBeUndefined();
    expect((await api('GET', `/api/bookings/${reference.toLowerCase().replace('-', '')}`, withPin(pin))).status).toBe(200);
    const wrong = await api('GET', `/api/bookings/${reference}`, withPin(pin === '000000' ? '111111' : '000000'));
    const unknown = await api('GET', '/api/bookings/2222-2222', withPin(pin));
    expect(wrong).toEqual(unknown);
    expect(wrong.status).toBe(404);
    expect(await api('GET', `/api/bookings/${reference}`)).toMatchObject({ status: 400, json: { field: 'X-Booking-Pin' } });
  });

  it('reschedules to another slot, freeing the old one', async () => {
    const to = (await slots(single))[8]!.start;
    const moved = await api('POST', `/api/bookings/${reference}/reschedule`, { ...withPin(pin), body: { start: to } });
    expect(moved).toMatchObject({ status: 200, json: { start: to, status: 'booked' } });
    const free = (await slots(single)).map((s) => s.start);
    expect(free).toContain(start);
    expect(free).not.toContain(to);
    expect(
      (await api('POST', `/api/bookings/${reference}/reschedule`, { ...withPin(pin), body: { start: new Date(Date.parse(to) + 60_000).toISOString() } })).json
        .field,
    ).toBe('start');
    start = to;
  });

  it('cancels: slot freed, counted once, a second cancel is 409', async () => {
    const before = (await counts(new Date()))[`bookings.cancelled.${single}`] ?? 0;
    const res = await api('POST', `/api/bookings/${reference}/cancel`, withPin(pin));
    expect(res).toMatchObject({ status: 200, json: { status: 'cancelled' } });
    expect((await slots(single)).map((s) => s.start)).toContain(start);
    expect((await api('POST', `/api/bookings/${reference}/cancel`, withPin(pin))).status).toBe(409);
    expect((await counts(new Date()))[`bookings.cancelled.${single}`]).toBe(Number(before) + 1);
    const item = await raw(`BOOKING#${reference}`, 'BOOKING');
    expect(item?.expiresAt).toBeLessThanOrEqual(Math.floor(Date.now() / 1000) + 7 * 86_400);
  });

  it('erases at once: the booking is gone, then 404', async () => {
    expect((await api('DELETE', `/api/bookings/${reference}`, withPin(pin))).status).toBe(204);
    expect(await raw(`BOOKING#${reference}`, 'BOOKING')).toBeUndefined();
    expect((await api('GET', `/api/bookings/${reference}`, withPin(pin))).status).toBe(404);
  });

  it('erasing an upcoming booking frees its place', async () => {
    const s = (await slots(single))[10]!.start;
    const made = await api('POST', '/api/bookings', { body: booking(single, s) });
    expect((await slots(single)).map((x) => x.start)).not.toContain(s);
    expect((await api('DELETE', `/api/bookings/${made.json.reference}`, withPin(made.json.pin))).status).toBe(204);
    expect((await slots(single)).map((x) => x.start)).toContain(s);
  });
});

describe('group sessions and the last place', () => {
  it('counts places down and refuses the fourth booking of a 3-place session', async () => {
    const s = (await slots(group))[3]!.start;
    for (let i = 0; i < 3; i++) expect((await api('POST', '/api/bookings', { body: booking(group, s, { alias: `P${i}` }) })).status).toBe(201);
    expect((await slots(group)).find((x) => x.start === s)).toBeUndefined();
    expect((await api('POST', '/api/bookings', { body: booking(group, s) })).status).toBe(409);
  });

  it('100 concurrent requests for the last place: exactly one 201 and 99 clear 409s', async () => {
    const s = (await slots(race))[6]!.start;
    // In AWS each request runs in its own Lambda; here all 100 share this process's two cores (100 slow
    // PIN hashes queue up), so each call gets a longer deadline than the function's 10 s.
    // Each with its own Idempotency-Key, as the victim app sends: each proof of work then has its own challenge.
    const results = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        api('POST', '/api/bookings', {
          body: booking(race, s, { alias: `R${i}` }),
          headers: { 'idempotency-key': `race-${run}-${i}-0123456789` },
          remainingMs: 110_000,
        }),
      ),
    );
    const byStatus: Record<number, number> = {};
    for (const r of results) byStatus[r.status] = (byStatus[r.status] ?? 0) + 1;
    expect(byStatus).toEqual({ 201: 1, 409: 99 });
    for (const r of results.filter((x) => x.status === 409)) expect(r.json).toMatchObject({ error: 'conflict', field: 'start' });
    expect(await raw(`SLOTS#${race}`, s)).toMatchObject({ booked: 1 });
  }, 120_000);
});

describe('idempotent retries (Idempotency-Key)', () => {
  it('a retry returns the same reference and PIN and counts once; the key with another booking is refused', async () => {
    const s = (await slots(group))[12]!.start;
    const key = `test-key-${run}-0123456789`;
    const before = (await counts(new Date()))[`bookings.made.${group}`] ?? 0;
    const first = await api('POST', '/api/bookings', { body: booking(group, s), headers: { 'idempotency-key': key } });
    const again = await api('POST', '/api/bookings', { body: booking(group, s), headers: { 'idempotency-key': key } });
    expect(first.status).toBe(201);
    expect(again).toEqual(first);
    expect((await counts(new Date()))[`bookings.made.${group}`]).toBe(Number(before) + 1);
    expect((await slots(group)).find((x) => x.start === s)?.remaining).toBe(2);
    expect((await api('GET', `/api/bookings/${first.json.reference}`, withPin(first.json.pin))).status).toBe(200);
    const other = await api('POST', '/api/bookings', { body: booking(group, s, { alias: 'Other' }), headers: { 'idempotency-key': key } });
    expect(other).toMatchObject({ status: 409, json: { field: 'Idempotency-Key' } });
    expect(await api('POST', '/api/bookings', { body: booking(group, s), headers: { 'idempotency-key': 'short' } })).toMatchObject({
      status: 400,
      json: { field: 'Idempotency-Key' },
    });
    // the idempotency record keeps neither the PIN nor personal data
    const text = JSON.stringify(await itemsOf('IDEMPOTENCY#bookings'));
    expect(text).toContain(first.json.reference);
    expect(text).not.toContain(first.json.pin);
    expect(text).not.toContain('Sam');
    expect(text).not.toContain(key);
  });
});

describe('wrong PINs lock the reference', () => {
  it('3 wrong PINs from one address lock it for that address; 5 in all lock it for everyone, the right PIN too, until the window ends', async () => {
    const s = (await slots(group))[15]!.start;
    const made = await api('POST', '/api/bookings', { body: booking(group, s) });
    const ref = made.json.reference;
    const wrong = made.json.pin === '999999' ? '888888' : '999999';
    const from = (sourceIp: string, pin: string) => api('GET', `/api/bookings/${ref}`, { ...withPin(pin), sourceIp });
    for (let i = 0; i < 3; i++) expect((await from('10.1.0.1', wrong)).status).toBe(404);
    expect((await from('10.1.0.1', wrong)).status).toBe(429);
    // The one guesser has not locked the owner out: her address still has checks, and a right PIN refunds its own.
    expect((await from('10.1.0.2', made.json.pin)).status).toBe(200);
    for (let i = 0; i < 2; i++) expect((await from('10.1.0.3', wrong)).status).toBe(404);
    expect((await from('10.1.0.4', wrong)).status).toBe(429);
    expect((await from('10.1.0.2', made.json.pin)).status).toBe(429);
    for (let i = 0; i < 3; i++) expect((await api('GET', '/api/bookings/3333-3333', withPin(wrong))).status).toBe(404);
    expect((await api('GET', '/api/bookings/3333-3333', withPin(wrong))).status).toBe(429);
    try {
      setClockOffset(16 * 60_000);
      expect((await from('10.1.0.2', made.json.pin)).status).toBe(200);
    } finally {
      setClockOffset(0);
    }
  });
});

describe('bad input: 400 naming the field, nothing written', () => {
  it('refuses each bad field', async () => {
    const s = (await slots(single))[20]!.start;
    const field = async (body: unknown) => (await api('POST', '/api/bookings', { body })).json.field;
    expect(await field(booking(single, s, { fullName: 'x' }))).toBe('fullName');
    expect(await field(booking('no-such-service', s))).toBe('serviceId');
    expect(await field(booking(single, 'tomorrow'))).toBe('start');
    expect(await field(booking(single, new Date(Date.parse(s) + 60_000).toISOString()))).toBe('start');
    expect(await field(booking(single, new Date(Date.now() - 86_400_000).toISOString()))).toBe('start');
    expect(await field(booking(single, new Date(Date.now() + 60 * 86_400_000).toISOString()))).toBe('start');
    expect(await field(booking(single, s, { alias: 'x'.repeat(41) }))).toBe('alias');
    expect(await field(booking(single, s, { alias: '' }))).toBe('alias');
    expect(await field(booking(single, s, { interpreter: 'yes' }))).toBe('interpreter');
    expect(await field(booking(single, s, { safeContact: { mayContact: true, method: 'phone', phone: 'call me maybe' } }))).toBe('safeContact.phone');
    expect(await field(booking(single, s, { safeContact: { mayContact: true, method: 'phone' } }))).toBe('safeContact.phone');
    expect(await field(booking(single, s, { safeContact: { mayContact: false, method: 'phone', phone: '+32 470 12 34 56' } }))).toBe('safeContact.method');
    expect(
      await field(
        booking(single, s, { safeContact: { mayContact: true, method: 'phone', phone: '+32 470 12 34 56', windows: [{ start: '12:00', end: '10:00' }] } }),
      ),
    ).toBe('safeContact.windows.0.end');
    expect(await field(undefined)).toBe('body');
    expect((await slots(single)).map((x) => x.start)).toContain(s);
  });
});

describe('coordinators: bookings of a day, one booking (audited), confirm, attendance', () => {
  it('a cancelled booking no longer shows how to reach the person (phone, code word) in the list or the view', async () => {
    const s = (await slots(group))[22]!;
    const made = await api('POST', '/api/bookings', { body: booking(group, s.start, { alias: 'Eli' }) });
    const ref = made.json.reference as string;
    expect((await api('POST', `/api/bookings/${ref}/cancel`, withPin(made.json.pin))).status).toBe(200);
    const list = await api('GET', `/api/staff/bookings?serviceId=${group}&date=${s.date}`, { claims: coordinator });
    const listed = list.json.bookings.find((b: { reference: string }) => b.reference === ref);
    const one = (await api('GET', `/api/staff/bookings/${ref}`, { claims: coordinator })).json;
    for (const b of [listed, one]) {
      expect(b).toMatchObject({ status: 'cancelled', safeContact: { mayContact: false, method: 'none' } });
      expect(JSON.stringify(b)).not.toMatch(/tulip|470 12/);
    }
  });

  it('lists a day with needs and safe contact, audited per booking; other roles are refused', async () => {
    const s = (await slots(group))[20]!;
    const made = await api('POST', '/api/bookings', { body: booking(group, s.start, { alias: 'Dana' }) });
    const ref = made.json.reference as string;
    const list = await api('GET', `/api/staff/bookings?serviceId=${group}&date=${s.date}`, { claims: coordinator });
    expect(list.status).toBe(200);
    const mine = list.json.bookings.find((b: { reference: string }) => b.reference === ref);
    expect(mine).toMatchObject({
      alias: 'Dana',
      childcare: true,
      accessibility: 'Wheelchair',
      safeContact: { mayContact: true, phone: '+32 470 12 34 56', codeWord: 'tulip' },
      status: 'booked',
    });
    expect(mine.pinHash).toBeUndefined();
    expect((await auditOf(ref)).map((a) => `${a.action} ${a.actor} ${a.route}`)).toEqual(['list chris.coordinator GET /api/staff/bookings']);
    expect((await api('GET', `/api/staff/bookings?serviceId=${group}&date=${s.date}`, { claims: officer })).status).toBe(403);
    expect((await api('GET', `/api/staff/bookings?serviceId=${group}&date=${s.date}`)).status).toBe(401);
    expect(await api('GET', `/api/staff/bookings?serviceId=${group}`, { claims: coordinator })).toMatchObject({ status: 400, json: { field: 'date' } });

    const one = await api('GET', `/api/staff/bookings/${ref}`, { claims: coordinator });
    expect(one).toMatchObject({ status: 200, json: { reference: ref, safeContact: { codeWord: 'tulip' } } });
    const audit = await auditOf(ref);
    expect(audit.map((a) => a.action)).toContain('read');
    for (const a of audit) expect(JSON.stringify(a)).not.toMatch(/Dana|tulip|470 12/);

    expect(await api('POST', `/api/staff/bookings/${ref}/confirm`, { claims: coordinator, body: {} })).toMatchObject({
      status: 200,
      json: { status: 'confirmed' },
    });
    expect((await api('POST', `/api/staff/bookings/${ref}/confirm`, { claims: coordinator, body: {} })).status).toBe(409);
    // attendance only from an hour before the appointment
    expect((await api('POST', `/api/staff/bookings/${ref}/attendance`, { claims: coordinator, body: { attended: true } })).status).toBe(
      s.start > new Date(Date.now() + 3_600_000).toISOString() ? 409 : 200,
    );
    const month = new Date(s.start);
    const before = Number((await counts(month))[`bookings.attended.${group}`] ?? 0);
    try {
      setClockOffset(Date.parse(s.start) - Date.now() + 60_000);
      expect(await api('POST', `/api/staff/bookings/${ref}/attendance`, { claims: coordinator, body: { attended: true } })).toMatchObject({
        status: 200,
        json: { attendance: 'attended' },
      });
      expect((await api('POST', `/api/staff/bookings/${ref}/attendance`, { claims: coordinator, body: { attended: true } })).status).toBe(200);
      expect((await counts(month))[`bookings.attended.${group}`]).toBe(before + 1);
      expect((await api('POST', `/api/staff/bookings/${ref}/attendance`, { claims: coordinator, body: { attended: false } })).json.attendance).toBe('no_show');
      expect((await counts(month))[`bookings.attended.${group}`]).toBe(before);
      // the victim can no longer move or cancel a started appointment
      expect((await api('POST', `/api/bookings/${ref}/cancel`, withPin(made.json.pin))).status).toBe(409);
    } finally {
      setClockOffset(0);
    }
    expect((await auditOf(ref)).filter((a) => a.action === 'update').length).toBe(3);
  });

  it('a victim never sees another attendee of a group session', async () => {
    const s = (await slots(group))[25]!.start;
    const a = await api('POST', '/api/bookings', { body: booking(group, s, { alias: 'Alpha' }) });
    await api('POST', '/api/bookings', { body: booking(group, s, { alias: 'Bravo', safeContact: { mayContact: false } }) });
    const seen = await api('GET', `/api/bookings/${a.json.reference}`, withPin(a.json.pin));
    expect(JSON.stringify(seen.json)).not.toContain('Bravo');
    const free = JSON.stringify((await slots(group)).find((x) => x.start === s));
    expect(free).not.toMatch(/Alpha|Bravo/);
  });
});
