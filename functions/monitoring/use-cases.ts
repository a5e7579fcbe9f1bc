import { scryptSync } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import { ulid } from 'ulid';
import { NotFoundError, ServiceUnavailableError, TooManyAttemptsError } from '../../shared/errors.js';
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
import {
  CODE_BUDGET,
  eventItemCount,
  ORDER_BATCH_ITEMS,
  type DeviceBatchRepository,
  type LoadedOrder,
  type MonitoringRepository,
  type OrderChange,
  type OrderEventWrite,
} from './repository.js';
import type { DeviceEventInput } from '../../shared/monitoring/api.js';

const MAX_ATTEMPTS = 12;

/** Jittered exponential back-off between attempts: contenders spread out instead of colliding again. */
const backOff = (attempt: number) => new Promise((r) => setTimeout(r, Math.min(400, 10 * 2 ** attempt) * Math.random()));

/**
 * Applies one event (panic, contact report, watchdog tick) to every order it concerns, in ONE
 * transaction: the new states (optimistic lock on their version), the alerts and the fix. On a version
 * conflict (another event of the same order committed in between) it reloads and evaluates again. With
 * an `outbox`, the alerts are written under a publish lease and handed to it once committed — only the
 * committed attempt's: an evaluation discarded by a conflict was never written and is never published.
 */
export async function applyEvent(
  repo: MonitoringRepository,
  orderIds: readonly string[],
  event: EngineEvent,
  now: Date,
  options: { outbox?: AlertOutbox } = {},
): Promise<{ status: 'committed'; alerts: AlertRecord[] }> {
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
    const result = await repo.commit({ now, changes, ...(leaseUntil !== undefined ? { publishLeaseUntil: leaseUntil } : {}) });
    if (result === 'committed') {
      if (leaseUntil !== undefined) options.outbox?.committed(alerts, leaseUntil);
      return { status: 'committed', alerts };
    }
    // Contention that outlasts the retries is a 503 (send again), not a 500: nothing of this event was written.
    if (attempt >= MAX_ATTEMPTS)
      throw new ServiceUnavailableError('The order is changing too often at this moment; nothing was saved: send the same request again');
    await backOff(attempt);
  }
}

/** One event evaluated for one order: the state after it, its alerts, the fix it keeps, and whether anything changed. */
function evaluateFor(order: OrderRecord, state: OrderState, event: EngineEvent, now: Date) {
  // The same rules object for every event of this order version: the engine compiles it once, and a
  // new version (read consistently with every batch) takes effect at once.
  const result = evaluate(rulesOfVersion(order), state, event, now);
  const alerts = result.alerts.map((d) => newAlert(d, order, now));
  const isRespondentFix = event.kind === 'position' && event.deviceId === order.respondentDeviceId;
  const fix = isRespondentFix && !result.ignored ? { event: event as PositionEvent, outOfOrder: result.outOfOrder } : undefined;
  // One walk over two small records instead of serializing both on every event; a difference only in key
  // order (a state read back from the table) is no change.
  const stateChanged = result.state !== state && !isDeepStrictEqual(result.state, state);
  return { state: result.state, alerts, fix, stateChanged };
}

function changeFor(order: OrderRecord, state: OrderState, event: EngineEvent, now: Date): OrderChange | undefined {
  // An ended order is not monitored (the active index a watchdog reads may still list it for a moment).
  if (order.status !== 'active') return undefined;
  const { state: next, alerts, fix, stateChanged } = evaluateFor(order, state, event, now);
  if (!stateChanged && alerts.length === 0 && !fix) return undefined;
  return { order, expectedVersion: state.version, state: next, alerts, ...(fix ? { fix } : {}) };
}

/** A provider event of a batch, validated, with its place in the batch. */
export interface BatchEvent {
  index: number;
  event: DeviceEventInput;
}

export interface BatchOutcome {
  accepted: number;
  duplicates: number;
  /** Events whose device has no order. */
  unknownDevice: BatchEvent[];
  alerts: number;
}

/**
 * A provider batch, order by order. The devices' orders come from gsi1 (reused for a few seconds,
 * DEVICE_ORDERS_FRESH_MS), the orders and their states from one consistent BatchGetItem; each order's
 * events (from any of its devices, in batch order) are evaluated in memory and committed in one
 * transaction (split when it would pass 100 items): their dedupe markers, the state after the last one,
 * the alerts, fixes and counters. Orders commit in parallel. A replayed event's marker cancels the
 * transaction: just that event is dropped and the rest evaluated again and retried; a version conflict
 * reloads the order. An event is accepted once committed for one of its orders, a duplicate when every
 * order had seen it. Idempotent per event id and order: nothing lost, nothing counted twice.
 */
export async function ingestBatch(repo: DeviceBatchRepository, events: readonly BatchEvent[], now: Date, outbox?: AlertOutbox): Promise<BatchOutcome> {
  const devices = [...new Set(events.map((e) => e.event.deviceId))];
  const orderIdsOf = await repo.ordersOfDevices(devices);
  let loaded = await repo.loadMany([...orderIdsOf.values()].flat());
  const names = (o: OrderRecord, deviceId: string) => o.respondentDeviceId === deviceId || o.protectedDeviceId === deviceId;
  // A listed order that no longer names the device (it got another one) means the list is stale: ask again.
  const stale = devices.filter((d) => (orderIdsOf.get(d) ?? []).some((id) => loaded.get(id) && !names((loaded.get(id) as LoadedOrder).order, d)));
  if (stale.length > 0) {
    for (const [d, ids] of await repo.ordersOfDevices(stale, { fresh: true })) orderIdsOf.set(d, ids);
    const missing = stale.flatMap((d) => orderIdsOf.get(d) ?? []).filter((id) => !loaded.has(id));
    if (missing.length > 0) loaded = new Map([...loaded, ...(await repo.loadMany(missing))]);
  }

  const unknownDevice: BatchEvent[] = [];
  const byOrder = new Map<string, BatchEvent[]>();
  for (const e of events) {
    const orders = (orderIdsOf.get(e.event.deviceId) ?? []).filter((id) => {
      const o = loaded.get(id);
      return o !== undefined && names(o.order, e.event.deviceId);
    });
    if (orders.length === 0) unknownDevice.push(e);
    for (const id of orders) byOrder.set(id, [...(byOrder.get(id) ?? []), e]);
  }
  // Per event id: committed for at least one order, or seen before by every one.
  const committed = new Set<string>();
  const seen = new Set<string>();
  let alerts = 0;
  await Promise.all(
    [...byOrder].map(async ([orderId, list]) => {
      const out = await commitOrderEvents(repo, loaded.get(orderId) as LoadedOrder, list, now, outbox);
      for (const id of out.committed) committed.add(id);
      for (const id of out.duplicates) seen.add(id);
      alerts += out.alerts;
    }),
  );
  let accepted = 0;
  let duplicates = 0;
  for (const e of events) {
    if (committed.has(e.event.eventId)) {
      accepted++;
      // An id repeated within the batch is accepted once; its repeats are duplicates.
      committed.delete(e.event.eventId);
      seen.add(e.event.eventId);
    } else if (seen.has(e.event.eventId)) duplicates++;
  }
  return { accepted, duplicates, unknownDevice, alerts };
}

/**
 * One order's events of a batch: evaluated in order from the state read, committed in as few
 * transactions as the 100-item limit allows. Only a committed transaction's alerts reach the outbox.
 */
async function commitOrderEvents(
  repo: DeviceBatchRepository,
  start: LoadedOrder,
  events: readonly BatchEvent[],
  now: Date,
  outbox: AlertOutbox | undefined,
): Promise<{ committed: string[]; duplicates: string[]; alerts: number }> {
  let { order, state } = start;
  const committed: string[] = [];
  const duplicates: string[] = [];
  let alerts = 0;
  // An id twice in one batch is one event (a transaction may not write its marker twice).
  const ids = new Set<string>();
  let pending = events.filter((e) => !ids.has(e.event.eventId) && ids.add(e.event.eventId));
  for (let conflicts = 0; pending.length > 0; ) {
    const chunk = evaluateChunk(order, state, pending, now);
    const raised = chunk.writes.flatMap((w) => w.alerts);
    const leaseUntil = outbox && raised.length > 0 ? outbox.lease() : undefined;
    const result = await repo.commitOrderBatch({
      now,
      order,
      expectedVersion: state.version,
      ...(chunk.changes > 0 ? { state: { value: chunk.state, changes: chunk.changes } } : {}),
      events: chunk.writes,
      ...(leaseUntil !== undefined ? { publishLeaseUntil: leaseUntil } : {}),
    });
    if (result.status === 'committed') {
      if (leaseUntil !== undefined) outbox?.committed(raised, leaseUntil);
      alerts += raised.length;
      committed.push(...chunk.writes.map((w) => w.eventId));
      pending = pending.slice(chunk.writes.length);
      state = chunk.changes > 0 ? { ...chunk.state, version: state.version + chunk.changes } : state;
    } else if (result.status === 'duplicates') {
      // Seen before: dropped, and the others evaluated again without them (the state is as read).
      duplicates.push(...result.eventIds);
      pending = pending.filter((e) => !result.eventIds.includes(e.event.eventId));
    } else {
      // What committed stays; the provider sends the batch again and the events already stored are recognised by their ids.
      if (++conflicts >= MAX_ATTEMPTS)
        throw new ServiceUnavailableError(
          'An order of this batch is changing too often at this moment; send the same batch again (events already saved are recognised by their ids)',
        );
      await backOff(conflicts);
      const again = (await repo.loadMany([order.id])).get(order.id);
      if (!again) throw new Error('Order vanished during a batch');
      ({ order, state } = again);
    }
  }
  return { committed, duplicates, alerts };
}

/** The longest run of the pending events (at least one) whose writes fit one transaction, evaluated in memory. */
function evaluateChunk(order: OrderRecord, from: OrderState, pending: readonly BatchEvent[], now: Date) {
  const writes: OrderEventWrite[] = [];
  let state = from;
  let changes = 0;
  let items = 0;
  for (const { event } of pending) {
    // An ended order is not monitored: its events are only marked as seen.
    const out = order.status === 'active' ? evaluateFor(order, state, toEngineEvent(event), now) : undefined;
    const write: OrderEventWrite = { eventId: event.eventId, alerts: out?.alerts ?? [], ...(out?.fix ? { fix: out.fix } : {}) };
    if (writes.length > 0 && items + eventItemCount(write) > ORDER_BATCH_ITEMS) break;
    items += eventItemCount(write);
    writes.push(write);
    if (out && (out.stateChanged || out.alerts.length > 0 || out.fix)) changes++;
    if (out?.stateChanged) state = out.state;
  }
  return { writes, state, changes };
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

/**
 * A victim's own alert for the order of her protection code (panic, contact report). Past the caller's
 * budget it is still raised, and then refused with 429 (orderForCode).
 */
async function raiseForCode(
  repo: MonitoringRepository,
  protectionCode: string,
  caller: string,
  now: Date,
  event: EngineEvent,
  outbox: AlertOutbox | undefined,
): Promise<{ alerts: AlertRecord[] }> {
  const found = await orderForCode(repo, protectionCode, caller, now);
  if (!found.orderId) throw refusal(found.throttled);
  const out = await applyEvent(repo, [found.orderId], event, now, outbox ? { outbox } : {});
  if (found.throttled) throw refusal(true);
  return { alerts: out.alerts };
}

export function raisePanic(
  repo: MonitoringRepository,
  input: { protectionCode: string; position?: { lat: number; lon: number; accuracy: number } },
  caller: string,
  now: Date,
  outbox?: AlertOutbox,
): Promise<{ alerts: AlertRecord[] }> {
  const event: EngineEvent = {
    kind: 'panic',
    eventId: `panic-${ulid(now.getTime())}`,
    at: now.toISOString(),
    ...(input.position ? { position: input.position } : {}),
  };
  return raiseForCode(repo, input.protectionCode, caller, now, event, outbox);
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

export function reportContact(
  repo: MonitoringRepository,
  input: { protectionCode: string; at?: string },
  caller: string,
  now: Date,
  outbox?: AlertOutbox,
): Promise<{ alerts: AlertRecord[] }> {
  const at = input.at && input.at < now.toISOString() ? input.at : now.toISOString();
  return raiseForCode(repo, input.protectionCode, caller, now, { kind: 'contact', eventId: `contact-${ulid(now.getTime())}`, at }, outbox);
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
