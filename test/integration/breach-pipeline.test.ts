import { describe, expect, it } from 'vitest';
import { DEMO_ORDER_ID, DEMO_PROTECTION_CODE } from '../../infra/local/demo/order.js';
import { seedDemoOrder } from '../../infra/local/demo/orders.js';
import { alertsOfOrder, drive, notifications, stackClock, waitForOrderAlerts, walkDistances } from '../../infra/local/breach-drive.js';
import type { LocalMessage } from '../../infra/local/sns.js';
import { DEMO_ZONE } from '../../shared/identity.js';
import { seedDemoData } from '../../infra/local/seed.js';
import type { LocalStack } from '../../infra/local/stack.js';
import { stackCall, stackForFile } from '../support/stack.js';
import { PERSONAL_FIELDS } from '../../shared/personal-data.js';
import { HOME, orderBody, positionEvent } from './monitoring-support.js';

/**
 * The whole path on the local stack, in-process against the test run's DynamoDB Local: HTTP with a
 * monitoring token → gateway → monitoring handler → one transaction (state + alert) → the table's
 * stream (the local poller) → the publisher → the local SNS. This is what `npm run demo:breach` drives.
 * The stack gets a table of its own, so its stream poller and watchdog see only this file's items.
 */
let stack: LocalStack;
stackForFile('pipeline', { tableName: `oneroof-pipeline-${Date.now().toString(36)}`, background: true, tickSeconds: 1 }, (s) => {
  stack = s;
});

const api = (path: string, init: Parameters<typeof stackCall>[2] = {}) => stackCall(stack, path, init);

describe('breach → police over SNS, end to end on the local stack', () => {
  it('the watchdog raises signal loss for a silent bracelet, and it is published like any alert', async () => {
    const police = await stack.issuer.tokenFor('police');
    const body = orderBody({ device: { signalLossMinutes: 1, batteryLowPercent: 15 } });
    const created = await api('/api/orders', { method: 'POST', token: police, body });
    const orderId = created.json.order.id as string;
    // The bracelet reported once, two minutes ago, then went silent (a device that never reported gets a grace period).
    const fix = positionEvent(body.respondentDeviceId, new Date(Date.now() - 120_000), 5000);
    expect((await api('/api/monitoring/events', { method: 'POST', token: await stack.issuer.tokenFor('monitoring'), body: { events: [fix] } })).status).toBe(
      200,
    );
    const alerts = await waitForOrderAlerts(stack.url, orderId, (ms) => ms.length > 0, 20_000);
    expect(alerts.map((m) => [m.attributes.kind, m.attributes.severity])).toEqual([['signalLoss', 'high']]);
    expect(stack.deadLetters()).toEqual([]);
  });

  it('a scripted drive towards the home produces a pre-alert then an alert in the notifications, exactly once each', async () => {
    const police = await stack.issuer.tokenFor('police');
    // Not silent long enough for the watchdog (it ticks every second here): only the drive alerts.
    const body = orderBody({ validFrom: new Date(Date.now() - 3_600_000).toISOString(), device: { signalLossMinutes: 180, batteryLowPercent: 15 } });
    const created = await api('/api/orders', { method: 'POST', token: police, body });
    expect(created.status).toBe(201);
    const orderId = created.json.order.id as string;

    await drive({
      // The provider posts to the monitoring API, a machine route of the staff origin.
      baseUrl: stack.staffUrl,
      token: await stack.issuer.tokenFor('monitoring'),
      deviceId: body.respondentDeviceId,
      centre: HOME,
      distances: walkDistances(500, 1000, 10),
      intervalMs: 0,
      now: await stackClock(stack.url),
    });
    const want = (ms: { attributes: Record<string, string> }[]) =>
      ms.filter((m) => m.attributes.kind === 'zone').length >= 1 && ms.some((m) => m.attributes.kind === 'preAlert');
    const alerts = await waitForOrderAlerts(stack.url, orderId, want, 20_000);
    expect(alerts.map((m) => [m.attributes.kind, m.attributes.severity, m.attributes.district])).toEqual([
      ['preAlert', 'low', body.district],
      ['zone', 'high', body.district],
    ]);
    // nothing more arrives for this order (the outbox publishes each alert once)
    await new Promise((r) => setTimeout(r, 1000));
    expect(alertsOfOrder(stack.notifications(), orderId)).toHaveLength(2);
    for (const m of alerts) {
      expect(m.message).not.toContain(body.protectedPersonRef);
      expect(m.message).not.toMatch(/51\.\d{3}|4\.3\d{2}/);
      for (const f of PERSONAL_FIELDS) expect(Object.keys(m.attributes)).not.toContain(f);
    }
    // the police list shows both, open
    const open = await api(`/api/alerts?district=${body.district}`, { token: police });
    expect(open.json.alerts.map((a: { kind: string; status: string }) => `${a.kind}:${a.status}`).sort()).toEqual(['preAlert:open', 'zone:open']);
  });

  it('the seeded demo order takes a panic with the demo protection code; it goes out as critical', async () => {
    await seedDemoData({ tableName: stack.tableName, endpoint: stack.dynamoEndpoint, modules: [{ name: 'orders', run: seedDemoOrder }] });
    const police = await stack.issuer.tokenFor('police');
    const order = await api(`/api/orders/${DEMO_ORDER_ID}`, { token: police });
    expect(order.json).toMatchObject({ status: 'active', district: 'ruppel', zones: [{ label: 'home', alertRadiusM: 500, preAlertRadiusM: 1000 }] });
    expect(JSON.stringify(order.json)).not.toContain(DEMO_PROTECTION_CODE);

    const panic = await api('/api/panic', { method: 'POST', body: { protectionCode: DEMO_PROTECTION_CODE.toLowerCase() } });
    expect(panic.status).toBe(202);
    const alerts = await waitForOrderAlerts(stack.url, DEMO_ORDER_ID, (ms) => ms.some((m) => m.attributes.kind === 'panic'), 20_000);
    expect(alerts.find((m) => m.attributes.kind === 'panic')?.attributes).toMatchObject({ severity: 'critical', district: 'ruppel' });
    expect(stack.deadLetters()).toEqual([]);
  });

  it('a panic on an order linked to a case reaches the case officer as an urgent reminder, through the stream and the tick', async () => {
    const police = await stack.issuer.tokenFor('police');
    const officer = await stack.issuer.tokenFor('olivia.officer');
    const created = await api('/api/orders', { method: 'POST', token: police, body: orderBody({ device: { signalLossMinutes: 180, batteryLowPercent: 15 } }) });
    expect(created.status).toBe(201);
    const orderId = created.json.order.id as string;
    const opened = await api('/api/cases', {
      method: 'POST',
      token: officer,
      body: {
        victimRef: `V-PIPE-${Date.now()}`,
        zone: DEMO_ZONE,
        interventionDate: '2026-01-10',
        kind: 'physical',
        children: false,
        substanceAbuse: false,
        dashYes: [],
        riskLevel: 'high',
        orderIds: [orderId],
      },
    });
    expect(opened.status, JSON.stringify(opened.json)).toBe(201);
    const caseId = opened.json.id as string;

    expect((await api('/api/panic', { method: 'POST', body: { protectionCode: created.json.protectionCode } })).status).toBe(202);
    const [panic] = await waitForOrderAlerts(stack.url, orderId, (ms) => ms.some((m) => m.attributes.kind === 'panic'), 20_000);
    expect(panic).toBeDefined();
    const deadline = Date.now() + 20_000;
    let reminders: LocalMessage[] = [];
    while (reminders.length === 0 && Date.now() < deadline) {
      reminders = (await notifications(stack.url)).filter((m) => m.topic.endsWith('officerReminders') && m.attributes.caseId === caseId);
      if (reminders.length === 0) await new Promise((r) => setTimeout(r, 200));
    }
    expect(reminders).toHaveLength(1);
    expect(reminders[0]!.attributes).toMatchObject({ officerId: 'olivia.officer', urgency: 'urgent' });
    expect(reminders[0]!.message).toMatch(/Police alert AL-[0-9A-Z]{26} on an order linked to this case/);
    expect(stack.deadLetters()).toEqual([]);
  });
});
