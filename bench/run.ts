/**
 * `npm run bench` (full) / `npm run bench -- --quick` (≈ 1 minute). Never part of `npm test`.
 * Every figure is a median of several runs; every comparison a ratio measured in the same run.
 * Each section is independent: a failure becomes its row's result and the next section runs.
 *
 * One local stack (infra/local/stack.ts) serves sections 2, 3 (latency), 5 (Lighthouse) and 6: on
 * BENCH_PORT (default 3250, never 3000) with a fresh temporary data folder, deleted at the end.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build, type Metafile } from 'esbuild';
import autocannon from 'autocannon';
import { DynamoDBClient, GetItemCommand, QueryCommand } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { LAMBDA_BUNDLING } from '../infra/aws/bundling.js';
import type { LocalStack } from '../infra/local/stack.js';
import { functions } from '../shared/functions.js';
import { topics } from '../shared/topics.js';
import { appConfig } from '../pwa/src/config.js';
import { benchBreachEngine, benchBreachLatency } from './breach-engine.js';
import { benchFollowupTick } from './followup-tick.js';
import { LIGHTHOUSE_VERSION, lighthouseOnce, type LighthouseRun } from './lighthouse.js';
import { benchQuickExit, firstVisitScripts } from './quick-exit.js';
import { BATCH, monitoringFixture, rawBatchRunner, type Group } from './monitoring-load.js';
import { markdownTable, median, percentile, ratio, type Row } from './stats.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const QUICK = process.argv.includes('--quick');
const PORT = Number(process.env.BENCH_PORT ?? 3250);
if (PORT === 3000) throw new Error('BENCH_PORT must not be 3000 (the lead’s npm start)');
const LOAD_SECONDS = QUICK ? 3 : 10;
const EVENTS_LOAD = { connections: 2, amount: QUICK ? 4 : 30 };
/** `--only=2,5`: run just these sections (development); the results then go to stdout only. */
const ONLY = process.argv.find((a) => a.startsWith('--only='))?.slice('--only='.length).split(',');
const wanted = (n: string): boolean => !ONLY || ONLY.includes(n);
const rows: Row[] = [];
const json: Record<string, unknown> = { quick: QUICK };
const kb = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KB`;
const ms = (v: number): string => (Number.isFinite(v) ? `${v.toFixed(1)} ms` : 'n/a');
const errText = (e: unknown): string => `error: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`.slice(0, 200);

async function section(name: string, fn: () => Promise<void>): Promise<void> {
  if (!wanted(name[0] ?? '')) return;
  const t0 = performance.now();
  try {
    await fn();
  } catch (e) {
    rows.push({ section: name, item: '(section failed)', result: errText(e) });
  }
  console.error(`[bench] ${name} done in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}

// ───────────────────────────── 1 Lambda bundles ─────────────────────────────

const dummyEnv = (): NodeJS.ProcessEnv => {
  const env: NodeJS.ProcessEnv = { ...process.env, TABLE_NAME: 'bench-table', AWS_REGION: 'eu-west-1', AWS_ACCESS_KEY_ID: 'x', AWS_SECRET_ACCESS_KEY: 'x' };
  for (const t of Object.values(topics) as { envVar: string }[]) env[t.envVar] = 'arn:aws:sns:eu-west-1:000000000000:bench';
  return env;
};

/** The biggest contributors to a bundle, grouped by npm package (or "own code"). */
function topInputs(meta: Metafile, out: string): string {
  const output = Object.entries(meta.outputs).find(([k]) => k.endsWith('.mjs') && k.includes(out))?.[1];
  if (!output) return '';
  const byPkg = new Map<string, number>();
  for (const [path, { bytesInOutput }] of Object.entries(output.inputs)) {
    const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path);
    const key = m?.[1] ?? 'own code';
    byPkg.set(key, (byPkg.get(key) ?? 0) + bytesInOutput);
  }
  return [...byPkg.entries()].sort((a, b) => b[1] - a[1]).slice(0, 3).map(([k, v]) => `${k} ${kb(v)}`).join(', ');
}

interface BundleFigures { bytes: number; gzip: number; importMs: number; top: string }

/** Bundles one entry exactly as the CDK construct does and times `import()` in fresh node processes. */
async function measureBundle(entry: string, outfile: string, runs: number): Promise<BundleFigures & { times: number[] }> {
  const result = await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    format: 'esm',
    target: LAMBDA_BUNDLING.target,
    platform: 'node',
    mainFields: LAMBDA_BUNDLING.mainFields,
    minify: LAMBDA_BUNDLING.minify,
    sourcemap: LAMBDA_BUNDLING.sourceMap ? 'external' : false,
    sourcesContent: LAMBDA_BUNDLING.sourcesContent,
    banner: { js: LAMBDA_BUNDLING.banner },
    external: LAMBDA_BUNDLING.externalModules,
    nodePaths: [join(ROOT, 'node_modules')],
    metafile: true,
    logLevel: 'silent',
  });
  const code = readFileSync(outfile);
  const times: number[] = [];
  const probe = `const t=performance.now();await import(${JSON.stringify(pathToFileURL(outfile).href)});console.log(performance.now()-t);`;
  for (let i = 0; i < runs; i++) {
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', probe], { env: dummyEnv(), encoding: 'utf8', timeout: 30_000 });
    if (r.status !== 0) throw new Error(`import failed: ${(r.stderr || '').split('\n').find((l) => l.trim()) ?? r.status}`);
    times.push(Number(r.stdout.trim()));
  }
  return { bytes: code.length, gzip: gzipSync(code).length, importMs: median(times), times, top: topInputs(result.metafile ?? { inputs: {}, outputs: {} }, outfile.split('/').slice(-2).join('/')) };
}

/**
 * Reference bundles: what a handler cannot go below while it uses these libraries as bundled today
 * (same bundling definition). They explain the handlers over budget.
 */
const REFERENCES = {
  'ref: DynamoDB client alone': "import { DynamoDBClient } from '@aws-sdk/client-dynamodb';\nexport const client = new DynamoDBClient({});\n",
  'ref: zod alone (one schema)': "import * as z from 'zod';\nexport const schema = z.strictObject({ a: z.string().min(1), b: z.number() });\n",
  'ref: empty module': 'export const nothing = 0;\n',
} as const;

async function bundles(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'oneroof-bench-bundles-'));
  const runs = QUICK ? 3 : 7;
  const out: Record<string, unknown> = {};
  const budget = '≤ 150 KB, ≤ 60 ms';
  try {
    const refs: Record<string, BundleFigures> = {};
    for (const [name, code] of Object.entries(REFERENCES)) {
      try {
        const src = join(dir, `${name.replace(/\W+/g, '-')}.ts`);
        writeFileSync(src, code);
        const f = await measureBundle(src, join(dir, name.replace(/\W+/g, '-'), 'index.mjs'), runs);
        refs[name] = f;
        out[name] = f;
      } catch (e) {
        rows.push({ section: '1 Lambda bundle', item: name, result: errText(e) });
      }
    }
    const ddb = refs['ref: DynamoDB client alone'];
    const zod = refs['ref: zod alone (one schema)'];
    for (const [name, decl] of Object.entries(functions) as [string, { entry: string }][]) {
      try {
        const f = await measureBundle(join(ROOT, decl.entry), join(dir, name, 'index.mjs'), runs);
        const over = f.bytes > 150 * 1024 || f.importMs > 60;
        const why: string[] = [];
        if (over && ddb && f.top.includes('@smithy/core')) why.push(`needs more: it bundles the AWS SDK v3 on purpose (infra/aws/bundling.ts); the DynamoDB client alone is ${kb(ddb.bytes)} / ${ms(ddb.importMs)}`);
        if (over && zod && f.top.includes('zod')) why.push(`zod alone ${kb(zod.bytes)} / ${ms(zod.importMs)}`);
        rows.push({
          section: '1 Lambda bundle',
          item: name,
          result: `${kb(f.bytes)} min, ${kb(f.gzip)} gzip, import ${ms(f.importMs)}${over ? ' **OVER BUDGET**' : ''}`,
          budget,
          note: `largest: ${f.top}${why.length ? `. ${why.join('; ')}` : ''}`,
        });
        out[name] = { bytes: f.bytes, gzip: f.gzip, importMs: f.times };
      } catch (e) {
        rows.push({ section: '1 Lambda bundle', item: name, result: errText(e), budget });
      }
    }
    for (const [name, f] of Object.entries(refs)) {
      rows.push({ section: '1 Lambda bundle', item: name, result: `${kb(f.bytes)} min, ${kb(f.gzip)} gzip, import ${ms(f.importMs)}`, note: name.includes('empty') ? 'the cost of starting any import in a fresh node process' : `largest: ${f.top}` });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  json.bundles = out;
}

// ───────────────────────────── 2 API ─────────────────────────────

interface Load { rps: number; p50: number; p99: number; errors: number; non2xx: number; total: number; statusCodes?: Record<string, number> }

async function cannon(opts: autocannon.Options): Promise<Load> {
  const r = await autocannon({ connections: 10, duration: LOAD_SECONDS, ...opts });
  const statusCodes = Object.fromEntries(Object.entries(r.statusCodeStats ?? {}).map(([k, v]) => [k, Number(v.count)]));
  return { rps: r.duration > 0 ? r.requests.total / r.duration : r.requests.average, p50: r.latency.p50, p99: r.latency.p99, errors: r.errors + r.timeouts + (r.mismatches ?? 0), non2xx: r.non2xx, total: r.requests.total, statusCodes };
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
        try { await call(); } catch { errors++; }
        lat.push(performance.now() - s);
      }
    }),
  );
  const secs = (performance.now() - t0) / 1000;
  return { rps: lat.length / secs, p50: percentile(lat, 50), p99: percentile(lat, 99), errors, non2xx: 0, total: lat.length };
}

const fmt = (l: Load): string => `${l.rps.toFixed(l.rps < 10 ? 2 : 0)} req/s, p50 ${ms(l.p50)}, p99 ${ms(l.p99)}, errors ${l.errors + l.non2xx}/${l.total}`;

async function api(stack: LocalStack): Promise<void> {
  const results: Record<string, unknown> = {};
  json.api = results;
  const ddb = new DynamoDBClient({ endpoint: stack.dynamoEndpoint, region: 'eu-west-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });
  try {

    // GET /api/contact-points: the handler's Query is pk = CATALOG AND begins_with(sk, 'CONTACT#').
    const contactsQuery = () => ddb.send(new QueryCommand({ TableName: stack.tableName, KeyConditionExpression: 'pk = :p AND begins_with(sk, :s)', ExpressionAttributeValues: { ':p': { S: 'CATALOG' }, ':s': { S: 'CONTACT#' } } }));
    // Warm-up (discarded): DynamoDB Local's JVM and this process's JIT, through both paths.
    await rawLoad(contactsQuery, { seconds: QUICK ? 1 : 3 });
    await cannon({ url: `${stack.url}/api/contact-points`, duration: QUICK ? 1 : 3 });
    const rawContacts = await rawLoad(contactsQuery);
    try {
      const probe = await fetch(`${stack.url}/api/contact-points`);
      if (!probe.ok) throw new Error(probe.status === 501 ? 'not available yet (501)' : `probe → ${probe.status}`);
      const l = await cannon({ url: `${stack.url}/api/contact-points` });
      rows.push({ section: '2 API', item: 'GET /api/contact-points', result: fmt(l), budget: 'errors 0', note: `raw Query pk=CATALOG begins_with CONTACT#: ${fmt(rawContacts)}; handler/raw rps ${ratio(l.rps, rawContacts.rps)}, p50 ${ratio(l.p50, rawContacts.p50)}` });
      results.contactPoints = { api: l, raw: rawContacts };
    } catch (e) { rows.push({ section: '2 API', item: 'GET /api/contact-points', result: errText(e) }); }

    // GET /api/services/{id}/slots
    try {
      const res = await fetch(`${stack.url}/api/services`);
      if (!res.ok) throw new Error(res.status === 501 ? 'not available yet (GET /api/services → 501)' : `GET /api/services → ${res.status}`);
      const body = (await res.json()) as unknown;
      const list = (Array.isArray(body) ? body : ((body as { services?: unknown[]; items?: unknown[] }).services ?? (body as { items?: unknown[] }).items ?? [])) as { id?: string; serviceId?: string }[];
      const id = list[0]?.id ?? list[0]?.serviceId;
      if (!id) throw new Error('no seeded service');
      const probe = await fetch(`${stack.url}/api/services/${id}/slots`);
      if (!probe.ok) throw new Error(`GET slots → ${probe.status}`);
      const l = await cannon({ url: `${stack.url}/api/services/${id}/slots` });
      // Raw: the service (Get), then its slot counters over the 14 days shown (Query).
      const now = new Date();
      const rawSlotsLoad = await rawLoad(async () => {
        await ddb.send(new GetItemCommand({ TableName: stack.tableName, Key: { pk: { S: 'CATALOG' }, sk: { S: `SERVICE#${id}` } } }));
        await ddb.send(new QueryCommand({ TableName: stack.tableName, KeyConditionExpression: 'pk = :p AND sk BETWEEN :a AND :b', ExpressionAttributeValues: { ':p': { S: `SLOTS#${id}` }, ':a': { S: now.toISOString() }, ':b': { S: new Date(now.getTime() + 14 * 86_400_000).toISOString() } } }));
      });
      rows.push({ section: '2 API', item: 'GET /api/services/{id}/slots', result: fmt(l), budget: 'errors 0', note: `raw Get service + Query SLOTS#id (14 days): ${fmt(rawSlotsLoad)}; handler/raw rps ${ratio(l.rps, rawSlotsLoad.rps)}, p50 ${ratio(l.p50, rawSlotsLoad.p50)}; the handler also generates the slots (Brussels time)` });
      results.slots = { api: l, raw: rawSlotsLoad };
    } catch (e) { rows.push({ section: '2 API', item: 'GET /api/services/{id}/slots', result: errText(e) }); }

    // POST /api/bookings: every request books a slot no other request takes (capacity never 409s).
    try {
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
        for (const slot of slots) for (let i = 0; i < Math.min(slot.remaining, capacity); i++) free.push({ serviceId: svc.id, start: slot.start, language: svc.languages?.[0] ?? 'nl' });
      }
      // The raw baseline writes its own BENCHRAW# counters, so it may walk the same list.
      const apiSlots = free;
      const rawSlots = free;
      const amount = Math.min(QUICK ? 20 : 150, free.length);
      if (amount < 10) throw new Error(`only ${free.length} free slots seeded: too few for a load`);
      const body = (slot: { serviceId: string; start: string; language: string }) =>
        JSON.stringify({ serviceId: slot.serviceId, start: slot.start, alias: 'Bench', language: slot.language, safeContact: { mayContact: false } });
      let next = 0;
      const l = await cannon({
        url: `${stack.url}/api/bookings`,
        amount,
        timeout: 60,
        requests: [{ method: 'POST', headers: { 'content-type': 'application/json' }, setupRequest: (req) => ({ ...req, body: body(apiSlots[next++ % apiSlots.length]!) }) }],
      });
      const conflicts = l.statusCodes?.['409'] ?? 0;
      // Raw: what the handler sends DynamoDB per booking: the service (Get), then ONE transaction of
      // slot counter (conditional), booking (conditional put) and report counter. Under BENCHRAW# keys.
      const doc = DynamoDBDocumentClient.from(ddb);
      let rawNext = 0;
      const raw = await rawLoad(async () => {
        const slot = rawSlots[rawNext++ % rawSlots.length]!;
        await doc.send(new GetCommand({ TableName: stack.tableName, Key: { pk: 'CATALOG', sk: `SERVICE#${slot.serviceId}` } }));
        const ref = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
        await doc.send(new TransactWriteCommand({ TransactItems: [
          { Update: { TableName: stack.tableName, Key: { pk: `BENCHRAW#SLOTS#${slot.serviceId}`, sk: slot.start }, UpdateExpression: 'SET #type = :t ADD booked :one', ConditionExpression: 'attribute_not_exists(booked) OR booked < :cap', ExpressionAttributeNames: { '#type': 'type' }, ExpressionAttributeValues: { ':t': 'BENCH_RAW', ':one': 1, ':cap': 1000 } } },
          { Put: { TableName: stack.tableName, Item: { pk: `BENCHRAW#BOOKING#${ref}`, sk: 'BOOKING', type: 'BENCH_RAW', serviceId: slot.serviceId, start: slot.start, alias: 'Bench', pinHash: 'x'.repeat(64), status: 'booked' }, ConditionExpression: 'attribute_not_exists(pk)' } },
          { Update: { TableName: stack.tableName, Key: { pk: 'BENCHRAW#STATS', sk: from.toISOString().slice(0, 7) }, UpdateExpression: 'SET #type = :t ADD made :one', ExpressionAttributeNames: { '#type': 'type' }, ExpressionAttributeValues: { ':t': 'BENCH_RAW', ':one': 1 } } },
        ] }));
      }, { amount });
      rows.push({
        section: '2 API',
        item: 'POST /api/bookings (a fresh slot each)',
        result: fmt(l),
        budget: 'errors 0',
        note: `${amount} bookings over ${new Set(apiSlots.slice(0, amount).map((x) => x.serviceId)).size} services' free slots; 409 (slot full): ${conflicts}. raw Get + TransactWriteItems(slot counter, booking, report counter): ${fmt(raw)}; handler/raw rps ${ratio(l.rps, raw.rps)}, p50 ${ratio(l.p50, raw.p50)} — the handler also hashes the PIN (scrypt) and publishes the partner-intake SNS message`,
      });
      results.bookings = { api: l, raw, amount, conflicts };
    } catch (e) { rows.push({ section: '2 API', item: 'POST /api/bookings (a fresh slot each)', result: errText(e) }); }

    // POST /api/monitoring/events, batches of 50. A batch costs 150 DynamoDB calls, 10 sequential
    // TransactWriteItems per device: ~1.5 s on DynamoDB Local, which serializes transactions (10
    // connections queue for 20 s+ per batch). So: 2 connections, a fixed number of batches.
    const item = `POST /api/monitoring/events (${BATCH}/batch)`;
    try {
      const fixture = await monitoringFixture(stack.url, await stack.issuer.tokenFor('police'), EVENTS_LOAD.connections + 2);
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
        url: `${stack.url}/api/monitoring/events`,
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
      const runRaw = rawBatchRunner(ddb, stack.tableName);
      const raw = await rawLoad(async () => {
        const g = leaseOrShare();
        try { await runRaw(fixture, g); } finally { fixture.release(g); }
      }, EVENTS_LOAD);
      rows.push({
        section: '2 API',
        item,
        result: `${fmt(l)} (${(l.rps * BATCH).toFixed(0)} events/s)`,
        budget: 'errors 0',
        note: `raw: the same DynamoDB calls per batch (5 gsi1 Queries, 100 consistent Gets, 50 TransactWriteItems) straight through lib-dynamodb: ${fmt(raw)}; handler/raw rps ${ratio(l.rps, raw.rps)}, p50 ${ratio(l.p50, raw.p50)}${wrong ? `; ${wrong} responses with accepted ≠ ${BATCH}` : ''}${shared ? `; ${shared} batches shared a device group` : ''}`,
      });
      results.monitoringEvents = { api: l, raw, batch: BATCH, wrongAccepted: wrong, sharedGroups: shared };
    } catch (e) { rows.push({ section: '2 API', item, result: errText(e) }); }
  } finally {
    ddb.destroy();
  }
}

// ───────────────────────────── 3, 4 modules owned by other capabilities ─────────────────────────────

async function breachLatency(stack: LocalStack): Promise<void> {
  const item = 'event received → alert published p50/p99 (local stack)';
  // At most 30: benchBreachLatency spaces its events 40 min apart inside an order valid from 24 h ago.
  const { samples } = await benchBreachLatency({ stack, runs: QUICK ? 5 : 30 });
  rows.push({ section: '3 Breach engine', item, result: `p50 ${ms(median(samples))}, p99 ${ms(percentile(samples, 99))} (${samples.length} alerts)` });
  json.breachLatency = samples;
}

async function breachEngine(): Promise<void> {
  const runs: number[] = [];
  for (let i = 0; i < (QUICK ? 3 : 5); i++) runs.push(benchBreachEngine({ events: QUICK ? 5_000 : 30_000 }).eventsPerSecond);
  rows.push({ section: '3 Breach engine', item: 'events evaluated/s (pure engine, one core)', result: `${median(runs).toFixed(0)} events/s` });
  json.breachEngine = runs;
}

/** Needs the local stack running in-process (the tick reads TABLE_NAME, the endpoints and topic ARNs it sets). */
async function followupTick(): Promise<void> {
  type Tick = { ms: number; published: number; reminded?: number; secondTickReminded?: number; seedMs?: number };
  const count = QUICK ? 200 : 10_000;
  const item = `one tick over ${count.toLocaleString('en')} due follow-ups`;
  const r: Tick = await benchFollowupTick({ n: count });
  const once = r.published === count && (r.secondTickReminded ?? 0) === 0;
  rows.push({
    section: '4 Reminder tick',
    item,
    result: `${ms(r.ms)} (${(count / (r.ms / 1000)).toFixed(0)} reminders/s), published ${r.published}${once ? ' — exactly once' : ' **MISMATCH**'}`,
    budget: 'each exactly once',
    note: `reminders in the local SNS inbox after the tick and a second tick (which reminded ${r.secondTickReminded ?? '?'}); DynamoDB Local + local SNS${r.seedMs !== undefined ? `; seeding took ${ms(r.seedMs)}` : ''}`,
  });
  json.followupTick = r;
}

// ───────────────────────────── 5 Victim PWA ─────────────────────────────

const DIST = join(ROOT, 'dist', 'pwa');

async function pwa(stack: LocalStack | undefined): Promise<void> {
  const indexPath = join(DIST, 'index.html');
  if (!existsSync(indexPath)) { rows.push({ section: '5 Victim PWA', item: 'first-visit JS', result: 'not measured: dist/pwa not built (npm run build:pwa)' }); return; }
  const builtAt = statSync(indexPath).mtime.toISOString();
  const html = readFileSync(indexPath, 'utf8');
  const srcs = new Set<string>();
  for (const m of html.matchAll(/<script[^>]*type="module"[^>]*src="([^"]+)"/g)) if (m[1]) srcs.add(m[1]);
  for (const m of html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+)"/g)) if (m[1]) srcs.add(m[1]);
  let raw = 0, gz = 0;
  for (const s of srcs) { const b = readFileSync(join(DIST, s.replace(/^\//, ''))); raw += b.length; gz += gzipSync(b).length; }
  rows.push({ section: '5 Victim PWA', item: 'first-visit JS (module scripts + modulepreloads in index.html)', result: `${kb(raw)} raw, ${kb(gz)} gzip${gz > 20 * 1024 ? ' **OVER BUDGET**' : ''}`, budget: '≤ 20 KB gzip', note: `${srcs.size} files; dist/pwa built ${builtAt}` });
  const sw = join(DIST, 'sw.js');
  if (existsSync(sw)) {
    // Workbox's precache manifest, inlined in sw.js: {url:"…",revision:…} or {"url":"…","revision":…}.
    const urls = new Set([...readFileSync(sw, 'utf8').matchAll(/"?url"?:\s*"([^"]+)"/g)].map((m) => m[1] ?? ''));
    let bytes = 0;
    for (const u of urls) { const p = join(DIST, u.replace(/^\//, '')); if (existsSync(p)) bytes += statSync(p).size; }
    rows.push({ section: '5 Victim PWA', item: 'service-worker precache', result: `${urls.size} entries, ${kb(bytes)}`, note: `${[...urls].filter((u) => u.endsWith('.js')).length} JS files; fetched once by the worker after the first visit, not by the first visit itself` });
  } else rows.push({ section: '5 Victim PWA', item: 'service-worker precache', result: 'not measured: no dist/pwa/sw.js' });
  json.pwa = { raw, gz, files: [...srcs], builtAt };
  if (stack) {
    try {
      const { files } = await firstVisitScripts(`${stack.url}/`);
      let fraw = 0, fgz = 0;
      for (const f of files) {
        const p = join(DIST, f.url.replace(/^\//, ''));
        const b = existsSync(p) ? readFileSync(p) : undefined;
        fraw += f.bytes;
        fgz += b ? gzipSync(b).length : f.bytes;
      }
      rows.push({ section: '5 Victim PWA', item: 'first-visit JS (measured in Chromium: every script the first screen loads)', result: `${kb(fraw)} raw, ${kb(fgz)} gzip${fgz > 20 * 1024 ? ' **OVER BUDGET**' : ''}`, budget: '≤ 20 KB gzip', note: `${files.length} files: ${files.map((f) => f.url.replace(/^\/assets\//, '')).join(', ')}` });
      json.pwaFirstVisit = files;
    } catch (e) {
      rows.push({ section: '5 Victim PWA', item: 'first-visit JS (measured in Chromium)', result: errText(e) });
    }
  }
  const lhItem = `Lighthouse ${LIGHTHOUSE_VERSION} (mobile) performance / accessibility`;
  if (!stack) { rows.push({ section: '5 Victim PWA', item: lhItem, result: 'not measured: the local stack did not start' }); return; }
  if (QUICK) { rows.push({ section: '5 Victim PWA', item: lhItem, result: 'skipped in --quick (≈ 20 s per run)' }); return; }
  try {
    const runs: LighthouseRun[] = [];
    for (let i = 0; i < (QUICK ? 1 : 3); i++) runs.push(await lighthouseOnce(`${stack.url}/`));
    const errored = [...new Set(runs.flatMap((r) => r.erroredAudits))];
    rows.push({
      section: '5 Victim PWA',
      item: lhItem,
      result: `performance ${median(runs.map((r) => r.performance))}, accessibility ${median(runs.map((r) => r.accessibility))}`,
      note: `median of ${runs.length} (${runs.map((r) => `${r.performance}/${r.accessibility}`).join(', ')}); Debian Chromium, simulated mobile throttling; LCP ${ms(median(runs.map((r) => r.lcpMs ?? Number.NaN)))}, TBT ${ms(median(runs.map((r) => r.tbtMs ?? Number.NaN)))}${errored.length ? `; audits that errored on this Chromium: ${errored.join(', ')}` : ''}`,
    });
    json.lighthouse = runs;
  } catch (e) {
    rows.push({ section: '5 Victim PWA', item: lhItem, result: errText(e) });
  }
}

async function quickExit(stack: LocalStack | undefined): Promise<void> {
  const item = (path: string) => `${path}: press → navigation start / neutral page loaded`;
  if (!existsSync(join(DIST, 'index.html'))) { rows.push({ section: '6 Quick exit', item: item('all paths'), result: 'not measured: dist/pwa not built (npm run build:pwa)' }); return; }
  if (!stack) { rows.push({ section: '6 Quick exit', item: item('all paths'), result: 'not measured: the local stack did not start' }); return; }
  const runs = QUICK ? 2 : 30;
  const results = await benchQuickExit({ appUrl: `${stack.url}/`, exitUrl: appConfig.exitUrl, runs });
  for (const [path, list] of Object.entries(results)) {
    const nav = list.map((r) => r.toNavigationStart);
    const loaded = list.map((r) => r.toLoaded);
    const back = list.filter((r) => r.backShowsContent).length;
    const backTo = [...new Set(list.map((r) => r.backUrl))].join(', ');
    rows.push({
      section: '6 Quick exit',
      item: item(path),
      result: `p50 ${ms(median(nav))} / ${ms(median(loaded))}, p99 ${ms(percentile(nav, 99))} / ${ms(percentile(loaded, 99))}; Back shows content: ${back}/${list.length}${back > 0 ? ' **FAIL**' : ''}`,
      budget: 'Back shows content: never',
      note: `${list.length} runs; the exit page itself (served by Playwright routing) loads in p50 ${ms(median(list.map((r) => r.toLoaded - r.toNavigationStart)))} of that; Back landed on ${backTo}`,
    });
  }
  json.quickExit = results;
}

// ───────────────────────────── main ─────────────────────────────

const started = new Date();
await section('1 Lambda bundle', bundles);

// The handlers' INFO line per request would flood the table output; warnings and errors still print.
process.env.LOG_LEVEL ??= 'WARN';
const { startLocalStack } = await import('../infra/local/stack.js');
const dataDir = mkdtempSync(join(tmpdir(), 'oneroof-bench-data-'));
let stack: LocalStack | undefined;
if (['2', '3', '4', '5', '6'].some(wanted)) try {
  const t0 = performance.now();
  stack = await startLocalStack({ port: PORT, dataDir, quiet: true, buildPwa: false });
  console.error(`[bench] local stack on ${stack.url} started in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
} catch (e) {
  rows.push({ section: '2 API', item: '(local stack)', result: errText(e) });
}
try {
  if (stack) {
    const s = stack;
    // Latency first, while the table's stream is quiet: the loads below leave the local stream poller
    // thousands of records behind, and an alert would wait its turn behind them.
    await section('3 Breach engine', () => breachLatency(s));
    await section('2 API', () => api(s));
    await section('4 Reminder tick', followupTick);
  }
  await section('5 Victim PWA', () => pwa(stack));
  await section('6 Quick exit', () => quickExit(stack));
} finally {
  const t0 = performance.now();
  await stack?.stop();
  rmSync(dataDir, { recursive: true, force: true });
  if (stack) console.error(`[bench] local stack stopped in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}
await section('3 Breach engine', breachEngine);

const order = ['1', '2', '3', '4', '5', '6'];
rows.sort((a, b) => order.indexOf(a.section[0] ?? '') - order.indexOf(b.section[0] ?? ''));
const cpuList = cpus();
const header = [
  `# OneRoof benchmark${QUICK ? ' (quick)' : ''}`,
  '',
  `${started.toISOString()} · ${cpuList.length} CPU (${cpuList[0]?.model ?? 'unknown'}) · Node ${process.version} · shared machine: compare ratios, not absolute figures`,
  '',
].join('\n');
const md = `${header}${markdownTable(rows)}\n`;
console.log(md);
// Only a full run of every section replaces the committed table; --quick and --only print it (and JSON).
if (!QUICK && !ONLY) writeFileSync(join(ROOT, 'bench', 'results.md'), md);
writeFileSync(join(ROOT, 'bench', QUICK || ONLY ? 'results.partial.json' : 'results.json'), JSON.stringify({ date: started.toISOString(), cpus: cpuList.length, cpuModel: cpuList[0]?.model, node: process.version, rows, ...json }, null, 2));
process.exit(0);
