import { destination, type LatLon } from '../../shared/zones/index.js';
import type { BatchResult, DeviceEventInput } from '../../shared/monitoring/api.js';
import type { LocalMessage } from './sns.js';

/**
 * A scripted drive of a respondent's device towards a protected zone, posted to a running local stack
 * as the monitoring provider would (`POST /api/monitoring/events`). Used by `npm run demo:breach`
 * (infra/local/demo-breach.ts), by the bench (bench/breach-engine.ts) and by the pipeline test.
 * Event times follow the stack's clock (`GET /api/dev/clock`, which a demo may have moved forward).
 */
/** A position event as the provider posts it, and the batch's answer: the events API's own types. */
export type PositionFix = Extract<DeviceEventInput, { type: 'position' }>;
export type { BatchResult };

/** Distances (m) from the zone centre: from well outside the pre-alert circle to well inside the alert circle. */
export function walkDistances(alertRadiusM: number, preAlertRadiusM: number, steps = 12): number[] {
  const from = preAlertRadiusM * 2.5;
  const to = alertRadiusM * 0.3;
  return Array.from({ length: steps }, (_, i) => Math.round(from + ((to - from) * i) / (steps - 1)));
}

let seq = 0;
/** One position fix `meters` south of `centre` (bearing 180°), with a fresh provider event id. */
export function fixAt(deviceId: string, centre: LatLon, meters: number, at: Date, accuracy = 10): PositionFix {
  const p = destination(centre, 180, meters);
  return {
    type: 'position',
    eventId: `drive-${at.getTime().toString(36)}-${(++seq).toString(36)}-${Math.random().toString(36).slice(2, 8)}`,
    deviceId,
    at: at.toISOString(),
    lat: p.lat,
    lon: p.lon,
    accuracy,
  };
}

/** The stack's clock as a function (falls back to this machine's clock when the dev route is absent). */
export async function stackClock(baseUrl: string): Promise<() => Date> {
  try {
    const res = await fetch(`${baseUrl}/api/dev/clock`);
    if (res.ok) {
      const { offsetMinutes } = (await res.json()) as { offsetMinutes: number };
      const offset = offsetMinutes * 60_000;
      return () => new Date(Date.now() + offset);
    }
  } catch {
    /* no dev route: real time */
  }
  return () => new Date();
}

export async function postEvents(baseUrl: string, token: string, events: readonly PositionFix[]): Promise<BatchResult> {
  const res = await fetch(`${baseUrl}/api/monitoring/events`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ events }),
  });
  const body = (await res.json()) as BatchResult & { message?: string };
  if (!res.ok) throw new Error(`POST /api/monitoring/events → ${res.status}: ${body.message ?? JSON.stringify(body)}`);
  return body;
}

/** Every SNS message the local stack published (oldest first), from its dev route. */
export async function notifications(baseUrl: string): Promise<LocalMessage[]> {
  const res = await fetch(`${baseUrl}/api/dev/notifications`);
  if (!res.ok) throw new Error(`GET /api/dev/notifications → ${res.status}`);
  return ((await res.json()) as LocalMessage[]).slice().reverse();
}

/** Police alerts of one order among the messages (the order id is in the text, never in the attributes). */
export function alertsOfOrder(messages: readonly LocalMessage[], orderId: string): LocalMessage[] {
  return messages.filter((m) => m.topic.endsWith('policeAlerts') && m.message.includes(orderId));
}

export interface DriveOptions {
  /** The origin serving the monitoring API: the staff origin. */
  baseUrl: string;
  /** Access token of the monitoring client. */
  token: string;
  deviceId: string;
  centre: LatLon;
  distances: readonly number[];
  /** Pause between fixes (each is its own batch, as a live feed is). */
  intervalMs: number;
  now: () => Date;
  onFix?: (fix: PositionFix, distanceM: number, result: BatchResult) => void;
}

/** Posts the drive one fix at a time, each stamped with the stack's current time. */
export async function drive(o: DriveOptions): Promise<{ fixes: PositionFix[]; postedAt: number[] }> {
  const fixes: PositionFix[] = [];
  const postedAt: number[] = [];
  for (const [i, meters] of o.distances.entries()) {
    if (i > 0 && o.intervalMs > 0) await new Promise((r) => setTimeout(r, o.intervalMs));
    const fix = fixAt(o.deviceId, o.centre, meters, o.now());
    postedAt.push(Date.now());
    const result = await postEvents(o.baseUrl, o.token, [fix]);
    fixes.push(fix);
    o.onFix?.(fix, meters, result);
  }
  return { fixes, postedAt };
}

/** Polls until `predicate` holds for the order's police alerts, at most `timeoutMs`; returns them either way. */
export async function waitForOrderAlerts(
  baseUrl: string,
  orderId: string,
  predicate: (alerts: LocalMessage[]) => boolean,
  timeoutMs: number,
  since = 0,
): Promise<LocalMessage[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const alerts = alertsOfOrder(await notifications(baseUrl), orderId).filter((m) => Date.parse(m.at) >= since);
    if (predicate(alerts) || Date.now() > deadline) return alerts;
    await new Promise((r) => setTimeout(r, 100));
  }
}
