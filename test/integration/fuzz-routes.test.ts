import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoContactPoints, demoServices } from '../../infra/local/demo/catalog.js';
import { routeKey, routes, type RouteDecl } from '../../shared/routes.js';
import type { StaffRole } from '../../shared/roles.js';
import { startLocalApi, type LocalApi } from '../support/local-api.js';

/**
 * Property-based fuzzing of EVERY route of shared/routes.ts (a new route is fuzzed without touching
 * this file), through the local gateway and the real handlers on DynamoDB Local, with a valid token
 * for one of the route's roles. Inputs: wrong types, 1 MB strings, deep nesting, unicode (lone
 * surrogates included), `__proto__` / `constructor` keys, impossible dates, malformed %-escapes, in
 * path parameters, query strings, headers and bodies; half of the bodies are a valid request with one
 * field broken, so validation deep inside a body and the writes behind it are reached too.
 * Properties: never a 5xx; every 4xx is JSON with an `error` code and a message; every 400 names the
 * field (`field`). Bounded: a fixed number of runs per route and a time limit per route.
 */
const RUNS_PER_ROUTE = Number(process.env.FUZZ_RUNS ?? 7);
const TIME_LIMIT_PER_ROUTE_MS = Number(process.env.FUZZ_MS ?? 4_000);

let api: LocalApi;
const known: Record<string, string> = {};

// ---- values ----------------------------------------------------------------------------------

const MEGABYTE = 'x'.repeat(1024 * 1024);
/** Percent-encodes the UTF-8 bytes of any string (a lone surrogate becomes U+FFFD; encodeURIComponent would throw). */
const pct = (s: string) =>
  Array.from(new TextEncoder().encode(s), (b) =>
    /[A-Za-z0-9_.~-]/.test(String.fromCharCode(b)) ? String.fromCharCode(b) : `%${b.toString(16).toUpperCase().padStart(2, '0')}`,
  ).join('');
const deepArray = (depth: number): unknown => {
  let v: unknown = 'bottom';
  for (let i = 0; i < depth; i++) v = [v];
  return v;
};
const deepObject = (depth: number): unknown => {
  let v: unknown = 1;
  for (let i = 0; i < depth; i++) v = { a: v };
  return v;
};
const protoKeys = () => JSON.parse('{"__proto__": {"polluted": true}, "constructor": {"prototype": {"x": 1}}, "toString": 1}') as unknown;

const nastyString = fc.oneof(
  fc.constantFrom('', ' ', '-x', 'x'.repeat(200), 'y', '25:00', '2026-02-31', '2999-01-01', '2026-13-01T00:00:00Z', 'NaN', 'null', '__proto__', 'constructor'),
  fc.constantFrom('\ud800', 'a\udfffb', '\u0000', '<script>', '💣🏠', 'ﷺ', 'e\u0301', '\u202eRTL', 'İ'),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constant('%'.repeat(3)),
  fc.constant('x'.repeat(70_000)),
);
const nastyValue: fc.Arbitrary<unknown> = fc.oneof(
  nastyString,
  fc.constantFrom(null, true, false, 0, -1, 1e308, -1e308, 2 ** 53 + 1, 0.1, []),
  fc.constant({}),
  fc.constant(deepArray(500)),
  fc.constant(deepObject(500)),
  fc.constant(protoKeys()),
  fc.constant(MEGABYTE),
  fc.array(fc.string({ maxLength: 5 }), { maxLength: 5 }),
);

/** A path parameter: valid ids of things that exist, plausible ids, and broken ones (raw, already percent-encoded). */
const pathParameter = (name: string) =>
  fc.oneof(
    fc.constant(null).map(() => pct(known[name] ?? 'x')),
    fc.constantFrom('%', '%E0%A4%A', '%zz', '%C3', '%00', '%2F', '..', '%2e%2e'),
    fc.constantFrom(
      'RO-01ARZ3NDEKTSV4RRFFQ69G5FAV',
      'AL-01ARZ3NDEKTSV4RRFFQ69G5FAV',
      'C-01ARZ3NDEKTSV4RRFFQ69G5FAV',
      'FU-01ARZ3NDEKTSV4RRFFQ69G5FAV',
      'ABCD-EFGH-JKLM',
      'case',
    ),
    fc.string({ unit: 'binary', minLength: 1, maxLength: 30 }).map(pct),
    fc.constant('y'.repeat(3_000)),
  );

const QUERY_NAMES = [
  'district',
  'zone',
  'limit',
  'from',
  'to',
  'serviceId',
  'date',
  'officer',
  'format',
  'month',
  '__proto__',
  'constructor',
  'toString',
  'hasOwnProperty',
];
const query = fc.dictionary(
  fc.oneof(fc.constantFrom(...QUERY_NAMES), fc.string({ minLength: 1, maxLength: 8 })),
  nastyString.filter((s) => s.length < 5_000),
  { maxKeys: 3 },
);
const encodeQuery = (q: Record<string, string>) =>
  Object.entries(q)
    .map(([k, v]) => `${pct(k)}=${pct(v)}`)
    .join('&');

// ---- valid bodies to break one field of -----------------------------------------------------

const inDays = (d: number) => new Date(Date.now() + d * 86_400_000).toISOString();
const service = demoServices.find((s) => s.bookable) as (typeof demoServices)[number];
const orderBody = () => ({
  district: 'fuzz',
  respondentDeviceId: `FUZZ-R-${Math.random().toString(36).slice(2)}`,
  protectedPersonRef: 'CASE-FUZZ',
  validFrom: inDays(-1),
  validUntil: inDays(30),
  zones: [{ label: 'home', centre: { lat: 51.09, lon: 4.37 }, alertRadiusM: 500 }],
  noContact: true,
});
const templates: Record<string, () => Record<string, unknown>> = {
  'POST /api/services': () => ({ ...service, id: `fuzz-${Math.random().toString(36).slice(2, 10)}`, demo: false }),
  'PUT /api/services/{id}': () => {
    const { id: _id, ...rest } = service;
    return { ...rest, demo: false };
  },
  // A copy of the last demo point, listed last: what the fuzz creates never moves the demo's emergency lines.
  'POST /api/contact-points': () => ({
    ...(demoContactPoints.at(-1) as object),
    id: `fuzz-${Math.random().toString(36).slice(2, 10)}`,
    demo: false,
    order: 999,
  }),
  'PUT /api/contact-points/{id}': () => {
    const { id: _id, ...rest } = demoContactPoints[0] as { id: string };
    return { ...rest, demo: false };
  },
  'POST /api/bookings': () => ({ serviceId: known.serviceId, start: known.slot, alias: 'Fuzz', language: 'nl', safeContact: { mayContact: false } }),
  'POST /api/bookings/{reference}/reschedule': () => ({ start: known.slot }),
  'POST /api/staff/bookings/{reference}/attendance': () => ({ attended: true }),
  'POST /api/cases': () => ({
    victimRef: `V-FUZZ-${Math.random().toString(36).slice(2)}`,
    zone: 'fuzz',
    interventionDate: '2026-01-10',
    kind: 'physical',
    children: false,
    substanceAbuse: false,
  }),
  'PATCH /api/cases/{id}': () => ({ riskLevel: 'high', riskReason: 'Fuzzed reason' }),
  'POST /api/cases/{id}/followups': () => ({ dueAt: inDays(2) }),
  'POST /api/cases/{id}/followups/{followupId}/complete': () => ({ outcome: 'reached' }),
  'POST /api/cases/{id}/followups/{followupId}/reschedule': () => ({ dueAt: inDays(3) }),
  'POST /api/cases/{id}/followups/{followupId}/reassign': () => ({ officer: 'omar.officer' }),
  'POST /api/orders': orderBody,
  'PUT /api/orders/{id}': () => ({ expectedVersion: 1, order: orderBody() }),
  'POST /api/orders/{id}/end': () => ({ reason: 'entered_in_error' }),
  'POST /api/monitoring/events': () => ({
    events: [{ type: 'position', eventId: `fuzz-${Math.random()}`, deviceId: 'FUZZ-DEV', at: new Date().toISOString(), lat: 51, lon: 4, accuracy: 10 }],
  }),
  'POST /api/panic': () => ({ protectionCode: 'ABCD-EFGH-JKLM' }),
  'POST /api/contact-reports': () => ({ protectionCode: 'ABCD-EFGH-JKLM' }),
  'POST /api/alerts/{id}/resolve': () => ({ outcome: 'other' }),
};

/** Every leaf path of a JSON value (objects and arrays), to pick one to break. */
function leafPaths(v: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  if (v === null || typeof v !== 'object') return [prefix];
  const entries = Array.isArray(v) ? v.map((x, i) => [i, x] as const) : Object.entries(v as Record<string, unknown>);
  const inner = entries.flatMap(([k, x]) => leafPaths(x, [...prefix, k]));
  return prefix.length ? [prefix, ...inner] : inner;
}
function setAt(root: Record<string, unknown>, path: (string | number)[], value: unknown): Record<string, unknown> {
  const copy = structuredClone(root);
  let at: Record<string | number, unknown> = copy;
  for (const k of path.slice(0, -1)) at = at[k] as Record<string | number, unknown>;
  const last = path.at(-1);
  if (last === undefined) return copy;
  if (value === undefined) delete at[last];
  else at[last] = value;
  return copy;
}

const takesBody = (r: RouteDecl) => r.method !== 'GET';
/** The body: absent, not JSON, junk, or a valid template with one field broken, removed or added. */
function bodyFor(r: RouteDecl): fc.Arbitrary<string | undefined> {
  const template = templates[routeKey(r)];
  const junk = fc.oneof(
    fc.constant(undefined),
    fc.constantFrom('{', 'not json', '[]', 'null', '"x"', '{"a":1}{', '\u0000'),
    nastyValue.map((v) => JSON.stringify(v)),
    fc.constant(JSON.stringify({ value: MEGABYTE })),
    fc.constant(`${'{"a":'.repeat(20_000)}1${'}'.repeat(20_000)}`),
    fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)),
  );
  if (!template) return junk;
  const broken = fc.tuple(fc.nat(), fc.oneof(nastyValue, fc.constant(undefined))).map(([i, bad]) => {
    const valid = template();
    const paths = leafPaths(valid);
    return JSON.stringify(setAt(valid, paths[i % paths.length] as (string | number)[], bad));
  });
  const extraKey = fc.tuple(fc.constantFrom('__proto__', 'constructor', 'extra', 'é'), nastyValue).map(([k, v]) => {
    const valid = template();
    return JSON.stringify(valid).replace(/^\{/, `{${JSON.stringify(k)}:${JSON.stringify(v)},`);
  });
  return fc.oneof(
    junk,
    broken,
    broken,
    extraKey,
    fc.constant(null).map(() => JSON.stringify(template())),
  );
}

const header = fc.oneof(
  fc.constant(undefined),
  fc.constantFrom('', '0000', '123456', 'x'.repeat(2_000), 'ÿ', '%E0'),
  fc.string({ maxLength: 20 }).map((s) => s.replace(/[^\x20-\x7e]/g, '?')),
);

function tokenFor(r: RouteDecl, pick: number): string | undefined {
  if (r.access.kind === 'public') return undefined;
  if (r.access.kind === 'machine') return api.token('monitoring');
  const roles = r.access.roles as readonly StaffRole[];
  return api.token(roles[pick % roles.length] as StaffRole);
}

// ---- the properties --------------------------------------------------------------------------

beforeAll(async () => {
  api = await startLocalApi('fuzz');
  const coordinator = api.token('coordinator');
  const id = `fuzz-${Date.now().toString(36)}`;
  const created = await api.call('POST', '/api/services', {
    token: coordinator,
    body: {
      ...service,
      id,
      demo: false,
      leadHours: 0,
      capacity: 100,
      openingRules: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start: '00:00', end: '23:30' })),
    },
  });
  expect(created.status, await created.clone().text()).toBe(201);
  known.id = id;
  known.serviceId = id;
  const slots = (await (await api.call('GET', `/api/services/${id}/slots`)).json()) as { slots: { start: string }[] };
  known.slot = slots.slots[3]?.start ?? inDays(1);
  const booking = (await (await api.call('POST', '/api/bookings', { body: templates['POST /api/bookings']?.() })).json()) as { reference: string };
  known.reference = booking.reference;
  known.entity = 'case';
}, 120_000);

afterAll(async () => {
  await api?.stop();
});

interface FuzzInput {
  params: string[];
  query: Record<string, string>;
  body: string | undefined;
  pin: string | undefined;
  idem: string | undefined;
  role: number;
}

interface Reply {
  status: number;
  contentType: string;
  text: string;
}

async function send(
  method: string,
  path: string,
  token: string | undefined,
  body: string | undefined,
  pin: string | undefined,
  idem: string | undefined,
): Promise<Reply> {
  const headers: Record<string, string> = {};
  if (pin !== undefined) headers['x-booking-pin'] = pin;
  if (idem !== undefined) headers['idempotency-key'] = idem;
  const res = await api.call(method, path, { ...(token ? { token } : {}), ...(body !== undefined ? { body } : {}), headers });
  return { status: res.status, contentType: res.headers.get('content-type') ?? '', text: await res.text() };
}

/** Answers seen, per status: the run must reach the handlers, not bounce off the gateway. */
const seen = new Map<number, number>();

function checkReply(label: string, reply: Reply): void {
  seen.set(reply.status, (seen.get(reply.status) ?? 0) + 1);
  expect(reply.status, `${label} → ${reply.status} ${reply.text.slice(0, 300)}`).toBeLessThan(500);
  if (reply.status < 400) return;
  expect(reply.contentType, `${label}: a ${reply.status} must be JSON`).toMatch(/^application\/json/);
  const body = JSON.parse(reply.text) as { error?: unknown; message?: unknown; field?: unknown };
  expect(typeof body.error, `${label}: ${reply.text}`).toBe('string');
  expect(typeof body.message, `${label}: ${reply.text}`).toBe('string');
  if (reply.status === 400) {
    expect(typeof body.field, `${label}: a 400 must name the field: ${reply.text}`).toBe('string');
    expect((body.field as string).length).toBeGreaterThan(0);
  }
}

describe('fuzzing every route of the route table', () => {
  it('covers every declared route', () => {
    expect(routes.length).toBeGreaterThan(40);
  });

  it.each(routes.map((r) => [routeKey(r), r] as const))('%s: no 5xx; every 4xx is JSON; every 400 names its field', async (_key, r) => {
    const names = [...r.path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1] as string);
    const params = fc.tuple(...names.map((n) => pathParameter(n)));
    const arbitrary = fc.record({
      params: names.length ? params : fc.constant([] as string[]),
      query: fc.oneof(fc.constant({} as Record<string, string>), query),
      body: takesBody(r) ? bodyFor(r) : fc.constant(undefined),
      pin: header,
      idem: header,
      role: fc.nat(),
    });
    // The kinds of input the issue lists, always tried once per route.
    const examples: [FuzzInput][] = (
      [
        { params: names.map(() => '%E0%A4%A'), query: {}, body: undefined, pin: undefined, idem: undefined, role: 0 },
        {
          params: names.map((n) => pct(known[n] ?? 'x')),
          query: JSON.parse('{"__proto__": "x", "constructor": "y"}') as Record<string, string>,
          body: takesBody(r) ? JSON.stringify({ value: MEGABYTE }) : undefined,
          pin: '%',
          idem: 'x',
          role: 1,
        },
        {
          params: names.map((n) => pct(known[n] ?? 'x')),
          query: { district: '-x' },
          body: takesBody(r) ? `${'['.repeat(100_000)}${']'.repeat(100_000)}` : undefined,
          pin: undefined,
          idem: undefined,
          role: 2,
        },
      ] as FuzzInput[]
    ).map((e) => [e]);
    let runs = 0;
    await fc.assert(
      fc.asyncProperty(arbitrary, async (input) => {
        runs++;
        let i = 0;
        const path = r.path.replace(/\{[^}]+\}/g, () => (input.params as string[])[i++] ?? 'x');
        const qs = encodeQuery(input.query);
        const url = qs ? `${path}?${qs}` : path;
        const reply = await send(r.method, url, tokenFor(r, input.role), input.body, input.pin, input.idem);
        checkReply(`${r.method} ${url.slice(0, 200)} body=${(input.body ?? '').slice(0, 200)}`, reply);
      }),
      { numRuns: RUNS_PER_ROUTE, examples, interruptAfterTimeLimit: TIME_LIMIT_PER_ROUTE_MS, endOnFailure: true },
    );
    expect(runs).toBeGreaterThanOrEqual(examples.length);
  });

  it('reached the handlers: valid tokens were never refused, and both successes and named 400s were seen', () => {
    console.log('fuzz answers by status', Object.fromEntries([...seen].sort((a, b) => a[0] - b[0])));
    const total = [...seen.values()].reduce((a, b) => a + b, 0);
    expect(total).toBeGreaterThanOrEqual(routes.length * 3);
    expect(seen.get(401) ?? 0).toBe(0);
    expect([...seen.keys()].some((s) => s >= 200 && s < 300)).toBe(true);
    expect(seen.get(400) ?? 0).toBeGreaterThan(total / 4);
  });
});
