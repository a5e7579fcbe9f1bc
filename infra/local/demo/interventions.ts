import { DynamoCaseRepository } from '../../../functions/cases/repository.js';
import { DynamoInterventionRepository } from '../../../functions/interventions/repository.js';
import { recordIntervention } from '../../../functions/interventions/use-cases.js';
import { DemoStaffDirectory } from '../../../functions/lib/staff-directory.js';
import { addDays, brusselsDay } from '../../../shared/cases/index.js';
import { DEMO_ZONE } from '../../../shared/identity.js';
import { createInterventionSchema } from '../../../shared/interventions/api.js';
import type { SeedContext } from '../seed.js';

/**
 * Local demo data (never deployed): one intervention paula.police recorded last night in Boom — two
 * children (one a witness, now with the grandmother), a temporary home ban, the aggressor had been
 * drinking and was offered treatment services, the FJC introduction offered — written through the
 * API's own use case, so the case, olivia.officer's follow-ups and the report counters follow from it.
 * Every reference is invented (DEMO-…).
 */
const D = 86_400_000;

/**
 * A usual intervention in Boom, as a request body: two children (one a witness, now with the
 * grandmother), a 14-day home ban from `day`, the aggressor drank and was offered services, the FJC
 * introduction offered. The demo seeds one; the integration tests build theirs with it.
 */
export function usualIntervention(p: { day: string; time: string; reportNumber: string; victimRef: string; aggressorRef: string; dashYes: readonly string[] }) {
  return {
    date: p.day,
    time: p.time,
    zone: DEMO_ZONE,
    district: 'boom',
    reportNumber: p.reportNumber,
    victims: [{ ref: p.victimRef, gender: 'female' }],
    aggressor: { ref: p.aggressorRef, gender: 'male', relation: 'partner' },
    children: [
      { ageBand: '3-5', presence: 'present', injured: false, whereNow: 'with_victim' },
      { ageBand: '6-11', presence: 'witness', injured: false, whereNow: 'with_family', withWhom: 'Grandmother (mother’s side)' },
    ],
    others: ['neighbour'],
    violence: ['physical', 'psychological'],
    injuries: { victim: true, aggressor: false, medicalExamOffered: true },
    weapons: [],
    substanceUse: { aggressor: { use: 'alcohol', servicesOffered: true }, victim: { use: 'none', servicesOffered: false } },
    earlierInterventionsAtAddress: 2,
    actions: {
      arrest: false,
      homeBan: { start: p.day, legalEnd: addDays(p.day, 14) },
      restrainingOrderRequested: false,
      childrenSecured: { with: 'family', referral: 'youth_care' },
      prosecutorInformed: true,
      interpreterUsed: false,
    },
    risk: { safeToTalk: 'yes', dashYes: [...p.dashYes] },
    fjcIntroduction: 'offered',
  };
}

export async function seedDemoInterventions({ dynamo, tableName, now }: SeedContext): Promise<{ interventions: string[] }> {
  const at = new Date(now.getTime() - D);
  const body = createInterventionSchema.parse({
    ...usualIntervention({
      day: brusselsDay(at),
      time: '22:15',
      reportNumber: 'AN.55.L7.000123/2026',
      victimRef: 'DEMO-V-101',
      aggressorRef: 'DEMO-A-101',
      dashYes: ['injury', 'frightened', 'moreOften', 'worse', 'childContact'],
    }),
    officer: 'olivia.officer',
  });
  const deps = {
    repo: new DynamoInterventionRepository(tableName, dynamo),
    cases: { repo: new DynamoCaseRepository(tableName, dynamo), directory: new DemoStaffDirectory() },
  };
  const paula = {
    principal: {
      sub: 'demo-seed:paula.police',
      username: 'paula.police',
      roles: ['police' as const],
      zone: DEMO_ZONE,
      districts: ['boom'],
      scopes: [],
      clientId: 'demo-seed',
    },
    route: 'POST /api/interventions',
  };
  const receipt = await recordIntervention(deps, body, paula, at);
  return { interventions: [receipt.id] };
}
