/**
 * `npm run bench` (full) / `npm run bench -- --quick` (≈ 1 minute). Never part of `npm test`.
 * Every figure is a median of several runs; every comparison a ratio measured in the same run.
 * Each section is independent: a failure becomes its row's result and the next section runs.
 *
 * One local stack (infra/local/stack.ts) serves sections 2, 3 (latency), 5 (Lighthouse) and 6: on
 * BENCH_PORT (default 3250, never 3000) with a fresh temporary data folder, deleted at the end.
 *
 * One module per section in bench/sections/ (bundles, api, breach, reminder-tick, pwa, quick-exit);
 * bench/context.ts holds the command line, the rows and `section()`.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LocalStack } from '../infra/local/stack.js';
import { BOOKINGS_PER_CLIENT_ENV } from '../shared/catalog/booking.js';
import { errText, json, ONLY, QUICK, ROOT, rows, section, wanted } from './context.js';
import { api } from './sections/api.js';
import { breachEngine, breachLatency } from './sections/breach.js';
import { bundles } from './sections/bundles.js';
import { pwa } from './sections/pwa.js';
import { quickExit } from './sections/quick-exit.js';
import { followupTick } from './sections/reminder-tick.js';
import { goalsTable } from './goals.js';
import { markdownTable } from './stats.js';

const PORT = Number(process.env.BENCH_PORT ?? 3250);
if (PORT === 3000) throw new Error('BENCH_PORT must not be 3000 (the lead’s npm start)');

const started = new Date();
// The machine's load while the bench runs (sampled every 5 s): shared machines make absolute figures move.
const loads: number[] = [];
const loadSampler = setInterval(() => loads.push(loadavg()[0] ?? 0), 5_000);
loadSampler.unref();
await section('1 Lambda bundle', bundles);

// Sections 5 and 6 measure the victim app as it ships: built from this checkout, never a stale dist/.
if (wanted('5') || wanted('6')) {
  const build = spawnSync('npm', ['run', '-s', 'build:pwa'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  if (build.status !== 0) console.error(`[bench] npm run build:pwa failed (${build.status}): sections 5 and 6 will say so`);
}

// The handlers' INFO line per request would flood the table output; warnings and errors still print.
process.env.LOG_LEVEL ??= 'WARN';
// The per-client cap on bookings counts requests by source address; the bench's load all comes from
// 127.0.0.1, as no phone's would.
process.env[BOOKINGS_PER_CLIENT_ENV] ??= '1000000';
const { startLocalStack } = await import('../infra/local/stack.js');
const dataDir = mkdtempSync(join(tmpdir(), 'oneroof-bench-data-'));
let stack: LocalStack | undefined;
if (['2', '3', '4', '5', '6'].some(wanted))
  try {
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

/** Decisions the figures above support, kept with them (the numbers they rest on are in the tables). */
const NOTES = [
  '## Notes',
  '',
  '- **Source maps**: production bundles ship without maps and without `--enable-source-maps` (infra/aws/bundling.ts, infra/aws/function.ts); section 1 measures exactly that configuration.',
  '- **zod/mini**: the handlers still use zod classic. Section 1 measures the handler floor with each (the libraries every handler carries: document client, middy, Powertools Logger and Metrics, zod): zod/mini lowers the floor but not under ×1.2 with any handler code on top, and moving needs every schema rewritten with every message and field name kept (the API contract tests), and the English messages loaded explicitly (zod/mini loads no locale). Not done while it cannot meet the goal.',
  '- **Encryption SDK**: only the functions declared with `personalData` (shared/functions.ts) bundle it (functions/lib/encryption-sdk.ts); it is most of the distance between the two floors of section 1.',
  '- **Lazy, where the first request seldom needs it**: the OpenAPI builder (health), the Brussels time-zone formatter; the SNS, SQS and Secrets Manager clients are built on first use. What the first request always needs stays at import: in Lambda the init phase is where that work belongs.',
  '- **Reminder fan-out through SQS**: a tick reminds its own share (`INLINE_MAX`, 1,000, well inside what one vCPU reminds in the budget) and hands the rest of a burst to `followupWorker` through the `followupFanOut` queue (shared/queues.ts), keys only; the same claim makes every reminder once. Locally the workers run in the bench process and share its cores with the tick, DynamoDB Local and the local SNS and SQS, so section 4 measures correctness and the CPU per reminder, not the deployed wall time; the Goals row estimates that from the CPU per reminder and the workers’ concurrency.',
  '- **Device lists**: a device’s orders are reused for 5 s (DEVICE_ORDERS_FRESH_MS), so a busy device’s batches make no gsi1 Query; the orders themselves are read consistently with every batch.',
].join('\n');

const order = ['1', '2', '3', '4', '5', '6'];
rows.sort((a, b) => order.indexOf(a.section[0] ?? '') - order.indexOf(b.section[0] ?? ''));
const cpuList = cpus();
const header = [
  `# OneRoof benchmark${QUICK ? ' (quick)' : ''}`,
  '',
  `${started.toISOString()} · ${cpuList.length} CPU (${cpuList[0]?.model ?? 'unknown'}) · Node ${process.version} · shared machine: compare ratios, not absolute figures`,
  '',
].join('\n');
clearInterval(loadSampler);
const loadNote = loads.length
  ? `Load average (1 min) during the run: median ${[...loads].sort((a, b) => a - b)[Math.floor(loads.length / 2)]?.toFixed(1)}, max ${Math.max(...loads).toFixed(1)} on ${cpuList.length} CPUs.`
  : '';
const md = `${header}${loadNote}\n\n## Goals\n\n${goalsTable(json)}\n\n## Every measure\n\n${markdownTable(rows)}\n\n${NOTES}\n`;
console.log(md);
// Only a full run of every section replaces the committed table; --quick and --only print it (and JSON).
if (!QUICK && !ONLY) writeFileSync(join(ROOT, 'bench', 'results.md'), md);
writeFileSync(
  join(ROOT, 'bench', QUICK || ONLY ? 'results.partial.json' : 'results.json'),
  JSON.stringify({ date: started.toISOString(), cpus: cpuList.length, cpuModel: cpuList[0]?.model, node: process.version, rows, ...json }, null, 2),
);
process.exit(0);
