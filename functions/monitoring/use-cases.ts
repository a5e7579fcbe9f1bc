import { scryptSync } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import { ulid } from 'ulid';
import { NotFoundError, TooManyAttemptsError } from '../../shared/errors.js';
import {
  evaluate,
  normalizeProtectionCode,
  rulesOfVersion,
  type EngineEvent,
  type OrderRecord,
  type OrderState,
  type PositionEvent,
} from '../../shared/zones/index.js';
import { newAlert, type AlertRecord } from '../alerts/model.js';
import type { AlertOutbox } from '../alerts/outbox.js';
import { hashProtectionCode } from '../orders/protection-code.js';
import { CODE_BUDGET, type MonitoringRepository, type OrderChange } from './repository.js';
import type { DeviceEventInput } from '../../shared/monitoring/api.js';

const MAX_ATTEMPTS = 12;

export type EventOutcome = { status: 'accepted'; alerts: AlertRecord[] } | { status: 'duplicate' } | { status: 'unknown-device' };

/**
 * Applies one event to every order it concerns, in ONE transaction with its dedupe marker: the new
 * states (optimistic lock on their version), the alerts and the fix. On a version conflict (another
 * event of the same order committed in between) it reloads and evaluates again. With an `outbox`, the
 * alerts are written under a publish lease and handed to it once committed — only the committed attempt's:
 * an evaluation discarded by a conflict was never written and is never published.
 */
export async function applyEvent(
  repo: MonitoringRepository,
  orderIds: readonly string[],
  event: EngineEvent,
  now: Date,
  options: { dedupeEventId?: string; outbox?: AlertOutbox } = {},
): Promise<{ status: 'committed' | 'duplicate'; alerts: AlertRecord[] }> {
  for (let attempt = 1; ; attempt++) {
    const changes: OrderChange[] = [];
    for (const orderId of orderIds) {
      const loaded = await repo.load(orderId);
      if (!loaded) continue;
      const change = changeFor(loaded.order, loaded.state, event, now);
      if (change) changes.push(change);
    }
    const alerts = changes.flatMap((c) => c.alerts);
    // A fresh lease per attempt: back-off between attempts must not eat into it.
    const leaseUntil = options.outbox && alerts.length > 0 ? options.outbox.lease() : undefined;
    const result = await repo.commit({
      now,
      changes,
      ...(options.dedupeEventId ? { dedupeEventId: options.dedupeEventId } : {}),
      ...(leaseUntil !== undefined ? { publishLeaseUntil: leaseUntil } : {}),
    });
    if (result === 'committed') {
      if (leaseUntil !== undefined) options.outbox?.committed(alerts, leaseUntil);
      return { status: 'committed', alerts };
    }
    if (result === 'duplicate') return { status: 'duplicate', alerts: [] };
    if (attempt >= MAX_ATTEMPTS) throw new Error(`Order state kept changing under event; gave up after ${attempt} attempts`);
    // Jittered exponential back-off: contenders spread out instead of colliding again.
    await new Promise((r) => setTimeout(r, Math.min(400, 10 * 2 ** attempt) * Math.random()));
  }
}

function changeFor(order: OrderRecord, state: OrderState, event: EngineEvent, now: Date): OrderChange | undefined {
  // An ended order is not monitored (the active index a watchdog reads may still list it for a moment).
  if (order.status !== 'active') return undefined;
  // The same rules object for every event of this order version: the engine compiles it once.
  const result = evaluate(rulesOfVersion(order), state, event, now);
  const alerts = result.alerts.map((d) => newAlert(d, order, now));
  const isRespondentFix = event.kind === 'position' && event.deviceId === order.respondentDeviceId;
  const fix = isRespondentFix && !result.ignored ? { event: event as PositionEvent, outOfOrder: result.outOfOrder } : undefined;
  // One walk over two small records instead of serializing both on every event; a difference only in key
  // order (a state read back from the table) is no change.
  const stateChanged = result.state !== state && !isDeepStrictEqual(result.state, state);
  if (!stateChanged && alerts.length === 0 && !fix) return undefined;
  return { order, expectedVersion: state.version, state: result.state, alerts, ...(fix ? { fix } : {}) };
}

export function toEngineEvent(e: DeviceEventInput): EngineEvent {
  switch (e.type) {
    case 'position':
      return { kind: 'position', eventId: e.eventId, deviceId: e.deviceId, at: e.at, lat: e.lat, lon: e.lon, accuracy: e.accuracy };
    case 'tamper':
      return { kind: 'tamper', eventId: e.eventId, deviceId: e.deviceId, at: e.at, detail: e.detail };
    case 'battery':
      return { kind: 'battery', eventId: e.eventId, deviceId: e.deviceId, at: e.at, level: e.level };
    case 'heartbeat':
      return { kind: 'heartbeat', eventId: e.eventId, deviceId: e.deviceId, at: e.at };
  }
}

/** One provider event: find the device's orders, evaluate, commit once (idempotent per eventId). */
export async function ingestDeviceEvent(
  repo: MonitoringRepository,
  input: DeviceEventInput,
  now: Date,
  orderIdsCache = new Map<string, string[]>(),
  outbox?: AlertOutbox,
): Promise<EventOutcome> {
  let orderIds = orderIdsCache.get(input.deviceId);
  if (!orderIds) {
    orderIds = await repo.orderIdsForDevice(input.deviceId);
    orderIdsCache.set(input.deviceId, orderIds);
  }
  if (orderIds.length === 0) return { status: 'unknown-device' };
  const out = await applyEvent(repo, orderIds, toEngineEvent(input), now, { dedupeEventId: input.eventId, ...(outbox ? { outbox } : {}) });
  return out.status === 'duplicate' ? { status: 'duplicate' } : { status: 'accepted', alerts: out.alerts };
}

/** Protection-code checks per caller and window that get an informative answer (404 or 202). */
export const MAX_WRONG_CODES = CODE_BUDGET.limit;

/**
 * Resolves a protection code to its order. A check is reserved per caller (hashed trusted source
 * address) BEFORE the code is looked up; a right code gives its reservation back. Past the caller's
 * budget every answer is the same 429, right code or wrong, so a guesser learns nothing more. Safety
 * first: a right code past the budget is still honoured (the panic or contact report is raised and the
 * answer is still 429, whose text tells her to call 112), because a victim behind a shared address
 * (mobile carrier NAT, a shelter's Wi-Fi) must never be silenced by someone else's guessing. With
 * 60-bit codes and a slow hash, guessing stays hopeless either way; the budget keeps the oracle shut.
 */
export async function orderForCode(
  repo: MonitoringRepository,
  code: string,
  caller: string,
  now: Date,
): Promise<{ orderId: string | undefined; throttled: boolean }> {
  const reservation = await repo.reserveCodeAttempt(caller, now);
  const normalized = normalizeProtectionCode(code);
  const orderId = normalized ? await repo.orderIdForProtectionCode(hashProtectionCode(normalized)) : undefined;
  if (orderId && reservation.reserved) await repo.refundCodeAttempt(caller, reservation.windowStart);
  return { orderId, throttled: !reservation.reserved };
}

/** The refusal: 429 for any code past the budget, else 404. */
export function refusal(throttled: boolean): Error {
  return throttled ? new TooManyAttemptsError() : new NotFoundError('Unknown protection code');
}

export async function raisePanic(
  repo: MonitoringRepository,
  input: { protectionCode: string; position?: { lat: number; lon: number; accuracy: number } },
  caller: string,
  now: Date,
  outbox?: AlertOutbox,
): Promise<{ alerts: AlertRecord[] }> {
  const found = await orderForCode(repo, input.protectionCode, caller, now);
  if (!found.orderId) throw refusal(found.throttled);
  const eventId = `panic-${ulid(now.getTime())}`;
  const out = await applyEvent(
    repo,
    [found.orderId],
    { kind: 'panic', eventId, at: now.toISOString(), ...(input.position ? { position: input.position } : {}) },
    now,
    outbox ? { outbox } : {},
  );
  if (found.throttled) throw refusal(true);
  return { alerts: out.alerts };
}

/**
 * The duress code: a second code she chooses (6 to 8 digits), typed into the installed app's notes
 * where the unlock word goes. The app shows its notes as usual and, silently, sends it here: a match
 * raises a panic for her order (critical, as any panic). Stored as an scrypt hash only, with the order
 * (a lookup item expiring with the order's validity); never on the device.
 */
export const DURESS_CODE = /^\d{6,8}$/;

export function hashDuressCode(code: string): string {
  return scryptSync(code, 'oneroof/duress-code/v1', 32, { N: 16_384, r: 8, p: 1 }).toString('hex');
}

export async function setDuressCode(
  repo: MonitoringRepository,
  input: { protectionCode: string; duressCode?: string },
  caller: string,
  now: Date,
): Promise<void> {
  const found = await orderForCode(repo, input.protectionCode, caller, now);
  if (!found.orderId || found.throttled) throw refusal(found.throttled);
  const orderId = found.orderId;
  const order = (await repo.load(orderId))?.order;
  if (order?.status !== 'active') throw new NotFoundError('Unknown protection code');
  const expiresAt = Math.floor(Date.parse(order.validUntil) / 1000);
  await repo.setDuressCode(orderId, input.duressCode ? hashDuressCode(input.duressCode) : undefined, expiresAt);
}

/**
 * A duress code, checked as a protection code is: one check is reserved per caller (its own budget,
 * CODE_BUDGET) BEFORE the code is looked up, and a right code gives it back. The answer never tells a
 * right code from a wrong one: `throttled` past the budget, for both (the handler answers 429 then, else
 * 202). Safety first, as with protection codes: a right code past the budget still raises the panic.
 */
export async function duressPanic(
  repo: MonitoringRepository,
  code: string,
  caller: string,
  now: Date,
  outbox?: AlertOutbox,
): Promise<{ alerts: AlertRecord[]; throttled: boolean }> {
  const reservation = await repo.reserveCodeAttempt(caller, now, 'duress');
  const orderId = DURESS_CODE.test(code) ? await repo.orderIdForDuressCode(hashDuressCode(code)) : undefined;
  if (!orderId) return { alerts: [], throttled: !reservation.reserved };
  if (reservation.reserved) await repo.refundCodeAttempt(caller, reservation.windowStart, 'duress');
  const out = await applyEvent(
    repo,
    [orderId],
    { kind: 'panic', eventId: `duress-${ulid(now.getTime())}`, at: now.toISOString() },
    now,
    outbox ? { outbox } : {},
  );
  return { alerts: out.alerts, throttled: !reservation.reserved };
}

export async function reportContact(
  repo: MonitoringRepository,
  input: { protectionCode: string; at?: string },
  caller: string,
  now: Date,
  outbox?: AlertOutbox,
): Promise<{ alerts: AlertRecord[] }> {
  const found = await orderForCode(repo, input.protectionCode, caller, now);
  if (!found.orderId) throw refusal(found.throttled);
  const at = input.at && input.at < now.toISOString() ? input.at : now.toISOString();
  const out = await applyEvent(repo, [found.orderId], { kind: 'contact', eventId: `contact-${ulid(now.getTime())}`, at }, now, outbox ? { outbox } : {});
  if (found.throttled) throw refusal(true);
  return { alerts: out.alerts };
}

/** The watchdog: signal loss and curfew window starts for every active order. */
/**
 * `stopAt` (epoch ms): past it the tick checks no further order and reports the rest as `deferred`, so
 * it ends inside the Lambda timeout. Each tick starts at another order (by minute), so a long list is
 * never checked only from its head.
 */
export async function watchdogTick(
  repo: MonitoringRepository,
  now: Date,
  stopAt = Number.POSITIVE_INFINITY,
): Promise<{ orders: number; alerts: AlertRecord[]; deferred: number }> {
  const ids = await repo.activeOrderIds();
  const alerts: AlertRecord[] = [];
  const start = ids.length ? Math.floor(now.getTime() / 60_000) % ids.length : 0;
  let checked = 0;
  for (; checked < ids.length; checked++) {
    if (Date.now() > stopAt) break;
    const out = await applyEvent(repo, [ids[(start + checked) % ids.length] as string], { kind: 'tick', at: now.toISOString() }, now);
    alerts.push(...out.alerts);
  }
  return { orders: ids.length, alerts, deferred: ids.length - checked };
}

/**
 * What the protected person may be told about her panic, and never more than has happened: `received`
 * once stored, `sent` once published to the police topic, `seen` once an officer acknowledged it.
 */
export type PanicStatus = 'received' | 'sent' | 'seen';

export function panicStatusOf(a: Pick<AlertRecord, 'raisedAt' | 'publishedAt' | 'acknowledgedAt'>): {
  status: PanicStatus;
  receivedAt: string;
  sentAt?: string;
  seenAt?: string;
} {
  return {
    status: a.acknowledgedAt ? 'seen' : a.publishedAt ? 'sent' : 'received',
    receivedAt: a.raisedAt,
    ...(a.publishedAt ? { sentAt: a.publishedAt } : {}),
    ...(a.acknowledgedAt ? { seenAt: a.acknowledgedAt } : {}),
  };
}
