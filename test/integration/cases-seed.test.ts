import { describe, expect, it } from 'vitest';
import { seedDemoCases } from '../../infra/local/demo/cases.js';
import { seedDemoData } from '../../infra/local/seed.js';
import { DEMO_ZONE } from '../../shared/identity.js';
import { monthOf } from '../../shared/metrics.js';
import { call, counters, olivia, omar, sam, TABLE } from './cases-support.js';

describe('demo cases seed (local stack)', () => {
  it('writes a month of case work through the use cases: counters match, each officer has overdue / today / next-week follow-ups', async () => {
    const now = new Date();
    const months = new Map<string, Date>();
    for (let d = 0; d <= 21; d++) {
      const at = new Date(now.getTime() - d * 86_400_000);
      months.set(monthOf(at), at);
    }
    // Other tests of the run open cases in the demo zone too: count what the seed adds.
    const totals = async () => {
      let opened = 0;
      let repeat = 0;
      for (const at of months.values()) {
        const c = await counters(DEMO_ZONE, at);
        opened += c['cases.opened'] ?? 0;
        repeat += c['cases.repeat'] ?? 0;
      }
      return { opened, repeat };
    };
    const before = await totals();
    const report = await seedDemoData({ tableName: TABLE, now, modules: [{ name: 'cases-test', run: seedDemoCases }] });
    expect(report.seeded).toEqual(['cases-test']);
    const after = await totals();
    expect(after.opened - before.opened).toBe(8);
    expect(after.repeat - before.repeat).toBe(1);

    for (const who of [olivia, omar]) {
      const list = (await call('GET', '/api/followups', who)).json;
      expect(list.overdue.length).toBeGreaterThanOrEqual(1);
      expect(list.next7Days.length).toBeGreaterThanOrEqual(1);
    }
    const team = (await call('GET', `/api/cases?zone=${DEMO_ZONE}`, sam)).json.cases;
    expect(team.filter((c: { officer: string }) => ['olivia.officer', 'omar.officer'].includes(c.officer)).length).toBeGreaterThanOrEqual(8);
    expect(JSON.stringify(team)).not.toContain('DEMO-V-');
  });
});
