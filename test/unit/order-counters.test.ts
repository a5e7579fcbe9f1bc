import { describe, expect, it } from 'vitest';
import { orderCounterDeltas } from '../../functions/orders/counters.js';
import type { OrderRecord } from '../../shared/zones/index.js';
import { orderRecord } from '../support/orders.js';

const order = (o: Partial<OrderRecord> = {}): OrderRecord =>
  orderRecord({
    validFrom: '2026-01-10T00:00:00.000Z',
    validUntil: '2026-07-10T00:00:00.000Z',
    createdAt: '2026-01-10T09:00:00.000Z',
    updatedAt: '2026-01-10T09:00:00.000Z',
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

  it('counted per police zone: a district of the same zone adds nothing, one of another zone moves both counters; a change of nothing counted adds nothing', () => {
    expect(orderCounterDeltas(order(), order({ district: 'boom' }))).toEqual([]);
    expect(flat(orderCounterDeltas(undefined, order({ district: 'boom' })))).toEqual([
      ['2026-01', 'ruppel', { 'orders.created': 1 }],
      ['2026-07', 'ruppel', { 'orders.ended': 1 }],
    ]);
    expect(flat(orderCounterDeltas(order(), order({ district: 'elsewhere' })))).toEqual([
      ['2026-01', 'elsewhere', { 'orders.created': 1 }],
      ['2026-07', 'elsewhere', { 'orders.ended': 1 }],
      ['2026-01', 'ruppel', { 'orders.created': -1 }],
      ['2026-07', 'ruppel', { 'orders.ended': -1 }],
    ]);
    expect(orderCounterDeltas(order(), order({ version: 2, noContact: false }))).toEqual([]);
  });
});
