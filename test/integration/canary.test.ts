import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { keys } from '../../functions/alerts/keys.js';
import { dynamo } from '../../functions/lib/clients.js';
import type { LocalStack } from '../../infra/local/stack.js';
import { stackForFile } from '../support/stack.js';
import { CANARY_DISTRICT, CANARY_KIND } from '../../shared/canary.js';

/**
 * The pipeline heartbeat on the local stack: the `pipeline-canary` schedule writes a synthetic alert;
 * the stream poller and the outbox publisher carry it to the police topic, where it shows in the local
 * notifications — and nowhere a police officer looks.
 */
let stack: LocalStack;
// The real background: the schedule timer and the stream poller carry alerts to SNS.
stackForFile('canary', { tableName: `oneroof-canary-${Date.now().toString(36)}`, background: true }, (s) => {
  stack = s;
});

describe('pipeline canary', () => {
  it('travels table → stream → publisher → police topic, shows in /api/dev/notifications, never in the police list', async () => {
    expect(await stack.scheduler?.tick('pipeline-canary')).toBe('ran');
    const deadline = Date.now() + 20_000;
    let canaries: { attributes: Record<string, string>; subject?: string }[] = [];
    while (Date.now() < deadline) {
      const res = await fetch(`${stack.url}/api/dev/notifications`);
      canaries = ((await res.json()) as typeof canaries).filter((m) => m.attributes.kind === CANARY_KIND);
      if (canaries.length) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(canaries).toHaveLength(1);
    const id = canaries[0]?.attributes.alertId as string;
    expect(canaries[0]?.subject).toContain(id);

    const item = (await dynamo.send(new GetCommand({ TableName: stack.tableName, Key: keys.alert(id), ConsistentRead: true }))).Item;
    expect(item).toMatchObject({ canary: true, publishedAt: expect.any(String), expiresAt: expect.any(Number) });
    // Not in the open-alert index (the police list) nor the escalation queue.
    expect(item?.gsi1pk).toBeUndefined();
    expect(item?.gsi2pk).toBeUndefined();

    const police = await stack.issuer.tokenFor('police');
    const list = await fetch(`${stack.urlFor('GET', '/api/alerts')}/api/alerts?district=${CANARY_DISTRICT}`, {
      headers: { authorization: `Bearer ${police}` },
    });
    expect(list.status).toBe(200);
    expect(((await list.json()) as { alerts: unknown[] }).alerts).toEqual([]);
  });
});
