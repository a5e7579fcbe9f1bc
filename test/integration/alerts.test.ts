import { beforeEach, describe, expect, it } from 'vitest';
import { handler as alertsApi } from '../../functions/alerts/handler.js';
import { publishRecords } from '../../functions/alerts/publisher.js';
import { DynamoAlertRepository } from '../../functions/alerts/repository.js';
import { escalateDue } from '../../functions/alerts/tick.js';
import { handler as monitoring } from '../../functions/monitoring/handler.js';
import { handler as orders } from '../../functions/orders/handler.js';
import { SnsNotifier } from '../../functions/lib/notifier.js';
import { runsAs } from '../../functions/lib/table-access.js';
import { monthOf } from '../../shared/metrics.js';
import { PERSONAL_FIELDS } from '../../shared/personal-data.js';
import { invokeRoute } from '../support/invoke.js';
import { clearInbox, failPublishes, inbox, waitForMessages } from '../support/sns-inbox.js';
import { itemsOf, monitoringClaims, officer, openAlerts, orderBody, police, positionEvent, supervisor, TABLE } from './monitoring-support.js';

type Handler = typeof monitoring;
const call = (h: Handler, method: string, path: string, claims: Record<string, string> | undefined, body?: unknown) =>
  invokeRoute(h, method, path, { claims, body });

const repo = new DynamoAlertRepository(TABLE);
const notifier = new SnsNotifier(['policeAlerts', 'supervisorEscalations']);
const publish = (records: Parameters<typeof publishRecords>[0]) => publishRecords(records, repo, notifier, () => new Date());
const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000);

async function orderWithAlerts() {
  const body = orderBody();
  const created = await call(orders, 'POST', '/api/orders', police, body);
  const dev = body.respondentDeviceId;
  const events = [3000, 1500, 900, 400, 100].map((m, i) => positionEvent(dev, minutesAgo(10 - i), m));
  events.push({ type: 'tamper', eventId: `t-${Date.now()}-${Math.random()}`, deviceId: dev, at: minutesAgo(4).toISOString(), detail: 'strap' } as never);
  // SNS down while they are raised: the monitoring handler's eager publish fails and leaves each alert to
  // the outbox publisher these tests drive (functions/alerts/outbox.ts; the eager path: eager-publish.test.ts).
  await failPublishes(-1);
  await call(monitoring, 'POST', '/api/monitoring/events', monitoringClaims, { events }).finally(() => failPublishes(0));
  const alerts = await openAlerts(body.district);
  return { body, orderId: created.json.order.id as string, code: created.json.protectionCode as string, alerts };
}

async function streamOf(alertIds: string[]) {
  const { insertRecords } = await import('./monitoring-support.js');
  const items = (await Promise.all(alertIds.map((id) => itemsOf(`ALERT#${id}`)))).flat();
  return insertRecords(items);
}

beforeEach(async () => {
  await failPublishes(0);
  await clearInbox();
});

describe('outbox publisher (stream → SNS)', () => {
  it('publishes each alert once with routing attributes and no personal data', async () => {
    const { alerts, body, orderId } = await orderWithAlerts();
    expect(alerts.map((a) => a.kind).sort()).toEqual(['preAlert', 'tamper', 'zone']);
    const out = await publish(await streamOf(alerts.map((a) => String(a.id))));
    expect(out.batchItemFailures).toEqual([]);
    const messages = await waitForMessages((m) => m.length === 3, { topic: 'policeAlerts' });
    expect(messages.map((m) => m.attributes.kind).sort()).toEqual(['preAlert', 'tamper', 'zone']);
    for (const m of messages) {
      expect(m.attributes).toMatchObject({ district: body.district });
      expect(['low', 'high']).toContain(m.attributes.severity);
      expect(m.message).toContain(orderId);
      expect(m.message).not.toMatch(/51\.\d{3}|4\.3\d{2}/); // no coordinates
      for (const f of PERSONAL_FIELDS) expect(Object.keys(m.attributes)).not.toContain(f);
      expect(m.message).not.toContain(body.protectedPersonRef);
    }
    const zone = messages.find((m) => m.attributes.kind === 'zone');
    expect(zone?.subject).toContain('[HIGH]');
    expect(zone?.message).toContain('home zone');
    for (const a of alerts) expect((await itemsOf(`ALERT#${a.id}`))[0]?.publishedAt).toBeDefined();
  });

  it('an SNS fault then recovery delivers every alert exactly once (redelivery is skipped)', async () => {
    const { alerts } = await orderWithAlerts();
    const records = await streamOf(alerts.map((a) => String(a.id)));
    await failPublishes(-1);
    const failed = await publish(records);
    expect(failed.batchItemFailures.map((f) => f.itemIdentifier)).toEqual(records.map((r) => r.dynamodb?.SequenceNumber));
    expect(await inbox('policeAlerts')).toHaveLength(0);
    for (const a of alerts) expect((await itemsOf(`ALERT#${a.id}`))[0]?.publishedAt).toBeUndefined();

    await failPublishes(0);
    expect((await publish(records)).batchItemFailures).toEqual([]);
    // the stream redelivers (e.g. after a partial batch failure): nothing goes out twice
    expect((await publish(records)).batchItemFailures).toEqual([]);
    const messages = await waitForMessages((m) => m.length >= 3, { topic: 'policeAlerts' });
    expect(messages.map((m) => m.attributes.alertId).sort()).toEqual(alerts.map((a) => String(a.id)).sort());
  });

  it('a single failing record is reported alone; the others go out', async () => {
    const { alerts } = await orderWithAlerts();
    const records = await streamOf(alerts.map((a) => String(a.id)));
    await failPublishes(4); // the first record's publish and all of its SDK retries
    const out = await publish(records);
    expect(out.batchItemFailures).toHaveLength(1);
    expect(out.batchItemFailures[0]?.itemIdentifier).toBe(records[0]?.dynamodb?.SequenceNumber);
    expect(await inbox('policeAlerts')).toHaveLength(records.length - 1);
    await publish(records);
    expect(await inbox('policeAlerts')).toHaveLength(records.length);
  });

  it('panic goes out at once as critical', async () => {
    const { body, code } = await orderWithAlerts();
    const res = await call(monitoring, 'POST', '/api/panic', undefined, { protectionCode: code });
    expect(res.status).toBe(202);
    const panic = (await openAlerts(body.district)).find((a) => a.kind === 'panic');
    expect(panic).toBeDefined();
    await publish(await streamOf([String(panic?.id)]));
    const [m] = await waitForMessages((ms) => ms.some((x) => x.attributes.kind === 'panic'), { topic: 'policeAlerts' });
    expect(m?.attributes).toMatchObject({ severity: 'critical', kind: 'panic' });
    expect(m?.subject).toContain('[CRITICAL]');
  });

  it('the panic status tells the protected person only what happened: received, sent to police, seen by an officer', async () => {
    const { code } = await orderWithAlerts();
    const other = await orderWithAlerts();
    // Raised while SNS is down, so it stays `received` until the outbox publisher below sends it.
    await failPublishes(-1);
    const raised = await call(monitoring, 'POST', '/api/panic', undefined, { protectionCode: code }).finally(() => failPublishes(0));
    expect(raised.json).toMatchObject({ received: true, status: 'received', panicId: expect.stringMatching(/^AL-/) });
    const panicId = raised.json.panicId as string;
    const status = () => call(monitoring, 'POST', '/api/panic/status', undefined, { protectionCode: code, panicId });

    const stored = await status();
    expect(stored.status).toBe(200);
    expect(stored.json).toEqual({ panicId, status: 'received', receivedAt: expect.any(String) });

    await publish(await streamOf([panicId]));
    expect((await status()).json).toMatchObject({ status: 'sent', sentAt: expect.any(String) });

    expect((await call(alertsApi, 'POST', `/api/alerts/${panicId}/acknowledge`, police)).status).toBe(200);
    expect((await status()).json).toMatchObject({ status: 'seen', seenAt: expect.any(String) });

    // Someone else's code learns nothing about this panic; a malformed id is a 400 naming the field.
    expect((await call(monitoring, 'POST', '/api/panic/status', undefined, { protectionCode: other.code, panicId })).status).toBe(404);
    const bad = await call(monitoring, 'POST', '/api/panic/status', undefined, { protectionCode: code, panicId: 'x' });
    expect(bad.status).toBe(400);
    expect(bad.json.field).toBe('panicId');
  });
});

describe('police API: open alerts, acknowledge, resolve', () => {
  it('lists open alerts most severe first, then newest; hides evidence in the list; reads are audited', async () => {
    const { body, code } = await orderWithAlerts();
    await call(monitoring, 'POST', '/api/panic', undefined, { protectionCode: code, position: { lat: 51.1, lon: 4.4, accuracy: 10 } });
    const list = await call(alertsApi, 'GET', `/api/alerts?district=${body.district}`, police);
    expect(list.status).toBe(200);
    const kinds = list.json.alerts.map((a: { kind: string; severity: string }) => `${a.severity}:${a.kind}`);
    expect(kinds[0]).toBe('critical:panic');
    expect(kinds.slice(1, 3).sort()).toEqual(['high:tamper', 'high:zone']);
    expect(kinds[3]).toBe('low:preAlert');
    const highs = list.json.alerts.filter((a: { severity: string }) => a.severity === 'high');
    expect(highs[0].at >= highs[1].at).toBe(true);
    expect(JSON.stringify(list.json)).not.toContain('evidence');

    const panicId = list.json.alerts[0].id;
    const one = await call(alertsApi, 'GET', `/api/alerts/${panicId}`, supervisor);
    expect(one.json).toMatchObject({ kind: 'panic', evidence: { fix: { lat: 51.1, lon: 4.4 } }, escalations: [] });
    expect((await itemsOf(`AUDIT#alert#${panicId}`)).map((a) => [a.action, a.actor])).toEqual([['read', 'sam.supervisor']]);
    expect((await call(alertsApi, 'GET', `/api/alerts?district=${body.district}`, officer)).status).toBe(403);
    expect((await call(alertsApi, 'GET', '/api/alerts/AL-01ARZ3NDEKTSV4RRFFQ69G5FAV', police)).status).toBe(404);
  });

  it('acknowledgement stops escalation; a missing one escalates to supervisors, once per level, on a slower cadence', async () => {
    const { alerts } = await orderWithAlerts();
    const zone = alerts.find((a) => a.kind === 'zone')!;
    const tamper = alerts.find((a) => a.kind === 'tamper')!;
    const ack = await call(alertsApi, 'POST', `/api/alerts/${zone.id}/acknowledge`, police);
    expect(ack).toMatchObject({ status: 200, json: { status: 'acknowledged', acknowledgedBy: 'paula.police' } });
    expect((await call(alertsApi, 'POST', `/api/alerts/${zone.id}/acknowledge`, police)).status).toBe(409);
    expect((await call(alertsApi, 'POST', `/api/alerts/${zone.id}/acknowledge`, supervisor)).status).toBe(403);

    // As the deployed tick runs: held to the partitions shared/functions.ts declares for alertTick.
    const tick = runsAs('alertTick', escalateDue);
    const raised = new Date(String(tamper.raisedAt));
    const at = (m: number) => new Date(raised.getTime() + m * 60_000);
    await tick(repo, at(4)); // high: first escalation after 5 minutes
    expect((await itemsOf(`ALERT#${tamper.id}`)).filter((i) => i.type === 'ESCALATION')).toHaveLength(0);
    await tick(repo, at(5));
    await tick(repo, at(6)); // not again before the next, slower step
    let items = await itemsOf(`ALERT#${tamper.id}`);
    expect(items.filter((i) => i.type === 'ESCALATION').map((i) => i.level)).toEqual([1]);
    expect(items.find((i) => i.type === 'ALERT')?.escalateAt).toBe(at(20).toISOString());
    await tick(repo, at(20));
    items = await itemsOf(`ALERT#${tamper.id}`);
    expect(items.filter((i) => i.type === 'ESCALATION').map((i) => i.level)).toEqual([1, 2]);
    // the acknowledged alert never escalated
    expect((await itemsOf(`ALERT#${zone.id}`)).filter((i) => i.type === 'ESCALATION')).toEqual([]);

    // escalations go out to the supervisors' topic through the same outbox
    await publish(insertRecordsOf(items.filter((i) => i.type === 'ESCALATION')));
    const msgs = await waitForMessages((m) => m.length === 2, { topic: 'supervisorEscalations' });
    expect(msgs.map((m) => m.attributes.escalationLevel).sort()).toEqual(['1', '2']);
    expect(msgs[0]?.attributes).toMatchObject({ alertId: tamper.id, severity: 'high', kind: 'alertEscalation', alertKind: 'tamper' });

    // acknowledging later stops further escalation
    await call(alertsApi, 'POST', `/api/alerts/${tamper.id}/acknowledge`, police);
    await tick(repo, at(120));
    expect((await itemsOf(`ALERT#${tamper.id}`)).filter((i) => i.type === 'ESCALATION')).toHaveLength(2);
  });

  it('resolving records the outcome and removes the alert from the open list', async () => {
    const { alerts, body } = await orderWithAlerts();
    const pre = alerts.find((a) => a.kind === 'preAlert')!;
    expect((await call(alertsApi, 'POST', `/api/alerts/${pre.id}/resolve`, police, { outcome: 'maybe' })).json).toMatchObject({ field: 'outcome' });
    const res = await call(alertsApi, 'POST', `/api/alerts/${pre.id}/resolve`, police, { outcome: 'respondent_left' });
    expect(res).toMatchObject({ status: 200, json: { status: 'resolved', outcome: 'respondent_left' } });
    expect((await call(alertsApi, 'POST', `/api/alerts/${pre.id}/resolve`, police, { outcome: 'other' })).status).toBe(409);
    const open = await call(alertsApi, 'GET', `/api/alerts?district=${body.district}`, police);
    expect(open.json.alerts.map((a: { id: string }) => a.id)).not.toContain(pre.id);
    const item = (await itemsOf(`ALERT#${pre.id}`))[0];
    expect(item).toMatchObject({ status: 'resolved', resolvedBy: 'paula.police', acknowledgedBy: 'paula.police' });
    expect(item?.gsi2pk).toBeUndefined();
    expect((await itemsOf(`AUDIT#alert#${pre.id}`)).map((a) => a.action)).toEqual(['resolve']);
  });
});

describe('acknowledgement times for the report (ackTimeItem in the acknowledge transaction)', () => {
  const ackItems = async (month: string, zone: string) => (await itemsOf(`STATS#${month}#${zone}`)).filter((i) => String(i.sk).startsWith('ACK#'));

  it('a retried or concurrent acknowledge counts once; resolving an open alert counts it as acknowledged, once', async () => {
    const { alerts, body } = await orderWithAlerts();
    const zone = alerts.find((a) => a.kind === 'zone')!;
    const pre = alerts.find((a) => a.kind === 'preAlert')!;
    const tamper = alerts.find((a) => a.kind === 'tamper')!;
    const month = monthOf(new Date(String(zone.raisedAt)));

    const tries = await Promise.all([1, 2, 3].map(() => call(alertsApi, 'POST', `/api/alerts/${zone.id}/acknowledge`, police)));
    expect(tries.map((t) => t.status).sort()).toEqual([200, 409, 409]);
    expect((await call(alertsApi, 'POST', `/api/alerts/${zone.id}/acknowledge`, police)).status).toBe(409);
    // resolving after the acknowledgement keeps the first acknowledgement and counts nothing more
    expect((await call(alertsApi, 'POST', `/api/alerts/${zone.id}/resolve`, police, { outcome: 'intervened' })).status).toBe(200);
    // resolving an open alert acknowledges it too
    expect((await call(alertsApi, 'POST', `/api/alerts/${pre.id}/resolve`, police, { outcome: 'respondent_left' })).status).toBe(200);
    expect((await call(alertsApi, 'POST', `/api/alerts/${pre.id}/resolve`, police, { outcome: 'respondent_left' })).status).toBe(409);

    // Under the order's police zone (paula.police's, for this undeclared district), where the report reads them.
    expect(await ackItems(month, body.district)).toEqual([]);
    const acks = await ackItems(month, 'ruppel');
    expect(acks.map((a) => a.sk)).toEqual(expect.arrayContaining([`ACK#${pre.id}`, `ACK#${zone.id}`]));
    for (const a of acks.filter((x) => x.sk === `ACK#${pre.id}` || x.sk === `ACK#${zone.id}`)) {
      expect(a).toMatchObject({ type: 'ACK_TIME', zone: 'ruppel', month });
      expect(Number(a.seconds)).toBeGreaterThanOrEqual(0);
      expect(Object.keys(a).sort()).toEqual(['month', 'pk', 'seconds', 'sk', 'type', 'zone']);
    }
    expect((await itemsOf(`ALERT#${zone.id}`))[0]).toMatchObject({ status: 'resolved', acknowledgedBy: 'paula.police' });
    expect((await itemsOf(`AUDIT#alert#${zone.id}`)).map((a) => a.action).sort()).toEqual(['acknowledge', 'resolve']);
    // the tamper alert was never acknowledged: no ack time
    expect(acks.map((a) => a.sk)).not.toContain(`ACK#${tamper.id}`);
    expect(acks.filter((x) => x.sk === `ACK#${pre.id}` || x.sk === `ACK#${zone.id}`)).toHaveLength(2);
  });
});

import { insertRecords as insertRecordsOf } from './monitoring-support.js';
