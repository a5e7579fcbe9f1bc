import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { handler as bookings } from '../../functions/bookings/handler.js';
import { AVAILABILITY_WINDOW_MINUTES } from '../../functions/bookings/use-cases.js';
import { handler as catalog } from '../../functions/catalog/handler.js';
import { demoServices } from '../../infra/local/demo/catalog.js';
import { setClockOffset } from '../../functions/lib/clock.js';
import { asTheAppSends } from '../support/booking-proof.js';
import { apiEvent, lambdaContext, staffClaims } from '../support/events.js';
import type { Invocation } from '../support/invoke.js';

/**
 * Contract rules: the public slots list shows full slots (`remaining: 0`) and moves only at
 * quarter-hour boundaries, so it never tells the minute a single-place slot was taken; an
 * Idempotency-Key replayed after its booking was erased is a 409, never the old receipt as `booked`.
 */
type Res = { status: number; json: Invocation['json'] };
async function call(
  h: typeof bookings,
  method: string,
  path: string,
  opts: { claims?: Record<string, string>; body?: unknown; headers?: Record<string, string>; sourceIp?: string } = {},
): Promise<Res> {
  const res = await h(apiEvent({ method, path, ...(await asTheAppSends(method, path, opts)) }), lambdaContext());
  return { status: res.statusCode ?? 0, json: res.body ? (JSON.parse(res.body) as Invocation['json']) : {} };
}
const coordinator = staffClaims('chris.coordinator', 'coordinator');
const service = `contract-${Date.now().toString(36)}`;
const windowMs = AVAILABILITY_WINDOW_MINUTES * 60_000;
const untilNextWindow = () => (Math.floor(Date.now() / windowMs) + 1) * windowMs - Date.now() + 1_000;
const booking = (start: string) => ({ serviceId: service, start, alias: 'Sam', language: 'nl', safeContact: { mayContact: false } });
const slotList = async () => (await call(bookings, 'GET', `/api/services/${service}/slots`)).json.slots as { start: string; remaining: number }[];

beforeAll(async () => {
  const { id: _id, ...legal } = demoServices.find((s) => s.bookable)!;
  const body = {
    ...legal,
    id: service,
    demo: false,
    capacity: 1,
    slotMinutes: 30,
    bufferMinutes: 0,
    leadHours: 0,
    horizonDays: 30,
    closures: [],
    openingRules: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start: '00:00', end: '23:30' })),
  };
  expect((await call(catalog, 'POST', '/api/services', { claims: coordinator, body })).status).toBe(201);
});
afterEach(() => setClockOffset(0));

describe('coarse availability of the public slots list', () => {
  it('a single-place slot just taken still shows its place until the next quarter hour, then shows remaining 0 (listed, not gone)', async () => {
    // Far enough from a boundary that the booking and the first read fall in the same quarter hour.
    if (untilNextWindow() < 30_000) await new Promise((r) => setTimeout(r, untilNextWindow()));
    const start = (await slotList())[6]!.start;
    expect((await call(bookings, 'POST', '/api/bookings', { body: booking(start) })).status).toBe(201);
    expect((await slotList()).find((s) => s.start === start)?.remaining).toBe(1);
    // Booking the slot it still shows as free answers 409 like any full slot.
    expect((await call(bookings, 'POST', '/api/bookings', { body: booking(start) })).json).toMatchObject({ error: 'conflict', field: 'start' });
    setClockOffset(untilNextWindow());
    expect((await slotList()).find((s) => s.start === start)?.remaining).toBe(0);
  });
});

describe('Idempotency-Key replays show the booking as it is now', () => {
  it('after the booking was erased: 409 naming Idempotency-Key, not the old receipt as booked', async () => {
    setClockOffset(untilNextWindow());
    const start = (await slotList()).filter((s) => s.remaining > 0)[10]!.start;
    setClockOffset(0);
    const key = `contract-key-${Date.now()}-0123456789`;
    const first = await call(bookings, 'POST', '/api/bookings', { body: booking(start), headers: { 'idempotency-key': key } });
    expect(first.status).toBe(201);
    expect((await call(bookings, 'POST', `/api/bookings/${first.json.reference}/cancel`, { headers: { 'x-booking-pin': first.json.pin } })).status).toBe(200);
    const afterCancel = await call(bookings, 'POST', '/api/bookings', { body: booking(start), headers: { 'idempotency-key': key } });
    expect(afterCancel).toMatchObject({ status: 201, json: { reference: first.json.reference, status: 'cancelled' } });
    expect((await call(bookings, 'DELETE', `/api/bookings/${first.json.reference}`, { headers: { 'x-booking-pin': first.json.pin } })).status).toBe(204);
    const replay = await call(bookings, 'POST', '/api/bookings', { body: booking(start), headers: { 'idempotency-key': key } });
    expect(replay).toMatchObject({ status: 409, json: { error: 'conflict', field: 'Idempotency-Key' } });
    expect(replay.json.pin).toBeUndefined();
  });
});
