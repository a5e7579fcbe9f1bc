import { DynamoCaseRepository } from '../../../functions/cases/repository.js';
import { FjcRepository } from '../../../functions/fjc/repository.js';
import { recordConsent, referFromPolice } from '../../../functions/fjc/use-cases.js';
import type { Caller } from '../../../functions/lib/auth.js';
import { consentSchema, policeReferralSchema } from '../../../shared/fjc/api.js';
import { DEMO_ZONE } from '../../../shared/identity.js';
import type { StaffRole } from '../../../shared/roles.js';
import type { SeedContext } from '../seed.js';

/**
 * Local demo data (never deployed): olivia.officer's oldest demo case (a high-risk family with
 * children) referred to the FJC from the police, so it is a family case on `npm start`; the victim gave
 * oral consent for women's aid to have her contact details (recorded by dina.director). Nothing is
 * referred yet: the case director does that in the console (test/e2e/staff-fjc.spec.ts walks it).
 * Written through the API's own use cases and schemas; every reference is invented (DEMO-…).
 */
function caller(username: string, roles: StaffRole[], route: string): Caller {
  return { principal: { sub: `demo-seed:${username}`, username, roles, zone: DEMO_ZONE, districts: [], scopes: [], clientId: 'demo-seed' }, route };
}

export async function seedDemoFjc({ dynamo, tableName, now }: SeedContext): Promise<{ caseId: string } | undefined> {
  const police = (await new DynamoCaseRepository(tableName, dynamo).listByOfficer('olivia.officer', 50)).filter(
    (c) => c.zone === DEMO_ZONE && c.status === 'open',
  );
  const oldest = police.at(-1);
  if (!oldest) return undefined;
  const deps = { repo: new FjcRepository(tableName, dynamo) };
  const body = policeReferralSchema.parse({
    policeCaseId: oldest.id,
    victimRefs: ['DEMO-V-001'],
    aggressorRef: 'DEMO-A-001',
    children: [
      { ageBand: '3-5', livesWith: 'with the mother (demo)' },
      { ageBand: '6-11', livesWith: 'with the mother (demo)' },
    ],
    contact: { phone: '+32 470 00 00 01', safeTimes: 'weekdays 10:00-12:00 (demo)', codeWord: 'zonnebloem', language: 'nl', voicemail: false },
    note: 'Demo: asks for help with housing and for the children.',
  });
  const c = await referFromPolice(deps, body, caller('olivia.officer', ['officer'], 'POST /api/fjc/referrals-from-police'), now);
  await recordConsent(
    deps,
    c.id,
    consentSchema.parse({ partnerId: 'vrouwenhulp-rupel', kinds: ['contact'], how: 'oral' }),
    caller('dina.director', ['case_director'], 'POST /api/fjc/cases/{id}/consents'),
    now,
  );
  return { caseId: c.id };
}
