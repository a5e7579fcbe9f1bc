import { describe, expect, it, vi } from 'vitest';
import type { LocalPushSubscription, ReceivedPush } from '../../infra/local/push-endpoint.js';
import type { LocalStack } from '../../infra/local/stack.js';
import { opsMetrics } from '../../shared/ops-metrics.js';
import { pushPayloadSchema, type PushDevice, type PushKey } from '../../shared/push/api.js';
import { caseBody } from '../support/bodies.js';
import { stackCall, stackForFile } from '../support/stack.js';
import { HOME, orderBody, positionEvent, unique } from './monitoring-support.js';

/**
 * The push channel end to end on the local stack: staff register a device (a subscription the local
 * push service made, as a browser would), a breach and a due follow-up travel table → stream/tick →
 * SNS → the push sender → the local push service, which checks the VAPID signature and decrypts each
 * push with the subscription's own private key.
 */
let stack: LocalStack;
stackForFile('push', { tableName: `oneroof-push-${Date.now().toString(36)}`, background: true, tickSeconds: 1 }, (s) => {
  stack = s;
});

const api = (path: string, init: Parameters<typeof stackCall>[2] = {}) => stackCall(stack, path, init);

async function localSubscription(options: { answer?: number } = {}): Promise<LocalPushSubscription> {
  const key = (await api('/api/push/key', { token: await stack.issuer.tokenFor('police') })).json as PushKey;
  const res = await api('/api/dev/push/subscriptions', { method: 'POST', body: { applicationServerKey: key.publicKey, ...options } });
  expect(res.status).toBe(201);
  return res.json as LocalPushSubscription;
}

async function waitForPushes(pred: (p: ReceivedPush[]) => boolean, ms = 30_000): Promise<ReceivedPush[]> {
  const deadline = Date.now() + ms;
  for (;;) {
    const got = (await api('/api/dev/push')).json as unknown as ReceivedPush[];
    if (pred(got) || Date.now() > deadline) return got;
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** A silent bracelet in `district`: the watchdog raises signal loss (high) within a tick or two. */
async function signalLossIn(district: string): Promise<string> {
  const police = await stack.issuer.tokenFor('police');
  const body = orderBody({ district, device: { signalLossMinutes: 1, batteryLowPercent: 15 } });
  const created = await api('/api/orders', { method: 'POST', token: police, body });
  expect(created.status).toBe(201);
  const fix = positionEvent(body.respondentDeviceId, new Date(Date.now() - 120_000), 5000);
  expect((await api('/api/monitoring/events', { method: 'POST', token: await stack.issuer.tokenFor('monitoring'), body: { events: [fix] } })).status).toBe(200);
  return created.json.order.id as string;
}

const ALLOWED_PAYLOAD_KEYS = ['v', 'kind', 'id', 'caseId', 'severity', 'urgency', 'escalationLevel', 'url'];

describe('staff console Web Push on the local stack', () => {
  it('push is configured locally: the console gets the VAPID public key; a coordinator may not register', async () => {
    const key = (await api('/api/push/key', { token: await stack.issuer.tokenFor('officer') })).json as PushKey;
    expect(key.enabled).toBe(true);
    expect(Buffer.from(key.publicKey as string, 'base64url')).toHaveLength(65);
    const sub = await localSubscription();
    expect(
      (await api('/api/push/devices', { method: 'POST', token: await stack.issuer.tokenFor('coordinator'), body: { subscription: sub.subscription } })).status,
    ).toBe(403);
  });

  it('refuses an endpoint that is not a push service, and bad keys, naming the field', async () => {
    const police = await stack.issuer.tokenFor('police');
    const sub = await localSubscription();
    const elsewhere = await api('/api/push/devices', {
      method: 'POST',
      token: police,
      body: { subscription: { ...sub.subscription, endpoint: 'https://attacker.example/collect' } },
    });
    expect(elsewhere).toMatchObject({ status: 400, json: { field: 'subscription.endpoint' } });
    const badKey = await api('/api/push/devices', {
      method: 'POST',
      token: police,
      body: { subscription: { ...sub.subscription, keys: { ...sub.subscription.keys, p256dh: 'short' } } },
    });
    expect(badKey).toMatchObject({ status: 400, json: { field: 'subscription.keys.p256dh' } });
    const extra = await api('/api/push/devices', { method: 'POST', token: police, body: { subscription: sub.subscription, phone: '+32470000000' } });
    expect(extra).toMatchObject({ status: 400, json: { field: 'phone' } });
    expect((await api('/api/push/devices/PD-nope', { method: 'DELETE', token: police })).json).toMatchObject({ field: 'id' });
  });

  it('a breach in her district arrives as a decrypted push for the police demo user; one outside her districts does not; no personal data', async () => {
    const police = await stack.issuer.tokenFor('police');
    const sub = await localSubscription();
    const reg = await api('/api/push/devices', { method: 'POST', token: police, body: { subscription: sub.subscription, label: 'work phone' } });
    expect(reg.status).toBe(201);
    const device = reg.json as PushDevice;
    expect(device.topics).toEqual(['policeAlerts']);
    expect(JSON.stringify(device)).not.toContain(sub.subscription.endpoint);
    // Registering the same browser again updates its one device.
    const again = await api('/api/push/devices', { method: 'POST', token: police, body: { subscription: sub.subscription, label: 'work phone' } });
    expect(again).toMatchObject({ status: 200, json: { id: device.id } });
    expect(((await api('/api/push/devices', { token: police })).json.devices as PushDevice[]).map((d) => d.id)).toEqual([device.id]);

    const outside = await signalLossIn(unique('d'));
    const orderId = await signalLossIn('boom');
    const alerts = async () => (await api(`/api/alerts?district=boom`, { token: police })).json.alerts as { id: string; orderId: string }[];
    const pushes = await waitForPushes((p) => p.some((x) => x.subscriptionId === sub.id));
    const mine = pushes.filter((x) => x.subscriptionId === sub.id);
    expect(mine).toHaveLength(1);
    const alert = (await alerts()).find((a) => a.orderId === orderId);
    expect(alert).toBeDefined();
    const push = mine[0] as ReceivedPush;
    expect(pushPayloadSchema.parse(push.payload)).toEqual({
      v: 1,
      kind: 'alert',
      id: alert?.id,
      severity: 'high',
      // The console lives on the staff origin; the push service (the local one) on the victim app's.
      url: `${stack.staffUrl}/staff/#/alerts/${alert?.id}`,
    });
    expect(push).toMatchObject({ urgency: 'high', ttl: 3600, vapid: { subject: 'mailto:push@oneroof.invalid', audience: new URL(stack.url).origin } });
    // References and a link only: no order id, position, zone label or district in what the phone receives.
    const text = JSON.stringify(push.payload);
    expect(Object.keys(push.payload as object).every((k) => ALLOWED_PAYLOAD_KEYS.includes(k))).toBe(true);
    for (const secret of [orderId, outside, 'home', 'boom', String(HOME.lat).slice(0, 6), String(HOME.lon).slice(0, 5)]) expect(text).not.toContain(secret);

    // Removed: the next breach in her district reaches the police topic but not this device.
    expect((await api(`/api/push/devices/${device.id}`, { method: 'DELETE', token: police })).status).toBe(204);
    expect((await api('/api/push/devices', { token: police })).json.devices).toEqual([]);
  });

  it('a due follow-up arrives as a reminder push for its officer only', async () => {
    const olivia = await stack.issuer.tokenFor('olivia.officer');
    const omar = await stack.issuer.tokenFor('omar.officer');
    const hers = await localSubscription();
    const his = await localSubscription();
    expect((await api('/api/push/devices', { method: 'POST', token: olivia, body: { subscription: hers.subscription } })).json.topics).toEqual([
      'officerReminders',
    ]);
    expect((await api('/api/push/devices', { method: 'POST', token: omar, body: { subscription: his.subscription } })).status).toBe(201);

    const c = await api('/api/cases', {
      method: 'POST',
      token: olivia,
      body: caseBody('ruppel', { victimRef: `V-SECRET-${Date.now()}`, riskLevel: 'high' }),
    });
    expect(c.status).toBe(201);
    const f = c.json.followups[0] as { id: string };
    expect(
      (
        await api(`/api/cases/${c.json.id}/followups/${f.id}/reschedule`, {
          method: 'POST',
          token: olivia,
          body: { dueAt: new Date(Date.now() + 1_000).toISOString() },
        })
      ).status,
    ).toBe(200);

    const pushes = await waitForPushes((p) => p.some((x) => x.subscriptionId === hers.id));
    const mine = pushes.filter((x) => x.subscriptionId === hers.id);
    expect(mine).toHaveLength(1);
    expect(pushPayloadSchema.parse(mine[0]?.payload)).toEqual({
      v: 1,
      kind: 'reminder',
      id: f.id,
      caseId: c.json.id,
      urgency: expect.any(String),
      url: `${stack.staffUrl}/staff/#/cases/${c.json.id}`,
    });
    expect(JSON.stringify(mine[0]?.payload)).not.toContain('V-SECRET');
    expect(pushes.filter((x) => x.subscriptionId === his.id)).toEqual([]);
  });

  it('a device its push service says is gone (410) is removed by the sender', async () => {
    const police = await stack.issuer.tokenFor('police');
    const sub = await localSubscription();
    expect((await api('/api/push/devices', { method: 'POST', token: police, body: { subscription: sub.subscription } })).status).toBe(201);
    expect((await api(`/api/dev/push/subscriptions/${sub.id}`, { method: 'DELETE' })).status).toBe(200);
    await signalLossIn('niel');
    const deadline = Date.now() + 30_000;
    let devices: PushDevice[] = [{} as PushDevice];
    while (devices.length > 0 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 250));
      devices = (await api('/api/push/devices', { token: police })).json.devices as PushDevice[];
    }
    expect(devices).toEqual([]);
  });

  it('a push service that refuses (500) raises PushFailures, and SNS retries the message', async () => {
    const lines: string[] = [];
    const write = process.stdout.write.bind(process.stdout);
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array, ...rest: unknown[]) => {
      lines.push(...String(chunk).split('\n').filter(Boolean));
      return (write as (c: string | Uint8Array, ...r: unknown[]) => boolean)(chunk, ...rest);
    });
    try {
      const police = await stack.issuer.tokenFor('police');
      const sub = await localSubscription({ answer: 500 });
      const reg = await api('/api/push/devices', { method: 'POST', token: police, body: { subscription: sub.subscription } });
      expect(reg.status).toBe(201);
      await signalLossIn('hemiksem');
      const metric = opsMetrics.pushFailures.name;
      const failures = () => lines.filter((l) => l.startsWith('{') && (JSON.parse(l) as Record<string, unknown>)[metric] !== undefined);
      // The first attempt and Lambda's two asynchronous retries (1 s and 2 s apart locally).
      const deadline = Date.now() + 30_000;
      while (failures().length < 3 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 250));
      expect(failures().map((l) => (JSON.parse(l) as Record<string, unknown>)[metric])).toEqual([1, 1, 1]);
      // Not a gone device: it stays registered.
      expect(((await api('/api/push/devices', { token: police })).json.devices as PushDevice[]).map((d) => d.id)).toEqual([reg.json.id]);
      await api(`/api/push/devices/${reg.json.id}`, { method: 'DELETE', token: police });
    } finally {
      vi.restoreAllMocks();
    }
  });
});
