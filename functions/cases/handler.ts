// Declared with personalData in shared/functions.ts: this function seals and opens, so it loads the Encryption SDK.
import '../lib/encryption-sdk.js';
import {
  addFollowupSchema,
  caseIdSchema,
  completeSchema,
  createCaseSchema,
  followupIdSchema,
  listCasesQuery,
  listFollowupsQuery,
  officersQuery,
  patchCaseSchema,
  reassignSchema,
  rescheduleSchema,
  safeContactFromBookingSchema,
} from '../../shared/cases/api.js';
import { ForbiddenError } from '../../shared/errors.js';
import { TABLE_ENV } from '../../shared/table.js';
import { callerOf } from '../lib/auth.js';
import { clock } from '../lib/clock.js';
import { requireEnv } from '../lib/config.js';
import { created, httpApi, ok, withQuery, type ApiRequest } from '../lib/http.js';
import { zoneOf } from '../lib/scope.js';
import { staffDirectoryFromEnv } from '../lib/staff-directory.js';
import { parse } from '../lib/validation.js';
import { cadenceFromEnv } from './config.js';
import { DynamoCaseRepository } from './repository.js';
import { DynamoBookingRepository } from '../bookings/repository.js';
import {
  addFollowup,
  completeFollowup,
  getCase,
  listCases,
  listFollowups,
  openCase,
  patchCase,
  reassignFollowup,
  rescheduleFollowup,
  takeOverSafeContact,
  type CaseDeps,
} from './use-cases.js';

const table = requireEnv(TABLE_ENV);
const deps: CaseDeps = {
  repo: new DynamoCaseRepository(table),
  cadence: cadenceFromEnv(),
  directory: staffDirectoryFromEnv(),
  bookings: new DynamoBookingRepository(table),
};

const caseId = (req: ApiRequest) => parse(caseIdSchema, req.pathParameters.id, 'id');
const followupId = (req: ApiRequest) => parse(followupIdSchema, req.pathParameters.followupId, 'followupId');
const directory = deps.directory;

export const handler = httpApi('cases', {
  'POST /api/cases': async (req) => {
    const body = parse(createCaseSchema, req.body);
    const c = await openCase(deps, body, callerOf(req), clock.now());
    return { ...created(c), headers: { location: `/api/cases/${c.id}` } };
  },
  'GET /api/cases': withQuery(listCasesQuery, async (req, q) => ok({ cases: await listCases(deps, q.zone, callerOf(req), clock.now()) })),
  'GET /api/cases/{id}': async (req) => ok(await getCase(deps, caseId(req), callerOf(req), clock.now())),
  'PATCH /api/cases/{id}': async (req) => ok(await patchCase(deps, caseId(req), parse(patchCaseSchema, req.body), callerOf(req), clock.now())),
  'POST /api/cases/{id}/safe-contact/from-booking': async (req) =>
    ok(await takeOverSafeContact(deps, caseId(req), parse(safeContactFromBookingSchema, req.body), callerOf(req), clock.now())),
  'GET /api/followups': withQuery(listFollowupsQuery, async (req, q) => ok(await listFollowups(deps, q, callerOf(req), clock.now()))),
  'POST /api/cases/{id}/followups': async (req) => {
    const id = caseId(req);
    const f = await addFollowup(deps, id, parse(addFollowupSchema, req.body), callerOf(req), clock.now());
    return created(f);
  },
  'POST /api/cases/{id}/followups/{followupId}/complete': async (req) => {
    const { outcome, note } = parse(completeSchema, req.body);
    return ok(await completeFollowup(deps, caseId(req), followupId(req), outcome, callerOf(req), clock.now(), note));
  },
  'POST /api/cases/{id}/followups/{followupId}/reschedule': async (req) =>
    ok(await rescheduleFollowup(deps, caseId(req), followupId(req), parse(rescheduleSchema, req.body).dueAt, callerOf(req), clock.now())),
  'GET /api/staff/officers': withQuery(officersQuery, async (req, q) => {
    if (q.zone !== zoneOf(callerOf(req).principal)) throw new ForbiddenError('Your own zone only');
    const officers = await directory.officersOfZone(q.zone);
    return ok({ zone: q.zone, officers: officers.filter((o) => o.active).map((o) => ({ username: o.username, displayName: o.displayName })) });
  }),
  'POST /api/cases/{id}/followups/{followupId}/reassign': async (req) =>
    ok(await reassignFollowup(deps, caseId(req), followupId(req), parse(reassignSchema, req.body).officer, callerOf(req), clock.now())),
});
