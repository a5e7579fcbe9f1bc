import { describe, expect, it } from 'vitest';
import { handler as alertsApi } from '../../functions/alerts/handler.js';
import { DynamoAlertRepository } from '../../functions/alerts/repository.js';
import { escalateDue } from '../../functions/alerts/tick.js';
import { handler as monitoring } from '../../functions/monitoring/handler.js';
import { DynamoMonitoringRepository } from '../../functions/monitoring/repository.js';
import { watchdogTick } from '../../functions/monitoring/use-cases.js';
import { handler as orders } from '../../functions/orders/handler.js';
import { ESCALATION_POLICY, FIRST_REPORT_GRACE_MINUTES } from '../../shared/zones/index.js';
import { apiEvent, lambdaContext } from '../support/events.js';
import { HOME, itemsOf, monitoringClaims, openAlerts, orderBody, police, positionEvent } from './monitoring-support.js';
import type { Invocation } from '../support/invoke.js';

/**
 * An order's alerts follow the order: ending it closes them in the same transaction, a new version
 * supersedes the alerts whose condition it changed, the watchdog leaves ended orders alone and gives a
 * new order's device time to report; escalation follows elapsed time on a bounded ladder.
 */
type Handler = typeof orders;
async function call(
  h: Handler,
  method: string,
  path: string,
  claims: Record<string, string> | undefined,
  body?: unknown,
): Promise<{ status: number; json: Invocation['json'] }> {
  const res = (await h(apiEvent({ method, path, ...(claims ? { claims } : {}), ...(body !== undefined ? { body } : {}) }), lambdaContext())) as {
    statusCode?: number;
    body?: string;
  };
  return { status: res.statusCode ?? 0, json: res.body ? JSON.parse(res.body) : {} };
}

const alertRepo = new DynamoAlertRepository(process.env.TABLE_NAME as string);
const monitoringRepo = new DynamoMonitoringRepository(process.env.TABLE_NAME as string);
const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000);
const inMinutes = (m: number) => new Date(Date.now() + m * 60_000);

/** An order whose respondent walked into the home zone and tampered with the tag: a zone alert, a pre-alert and a tamper alert. */
async function orderWithAlerts() {
  const body = orderBody();
  const created = await call(orders, 'POST', '/api/orders', police, body);
  expect(created.status, JSON.stringify(created.json)).toBe(201);
  const dev = body.respondentDeviceId;
  const events: unknown[] = [3000, 900, 100].map((m, i) => positionEvent(dev, minutesAgo(6 - i), m));
  events.push({ type: 'tamper', eventId: `t-${Date.now()}-${Math.random()}`, deviceId: dev, at: minutesAgo(2).toISOString(), detail: 'strap' });
  expect((await call(monitoring, 'POST', '/api/monitoring/events', monitoringClaims, { events })).status).toBe(200);
  const alerts = await openAlerts(body.district);
  expect(alerts.map((a) => a.kind).sort()).toEqual(['preAlert', 'tamper', 'zone']);
  return { body, orderId: created.json.order.id as string, alerts };
}

const escalationsOf = async (alertId: unknown) => (await itemsOf(`ALERT#${String(alertId)}`)).filter((i) => i.type === 'ESCALATION');
const alertItem = async (alertId: unknown) => (await itemsOf(`ALERT#${String(alertId)}`)).find((i) => i.type === 'ALERT') as Record<string, unknown>;

describe('ending an order closes its alerts', () => {
  it('entered_in_error: every open or acknowledged alert is closed at once, off the list, and never escalates', async () => {
    const { body, orderId, alerts } = await orderWithAlerts();
    const zone = alerts.find((a) => a.kind === 'zone')!;
    expect((await call(alertsApi, 'POST', `/api/alerts/${String(zone.id)}/acknowledge`, police)).status).toBe(200);

    const ended = await call(orders, 'POST', `/api/orders/${orderId}/end`, police, { reason: 'entered_in_error' });
    expect(ended.status, JSON.stringify(ended.json)).toBe(200);
    expect(await openAlerts(body.district)).toEqual([]);
    for (const a of alerts) {
      expect(await alertItem(a.id)).toMatchObject({ status: 'resolved', closedReason: 'order_ended', resolvedBy: 'paula.police' });
      expect((await itemsOf(`AUDIT#alert#${String(a.id)}`)).map((r) => r.action)).toContain('resolve');
    }
    await escalateDue(alertRepo, inMinutes(120));
    for (const a of alerts) expect(await escalationsOf(a.id)).toEqual([]);
    const list = await call(alertsApi, 'GET', `/api/alerts?district=${body.district}`, police);
    expect(list.json.alerts).toEqual([]);
  });

  it('an alert that reached the escalation queue of an ended order is closed by the tick, not escalated', async () => {
    const { orderId, alerts } = await orderWithAlerts();
    const tamper = alerts.find((a) => a.kind === 'tamper')!;
    // The order ends behind the alert's back (as if the alert had been raised while the end was committing).
    const { UpdateCommand } = await import('@aws-sdk/lib-dynamodb');
    const { dynamo } = await import('../../functions/lib/clients.js');
    await dynamo.send(
      new UpdateCommand({
        TableName: process.env.TABLE_NAME,
        Key: { pk: `ORDER#${orderId}`, sk: 'ORDER' },
        UpdateExpression: 'SET #s = :e',
        ExpressionAttributeNames: { '#s': 'status' },
        ExpressionAttributeValues: { ':e': 'ended' },
      }),
    );
    await escalateDue(alertRepo, inMinutes(30));
    expect(await escalationsOf(tamper.id)).toEqual([]);
    expect(await alertItem(tamper.id)).toMatchObject({ status: 'resolved', closedReason: 'order_ended' });
  });

  it('the watchdog ignores an ended order', async () => {
    const body = orderBody({ device: { signalLossMinutes: 1, batteryLowPercent: 15 } });
    const created = await call(orders, 'POST', '/api/orders', police, body);
    await call(monitoring, 'POST', '/api/monitoring/events', monitoringClaims, { events: [positionEvent(body.respondentDeviceId, minutesAgo(1), 5000)] });
    expect((await call(orders, 'POST', `/api/orders/${created.json.order.id}/end`, police, { reason: 'lifted_by_court' })).status).toBe(200);
    await watchdogTick(monitoringRepo, inMinutes(90));
    expect(await openAlerts(body.district)).toEqual([]);
  });
});

describe('changing an order supersedes the alerts of what it changed', () => {
  it('a moved home zone supersedes the zone and pre-alerts; the tamper alert (same device) stays open', async () => {
    const { body, orderId, alerts } = await orderWithAlerts();
    const moved = { ...body, zones: [{ label: 'home', centre: { lat: HOME.lat + 0.05, lon: HOME.lon }, alertRadiusM: 500 }] };
    const changed = await call(orders, 'PUT', `/api/orders/${orderId}`, police, { expectedVersion: 1, order: moved });
    expect(changed.status, JSON.stringify(changed.json)).toBe(200);
    expect((await openAlerts(body.district)).map((a) => a.kind)).toEqual(['tamper']);
    for (const a of alerts.filter((x) => x.kind !== 'tamper'))
      expect(await alertItem(a.id)).toMatchObject({ status: 'resolved', closedReason: 'order_changed' });
  });
});

describe('a new order gets a grace period before "no position"', () => {
  it(`no signal-loss alert for a device that never reported until ${FIRST_REPORT_GRACE_MINUTES} minutes after the order was created, then one`, async () => {
    // In force since yesterday, created now, with a 1-minute signal-loss limit.
    const body = orderBody({ device: { signalLossMinutes: 1, batteryLowPercent: 15 } });
    expect((await call(orders, 'POST', '/api/orders', police, body)).status).toBe(201);
    await watchdogTick(monitoringRepo, inMinutes(2));
    await watchdogTick(monitoringRepo, inMinutes(FIRST_REPORT_GRACE_MINUTES - 1));
    expect(await openAlerts(body.district)).toEqual([]);
    await watchdogTick(monitoringRepo, inMinutes(FIRST_REPORT_GRACE_MINUTES + 1));
    await watchdogTick(monitoringRepo, inMinutes(FIRST_REPORT_GRACE_MINUTES + 2));
    expect((await openAlerts(body.district)).map((a) => a.kind)).toEqual(['signalLoss']);
  });
});

describe('escalation follows elapsed time on the declared ladder', () => {
  it('a clock jump gives the level reached, in one tick, once; the top of the ladder ends the escalations', async () => {
    const { alerts } = await orderWithAlerts();
    const tamper = alerts.find((a) => a.kind === 'tamper')!;
    const rung = ESCALATION_POLICY.high;
    const raised = Date.parse(String(tamper.raisedAt));
    const at = (m: number) => new Date(raised + m * 60_000);
    // 35 minutes late: first after 5, then every 15 → level 3.
    await escalateDue(alertRepo, at(rung.firstAfterMinutes + 2 * rung.repeatEveryMinutes + 1));
    expect((await escalationsOf(tamper.id)).map((e) => e.level)).toEqual([3]);
    await escalateDue(alertRepo, at(rung.firstAfterMinutes + 2 * rung.repeatEveryMinutes + 2));
    expect((await escalationsOf(tamper.id)).map((e) => e.level)).toEqual([3]);
    // A day later: the top of the ladder, once, and out of the escalation queue.
    await escalateDue(alertRepo, at(24 * 60));
    await escalateDue(alertRepo, at(48 * 60));
    expect((await escalationsOf(tamper.id)).map((e) => e.level)).toEqual([3, rung.maxLevel]);
    const item = await alertItem(tamper.id);
    expect(item).toMatchObject({ status: 'open', escalationLevel: rung.maxLevel });
    expect(item.escalateAt).toBeUndefined();
    expect(item.gsi2pk).toBeUndefined();
  });
});
