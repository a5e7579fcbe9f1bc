/**
 * The goals of the performance work, each beside its reference measured in the same run, from the figures
 * the sections leave in `json` (bench/context.ts). Printed after the table and written into results.md;
 * a goal not met says by how much, and a figure a section could not take says so.
 */
import { cpus } from 'node:os';
import { functions, memoryOf, type FunctionDecl, type FunctionName } from '../shared/functions.js';
import { FLOOR, FLOOR_MINI, FLOOR_SEALING } from './sections/bundles.js';
import { queues } from '../shared/queues.js';
import { median, percentile, ratio } from './stats.js';

type Figures = Record<string, unknown>;
const num = (v: unknown): number => (typeof v === 'number' ? v : Number.NaN);
const list = (v: unknown): number[] => (Array.isArray(v) ? v.filter((x): x is number => typeof x === 'number') : []);
const f0 = (v: number) => (Number.isFinite(v) ? v.toFixed(0) : 'n/a');
const f1 = (v: number) => (Number.isFinite(v) ? v.toFixed(1) : 'n/a');
const verdict = (met: boolean | undefined, distance: string) => (met === undefined ? 'not measured' : met ? 'met' : `not met: ${distance}`);

export function goalsTable(json: Figures): string {
  const out: [string, string, string, string, string][] = [];

  const lat = list(json.breachLatency);
  const noAlert = list(json.breachLatencyNoAlert);
  const p99 = percentile(lat, 99);
  out.push([
    'police: event → alert published (random arrival)',
    `p50 ${f1(median(lat))} ms, p99 ${f1(p99)} ms`,
    `the same request for a fix without an alert: p50 ${f1(median(noAlert))} ms (${ratio(median(lat), median(noAlert))})`,
    'p99 ≤ 50 ms locally',
    verdict(
      lat.length ? p99 <= 50 : undefined,
      `p99 is ${f1(p99 - 50)} ms over; most of a sample is the request itself (gateway, JWT, one transaction on DynamoDB Local), as the reference shows`,
    ),
  ]);

  const engine = median(list(json.breachEngine));
  const asMonitoring = median(list(json.breachEngineAsMonitoring));
  out.push([
    'breach engine, pure, one core',
    `${f0(engine)} events/s`,
    `with monitoring's per-event work: ${f0(asMonitoring)} events/s (${ratio(engine, asMonitoring)})`,
    '≥ 100,000 events/s',
    verdict(list(json.breachEngine).length ? engine >= 100_000 : undefined, `×${f1(100_000 / engine)} short on this loaded machine`),
  ]);

  const gain = json.monitoringGain as { eventsPerSecond?: number; perEventDesignEventsPerSecond?: number } | undefined;
  const now = num(gain?.eventsPerSecond);
  const before = num(gain?.perEventDesignEventsPerSecond);
  out.push([
    'monitoring API, batches of 50 events',
    `${f0(now)} events/s (1 BatchGetItem + 5 TransactWriteItems per batch)`,
    `the per-event design's calls, raw: ${f0(before)} events/s (155 calls per batch)`,
    '≥ ×5, nothing lost or double-counted',
    verdict(
      gain ? now / before >= 5 : undefined,
      `${ratio(now, before)}: DynamoDB Local serializes transactions, so the items written per batch (100 + 5 states), not the calls, set the pace`,
    ),
  ]);

  const exit = json.exitGoal as { ours?: number; govuk?: number; oursShift?: number; govukShift?: number } | undefined;
  out.push([
    'victim: press → navigation start',
    `button p50 ${f1(num(exit?.ours))} ms, Shift×3 ${f1(num(exit?.oursShift))} ms`,
    `GOV.UK Exit this page: button ${f1(num(exit?.govuk))} ms, Shift×3 ${f1(num(exit?.govukShift))} ms (${ratio(num(exit?.ours), num(exit?.govuk))})`,
    '≤ GOV.UK, Back never returns',
    verdict(exit ? num(exit.ours) <= num(exit.govuk) : undefined, `${f1(num(exit?.ours) - num(exit?.govuk))} ms behind GOV.UK at p50 (see section 6 for Back)`),
  ]);

  const tick = json.followupTick as
    | {
        n?: number;
        reminded?: number;
        ms?: number;
        allMs?: number;
        ticks?: number;
        published?: number;
        budgetMs?: number;
        dispatched?: number;
        inlineMax?: number;
      }
    | undefined;
  const sizing = json.followupTickSizing as { forCpuMb?: number; declared?: number; cpuMsPerReminder?: number } | undefined;
  const perVcpuBudget = num(tick?.budgetMs) / num(sizing?.cpuMsPerReminder);
  const rate = num(tick?.published) / (num(tick?.allMs) / 1000);
  const workers = queues.followupFanOut.maxConcurrency;
  // Lambda's CPU share grows with memory: one vCPU at 1,769 MB.
  const workerVcpu = Math.min(1, memoryOf('followupWorker') / 1769);
  out.push([
    'officer: 10,000 due reminders',
    `all ${tick?.published ?? 'n/a'} out ${f0(num(tick?.allMs))} ms after the tick started (${f0(rate)} reminders/s; ${tick?.dispatched ?? 'n/a'} through the fan-out), ${tick?.ticks ?? 'n/a'} tick(s)`,
    `the tick's budget ${f0(num(tick?.budgetMs))} ms; one vCPU reminds about ${f0(perVcpuBudget)} in it at this CPU per reminder`,
    'all inside one tick, each once',
    verdict(
      tick ? tick.ticks === 1 && tick.published === tick.n && num(tick.allMs) <= num(tick.budgetMs) : undefined,
      `here the tick and its workers share this machine's ${cpus().length} cores, so the burst takes ${f0(num(tick?.allMs))} ms. Deployed, the tick's own ${tick?.inlineMax ?? 'n/a'} and up to ${workers} workers each have ${workerVcpu.toFixed(2)} vCPU: about ${f0(Math.min(num(tick?.inlineMax), perVcpuBudget) + workers * workerVcpu * perVcpuBudget)} reminders in one budget at this CPU per reminder (an estimate from this run, not a measurement in AWS); each reminded once either way`,
    ),
  ]);

  const cold = (json.coldStart ?? {}) as Record<string, number>;
  const bundles = (json.bundles ?? {}) as Record<string, { importMs?: number }>;
  const ddb = num(bundles['ref: DynamoDB client alone']?.importMs);
  const worst = Object.entries(cold).sort((a, b) => b[1] - a[1]);
  const over = worst.filter(([, v]) => v / ddb > 1.2).map(([k, v]) => `${k} ${ratio(v, ddb)}`);
  const floor = num(bundles[FLOOR]?.importMs);
  const floorMini = num(bundles[FLOOR_MINI]?.importMs);
  const floorSealing = num(bundles[FLOOR_SEALING]?.importMs);
  // Each handler against the floor it cannot go below: the shared libraries, plus the Encryption SDK where it seals.
  const sealing = (name: string) => (functions as Record<string, FunctionDecl>)[name as FunctionName]?.personalData !== undefined;
  const aboveFloor = worst
    .map(([k, v]) => [k, v / (sealing(k) ? floorSealing : floor)] as const)
    .filter(([, r]) => Number.isFinite(r))
    .sort((a, b) => b[1] - a[1]);
  out.push([
    'cold start: handler import / DynamoDB client alone',
    worst.length
      ? `worst ${worst[0]?.[0]} ${ratio(worst[0]?.[1] ?? Number.NaN, ddb)}, best ${worst.at(-1)?.[0]} ${ratio(worst.at(-1)?.[1] ?? Number.NaN, ddb)}`
      : 'n/a',
    `DynamoDB client alone ${f1(ddb)} ms; the handler floor (document client, middy, Powertools Logger + Metrics, zod) ${f1(floor)} ms (${ratio(floor, ddb)}), with zod/mini ${f1(floorMini)} ms (${ratio(floorMini, ddb)}), plus the Encryption SDK ${f1(floorSealing)} ms (${ratio(floorSealing, ddb)})`,
    'every handler ≤ ×1.2',
    verdict(
      worst.length ? over.length === 0 : undefined,
      `${over.length} over: ${over.slice(0, 6).join(', ')}${over.length > 6 ? ', …' : ''}. The libraries every handler carries by the house rules are ${ratio(floor, ddb)} alone, so ×1.2 is below any handler's floor; ${floorMini < 1.2 * ddb ? `zod/mini would bring that floor to ${ratio(floorMini, ddb)}, leaving a handler ${f0(1.2 * ddb - floorMini)} ms for its own code and other SDK clients.` : `with zod/mini it is ${ratio(floorMini, ddb)} in this run, no room either.`} A function that must seal personal data (the security issue) starts at ${ratio(floorSealing, ddb)} with the Encryption SDK; the others no longer bundle it. Against its own floor, the worst is ${aboveFloor[0]?.[0] ?? 'n/a'} ${ratio(aboveFloor[0]?.[1] ?? Number.NaN, 1)}, the median ${ratio(median(aboveFloor.map(([, r]) => r)), 1)}: what is left is each handler's own code and the other SDK clients it uses`,
    ),
  ]);

  const cell = (s: string) => s.replace(/\|/g, '\\|');
  return [
    '| who waits | now (this run) | reference (same run) | goal | verdict |',
    '|---|---|---|---|---|',
    ...out.map((r) => `| ${r.map(cell).join(' | ')} |`),
  ].join('\n');
}
