/**
 * Section 3 of `npm run bench` (called by bench/run.ts; not a test, no timed assertions):
 * - `benchBreachEngine`: position events evaluated per second by the pure engine (shared/zones), one
 *   core, no I/O — a realistic order (two fixed zones, a curfew) and a device wandering in and out of them;
 * - `benchBreachLatency`: on a running local stack, "event received → alert published": a police order is
 *   created through the API, then for each sample its bracelet jumps from far outside to inside the alert
 *   circle; the time from sending that fix to the policeAlerts message (local SNS inbox) is one sample.
 *   The path measured is the product's: gateway → monitoring handler → one transaction (state + alert)
 *   → the table's stream → the publisher → SNS.
 */
import { performance } from 'node:perf_hooks';
import type { LocalMessage } from '../infra/local/sns.js';
import { fixAt, postEvents, stackClock } from '../infra/local/breach-drive.js';
import { isDeepStrictEqual } from 'node:util';
import {
  destination,
  evaluate,
  initialState,
  rulesOfVersion,
  type LatLon,
  type OrderRecord,
  type OrderRules,
  type OrderState,
  type PositionEvent,
} from '../shared/zones/index.js';

const HOME: LatLon = { lat: 51.0899, lon: 4.3712 };

function benchOrder(): OrderRules {
  return {
    orderId: 'RO-BENCH',
    district: 'bench',
    validFrom: '2020-01-01T00:00:00.000Z',
    validUntil: '2100-01-01T00:00:00.000Z',
    active: true,
    respondentDeviceId: 'DEV-BENCH',
    shareProtectedPosition: false,
    zones: [
      { id: 'home-1', label: 'home', centre: HOME, alertRadiusM: 500, preAlertRadiusM: 1000 },
      { id: 'work-2', label: 'work', centre: destination(HOME, 90, 4000), alertRadiusM: 300, preAlertRadiusM: 600 },
    ],
    curfews: [{ id: 'curfew-1', start: '22:00', end: '06:00', centre: destination(HOME, 270, 3000), radiusM: 150 }],
    noContact: true,
    device: { signalLossMinutes: 10, batteryLowPercent: 15 },
  };
}

/** The bench order as monitoring reads it from the table: a fresh record per event, the same version. */
function benchRecord(rules: OrderRules): OrderRecord {
  return {
    id: rules.orderId,
    version: 1,
    status: 'active',
    district: rules.district,
    respondentDeviceId: rules.respondentDeviceId,
    protectedPersonRef: 'BENCH-1',
    shareProtectedPosition: false,
    validFrom: rules.validFrom,
    validUntil: rules.validUntil,
    zones: rules.zones,
    curfews: rules.curfews,
    noContact: rules.noContact,
    device: rules.device,
    fixRetentionDays: 30,
    createdAt: rules.validFrom,
    createdBy: 'bench',
    updatedAt: rules.validFrom,
    updatedBy: 'bench',
  };
}

/**
 * Events evaluated per second by the pure engine; state carried from event to event as in production.
 * `asMonitoring`: each event also does monitoring's own per-event work around the engine
 * (functions/monitoring/use-cases.ts `changeFor`): the rules of the order version (`rulesOfVersion`, from a
 * record read afresh) and the state-changed check.
 */
export function benchBreachEngine({ events, asMonitoring = false }: { events: number; asMonitoring?: boolean }): {
  eventsPerSecond: number;
  alerts: number;
  /** With `asMonitoring`: events whose new state monitoring would write. */
  stateWrites: number;
} {
  const order = benchOrder();
  // Precomputed inputs, so only the engine is timed: a walk that crosses zones and the curfew circle.
  const start = Date.parse('2026-03-28T20:00:00.000Z'); // spans the spring DST change at night
  const inputs: PositionEvent[] = Array.from({ length: Math.min(events, 10_000) }, (_, i) => {
    const p = destination(HOME, (i * 7) % 360, (i * 37) % 6000);
    return { kind: 'position', eventId: `e${i}`, deviceId: order.respondentDeviceId, at: '', lat: p.lat, lon: p.lon, accuracy: 5 + (i % 40) };
  });
  let state: OrderState = initialState();
  let alerts = 0;
  let stateWrites = 0;
  const t0 = performance.now();
  for (let i = 0; i < events; i++) {
    const base = inputs[i % inputs.length] as PositionEvent;
    const at = new Date(start + i * 10_000).toISOString();
    const rules = asMonitoring ? rulesOfVersion(benchRecord(order)) : order;
    const out = evaluate(rules, state, { ...base, at }, new Date(start + i * 10_000));
    // The check monitoring makes before it writes the state (counted, so the work cannot be optimised away).
    if (asMonitoring && out.state !== state && !isDeepStrictEqual(out.state, state)) stateWrites++;
    state = out.state;
    alerts += out.alerts.length;
  }
  const seconds = (performance.now() - t0) / 1000;
  return { eventsPerSecond: events / seconds, alerts, stateWrites };
}

/** The slice of a local stack this needs (infra/local/stack.ts `LocalStack` has it). */
export interface StackLike {
  url: string;
  /** The staff origin: orders and the monitoring provider's events are served there. */
  staffUrl: string;
  issuer: { tokenFor(who: string): Promise<string> };
  notifications(): LocalMessage[];
}

/**
 * Event received → alert published on the local stack, `runs` samples (ms). Each sample: one fix far
 * outside (5 km, clears the zone), then one inside the alert circle; event times are 20 minutes apart,
 * so the 15-minute re-alert interval never holds an alert back. The sample is the time from sending the
 * inside fix to its policeAlerts message appearing in the local SNS inbox (polled every 5 ms, at most 10 s).
 */
export async function benchBreachLatency({ stack, runs }: { stack: StackLike; runs: number }): Promise<{ samples: number[]; noAlertMs: number[] }> {
  const [police, monitoring] = await Promise.all([stack.issuer.tokenFor('police'), stack.issuer.tokenFor('monitoring')]);
  const now = await stackClock(stack.url);
  const res = await fetch(`${stack.staffUrl}/api/orders`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${police}` },
    body: JSON.stringify({
      district: `bench-${Date.now().toString(36)}`,
      respondentDeviceId: `DEV-LAT-${Date.now().toString(36)}`,
      protectedPersonRef: 'BENCH-1',
      validFrom: new Date(now().getTime() - 86_400_000).toISOString(),
      validUntil: new Date(now().getTime() + 86_400_000).toISOString(),
      zones: [{ label: 'home', centre: HOME, alertRadiusM: 500 }],
      noContact: false,
      device: { signalLossMinutes: 24 * 60, batteryLowPercent: 15 },
    }),
  });
  if (res.status !== 201) throw new Error(`POST /api/orders → ${res.status} ${await res.text()}`);
  const { order } = (await res.json()) as { order: { id: string; respondentDeviceId: string } };

  const samples: number[] = [];
  // The reference in the same run: the outside fix's request, the same path without an alert to publish.
  const noAlertMs: number[] = [];
  // Event times: spaced 20 minutes apart, ending before the stack's now (so none is "in the future").
  const t0 = now().getTime() - runs * 2 * 20 * 60_000;
  for (let i = 0; i < runs; i++) {
    const outside = fixAt(order.respondentDeviceId, HOME, 5000, new Date(t0 + 2 * i * 20 * 60_000));
    const inside = fixAt(order.respondentDeviceId, HOME, 100, new Date(t0 + (2 * i + 1) * 20 * 60_000));
    const before = performance.now();
    await postEvents(stack.staffUrl, monitoring, [outside]);
    noAlertMs.push(performance.now() - before);
    // Random arrival: back-to-back samples would lock onto the stream poller's phase and hide its tail.
    await new Promise((r) => setTimeout(r, Math.random() * 400));
    const seen = stack.notifications().length;
    const sent = performance.now();
    const out = await postEvents(stack.staffUrl, monitoring, [inside]);
    if (out.accepted !== 1) throw new Error(`inside fix not accepted: ${JSON.stringify(out)}`);
    const deadline = sent + 10_000;
    for (;;) {
      const fresh = stack.notifications().slice(seen);
      if (fresh.some((m) => m.topic.endsWith('policeAlerts') && m.attributes.kind === 'zone' && m.message.includes(order.id))) break;
      if (performance.now() > deadline) throw new Error(`no zone alert published within 10 s (sample ${i + 1})`);
      await new Promise((r) => setTimeout(r, 5));
    }
    samples.push(performance.now() - sent);
  }
  return { samples, noAlertMs };
}
