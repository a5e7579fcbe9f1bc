import { describe, expect, it } from 'vitest';
import { handler as monitoring } from '../../functions/monitoring/handler.js';
import { handler as orders } from '../../functions/orders/handler.js';
import { DynamoAlertRepository } from '../../functions/alerts/repository.js';
import { EVIDENCE_DAYS_AFTER_ORDER_END } from '../../shared/orders/retention.js';
import { WORK_SHARDS } from '../../shared/table.js';
import { invokeRoute } from '../support/invoke.js';
import { itemsOf, monitoringClaims, orderBody, police, positionEvent, TABLE } from './monitoring-support.js';

/**
 * Every item that holds a position of an order (the order and its versions with the zones' centres,
 * the engine state, the fixes kept as evidence, the alerts with their evidence and the protected
 * person's panic position), and the alerts' escalations, expire with the order: its end plus the
 * evidence period, moved when the order's end moves. Fixes that are not evidence expire after the
 * order's own fix retention.
 */
const DAY = 86_400;
const epoch = (iso: string) => Math.floor(Date.parse(iso) / 1000);
const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000);
const alertRepo = new DynamoAlertRepository(TABLE);

/**
 * Item kinds of the one table that hold a position (shared/personal-data.ts: order, orderState, fix,
 * alert), and the alerts' escalations, which go with their alert.
 */
const POSITION_KINDS = ['ORDER', 'ORDER_VERSION', 'ORDER_STATE', 'FIX', 'ALERT', 'ESCALATION'];

async function positionItems(orderId: string): Promise<Record<string, unknown>[]> {
  const own = await itemsOf(`ORDER#${orderId}`);
  const alertIds = own.filter((i) => i.type === 'ORDER_ALERT').map((i) => String(i.alertId));
  const alerts = (await Promise.all(alertIds.map((id) => itemsOf(`ALERT#${id}`)))).flat();
  return [...own, ...alerts].filter((i) => POSITION_KINDS.includes(String(i.type)));
}

describe('positions expire with their order', () => {
  it('stamps, moves with an extension and shortens with an early end', async () => {
    const body = orderBody({ fixRetentionDays: 30 });
    const created = await invokeRoute(orders, 'POST', '/api/orders', { claims: police, body });
    expect(created.status, JSON.stringify(created.json)).toBe(201);
    const orderId = String(created.json.order.id);
    const code = String(created.json.protectionCode);
    const dev = body.respondentDeviceId;

    // A far fix (not evidence), then into the home zone (a zone alert with its fix attached), then a panic with her position.
    const far = positionEvent(dev, minutesAgo(5), 5000);
    const events = [far, positionEvent(dev, minutesAgo(4), 100)];
    expect((await invokeRoute(monitoring, 'POST', '/api/monitoring/events', { claims: monitoringClaims, body: { events } })).status).toBe(200);
    const panic = await invokeRoute(monitoring, 'POST', '/api/panic', { body: { protectionCode: code, position: { lat: 51.09, lon: 4.37, accuracy: 20 } } });
    expect(panic.status, JSON.stringify(panic.json)).toBe(202);

    // Nobody acknowledges them: the escalation tick, an hour on, escalates this order's alerts.
    const later = new Date(Date.now() + 3_600_000);
    for (let shard = 0; shard < WORK_SHARDS; shard++)
      for (const alert of await alertRepo.dueForEscalation(shard, later))
        if (alert.orderId === orderId) expect(await alertRepo.escalate(alert, later)).toBe(true);

    const items = await positionItems(orderId);
    const kinds = new Set(items.map((i) => i.type));
    for (const kind of ['ORDER', 'ORDER_STATE', 'FIX', 'ALERT', 'ESCALATION']) expect(kinds, kind).toContain(kind);
    expect(
      items
        .filter((i) => i.type === 'ALERT')
        .map((i) => i.kind)
        .sort(),
    ).toEqual(expect.arrayContaining(['panic', 'zone']));
    const evidenceUntil = epoch(body.validUntil) + EVIDENCE_DAYS_AFTER_ORDER_END * DAY;
    for (const item of items) {
      expect(item.expiresAt, `${String(item.type)} ${String(item.sk)}`).toBeTypeOf('number');
      const isPlainFix = item.type === 'FIX' && !item.alertIds;
      expect(item.expiresAt, `${String(item.type)} ${String(item.sk)}`).toBe(isPlainFix ? epoch(far.at) + 30 * DAY : evidenceUntil);
    }
    expect(items.filter((i) => i.type === 'FIX' && i.alertIds)).toHaveLength(1);

    // The court extends the order: everything that is evidence follows the new end.
    const extendedUntil = new Date(Date.parse(body.validUntil) + 60 * DAY * 1000).toISOString();
    const changed = await invokeRoute(orders, 'PUT', `/api/orders/${orderId}`, {
      claims: police,
      body: { expectedVersion: 1, order: { ...body, validUntil: extendedUntil } },
    });
    expect(changed.status, JSON.stringify(changed.json)).toBe(200);
    expect(changed.json).not.toHaveProperty('expiresAt');
    const extended = await positionItems(orderId);
    expect(extended.some((i) => i.type === 'ORDER_VERSION')).toBe(true);
    for (const item of extended) {
      const isPlainFix = item.type === 'FIX' && !item.alertIds;
      expect(item.expiresAt, `${String(item.type)} ${String(item.sk)}`).toBe(
        isPlainFix ? epoch(far.at) + 30 * DAY : epoch(extendedUntil) + EVIDENCE_DAYS_AFTER_ORDER_END * DAY,
      );
    }

    // Lifted early: the evidence period counts from the day it ended.
    const ended = await invokeRoute(orders, 'POST', `/api/orders/${orderId}/end`, { claims: police, body: { reason: 'lifted_by_court' } });
    expect(ended.status, JSON.stringify(ended.json)).toBe(200);
    const endedAt = String(ended.json.endedAt);
    const after = await positionItems(orderId);
    for (const item of after) {
      const isPlainFix = item.type === 'FIX' && !item.alertIds;
      expect(item.expiresAt, `${String(item.type)} ${String(item.sk)}`).toBe(
        isPlainFix ? epoch(far.at) + 30 * DAY : epoch(endedAt) + EVIDENCE_DAYS_AFTER_ORDER_END * DAY,
      );
    }
  });
});
