import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { alertItem, newAlert } from '../../functions/alerts/model.js';
import { keys } from '../../functions/alerts/keys.js';
import { dynamo } from '../../functions/lib/clients.js';
import type { LocalStack } from '../../infra/local/stack.js';
import { stackForFile } from '../support/stack.js';
import { unique } from './monitoring-support.js';

/**
 * An SNS outage longer than any retry budget, on the local stack (its own table, its stream poller,
 * its local SNS): the fault is switched on through the stack's own URL (`/api/dev/faults`), alerts are
 * written while every publish fails for 70 s, and after recovery each alert reaches the police topic
 * exactly once. The outage is real time: the stream poller's backoff and the SDK's retries run on
 * real timers, as Lambda's do.
 */
let stack: LocalStack;
// The real background: the schedule timer and the stream poller carry alerts to SNS.
stackForFile('outage', { tableName: `oneroof-outage-${Date.now().toString(36)}`, background: true }, (s) => {
  stack = s;
});

async function faults(publish?: number): Promise<{ publish: number }> {
  const res = await fetch(`${stack.url}/api/dev/faults`, publish === undefined ? {} : { method: 'POST', body: JSON.stringify({ publish }) });
  expect(res.status).toBe(200);
  return (await res.json()) as { publish: number };
}

async function publishedAt(id: string): Promise<unknown> {
  const out = await dynamo.send(new GetCommand({ TableName: stack.tableName, Key: keys.alert(id), ConsistentRead: true }));
  return out.Item?.publishedAt;
}

const policeMessages = () => stack.notifications().filter((m) => m.topic === 'oneroof-policeAlerts');

describe('SNS down longer than the retry budget', () => {
  it('rejects a malformed fault switch with a 400 naming the field', async () => {
    const res = await fetch(`${stack.url}/api/dev/faults`, { method: 'POST', body: JSON.stringify({ publish: 'many' }) });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ field: 'publish' });
  });

  it('a 70 s outage: every alert written meanwhile is delivered exactly once after recovery', { timeout: 150_000 }, async () => {
    expect(await faults(-1)).toEqual({ publish: -1 });
    const district = unique('d');
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      const now = new Date();
      // High severity: the first escalation is 5 min away, so only the alerts themselves are published here.
      const alert = newAlert({ kind: 'zone', severity: 'high', at: now.toISOString(), zoneLabel: 'home' }, { id: unique('ORD'), district }, now);
      await dynamo.send(new PutCommand({ TableName: stack.tableName, Item: alertItem(alert), ConditionExpression: 'attribute_not_exists(pk)' }));
      ids.push(alert.id);
    }

    await new Promise((r) => setTimeout(r, 70_000));
    // Longer than the old budget (10 retries, about 31 s): nothing went out, nothing was dead-lettered.
    expect(policeMessages().filter((m) => ids.includes(m.attributes.alertId ?? ''))).toEqual([]);
    expect(stack.deadLetters()).toEqual([]);
    for (const id of ids) expect(await publishedAt(id)).toBeUndefined();

    expect(await faults(0)).toEqual({ publish: 0 });
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline && !(await Promise.all(ids.map(publishedAt))).every(Boolean)) await new Promise((r) => setTimeout(r, 200));
    for (const id of ids) expect(await publishedAt(id)).toEqual(expect.any(String));

    // Give a duplicate (a redelivered batch) the chance to show, then count.
    await new Promise((r) => setTimeout(r, 2_000));
    const delivered = policeMessages().filter((m) => m.attributes.district === district);
    expect(delivered.map((m) => m.attributes.alertId).sort()).toEqual([...ids].sort());
    expect(stack.deadLetters()).toEqual([]);
    expect(await faults()).toEqual({ publish: 0 });
  });
});
