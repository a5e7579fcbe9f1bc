import { describe, expect, it } from 'vitest';
import { intakeRecords } from '../../functions/cases/alert-intake.js';
import { DynamoCaseRepository } from '../../functions/cases/repository.js';
import { runFollowupTick } from '../../functions/followups/tick.js';
import { dynamo } from '../../functions/lib/clients.js';
import { SnsNotifier } from '../../functions/lib/notifier.js';
import { handler as monitoring } from '../../functions/monitoring/handler.js';
import { handler as orders } from '../../functions/orders/handler.js';
import { DEFAULT_CADENCE } from '../../shared/cases/index.js';
import { invokeRoute } from '../support/invoke.js';
import { waitForMessages } from '../support/sns-inbox.js';
import { call, caseBody, caseItems, freshZone, staffIn, TABLE } from './cases-support.js';
import { insertRecords, itemsOf, monitoringClaims, openAlerts, orderBody, police, positionEvent } from './monitoring-support.js';

/**
 * A breach or panic on an order linked to a case reaches the case: the case officer gets an urgent
 * follow-up whose reminder goes out at once, once per alert whatever the redelivery; a closed case and a
 * pre-alert get nothing; the risk level is left to the officer.
 */
const repo = new DynamoCaseRepository(TABLE);
const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000);

async function orderAndCase(risk: 'high' | 'standard' = 'high') {
  const body = orderBody();
  const order = await invokeRoute(orders, 'POST', '/api/orders', { claims: police, body });
  expect(order.status, JSON.stringify(order.json)).toBe(201);
  const orderId = String(order.json.order.id);
  const zone = freshZone();
  const { olivia } = staffIn(zone);
  const opened = await call('POST', '/api/cases', olivia, caseBody(zone, { riskLevel: risk, orderIds: [orderId] }));
  expect(opened.status, JSON.stringify(opened.json)).toBe(201);
  return { body, orderId, olivia, code: String(order.json.protectionCode), caseId: String(opened.json.id), caseVersion: Number(opened.json.version) };
}

/** The alert items of a district as the stream's INSERT records carry them. */
async function alertRecords(district: string, kind?: string) {
  const alerts = (await openAlerts(district)).filter((a) => kind === undefined || a.kind === kind);
  const items = (await Promise.all(alerts.map((a) => itemsOf(`ALERT#${String(a.id)}`)))).flat().filter((i) => i.type === 'ALERT');
  return { alerts, records: insertRecords(items) };
}

const alertFollowups = async (caseId: string) => (await caseItems(caseId)).filter((i) => i.type === 'FOLLOWUP' && i.alertId);

describe('an alert on a linked order reaches the case', () => {
  it('a zone breach: one urgent follow-up for the case officer, reminded at once with the alert id, once per alert', async () => {
    const { body, caseId } = await orderAndCase('high');
    const dev = body.respondentDeviceId;
    const events = [3000, 900, 100].map((m, i) => positionEvent(dev, minutesAgo(5 - i), m));
    expect((await invokeRoute(monitoring, 'POST', '/api/monitoring/events', { claims: monitoringClaims, body: { events } })).status).toBe(200);
    const { alerts, records } = await alertRecords(body.district);
    expect(alerts.map((a) => a.kind).sort()).toEqual(['preAlert', 'zone']);

    const now = new Date();
    expect(await intakeRecords(records, repo, () => now)).toEqual({ batchItemFailures: [] });
    // The stream delivers again (a retried batch): nothing more.
    expect(await intakeRecords(records, repo, () => now)).toEqual({ batchItemFailures: [] });

    const zoneAlert = alerts.find((a) => a.kind === 'zone')!;
    const planned = await alertFollowups(caseId);
    expect(planned).toHaveLength(1);
    expect(planned[0]).toMatchObject({
      alertId: zoneAlert.id,
      urgency: 'urgent',
      status: 'pending',
      officer: 'olivia.officer',
      purpose: 'contact_victim',
      tickStage: 'remind',
      tickAt: now.toISOString(),
    });
    expect(planned[0]!.dueAt).toBe(new Date(now.getTime() + DEFAULT_CADENCE.high.firstWithinHours * 3_600_000).toISOString());
    expect((await itemsOf(`AUDIT#followup#${String(planned[0]!.id)}`)).map((a) => a.action)).toEqual(['create']);

    // The next minute's tick reminds the officer, naming the alert and nothing of her.
    await runFollowupTick(
      { table: TABLE, client: dynamo, notifier: new SnsNotifier(['officerReminders', 'supervisorEscalations']), graceMinutes: 60 },
      new Date(now.getTime() + 60_000),
    );
    const mine = (await waitForMessages((m) => m.some((x) => x.attributes.followupId === planned[0]!.id), { topic: 'officerReminders' })).filter(
      (x) => x.attributes.followupId === planned[0]!.id,
    );
    expect(mine).toHaveLength(1);
    expect(mine[0]!.attributes).toMatchObject({ officerId: 'olivia.officer', urgency: 'urgent', caseId });
    expect(mine[0]!.message).toContain(String(zoneAlert.id));
  });

  it('her panic reaches the case too, the risk level left as it is; a closed case gets nothing', async () => {
    const { body, code, caseId, olivia } = await orderAndCase('standard');
    expect((await invokeRoute(monitoring, 'POST', '/api/panic', { body: { protectionCode: code } })).status).toBe(202);
    const panic = await alertRecords(body.district, 'panic');
    expect(panic.alerts).toHaveLength(1);
    await intakeRecords(panic.records, repo, () => new Date());
    expect((await alertFollowups(caseId)).map((f) => f.alertId)).toEqual([panic.alerts[0]!.id]);
    const seen = (await call('GET', `/api/cases/${caseId}`, olivia)).json;
    expect(seen).toMatchObject({ riskLevel: 'standard' });
    // The case page shows which follow-up the alert planned, and offers the raise: one PATCH, upwards only.
    expect(seen.followups.filter((f: { alertId?: string }) => f.alertId).map((f: { alertId: string }) => f.alertId)).toEqual([panic.alerts[0]!.id]);
    const raised = await call('PATCH', `/api/cases/${caseId}`, olivia, { expectedVersion: seen.version, riskLevel: 'high' });
    expect(raised.status).toBe(200);
    expect(raised.json).toMatchObject({ riskLevel: 'high', version: seen.version + 1 });
    expect(raised.json.riskHistory.at(-1)).toMatchObject({ from: 'standard', to: 'high', by: 'olivia.officer' });
    // Another panic leaves the raised level as the officer set it (never lowered, never changed by itself).
    expect((await invokeRoute(monitoring, 'POST', '/api/panic', { body: { protectionCode: code } })).status).toBe(202);
    const again = await alertRecords(body.district, 'panic');
    await intakeRecords(again.records, repo, () => new Date());
    expect((await call('GET', `/api/cases/${caseId}`, olivia)).json).toMatchObject({ riskLevel: 'high' });

    const closed = await orderAndCase('high');
    const got = await call('GET', `/api/cases/${closed.caseId}`, closed.olivia);
    expect((await call('PATCH', `/api/cases/${closed.caseId}`, closed.olivia, { expectedVersion: got.json.version, status: 'closed' })).status).toBe(200);
    const events = [3000, 900, 100].map((m, i) => positionEvent(closed.body.respondentDeviceId, minutesAgo(5 - i), m));
    expect((await invokeRoute(monitoring, 'POST', '/api/monitoring/events', { claims: monitoringClaims, body: { events } })).status).toBe(200);
    const breach = await alertRecords(closed.body.district, 'zone');
    expect(breach.alerts).toHaveLength(1);
    expect(await intakeRecords(breach.records, repo, () => new Date())).toEqual({ batchItemFailures: [] });
    expect(await alertFollowups(closed.caseId)).toEqual([]);
  });
});
