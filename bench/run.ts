/**
 * `npm run bench` (full) / `npm run bench -- --quick` (≈ 1 minute). Never part of `npm test`.
 * Every figure is a median of several runs; every comparison a ratio measured in the same run.
 * Each section is independent: a failure becomes its row's result and the next section runs.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build, type Metafile } from 'esbuild';
import autocannon from 'autocannon';
import { DynamoDBClient, QueryCommand } from '@aws-sdk/client-dynamodb';
import { LAMBDA_BUNDLING } from '../infra/aws/bundling.js';
import { functions } from '../shared/functions.js';
import { topics } from '../shared/topics.js';
import { markdownTable, median, percentile, ratio, type Row } from './stats.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const QUICK = process.argv.includes('--quick');
const rows: Row[] = [];
const json: Record<string, unknown> = { quick: QUICK };
const kb = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KB`;
const ms = (v: number): string => (Number.isFinite(v) ? `${v.toFixed(1)} ms` : 'n/a');
const errText = (e: unknown): string => `error: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`.slice(0, 200);

async function section(name: string, fn: () => Promise<void>): Promise<void> {
  const t0 = performance.now();
  try {
    await fn();
  } catch (e) {
    rows.push({ section: name, item: '(section failed)', result: errText(e) });
  }
  console.error(`[bench] ${name} done in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}

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

async function bundles(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'oneroof-bench-bundles-'));
  const runs = QUICK ? 3 : 7;
  const out: Record<string, unknown> = {};
  try {
    for (const [name, decl] of Object.entries(functions) as [string, { entry: string }][]) {
      try {
        const outfile = join(dir, name, 'index.mjs');
        const result = await build({
          entryPoints: [join(ROOT, decl.entry)],
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
          metafile: true,
          logLevel: 'silent',
        });
        const code = readFileSync(outfile);
        const gz = gzipSync(code).length;
        const times: number[] = [];
        const probe = `const t=performance.now();await import(${JSON.stringify(pathToFileURL(outfile).href)});console.log(performance.now()-t);`;
        for (let i = 0; i < runs; i++) {
          const r = spawnSync(process.execPath, ['--input-type=module', '-e', probe], { env: dummyEnv(), encoding: 'utf8', timeout: 30_000 });
          if (r.status !== 0) throw new Error(`import failed: ${(r.stderr || '').split('\n').find((l) => l.trim()) ?? r.status}`);
          times.push(Number(r.stdout.trim()));
        }
        const imp = median(times);
        const over = code.length > 150 * 1024 || imp > 60;
        rows.push({
          section: '1 Lambda bundle',
          item: name,
          result: `${kb(code.length)} min, ${kb(gz)} gzip, import ${ms(imp)}${over ? ' **OVER BUDGET**' : ''}`,
          budget: '≤ 150 KB, ≤ 60 ms',
          note: `largest: ${topInputs(result.metafile ?? { inputs: {}, outputs: {} }, `${name}/index.mjs`)}`,
        });
        out[name] = { bytes: code.length, gzip: gz, importMs: times };
      } catch (e) {
        rows.push({ section: '1 Lambda bundle', item: name, result: errText(e), budget: '≤ 150 KB, ≤ 60 ms' });
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  json.bundles = out;
}

interface Load { rps: number; p50: number; p99: number; errors: number; non2xx: number; total: number }

async function cannon(opts: autocannon.Options): Promise<Load> {
  const r = await autocannon({ connections: 10, duration: QUICK ? 3 : 10, ...opts });
  return { rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, errors: r.errors + r.timeouts, non2xx: r.non2xx, total: r.requests.total };
}

/** The raw SDK call under the same concurrency for the same duration. */
async function rawLoad(call: () => Promise<unknown>, connections = 10): Promise<Load> {
  const lat: number[] = [];
  let errors = 0;
  const end = performance.now() + (QUICK ? 3 : 10) * 1000;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (performance.now() < end) {
        const s = performance.now();
        try { await call(); } catch { errors++; }
        lat.push(performance.now() - s);
      }
    }),
  );
  const secs = (performance.now() - t0) / 1000;
  return { rps: lat.length / secs, p50: percentile(lat, 50), p99: percentile(lat, 99), errors, non2xx: 0, total: lat.length };
}

const fmt = (l: Load): string => `${l.rps.toFixed(0)} req/s, p50 ${ms(l.p50)}, p99 ${ms(l.p99)}, errors ${l.errors + l.non2xx}/${l.total}`;

async function api(): Promise<void> {
  const { startLocalStack } = await import('../infra/local/stack.js');
  const dataDir = mkdtempSync(join(tmpdir(), 'oneroof-bench-data-'));
  const stack = await startLocalStack({ port: 0, dataDir, quiet: true, buildPwa: false });
  const results: Record<string, unknown> = {};
  try {
    const ddb = new DynamoDBClient({ endpoint: stack.dynamoEndpoint, region: 'eu-west-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });
    const rawCatalog = await rawLoad(() => ddb.send(new QueryCommand({ TableName: stack.tableName, KeyConditionExpression: 'pk = :p', ExpressionAttributeValues: { ':p': { S: 'CATALOG' } } })));

    // GET /api/contact-points
    try {
      const probe = await fetch(`${stack.url}/api/contact-points`);
      if (!probe.ok) throw new Error(probe.status === 501 ? 'not available yet (501)' : `probe → ${probe.status}`);
      const l = await cannon({ url: `${stack.url}/api/contact-points` });
      rows.push({ section: '2 API', item: 'GET /api/contact-points', result: fmt(l), budget: 'errors 0', note: `raw Query pk=CATALOG: ${fmt(rawCatalog)}; handler/raw rps ${ratio(l.rps, rawCatalog.rps)}, p50 ${ratio(l.p50, rawCatalog.p50)}` });
      results.contactPoints = { api: l, raw: rawCatalog };
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
      rows.push({ section: '2 API', item: 'GET /api/services/{id}/slots', result: fmt(l), budget: 'errors 0', note: `vs raw Query pk=CATALOG: handler/raw p50 ${ratio(l.p50, rawCatalog.p50)}` });
      results.slots = { api: l };
    } catch (e) { rows.push({ section: '2 API', item: 'GET /api/services/{id}/slots', result: errText(e) }); }

    // POST /api/bookings and /api/monitoring/events: probe; full load only when the route works.
    for (const [item, path, headers] of [
      ['POST /api/bookings', '/api/bookings', {}],
      ['POST /api/monitoring/events (50/batch)', '/api/monitoring/events', { authorization: `Bearer ${await stack.issuer.tokenFor('monitoring')}` }],
    ] as const) {
      try {
        const r = await fetch(`${stack.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: '{}' });
        const text = (await r.text()).slice(0, 120);
        rows.push({ section: '2 API', item, result: r.status === 501 ? 'not available yet (501)' : `not measured yet: load body not wired (probe with {} → ${r.status})`, note: text });
      } catch (e) { rows.push({ section: '2 API', item, result: errText(e) }); }
    }
    rows.push({ section: '3 Breach engine', item: 'event received → alert published p50/p99 (local stack)', result: 'not measured yet' });
  } finally {
    await stack.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
  json.api = results;
}

async function optionalModule<T>(file: string, exportName: string): Promise<T | undefined> {
  const path = join(ROOT, 'bench', file);
  if (!existsSync(path)) return undefined;
  const mod = (await import(pathToFileURL(path).href)) as Record<string, unknown>;
  return mod[exportName] as T | undefined;
}

async function breachEngine(): Promise<void> {
  const fn = await optionalModule<(o: { events: number }) => Promise<{ eventsPerSecond: number }> | { eventsPerSecond: number }>('breach-engine.ts', 'benchBreachEngine');
  if (!fn) { rows.push({ section: '3 Breach engine', item: 'events evaluated/s (pure engine, one core)', result: 'not available yet' }); return; }
  const runs: number[] = [];
  for (let i = 0; i < (QUICK ? 3 : 5); i++) runs.push((await fn({ events: QUICK ? 20_000 : 200_000 })).eventsPerSecond);
  rows.push({ section: '3 Breach engine', item: 'events evaluated/s (pure engine, one core)', result: `${median(runs).toFixed(0)} events/s` });
  json.breachEngine = runs;
}

async function followupTick(): Promise<void> {
  const fn = await optionalModule<(o: { count: number }) => Promise<{ ms: number; published: number }>>('followup-tick.ts', 'benchFollowupTick');
  const item = `one tick over ${QUICK ? '1,000' : '10,000'} due follow-ups`;
  if (!fn) { rows.push({ section: '4 Reminder tick', item, result: 'not available yet' }); return; }
  const count = QUICK ? 1000 : 10_000;
  const r = await fn({ count });
  rows.push({ section: '4 Reminder tick', item, result: `${ms(r.ms)}, published ${r.published}${r.published === count ? ' (exactly once)' : ' **MISMATCH**'}` });
  json.followupTick = r;
}

async function pwa(): Promise<void> {
  const dist = join(ROOT, 'dist', 'pwa');
  const indexPath = join(dist, 'index.html');
  if (!existsSync(indexPath)) { rows.push({ section: '5 Victim PWA', item: 'first-visit JS', result: 'not measured: dist/pwa not built (npm run build)' }); return; }
  const html = readFileSync(indexPath, 'utf8');
  const srcs = new Set<string>();
  for (const m of html.matchAll(/<script[^>]*type="module"[^>]*src="([^"]+)"/g)) if (m[1]) srcs.add(m[1]);
  for (const m of html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+)"/g)) if (m[1]) srcs.add(m[1]);
  let raw = 0, gz = 0;
  for (const s of srcs) { const b = readFileSync(join(dist, s.replace(/^\//, ''))); raw += b.length; gz += gzipSync(b).length; }
  rows.push({ section: '5 Victim PWA', item: 'first-visit JS (module scripts + modulepreloads)', result: `${kb(raw)} raw, ${kb(gz)} gzip${gz > 20 * 1024 ? ' **OVER BUDGET**' : ''}`, budget: '≤ 20 KB gzip', note: `${srcs.size} files` });
  const sw = join(dist, 'sw.js');
  if (existsSync(sw)) {
    const urls = new Set([...readFileSync(sw, 'utf8').matchAll(/url:"([^"]+)"/g)].map((m) => m[1] ?? ''));
    let bytes = 0;
    for (const u of urls) { const p = join(dist, u.replace(/^\//, '')); if (existsSync(p)) bytes += statSync(p).size; }
    rows.push({ section: '5 Victim PWA', item: 'service-worker precache', result: `${urls.size} entries, ${kb(bytes)}` });
  } else rows.push({ section: '5 Victim PWA', item: 'service-worker precache', result: 'not measured: no dist/pwa/sw.js' });
  json.pwa = { raw, gz, files: [...srcs] };
  rows.push({ section: '5 Victim PWA', item: 'Lighthouse 12.2.3 (mobile) performance / accessibility', result: 'not measured yet' });
  rows.push({ section: '6 Quick exit', item: 'key press → navigation start / neutral page loaded; Back', result: 'not measured yet' });
}

const started = new Date();
await section('1 Lambda bundle', bundles);
await section('2 API', api);
await section('3 Breach engine', breachEngine);
await section('4 Reminder tick', followupTick);
await section('5 Victim PWA', pwa);

const cpuList = cpus();
const header = [
  `# OneRoof benchmark${QUICK ? ' (quick)' : ''}`,
  '',
  `${started.toISOString()} · ${cpuList.length} CPU (${cpuList[0]?.model ?? 'unknown'}) · Node ${process.version} · shared machine: compare ratios, not absolute figures`,
  '',
].join('\n');
const md = `${header}${markdownTable(rows)}\n`;
console.log(md);
writeFileSync(join(ROOT, 'bench', 'results.md'), md);
writeFileSync(join(ROOT, 'bench', 'results.json'), JSON.stringify({ date: started.toISOString(), cpus: cpuList.length, cpuModel: cpuList[0]?.model, node: process.version, rows, ...json }, null, 2));
process.exit(0);
