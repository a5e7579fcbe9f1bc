import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AlertRecord } from '../../functions/alerts/model.js';
import type { AlertOutbox } from '../../functions/alerts/outbox.js';
import { handler as monitoring } from '../../functions/monitoring/handler.js';
import { DynamoMonitoringRepository, type OrderBatchPlan, type OrderBatchResult } from '../../functions/monitoring/repository.js';
import { applyEvent, ingestBatch, toEngineEvent, type BatchEvent } from '../../functions/monitoring/use-cases.js';
import { handler as orders } from '../../functions/orders/handler.js';
import type { DeviceEventInput } from '../../shared/monitoring/api.js';
import { metric, monthOf } from '../../shared/metrics.js';
import { BREACH_METRIC_KIND, evaluate, initialState, rulesOfVersion, type OrderState } from '../../shared/zones/index.js';
import { invokeRoute } from '../support/invoke.js';
import { staffClaims } from '../support/events.js';
import { itemsOf, monitoringClaims, openedItemsOf, orderBody, positionEvent, TABLE, unique } from './monitoring-support.js';

/**
 * The device batch (functions/monitoring/use-cases.ts `ingestBatch`): one transaction per order, split
 * under the 100-item limit, a replayed event's marker dropping just that event, a version conflict
 * reloading the order. Checked against the same events applied one by one by the pure engine: the same
 * alerts, every fix once, the version counting every evaluation that changed something, the breach
 * counters exact.
 */
const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000);

/** An order of a police zone of its own, so its breach counters are its own. */
async function createOrder() {
  const zone = unique('zone');
  const body = orderBody({ device: { signalLossMinutes: 600, batteryLowPercent: 15 } });
  const res = await invokeRoute(orders, 'POST', '/api/orders', { claims: staffClaims('paula.police', 'police', `zone:${zone}`), body });
  expect(res.status).toBe(201);
  return { body, id: res.json.order.id as string, zone };
}

const postEvents = (events: unknown[]) => invokeRoute(monitoring, 'POST', '/api/monitoring/events', { claims: monitoringClaims, body: { events } });

/** What the pure engine raises and keeps for these events applied one by one, from the order's first state. */
async function oneByOne(orderId: string, events: readonly DeviceEventInput[], now: Date) {
  const loaded = await new DynamoMonitoringRepository(TABLE).load(orderId);
  if (!loaded) throw new Error('no order');
  const rules = rulesOfVersion(loaded.order);
  let state: OrderState = initialState();
  const kinds: string[] = [];
  let changes = 0;
  for (const e of events) {
    const out = evaluate(rules, state, toEngineEvent(e), now);
    const changed = JSON.stringify(out.state) !== JSON.stringify(state) || out.alerts.length > 0 || !out.ignored;
    if (changed) changes++;
    kinds.push(...out.alerts.map((a) => a.kind));
    state = out.state;
  }
  return { kinds: kinds.sort(), changes };
}

async function stored(orderId: string, zone: string) {
  const items = await openedItemsOf(`ORDER#${orderId}`);
  const alertIds = items.filter((i) => String(i.sk).startsWith('ALERT#')).map((i) => String(i.alertId));
  const alerts = await Promise.all(alertIds.map(async (id) => (await itemsOf(`ALERT#${id}`)).find((i) => i.sk === 'ALERT') as Record<string, unknown>));
  const counts = (await itemsOf(`STATS#${monthOf(new Date())}#${zone}`)).find((i) => i.sk === 'COUNTS') ?? {};
  return {
    version: Number(items.find((i) => i.sk === 'STATE')?.version),
    fixes: items.filter((i) => String(i.sk).startsWith('FIX#')).map((i) => String(i.eventId)),
    kinds: alerts.map((a) => String(a.kind)).sort(),
    counts: Object.fromEntries(Object.entries(counts).filter(([k]) => k.startsWith('breaches.'))),
  };
}

/** The breach counters the alerts of these kinds must have added. */
function expectedCounts(kinds: readonly string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const k of kinds) {
    const name = metric.breaches(BREACH_METRIC_KIND[k as AlertRecord['kind']]);
    out[name] = (out[name] ?? 0) + 1;
  }
  return out;
}

describe('a device batch, order by order', () => {
  it('duplicates within a batch and retried batches: every event accepted once, counted once, as if applied one by one', async () => {
    await fc.assert(
      fc.asyncProperty(
        // Distances (m) from the protected home, a drive in and out of the zone.
        fc.array(fc.integer({ min: 20, max: 4000 }), { minLength: 1, maxLength: 70 }),
        fc.array(fc.nat(), { maxLength: 30 }),
        fc.array(fc.nat(), { maxLength: 40 }),
        async (distances, repeatsWithin, retried) => {
          const { body, id, zone } = await createOrder();
          const events = distances.map((m, i) => positionEvent(body.respondentDeviceId, minutesAgo(200 - i * 2), m) as DeviceEventInput);
          // The first batch repeats some of its own events; the second resends some of the first's beside a new one.
          const first = [...events.slice(0, Math.ceil(events.length / 2))];
          for (const r of repeatsWithin) first.splice(r % (first.length + 1), 0, first[r % first.length] as DeviceEventInput);
          const rest = events.slice(Math.ceil(events.length / 2));
          const second = [...retried.map((r) => first[r % first.length] as DeviceEventInput), ...rest].slice(0, 100);
          const unique = (list: DeviceEventInput[]) => new Set(list.map((e) => e.eventId)).size;
          const a = await postEvents(first.slice(0, 100));
          expect(a.status).toBe(200);
          const sentFirst = first.slice(0, 100);
          expect(a.json).toMatchObject({ accepted: unique(sentFirst), duplicates: sentFirst.length - unique(sentFirst), rejected: [] });
          // A single event leaves nothing for a second batch (an empty batch is a 400 by contract).
          if (second.length > 0) {
            const b = await postEvents(second);
            expect(b.status).toBe(200);
            const firstIds = new Set(sentFirst.map((e) => e.eventId));
            const newInSecond = new Set(second.filter((e) => !firstIds.has(e.eventId)).map((e) => e.eventId)).size;
            expect(b.json).toMatchObject({ accepted: newInSecond, duplicates: second.length - newInSecond, rejected: [] });
          }

          // Applied in the order each id was first seen.
          const seen = new Set<string>();
          const applied = [...sentFirst, ...second].filter((e) => !seen.has(e.eventId) && seen.add(e.eventId));
          const expected = await oneByOne(id, applied, new Date());
          const now = await stored(id, zone);
          expect(now.fixes.sort()).toEqual(applied.map((e) => e.eventId).sort());
          expect(now.kinds).toEqual(expected.kinds);
          expect(now.version).toBe(expected.changes);
          expect(now.counts).toEqual(expectedCounts(expected.kinds));
        },
      ),
      { numRuns: 6 },
    );
  });

  it('a batch longer than one transaction holds is split, each event committed once', async () => {
    const { body, id, zone } = await createOrder();
    const events = Array.from({ length: 100 }, (_, i) => positionEvent(body.respondentDeviceId, minutesAgo(150 - i), 3000 - i * 30) as DeviceEventInput);
    const res = await postEvents(events);
    expect(res.json).toMatchObject({ accepted: 100, duplicates: 0, rejected: [] });
    const expected = await oneByOne(id, events, new Date());
    const now = await stored(id, zone);
    expect(now.fixes).toHaveLength(100);
    expect(now.version).toBe(100);
    expect(now.kinds).toEqual(expected.kinds);
    expect(now.counts).toEqual(expectedCounts(expected.kinds));
    expect((await postEvents(events)).json).toMatchObject({ accepted: 0, duplicates: 100 });
    expect((await stored(id, zone)).version).toBe(100);
  });

  it('a conflict mid-batch reloads the order and evaluates again; only committed alerts reach the outbox, once', async () => {
    const { body, id, zone } = await createOrder();
    // 60 fixes: two transactions (2 items each); the second crosses into the zone (pre-alert, alert).
    const events: BatchEvent[] = Array.from({ length: 60 }, (_, i) => ({
      index: i,
      event: positionEvent(body.respondentDeviceId, minutesAgo(90 - i), i < 50 ? 4000 : i < 55 ? 1000 : 100) as DeviceEventInput,
    }));
    const plans: OrderBatchPlan[] = [];
    let interfered = false;
    class Contended extends DynamoMonitoringRepository {
      override async commitOrderBatch(plan: OrderBatchPlan): Promise<OrderBatchResult> {
        plans.push(plan);
        if (plans.length === 2 && !interfered) {
          // Another writer commits to the same order between the two transactions: a tamper alert.
          interfered = true;
          await applyEvent(
            this,
            [id],
            { kind: 'tamper', eventId: 'rival', deviceId: body.respondentDeviceId, at: minutesAgo(1).toISOString(), detail: 'strap' },
            new Date(),
          );
        }
        return super.commitOrderBatch(plan);
      }
    }
    const published: AlertRecord[] = [];
    let lease = 0;
    const outbox: AlertOutbox = { lease: () => ++lease, committed: (alerts) => published.push(...alerts) };
    const out = await ingestBatch(new Contended(TABLE), events, new Date(), outbox);
    expect(out).toMatchObject({ accepted: 60, duplicates: 0, unknownDevice: [] });
    // The second transaction was tried, lost to the rival, and tried again from the reloaded state.
    expect(plans.length).toBe(3);
    expect(plans[2]?.expectedVersion).toBe((plans[1]?.expectedVersion ?? 0) + 1);
    const now = await stored(id, zone);
    expect(now.kinds).toEqual(['preAlert', 'tamper', 'zone']);
    expect(now.version).toBe(61);
    expect(now.fixes).toHaveLength(60);
    expect(now.counts).toEqual(expectedCounts(now.kinds));
    // Published: exactly the batch's committed alerts (the rival published nothing here); the discarded evaluation's never.
    const alertRefs = (await itemsOf(`ORDER#${id}`)).filter((i) => String(i.sk).startsWith('ALERT#')).map((i) => String(i.alertId));
    expect(published.map((a) => a.kind).sort()).toEqual(['preAlert', 'zone']);
    for (const a of published) expect(alertRefs).toContain(a.id);
    const discarded = plans[1]?.events.flatMap((e) => e.alerts).map((a) => a.id) ?? [];
    expect(discarded).toHaveLength(2);
    for (const a of published) expect(discarded).not.toContain(a.id);
  });
});
