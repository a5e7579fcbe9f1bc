import { DynamoCaseRepository } from '../../../functions/cases/repository.js';
import { addFollowup, completeFollowup, openCase, type CaseDeps } from '../../../functions/cases/use-cases.js';
import type { Caller } from '../../../functions/lib/auth.js';
import { DemoStaffDirectory } from '../../../functions/lib/staff-directory.js';
import { brusselsDay, createCaseSchema, type CreateCaseBody, type Outcome } from '../../../shared/cases/index.js';
import { DEMO_ZONE } from '../../../shared/identity.js';
import type { StaffRole } from '../../../shared/roles.js';
import type { SeedContext } from '../seed.js';
import { DEMO_ORDER_ID } from './order.js';

/**
 * Local demo data (infra/local/seed.ts; never deployed): a month of case work in the demo zone for
 * olivia.officer and omar.officer, each case body parsed with the API's case schema and written through
 * the same use cases as the API, so the report counters (STATS) match the activity exactly. Every
 * reference is invented (DEMO-…).
 * - eight cases opened over the last three weeks (kinds, risks, children, genders vary; one repeat);
 * - their past follow-ups done with outcomes (mostly on time, some late, one case "not reached" twice →
 *   its next follow-up is urgent and the supervisors get a notice), one left overdue (the tick reminds,
 *   then escalates it);
 * - for each officer a follow-up overdue, one due later today and one next week.
 */
const H = 3_600_000;
const D = 24 * H;

function caller(username: string, roles: StaffRole[]): Caller {
  return {
    principal: { sub: `demo-seed:${username}`, username, roles, zone: DEMO_ZONE, districts: [], scopes: [], clientId: 'demo-seed' },
    route: 'POST /api/cases',
  };
}
const olivia = caller('olivia.officer', ['officer']);
const omar = caller('omar.officer', ['officer']);

interface DemoCase {
  by: Caller;
  daysAgo: number;
  body: Omit<CreateCaseBody, 'zone' | 'interventionDate' | 'fjcIntroduction' | 'bookingRefs' | 'orderIds' | 'dashYes'> & {
    dashYes?: CreateCaseBody['dashYes'];
  };
  /** Outcomes of the past follow-ups, in order (then "reached"); `late` completes after the due time. */
  outcomes?: Outcome[];
  late?: boolean;
  /** Leave the past follow-ups open (overdue). */
  leaveOverdue?: boolean;
  /** Orders linked to the case: a breach on one reaches the case officer. */
  orderIds?: string[];
}

/** DEMO-V-001 comes twice: the same situation, reported again (a repeat case). */
const victim001: DemoCase['body'] = {
  victimRef: 'DEMO-V-001',
  kind: 'physical',
  children: true,
  substanceAbuse: true,
  victimGender: 'female',
  aggressorGender: 'male',
  riskLevel: 'high',
};

const demo: DemoCase[] = [
  {
    by: olivia,
    daysAgo: 20,
    body: victim001,
  },
  {
    by: omar,
    daysAgo: 18,
    body: { victimRef: 'DEMO-V-002', kind: 'psychological', children: false, substanceAbuse: false, victimGender: 'female', aggressorGender: 'male' },
    late: true,
  },
  {
    by: olivia,
    daysAgo: 15,
    body: {
      victimRef: 'DEMO-V-003',
      kind: 'both',
      children: true,
      substanceAbuse: false,
      victimGender: 'male',
      aggressorGender: 'female',
      riskLevel: 'medium',
    },
    outcomes: ['not_reached', 'not_reached'],
  },
  {
    by: omar,
    daysAgo: 12,
    body: {
      victimRef: 'DEMO-V-004',
      kind: 'physical',
      children: false,
      substanceAbuse: true,
      victimGender: 'not_recorded',
      aggressorGender: 'not_recorded',
      riskLevel: 'high',
    },
    leaveOverdue: true,
  },
  {
    by: olivia,
    daysAgo: 9,
    body: { victimRef: 'DEMO-V-005', kind: 'physical', children: true, substanceAbuse: false, victimGender: 'female', aggressorGender: 'male' },
  },
  {
    by: omar,
    daysAgo: 7,
    body: {
      victimRef: 'DEMO-V-006',
      kind: 'psychological',
      children: true,
      substanceAbuse: true,
      victimGender: 'female',
      aggressorGender: 'male',
      riskLevel: 'medium',
    },
    outcomes: ['declined'],
  },
  // The demo order protects this victim: `npm run demo:breach` reaches Olivia as an urgent follow-up.
  {
    by: olivia,
    daysAgo: 4,
    body: victim001,
    orderIds: [DEMO_ORDER_ID],
  },
  {
    by: omar,
    daysAgo: 2,
    body: { victimRef: 'DEMO-V-007', kind: 'both', children: false, substanceAbuse: false, victimGender: 'other', aggressorGender: 'male' },
  },
];

export async function seedDemoCases({ dynamo, tableName, now }: SeedContext): Promise<{ cases: string[] }> {
  const repo = new DynamoCaseRepository(tableName, dynamo);
  const deps: CaseDeps = { repo, directory: new DemoStaffDirectory() };
  const ids: string[] = [];
  for (const d of demo) {
    const openedAt = new Date(now.getTime() - d.daysAgo * D);
    const body: CreateCaseBody = createCaseSchema.parse({
      ...d.body,
      dashYes: d.body.dashYes ?? [],
      zone: DEMO_ZONE,
      interventionDate: brusselsDay(new Date(openedAt.getTime() - 12 * H)),
      fjcIntroduction: 'not_offered',
      bookingRefs: [],
      orderIds: d.orderIds ?? [],
    });
    const c = await openCase(deps, body, d.by, openedAt);
    ids.push(c.id);
    if (d.leaveOverdue) continue;
    // Work the past follow-ups in order, as the officer would have.
    const outcomes = [...(d.outcomes ?? [])];
    for (let guard = 0; guard < 10; guard++) {
      const loaded = await repo.load(c.id);
      const next = loaded?.followups.find((f) => f.status === 'pending' && new Date(f.dueAt).getTime() < now.getTime() - 6 * H);
      if (!next) break;
      const due = new Date(next.dueAt).getTime();
      const at = new Date(d.late ? due + 5 * H : due - 2 * H);
      await completeFollowup(
        deps,
        c.id,
        next.id,
        outcomes.shift() ?? 'reached',
        { ...d.by, route: 'POST /api/cases/{id}/followups/{followupId}/complete' },
        at,
      );
    }
  }
  // Each officer: one overdue, one due later today, one next week (in the first case that is theirs).
  for (const who of [olivia, omar]) {
    const caseId = ids[demo.findIndex((d) => d.by === who && !d.leaveOverdue)] as string;
    const add = (dueAt: Date, purpose: 'contact_victim' | 'check_conditions' | 'fjc_introduction', at: Date) =>
      addFollowup(deps, caseId, { dueAt: dueAt.toISOString(), purpose }, { ...who, route: 'POST /api/cases/{id}/followups' }, at);
    await add(new Date(now.getTime() - 2 * H), 'check_conditions', new Date(now.getTime() - D));
    const later = new Date(now.getTime() + 30 * 60_000);
    if (brusselsDay(later) === brusselsDay(now)) await add(later, 'contact_victim', now);
    await add(new Date(now.getTime() + 3 * D), 'fjc_introduction', now);
  }
  return { cases: ids };
}
