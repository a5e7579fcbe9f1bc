import { describe, expect, it } from 'vitest';
import { orderCounterDeltas } from '../../functions/orders/counters.js';
import type { OrderRecord } from '../../shared/zones/index.js';

const order = (o: Partial<OrderRecord> = {}): OrderRecord => ({
  id: 'RO-1',
  version: 1,
  status: 'active',
  district: 'ruppel',
  respondentDeviceId: 'D1',
  protectedPersonRef: 'CASE-1',
  shareProtectedPosition: false,
  validFrom: '2026-01-10T00:00:00.000Z',
  validUntil: '2026-07-10T00:00:00.000Z',
  zones: [],
  curfews: [],
  noContact: true,
  device: { signalLossMinutes: 10, batteryLowPercent: 15 },
  fixRetentionDays: 90,
  createdAt: '2026-01-10T09:00:00.000Z',
  createdBy: 'p',
  updatedAt: '2026-01-10T09:00:00.000Z',
  updatedBy: 'p',
  ...o,
});
const flat = (ds: ReturnType<typeof orderCounterDeltas>) => ds.map((d) => [d.at.toISOString().slice(0, 7), d.zone, d.counters]);

describe('orderCounterDeltas', () => {
  it('a new order: created in its month, ended in the month of validUntil (one entry when they coincide)', () => {
    expect(flat(orderCounterDeltas(undefined, order()))).toEqual([
      ['2026-01', 'ruppel', { 'orders.created': 1 }],
      ['2026-07', 'ruppel', { 'orders.ended': 1 }],
    ]);
    expect(flat(orderCounterDeltas(undefined, order({ validUntil: '2026-01-20T00:00:00.000Z' })))).toEqual([
      ['2026-01', 'ruppel', { 'orders.created': 1, 'orders.ended': 1 }],
    ]);
  });

  it('ending early moves the end to the month it happened; ending after validUntil changes nothing', () => {
    const early = order({ status: 'ended', endedAt: '2026-03-05T10:00:00.000Z' });
    expect(flat(orderCounterDeltas(order(), early))).toEqual([
      ['2026-03', 'ruppel', { 'orders.ended': 1 }],
      ['2026-07', 'ruppel', { 'orders.ended': -1 }],
    ]);
    expect(orderCounterDeltas(order(), order({ status: 'ended', endedAt: '2026-08-01T00:00:00.000Z' }))).toEqual([]);
    expect(orderCounterDeltas(order(), order({ status: 'ended', endedAt: '2026-07-02T00:00:00.000Z' }))).toEqual([]);
  });

  it('a change of district moves both counters; a change of nothing counted adds nothing', () => {
    expect(flat(orderCounterDeltas(order(), order({ district: 'boom' })))).toEqual([
      ['2026-01', 'boom', { 'orders.created': 1 }],
      ['2026-07', 'boom', { 'orders.ended': 1 }],
      ['2026-01', 'ruppel', { 'orders.created': -1 }],
      ['2026-07', 'ruppel', { 'orders.ended': -1 }],
    ]);
    expect(orderCounterDeltas(order(), order({ version: 2, noContact: false }))).toEqual([]);
  });
});
