/** Section 2: the local stack's API under autocannon, beside the raw DynamoDB calls each route makes. */
import autocannon from 'autocannon';
import { DynamoDBClient, GetItemCommand, QueryCommand } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { LocalStack } from '../../infra/local/stack.js';
import { PROOF_HEADER, solveProof } from '../../shared/catalog/booking-proof.js';
import { errText, json, ms, QUICK, rows } from '../context.js';
import { BATCH, monitoringFixture, rawBatchedRunner, rawPerEventRunner, type Group } from '../monitoring-load.js';
import { percentile, ratio } from '../stats.js';

const LOAD_SECONDS = QUICK ? 3 : 10;
const EVENTS_LOAD = { connections: 2, amount: QUICK ? 4 : 30 };

interface Load {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
  total: number;
  statusCodes?: Record<string, number>;
}

async function cannon(opts: autocannon.Options): Promise<Load> {
  const r = await autocannon({ connections: 10, duration: LOAD_SECONDS, ...opts });
  const statusCodes = Object.fromEntries(Object.entries(r.statusCodeStats ?? {}).map(([k, v]) => [k, Number(v.count)]));
  return {
    rps: r.duration > 0 ? r.requests.total / r.duration : r.requests.average,
    p50: r.latency.p50,
    p99: r.latency.p99,
    errors: r.errors + r.timeouts + (r.mismatches ?? 0),
    non2xx: r.non2xx,
    total: r.requests.total,
    statusCodes,
  };
}

/** The raw SDK call under the same concurrency for the same duration (or the same number of calls). */
async function rawLoad(call: () => Promise<unknown>, opts: { connections?: number; amount?: number; seconds?: number } = {}): Promise<Load> {
  const lat: number[] = [];
  let errors = 0;
  let started = 0;
  const end = performance.now() + (opts.seconds ?? LOAD_SECONDS) * 1000;
  const more = (): boolean => (opts.amount === undefined ? performance.now() < end : started < opts.amount);
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: opts.connections ?? 10 }, async () => {
      while (more()) {
        started++;
        const s = performance.now();
        try {
          await call();
        } catch {
          errors++;
        }
        lat.push(performance.now() - s);
      }
    }),
  );
  const secs = (performance.now() - t0) / 1000;
  return { rps: lat.length / secs, p50: percentile(lat, 50), p99: percentile(lat, 99), errors, non2xx: 0, total: lat.length };
}

interface Measured {
  api: Load;
  raw: Load;
  /** What the raw baseline calls, named in the note. */
  rawCalls: string;
  /** The row's result when it says more than the load figures. */
  result?: string;
  /** Appended to the note. */
  more?: string;
  /** Kept in the JSON report beside api and raw. */
  extra?: Record<string, unknown>;
}

const fmt = (l: Load): string => `${l.rps.toFixed(l.rps < 10 ? 2 : 0)} req/s, p50 ${ms(l.p50)}, p99 ${ms(l.p99)}, errors ${l.errors + l.non2xx}/${l.total}`;

export async function api(stack: LocalStack): Promise<void> {
  const results: Record<string, unknown> = {};
  json.api = results;
  const ddb = new DynamoDBClient({ endpoint: stack.dynamoEndpoint, region: 'eu-west-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });
  /**
   * One route's row: the route under load beside the raw DynamoDB calls it makes (`rawCalls`) and the
   * handler/raw ratios, or why it could not be measured.
   */
  const routeRow = async (item: string, key: string, measure: () => Promise<Measured>) => {
    try {
      const m = await measure();
      rows.push({
        section: '2 API',
        item,
        result: m.result ?? fmt(m.api),
        budget: 'errors 0',
        note: `${m.rawCalls}: ${fmt(m.raw)}; handler/raw rps ${ratio(m.api.rps, m.raw.rps)}, p50 ${ratio(m.api.p50, m.raw.p50)}${m.more ?? ''}`,
      });
      results[key] = { api: m.api, raw: m.raw, ...m.extra };
    } catch (e) {
      rows.push({ section: '2 API', item, result: errText(e) });
    }
  };
  try {
    // GET /api/contact-points: the handler's Query is pk = CATALOG AND begins_with(sk, 'CONTACT#').
    const contactsQuery = () =>
      ddb.send(
        new QueryCommand({
          TableName: stack.tableName,
          KeyConditionExpression: 'pk = :p AND begins_with(sk, :s)',
          ExpressionAttributeValues: { ':p': { S: 'CATALOG' }, ':s': { S: 'CONTACT#' } },
        }),
      );
    // Warm-up (discarded): DynamoDB Local's JVM and this process's JIT, through both paths.
    await rawLoad(contactsQuery, { seconds: QUICK ? 1 : 3 });
    await cannon({ url: `${stack.url}/api/contact-points`, duration: QUICK ? 1 : 3 });
    const rawContacts = await rawLoad(contactsQuery);
    await routeRow('GET /api/contact-points', 'contactPoints', async () => {
      const probe = await fetch(`${stack.url}/api/contact-points`);
      if (!probe.ok) throw new Error(probe.status === 501 ? 'not available yet (501)' : `probe → ${probe.status}`);
      const l = await cannon({ url: `${stack.url}/api/contact-points` });
      return { api: l, raw: rawContacts, rawCalls: 'raw Query pk=CATALOG begins_with CONTACT#' };
    });

    // GET /api/services/{id}/slots
    await routeRow('GET /api/services/{id}/slots', 'slots', async () => {
      const res = await fetch(`${stack.url}/api/services`);
      if (!res.ok) throw new Error(res.status === 501 ? 'not available yet (GET /api/services → 501)' : `GET /api/services → ${res.status}`);
      const body = (await res.json()) as unknown;
      const list = (
        Array.isArray(body) ? body : ((body as { services?: unknown[]; items?: unknown[] }).services ?? (body as { items?: unknown[] }).items ?? [])
      ) as { id?: string; serviceId?: string }[];
      const id = list[0]?.id ?? list[0]?.serviceId;
      if (!id) throw new Error('no seeded service');
      const probe = await fetch(`${stack.url}/api/services/${id}/slots`);
      if (!probe.ok) throw new Error(`GET slots → ${probe.status}`);
      const l = await cannon({ url: `${stack.url}/api/services/${id}/slots` });
      // Raw: the service (Get), then its slot counters over the 14 days shown (Query).
      const now = new Date();
      const rawSlotsLoad = await rawLoad(async () => {
        await ddb.send(new GetItemCommand({ TableName: stack.tableName, Key: { pk: { S: 'CATALOG' }, sk: { S: `SERVICE#${id}` } } }));
        await ddb.send(
          new QueryCommand({
            TableName: stack.tableName,
            KeyConditionExpression: 'pk = :p AND sk BETWEEN :a AND :b',
            ExpressionAttributeValues: {
              ':p': { S: `SLOTS#${id}` },
              ':a': { S: now.toISOString() },
              ':b': { S: new Date(now.getTime() + 14 * 86_400_000).toISOString() },
            },
          }),
        );
      });
      return {
        api: l,
        raw: rawSlotsLoad,
        rawCalls: 'raw Get service + Query SLOTS#id (14 days)',
        more: '; the handler also generates the slots (Brussels time)',
      };
    });

    // POST /api/bookings: every request books a slot no other request takes (capacity never 409s).
    await routeRow('POST /api/bookings (a fresh slot each)', 'bookings', async () => {
      const res = await fetch(`${stack.url}/api/services`);
      if (!res.ok) throw new Error(res.status === 501 ? 'not available yet (501)' : `GET /api/services → ${res.status}`);
      const { services } = (await res.json()) as { services: { id: string; bookable?: boolean; languages?: string[] }[] };
      const free: { serviceId: string; start: string; language: string }[] = [];
      const from = new Date();
      const to = new Date(from.getTime() + 31 * 86_400_000);
      for (const svc of services.filter((x) => x.bookable)) {
        const r = await fetch(`${stack.url}/api/services/${svc.id}/slots?from=${from.toISOString()}&to=${to.toISOString()}`);
        if (!r.ok) throw new Error(`GET slots of ${svc.id} → ${r.status}`);
        const { slots, capacity } = (await r.json()) as { capacity: number; slots: { start: string; remaining: number }[] };
        // One entry per free place: no two requests compete for the last place of a slot.
        for (const slot of slots)
          for (let i = 0; i < Math.min(slot.remaining, capacity); i++)
            free.push({ serviceId: svc.id, start: slot.start, language: svc.languages?.[0] ?? 'nl' });
      }
      // The raw baseline writes its own BENCHRAW# counters, so it may walk the same list.
      const apiSlots = free;
      const rawSlots = free;
      const amount = Math.min(QUICK ? 20 : 150, free.length);
      if (amount < 10) throw new Error(`only ${free.length} free slots seeded: too few for a load`);
      const body = (slot: { serviceId: string; start: string; language: string }) =>
        JSON.stringify({ serviceId: slot.serviceId, start: slot.start, alias: 'Bench', language: slot.language, safeContact: { mayContact: false } });
      // The victim app solves a small proof of work per booking on her phone before it sends; solved here
      // beforehand, so the load measures the API (the proof's cost on a phone is the app's, not the server's).
      const proofs: string[] = [];
      for (const slot of apiSlots.slice(0, amount)) proofs.push(await solveProof(slot.serviceId, slot.start));
      let next = 0;
      const l = await cannon({
        url: `${stack.url}/api/bookings`,
        amount,
        timeout: 60,
        requests: [
          {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            setupRequest: (req) => {
              const i = next++ % amount;
              return { ...req, headers: { ...req.headers, [PROOF_HEADER]: proofs[i]! }, body: body(apiSlots[i]!) };
            },
          },
        ],
      });
      const conflicts = l.statusCodes?.['409'] ?? 0;
      // Raw: what the handler sends DynamoDB per booking: the service (Get), then ONE transaction of
      // slot counter (conditional), booking (conditional put) and report counter. Under BENCHRAW# keys.
      const doc = DynamoDBDocumentClient.from(ddb);
      let rawNext = 0;
      const raw = await rawLoad(
        async () => {
          const slot = rawSlots[rawNext++ % rawSlots.length]!;
          await doc.send(new GetCommand({ TableName: stack.tableName, Key: { pk: 'CATALOG', sk: `SERVICE#${slot.serviceId}` } }));
          const ref = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
          await doc.send(
            new TransactWriteCommand({
              TransactItems: [
                {
                  Update: {
                    TableName: stack.tableName,
                    Key: { pk: `BENCHRAW#SLOTS#${slot.serviceId}`, sk: slot.start },
                    UpdateExpression: 'SET #type = :t ADD booked :one',
                    ConditionExpression: 'attribute_not_exists(booked) OR booked < :cap',
                    ExpressionAttributeNames: { '#type': 'type' },
                    ExpressionAttributeValues: { ':t': 'BENCH_RAW', ':one': 1, ':cap': 1000 },
                  },
                },
                {
                  Put: {
                    TableName: stack.tableName,
                    Item: {
                      pk: `BENCHRAW#BOOKING#${ref}`,
                      sk: 'BOOKING',
                      type: 'BENCH_RAW',
                      serviceId: slot.serviceId,
                      start: slot.start,
                      alias: 'Bench',
                      pinHash: 'x'.repeat(64),
                      status: 'booked',
                    },
                    ConditionExpression: 'attribute_not_exists(pk)',
                  },
                },
                {
                  Update: {
                    TableName: stack.tableName,
                    Key: { pk: 'BENCHRAW#STATS', sk: from.toISOString().slice(0, 7) },
                    UpdateExpression: 'SET #type = :t ADD made :one',
                    ExpressionAttributeNames: { '#type': 'type' },
                    ExpressionAttributeValues: { ':t': 'BENCH_RAW', ':one': 1 },
                  },
                },
              ],
            }),
          );
        },
        { amount },
      );
      const serviceCount = new Set(apiSlots.slice(0, amount).map((x) => x.serviceId)).size;
      return {
        api: l,
        raw,
        rawCalls: `${amount} bookings over ${serviceCount} services' free slots; 409 (slot full): ${conflicts}. raw Get + TransactWriteItems(slot counter, booking, report counter)`,
        more: ' — the handler also hashes the PIN (scrypt) and publishes the partner-intake SNS message',
        extra: { amount, conflicts },
      };
    });

    // POST /api/monitoring/events, batches of 50 (5 devices): one BatchGetItem and 5 TransactWriteItems
    // in parallel. DynamoDB Local serializes transactions, so: 2 connections, a fixed number of batches,
    // as for the per-event design measured beside it.
    await routeRow(`POST /api/monitoring/events (${BATCH}/batch)`, 'monitoringEvents', async () => {
      const fixture = await monitoringFixture(stack.staffUrl, await stack.issuer.tokenFor('police'), EVENTS_LOAD.connections + 2);
      const token = await stack.issuer.tokenFor('monitoring');
      let wrong = 0;
      let shared = 0;
      const leaseOrShare = (): Group => {
        const g = fixture.lease();
        if (g) return g;
        shared++;
        return fixture.groups[shared % fixture.groups.length] as Group;
      };
      const l = await cannon({
        ...EVENTS_LOAD,
        timeout: 120,
        url: `${stack.staffUrl}/api/monitoring/events`,
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        requests: [
          {
            setupRequest: (req, ctx) => {
              const group = leaseOrShare();
              ctx.group = group;
              return { ...req, body: JSON.stringify({ events: fixture.batch(group) }) };
            },
            onResponse: (status, body, ctx) => {
              fixture.release(ctx.group as Group);
              try {
                const r = JSON.parse(body) as { accepted?: number };
                if (status === 200 && r.accepted !== BATCH) wrong++;
              } catch {
                if (status === 200) wrong++;
              }
            },
          },
        ],
      });
      l.errors += wrong;
      const rawRun = async (runner: ReturnType<typeof rawBatchedRunner>) =>
        rawLoad(async () => {
          const g = leaseOrShare();
          try {
            await runner(fixture, g);
          } finally {
            fixture.release(g);
          }
        }, EVENTS_LOAD);
      const raw = await rawRun(rawBatchedRunner(ddb, stack.tableName));
      const perEvent = await rawRun(rawPerEventRunner(ddb, stack.tableName));
      json.monitoringGain = { eventsPerSecond: l.rps * BATCH, perEventDesignEventsPerSecond: perEvent.rps * BATCH };
      return {
        api: l,
        raw,
        result: `${fmt(l)} (${(l.rps * BATCH).toFixed(0)} events/s)`,
        rawCalls: `raw: the handler's calls per batch (1 consistent BatchGetItem of 5 orders and states, 5 TransactWriteItems of 21 items) straight through lib-dynamodb`,
        more: `; the per-event design it replaced (5 gsi1 Queries, 100 consistent Gets, 50 TransactWriteItems per batch), raw: ${fmt(perEvent)} (${(perEvent.rps * BATCH).toFixed(0)} events/s) — handler/per-event design events/s ${ratio(l.rps, perEvent.rps)} (goal ≥ ×5)${wrong ? `; ${wrong} responses with accepted ≠ ${BATCH}` : ''}${shared ? `; ${shared} batches shared a device group` : ''}`,
        extra: { batch: BATCH, wrongAccepted: wrong, sharedGroups: shared, perEvent },
      };
    });
  } finally {
    ddb.destroy();
  }
}
