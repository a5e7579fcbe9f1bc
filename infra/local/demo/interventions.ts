import { DynamoCaseRepository } from '../../../functions/cases/repository.js';
import { DynamoInterventionRepository } from '../../../functions/interventions/repository.js';
import { recordIntervention } from '../../../functions/interventions/use-cases.js';
import { DemoStaffDirectory } from '../../../functions/lib/staff-directory.js';
import { brusselsDay } from '../../../shared/cases/index.js';
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

export async function seedDemoInterventions({ dynamo, tableName, now }: SeedContext): Promise<{ interventions: string[] }> {
  const at = new Date(now.getTime() - D);
  const day = brusselsDay(at);
  const end = brusselsDay(new Date(at.getTime() + 14 * D));
  const body = createInterventionSchema.parse({
    date: day,
    time: '22:15',
    zone: DEMO_ZONE,
    district: 'boom',
    reportNumber: 'AN.55.L7.000123/2026',
    victims: [{ ref: 'DEMO-V-101', gender: 'female' }],
    aggressor: { ref: 'DEMO-A-101', gender: 'male', relation: 'partner' },
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
      homeBan: { start: day, legalEnd: end },
      restrainingOrderRequested: false,
      childrenSecured: { with: 'family', referral: 'youth_care' },
      prosecutorInformed: true,
      interpreterUsed: false,
    },
    risk: { safeToTalk: 'yes', dashYes: ['injury', 'frightened', 'moreOften', 'worse', 'childContact'] },
    fjcIntroduction: 'offered',
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
