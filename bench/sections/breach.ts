/** Section 3: the breach engine, pure (events/s) and end to end on the local stack (event → alert). */
import type { LocalStack } from '../../infra/local/stack.js';
import { benchBreachEngine, benchBreachLatency } from '../breach-engine.js';
import { json, ms, QUICK, rows } from '../context.js';
import { median, percentile } from '../stats.js';

export async function breachLatency(stack: LocalStack): Promise<void> {
  const item = 'event received → alert published p50/p99 (local stack)';
  // At most 30: benchBreachLatency spaces its events 40 min apart inside an order valid from 24 h ago.
  const { samples, noAlertMs } = await benchBreachLatency({ stack, runs: QUICK ? 5 : 30 });
  rows.push({
    section: '3 Breach engine',
    item,
    result: `p50 ${ms(median(samples))}, p99 ${ms(percentile(samples, 99))} (${samples.length} alerts)`,
    budget: 'p99 ≤ 50 ms',
    note: `random arrival; eager publish after the commit. Reference in this run, the same request for a fix that raises nothing (no publish): p50 ${ms(median(noAlertMs))}, p99 ${ms(percentile(noAlertMs, 99))} → ×${(median(samples) / median(noAlertMs)).toFixed(2)} at p50`,
  });
  json.breachLatency = samples;
  json.breachLatencyNoAlert = noAlertMs;
}

export async function breachEngine(): Promise<void> {
  const runs: number[] = [];
  for (let i = 0; i < (QUICK ? 3 : 5); i++) runs.push(benchBreachEngine({ events: QUICK ? 5_000 : 30_000 }).eventsPerSecond);
  rows.push({ section: '3 Breach engine', item: 'events evaluated/s (pure engine, one core)', result: `${median(runs).toFixed(0)} events/s` });
  json.breachEngine = runs;
  const monitoringRuns: number[] = [];
  for (let i = 0; i < (QUICK ? 3 : 5); i++) monitoringRuns.push(benchBreachEngine({ events: QUICK ? 5_000 : 30_000, asMonitoring: true }).eventsPerSecond);
  rows.push({
    section: '3 Breach engine',
    item: "events evaluated/s with monitoring's per-event work (rules per order version, state-changed check)",
    result: `${median(monitoringRuns).toFixed(0)} events/s`,
    note: 'no I/O: what one event costs the monitoring function in CPU around the engine',
  });
  json.breachEngineAsMonitoring = monitoringRuns;
}
