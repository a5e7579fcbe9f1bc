import { describe, expect, it } from 'vitest';
import { seedDemoOrder } from '../../infra/local/demo/orders.js';
import { seedDemoData } from '../../infra/local/seed.js';
import { DEMO_ZONE } from '../../shared/identity.js';
import { counters, TABLE } from './cases-support.js';

describe('demo order seed (local stack)', () => {
  it('counts the seeded order, so the report shows it among the active orders', async () => {
    const now = new Date();
    const before = await counters(DEMO_ZONE, now);
    const report = await seedDemoData({ tableName: TABLE, now, modules: [{ name: 'orders-test', run: seedDemoOrder }] });
    expect(report.seeded).toEqual(['orders-test']);
    const after = await counters(DEMO_ZONE, now);
    expect((after['orders.created'] ?? 0) - (before['orders.created'] ?? 0)).toBe(1);
    // Its end is counted in the month its validity runs out (a year from now), not this month.
    expect((after['orders.ended'] ?? 0) - (before['orders.ended'] ?? 0)).toBe(0);
  });
});
