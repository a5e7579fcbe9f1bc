import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { bookingKeys } from '../../functions/bookings/keys.js';
import { handler as bookings } from '../../functions/bookings/handler.js';
import { handler as catalog } from '../../functions/catalog/handler.js';
import { allDayService } from '../support/services.js';
import { monitoringKeys } from '../../functions/monitoring/keys.js';
import { clientHash } from '../../functions/lib/client.js';
import { dynamo } from '../../functions/lib/clients.js';
import { handler as monitoring } from '../../functions/monitoring/handler.js';
import { MAX_WRONG_CODES } from '../../functions/monitoring/use-cases.js';
import { handler as orders } from '../../functions/orders/handler.js';
import { MAX_BOOKINGS_PER_CLIENT_PER_DAY, MAX_WRONG_PINS, MAX_WRONG_PINS_PER_CLIENT } from '../../shared/catalog/booking.js';
import { PROOF_HEADER, solveProof } from '../../shared/catalog/booking-proof.js';
import { asTheAppSends } from '../support/booking-proof.js';
import { apiEvent, lambdaContext, staffClaims } from '../support/events.js';
import { openAlerts, orderBody, police, TABLE } from './monitoring-support.js';

/**
 * Parallel guessing through the handlers on DynamoDB Local: however many guesses arrive at once, at
 * most the limit of them is ever checked (answered 404 or 200); the rest get 429 without a look at the secret.
 */
const run = Date.now().toString(36);
const PARALLEL = 200;
const LONG = 180_000;
/** Every protection-code request runs scrypt (a right code is honoured even past the budget): slower here. */
const LONGER = 420_000;

type Res = { status: number; body: string };
async function call(h: typeof bookings, input: Parameters<typeof apiEvent>[0]): Promise<Res> {
  input = await asTheAppSends(input.method, input.path, input);
  // 200 requests share one process and DynamoDB Local here (in Lambda each has its own instance): a long deadline.
  const res = await h(apiEvent(input), { ...lambdaContext(), getRemainingTimeInMillis: () => 400_000 });
  return { status: res.statusCode ?? 0, body: res.body ?? '' };
}
const tally = (list: Res[]) => {
  const byStatus: Record<number, number> = {};
  for (const r of list) byStatus[r.status] = (byStatus[r.status] ?? 0) + 1;
  return byStatus;
};
const ipOf = (i: number) => `10.77.${Math.floor(i / 250)}.${i % 250}`;

async function raw(key: Record<string, string>) {
  return (await dynamo.send(new GetCommand({ TableName: TABLE, Key: key, ConsistentRead: true }))).Item;
}

describe('booking PIN: parallel guesses', () => {
  const service = `guess-${run}`;
  const made: { reference: string; pin: string }[] = [];

  beforeAll(async () => {
    const body = allDayService(service, `test-${run}`, 10);
    expect((await call(catalog, { method: 'POST', path: '/api/services', claims: staffClaims('chris.coordinator', 'coordinator'), body })).status).toBe(201);
    const slots = JSON.parse((await call(bookings, { method: 'GET', path: `/api/services/${service}/slots` })).body).slots as { start: string }[];
    for (let i = 0; i < 3; i++) {
      const res = await call(bookings, {
        method: 'POST',
        path: '/api/bookings',
        body: {
          serviceId: service,
          start: slots[10 + i]!.start,
          alias: 'Sam',
          language: 'nl',
          interpreter: false,
          childcare: false,
          safeContact: { mayContact: false },
        },
      });
      expect(res.status).toBe(201);
      made.push(JSON.parse(res.body));
    }
  });

  const wrongFor = (pin: string) => (pin === '999999' ? '888888' : '999999');
  const guess = (reference: string, pin: string, sourceIp: string) =>
    call(bookings, { method: 'GET', path: `/api/bookings/${reference}`, headers: { 'x-booking-pin': pin }, sourceIp });

  it(
    `${PARALLEL} parallel wrong PINs from as many addresses: at most ${MAX_WRONG_PINS} are checked, then the right PIN is refused too`,
    async () => {
      const { reference, pin } = made[0]!;
      const out = await Promise.all(Array.from({ length: PARALLEL }, (_, i) => guess(reference, wrongFor(pin), ipOf(i))));
      const t = tally(out);
      expect((t[404] ?? 0) + (t[429] ?? 0)).toBe(PARALLEL);
      expect(t[404] ?? 0).toBeLessThanOrEqual(MAX_WRONG_PINS);
      expect(t[404]).toBeGreaterThan(0);
      expect(Number((await raw(bookingKeys.pinFailures(reference)))?.attempts)).toBeLessThanOrEqual(MAX_WRONG_PINS);
      expect((await guess(reference, pin, '10.78.0.1')).status).toBe(429);
    },
    LONG,
  );

  it(
    `${PARALLEL} parallel guesses from one address, the right PIN among them: at most ${MAX_WRONG_PINS_PER_CLIENT} checked`,
    async () => {
      const { reference, pin } = made[1]!;
      const out = await Promise.all(Array.from({ length: PARALLEL }, (_, i) => guess(reference, i === PARALLEL / 2 ? pin : wrongFor(pin), '10.79.0.1')));
      const t = tally(out);
      expect((t[404] ?? 0) + (t[200] ?? 0)).toBeLessThanOrEqual(MAX_WRONG_PINS_PER_CLIENT);
      expect(t[429]).toBeGreaterThanOrEqual(PARALLEL - MAX_WRONG_PINS_PER_CLIENT);
      // A right PIN from another address still works: the one guesser cannot keep the owner out.
      expect((await guess(reference, pin, '10.79.0.2')).status).toBe(200);
    },
    LONG,
  );

  it(
    'a right PIN never clears the lock others caused',
    async () => {
      const { reference, pin } = made[2]!;
      const wrong = await Promise.all(Array.from({ length: MAX_WRONG_PINS - 1 }, (_, i) => guess(reference, wrongFor(pin), ipOf(1000 + i))));
      expect(wrong.every((r) => r.status === 404)).toBe(true);
      expect((await guess(reference, pin, '10.80.0.1')).status).toBe(200);
      expect((await guess(reference, wrongFor(pin), '10.80.0.2')).status).toBe(404);
      expect((await guess(reference, pin, '10.80.0.1')).status).toBe(429);
    },
    LONG,
  );
});

describe('protection code: parallel guesses', () => {
  async function createOrder() {
    const body = orderBody();
    const res = await call(orders, { method: 'POST', path: '/api/orders', claims: police, body });
    expect(res.status).toBe(201);
    return { body, code: JSON.parse(res.body).protectionCode as string };
  }
  const panic = (protectionCode: string, sourceIp: string) => call(monitoring, { method: 'POST', path: '/api/panic', body: { protectionCode }, sourceIp });

  it(
    `${PARALLEL} parallel wrong codes from one address: at most ${MAX_WRONG_CODES} answered 404; past it right and wrong codes get the same 429 and the right one still raises the panic`,
    async () => {
      const { body, code } = await createOrder();
      const ip = '10.81.0.1';
      const out = await Promise.all(
        Array.from({ length: PARALLEL }, (_, i) =>
          panic(
            `WXYZ-WXYZ-${String(1000 + i)
              .slice(-4)
              .replace(/[01]/g, 'K')}`,
            ip,
          ),
        ),
      );
      const t = tally(out);
      expect(t[404] ?? 0).toBeLessThanOrEqual(MAX_WRONG_CODES);
      expect((t[404] ?? 0) + (t[429] ?? 0)).toBe(PARALLEL);
      expect(Number((await raw(monitoringKeys.protectAttempts(clientHash(ip))))?.attempts)).toBeLessThanOrEqual(MAX_WRONG_CODES);
      const wrong = await panic('WXYZ-WXYZ-WXYZ', ip);
      const right = await panic(code, ip);
      expect(right).toEqual(wrong);
      expect(right.status).toBe(429);
      expect((await openAlerts(body.district)).map((a) => a.kind)).toEqual(['panic']);
    },
    LONGER,
  );

  it(
    'the budget is the trusted source address: a spoofed X-Forwarded-For neither escapes it nor spends another client’s',
    async () => {
      const ip = '10.82.0.1';
      const spoofed = (i: number) =>
        call(monitoring, {
          method: 'POST',
          path: '/api/panic',
          body: { protectionCode: 'WXYZ-WXYZ-WXYZ' },
          sourceIp: ip,
          headers: { 'x-forwarded-for': `192.0.2.${i}, 198.51.100.7` },
        });
      const out = [];
      for (let i = 0; i < MAX_WRONG_CODES + 3; i++) out.push(await spoofed(i));
      expect(tally(out)).toEqual({ 404: MAX_WRONG_CODES, 429: 3 });
      // the addresses it claimed are untouched
      expect(await raw(monitoringKeys.protectAttempts(clientHash('192.0.2.1')))).toBeUndefined();
      expect((await panic('WXYZ-WXYZ-WXYZ', '192.0.2.1')).status).toBe(404);
    },
    LONG,
  );
});

describe('duress code: parallel guesses', () => {
  // Five times the budget at once. Every one runs scrypt in this one process (in Lambda each request has
  // its own): 200 of them here starve the event loop until DynamoDB Local hangs up on waiting sockets.
  const DURESS_PARALLEL = 5 * MAX_WRONG_CODES;
  const duress = (code: string, sourceIp: string) => call(monitoring, { method: 'POST', path: '/api/duress', body: { code }, sourceIp });

  it(
    `${DURESS_PARALLEL} parallel wrong duress codes from one address: at most ${MAX_WRONG_CODES} reserved and answered 202; past it right and wrong get the same 429 and the right one still raises the panic`,
    async () => {
      const body = orderBody();
      const made = await call(orders, { method: 'POST', path: '/api/orders', claims: police, body });
      expect(made.status).toBe(201);
      const chosen = `7${String(Date.now()).slice(-7)}`;
      const set = await call(monitoring, {
        method: 'POST',
        path: '/api/protection/duress-code',
        body: { protectionCode: JSON.parse(made.body).protectionCode, duressCode: chosen },
        sourceIp: '10.83.9.9',
      });
      expect(set.status).toBe(204);

      const ip = '10.83.0.1';
      const out = await Promise.all(Array.from({ length: DURESS_PARALLEL }, (_, i) => duress(`5${String(i).padStart(7, '0')}`, ip)));
      const t = tally(out);
      expect(t[202] ?? 0, JSON.stringify(t)).toBeLessThanOrEqual(MAX_WRONG_CODES);
      expect((t[202] ?? 0) + (t[429] ?? 0), JSON.stringify(t)).toBe(DURESS_PARALLEL);
      expect(Number((await raw(monitoringKeys.duressAttempts(clientHash(ip))))?.attempts)).toBeLessThanOrEqual(MAX_WRONG_CODES);
      expect(await openAlerts(body.district)).toEqual([]);

      const wrong = await duress('59999999', ip);
      const right = await duress(chosen, ip);
      expect(right).toEqual(wrong);
      expect(right.status).toBe(429);
      expect((await openAlerts(body.district)).map((a) => a.kind)).toEqual(['panic']);
      // Its own budget: the guessing spent nothing of that address's protection-code checks.
      expect(await raw(monitoringKeys.protectAttempts(clientHash(ip)))).toBeUndefined();
    },
    LONGER,
  );
});

describe('one anonymous client cannot empty the calendar', () => {
  const service = `flood-${run}`;
  let slots: { start: string }[] = [];
  const body = (start: string) => ({
    serviceId: service,
    start,
    alias: 'Sam',
    language: 'nl',
    interpreter: false,
    childcare: false,
    safeContact: { mayContact: false },
  });
  const book = (start: string, headers: Record<string, string>, sourceIp: string) =>
    bookings(apiEvent({ method: 'POST', path: '/api/bookings', body: body(start), headers, sourceIp }), lambdaContext());

  beforeAll(async () => {
    const svc = allDayService(service, `test-${run}`, 1);
    expect((await call(catalog, { method: 'POST', path: '/api/services', claims: staffClaims('chris.coordinator', 'coordinator'), body: svc })).status).toBe(
      201,
    );
    slots = JSON.parse((await call(bookings, { method: 'GET', path: `/api/services/${service}/slots` })).body).slots;
  });

  it('each booking costs a proof of work bound to its slot: none, a wrong one or a used one is 400 naming the header', async () => {
    const s0 = slots[0]!.start;
    const field = async (headers: Record<string, string>) => JSON.parse((await book(s0, headers, '10.90.0.1')).body ?? '{}') as { field?: string };
    expect((await field({})).field).toBe('X-Booking-Proof');
    expect((await field({ [PROOF_HEADER]: `${Math.floor(Date.now() / 60_000)}.1` })).field).toBe('X-Booking-Proof');
    // a proof for another slot does not hold for this one
    expect((await field({ [PROOF_HEADER]: await solveProof(service, slots[1]!.start) })).field).toBe('X-Booking-Proof');
    const proof = await solveProof(service, s0);
    expect((await book(s0, { [PROOF_HEADER]: proof }, '10.90.0.1')).statusCode).toBe(201);
    expect((await field({ [PROOF_HEADER]: proof })).field).toBe('X-Booking-Proof');
  });

  it(`at most ${MAX_BOOKINGS_PER_CLIENT_PER_DAY} bookings per client address a day; another address still books`, async () => {
    const statuses: number[] = [];
    for (let i = 0; i < MAX_BOOKINGS_PER_CLIENT_PER_DAY + 2; i++) {
      const start = slots[5 + i]!.start;
      statuses.push((await book(start, { [PROOF_HEADER]: await solveProof(service, start) }, '10.91.0.1')).statusCode ?? 0);
    }
    expect(statuses).toEqual([...Array(MAX_BOOKINGS_PER_CLIENT_PER_DAY).fill(201), 429, 429]);
    const start = slots[20]!.start;
    expect((await book(start, { [PROOF_HEADER]: await solveProof(service, start) }, '10.91.0.2')).statusCode).toBe(201);
  });
});
