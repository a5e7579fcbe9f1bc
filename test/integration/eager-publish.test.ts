import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { keys } from '../../functions/alerts/keys.js';
import { dynamo } from '../../functions/lib/clients.js';
import type { LocalStack } from '../../infra/local/stack.js';
import { stackCall, stackForFile } from '../support/stack.js';
import { orderBody, positionEvent } from './monitoring-support.js';

/**
 * The eager alert publish (functions/alerts/outbox.ts) on the local stack with its stream poller and
 * stream publisher running (the backstop): an alert is on the police topic when the monitoring request
 * answers, and the backstop, reading the same INSERT a moment later, does not send it again. With the
 * local SNS fault switch on, the eager publish fails, gives its lease back, and the backstop delivers
 * after recovery — once.
 */
let stack: LocalStack;
stackForFile('eager', { tableName: `oneroof-eager-${Date.now().toString(36)}`, background: true }, (s) => {
  stack = s;
});

const api = (path: string, init: Parameters<typeof stackCall>[2] = {}) => stackCall(stack, path, init);

async function faults(publish: number): Promise<void> {
  const res = await fetch(`${stack.url}/api/dev/faults`, { method: 'POST', body: JSON.stringify({ publish }) });
  expect(res.status).toBe(200);
}

async function alertItem(id: string): Promise<Record<string, unknown> | undefined> {
  return (await dynamo.send(new GetCommand({ TableName: stack.tableName, Key: keys.alert(id), ConsistentRead: true }))).Item;
}

const sentFor = (alertId: string) => stack.notifications().filter((m) => m.topic === 'oneroof-policeAlerts' && m.attributes.alertId === alertId);

/** An order, and a fix far outside then one inside its home zone (20 min apart): a pre-alert is not raised at 3 km, the zone alert is. */
async function breach(): Promise<{ alertIds: string[]; code: string; district: string }> {
  const police = await stack.issuer.tokenFor('police');
  const body = orderBody({ device: { signalLossMinutes: 180, batteryLowPercent: 15 } });
  const created = await api('/api/orders', { method: 'POST', token: police, body });
  expect(created.status).toBe(201);
  const t = Date.now();
  const events = [positionEvent(body.respondentDeviceId, new Date(t - 20 * 60_000), 3000), positionEvent(body.respondentDeviceId, new Date(t - 60_000), 100)];
  const res = await api('/api/monitoring/events', { method: 'POST', token: await stack.issuer.tokenFor('monitoring'), body: { events } });
  expect(res.json).toMatchObject({ accepted: 2, duplicates: 0, rejected: [] });
  const open = await api(`/api/alerts?district=${body.district}`, { token: police });
  const alertIds = (open.json.alerts as { id: string; kind: string }[]).map((a) => a.id);
  expect(alertIds.length).toBeGreaterThan(0);
  return { alertIds, code: created.json.protectionCode as string, district: body.district };
}

/** Gives the stream poller (200 ms) and the backstop the time to deliver a second copy, if they ever would. */
const backstopWindow = () => new Promise((r) => setTimeout(r, 2_000));

describe('eager alert publish, the stream publisher as backstop', () => {
  it('publishes each alert before the monitoring request answers, and the stream does not publish it again', async () => {
    const { alertIds } = await breach();
    for (const id of alertIds) {
      // Already on the topic and marked when the request answered: nothing waited for the stream.
      expect(sentFor(id)).toHaveLength(1);
      const item = await alertItem(id);
      expect(item?.publishedAt).toEqual(expect.any(String));
      expect(item?.publishLeaseUntil).toBeUndefined();
    }
    await backstopWindow();
    for (const id of alertIds) expect(sentFor(id)).toHaveLength(1);
    expect(stack.deadLetters()).toEqual([]);
  });

  it('a panic is on the police topic when the 202 arrives, and its status says sent', async () => {
    const { code } = await breach();
    const raised = await api('/api/panic', { method: 'POST', body: { protectionCode: code } });
    expect(raised.status).toBe(202);
    const panicId = raised.json.panicId as string;
    expect(sentFor(panicId).map((m) => [m.attributes.kind, m.attributes.severity])).toEqual([['panic', 'critical']]);
    const status = await api('/api/panic/status', { method: 'POST', body: { protectionCode: code, panicId } });
    expect(status.json).toMatchObject({ status: 'sent', sentAt: expect.any(String) });
    await backstopWindow();
    expect(sentFor(panicId)).toHaveLength(1);
  });

  it('SNS down: the eager publish fails and gives its lease back; after recovery the backstop delivers each alert, never twice', async () => {
    await faults(-1);
    let alertIds: string[];
    try {
      ({ alertIds } = await breach());
      for (const id of alertIds) {
        const item = await alertItem(id);
        expect(item?.publishedAt).toBeUndefined();
        // Given back at once, so the backstop does not wait for it to run out.
        expect(item?.publishLeaseUntil).toBeUndefined();
        expect(sentFor(id)).toEqual([]);
      }
      // The backstop keeps failing meanwhile (its record is retried), and nothing goes out.
      await backstopWindow();
      for (const id of alertIds) expect(sentFor(id)).toEqual([]);
    } finally {
      await faults(0);
    }
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline && !(await Promise.all(alertIds.map(alertItem))).every((i) => i?.publishedAt)) await new Promise((r) => setTimeout(r, 200));
    for (const id of alertIds) expect((await alertItem(id))?.publishedAt).toEqual(expect.any(String));
    await backstopWindow();
    for (const id of alertIds) expect(sentFor(id)).toHaveLength(1);
    expect(stack.deadLetters()).toEqual([]);
  });
});
