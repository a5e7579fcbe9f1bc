// Declared with personalData in shared/functions.ts: this function seals and opens, so it loads the Encryption SDK.
import '../lib/encryption-sdk.js';
import {
  actionIdSchema,
  actionSchema,
  actionStatusSchema,
  closeSchema,
  consentSchema,
  consultationIdSchema,
  consultationSchema,
  declineSchema,
  fjcCaseIdSchema,
  fromBookingSchema,
  minutesSchema,
  noteSchema,
  openFjcCaseSchema,
  partnerIdSchema,
  policeReferralSchema,
  referSchema,
  victimViewSchema,
  victimWithdrawSchema,
  withdrawSchema,
} from '../../shared/fjc/api.js';
import { TABLE_ENV } from '../../shared/table.js';
import { clock } from '../lib/clock.js';
import { callerOf } from '../lib/auth.js';
import { requireEnv } from '../lib/config.js';
import { created, httpApi, ok, type ApiRequest } from '../lib/http.js';
import { parse } from '../lib/validation.js';
import { FjcRepository } from './repository.js';
import {
  addAction,
  addNote,
  closeCase,
  convene,
  dashboard,
  decide,
  getConsultation,
  getFjcCase,
  getSpaceShares,
  issueVictimCode,
  listFjcCases,
  openFjcCase,
  openFromBooking,
  partnerInbox,
  recordConsent,
  refer,
  referFromPolice,
  setActionStatus,
  victimView,
  victimWithdraw,
  withdrawConsent,
  writeMinutes,
  type FjcDeps,
} from './use-cases.js';

const deps: FjcDeps = { repo: new FjcRepository(requireEnv(TABLE_ENV)) };

const caseId = (req: ApiRequest) => parse(fjcCaseIdSchema, req.pathParameters.id, 'id');
const partnerParam = (req: ApiRequest) => parse(partnerIdSchema, req.pathParameters.partnerId, 'partnerId');
const located = (c: { id: string }) => ({ ...created(c), headers: { location: `/api/fjc/cases/${c.id}` } });

export const handler = httpApi('fjc', {
  'POST /api/fjc/referrals-from-police': async (req) => located(await referFromPolice(deps, parse(policeReferralSchema, req.body), callerOf(req), clock.now())),
  'POST /api/fjc/cases': async (req) => located(await openFjcCase(deps, parse(openFjcCaseSchema, req.body), callerOf(req), clock.now())),
  'POST /api/fjc/cases-from-booking': async (req) => located(await openFromBooking(deps, parse(fromBookingSchema, req.body), callerOf(req), clock.now())),
  'POST /api/fjc/cases/{id}/close': async (req) => ok(await closeCase(deps, caseId(req), parse(closeSchema, req.body).reason, callerOf(req), clock.now())),
  'GET /api/fjc/cases': async (req) => ok(await listFjcCases(deps, callerOf(req), clock.now())),
  'GET /api/fjc/cases/{id}': async (req) => ok(await getFjcCase(deps, caseId(req), callerOf(req), clock.now())),
  'GET /api/fjc/cases/{id}/shares': async (req) => ok(await getSpaceShares(deps, caseId(req), callerOf(req), clock.now())),
  'POST /api/fjc/cases/{id}/consents': async (req) =>
    created(await recordConsent(deps, caseId(req), parse(consentSchema, req.body), callerOf(req), clock.now())),
  'POST /api/fjc/cases/{id}/consents/withdraw': async (req) =>
    ok(await withdrawConsent(deps, caseId(req), parse(withdrawSchema, req.body), callerOf(req), clock.now())),
  'POST /api/fjc/cases/{id}/notes': async (req) => created(await addNote(deps, caseId(req), parse(noteSchema, req.body).text, callerOf(req), clock.now())),
  'POST /api/fjc/cases/{id}/referrals': async (req) => created(await refer(deps, caseId(req), parse(referSchema, req.body), callerOf(req), clock.now())),
  'POST /api/fjc/cases/{id}/referrals/{partnerId}/accept': async (req) =>
    ok(await decide(deps, caseId(req), partnerParam(req), { accept: true }, callerOf(req), clock.now())),
  'POST /api/fjc/cases/{id}/referrals/{partnerId}/decline': async (req) => {
    const id = caseId(req);
    const partner = partnerParam(req);
    const { reason } = parse(declineSchema, req.body);
    return ok(await decide(deps, id, partner, { accept: false, reason }, callerOf(req), clock.now()));
  },
  'POST /api/fjc/cases/{id}/consultations': async (req) =>
    created(await convene(deps, caseId(req), parse(consultationSchema, req.body), callerOf(req), clock.now())),
  'GET /api/fjc/cases/{id}/consultations/{consultationId}': async (req) =>
    ok(await getConsultation(deps, caseId(req), parse(consultationIdSchema, req.pathParameters.consultationId, 'consultationId'), callerOf(req), clock.now())),
  'POST /api/fjc/cases/{id}/consultations/{consultationId}/minutes': async (req) => {
    const id = caseId(req);
    const cid = parse(consultationIdSchema, req.pathParameters.consultationId, 'consultationId');
    return created(await writeMinutes(deps, id, cid, parse(minutesSchema, req.body), callerOf(req), clock.now()));
  },
  'POST /api/fjc/cases/{id}/actions': async (req) => created(await addAction(deps, caseId(req), parse(actionSchema, req.body), callerOf(req), clock.now())),
  'POST /api/fjc/cases/{id}/actions/{actionId}/status': async (req) => {
    const id = caseId(req);
    const actionId = parse(actionIdSchema, req.pathParameters.actionId, 'actionId');
    return ok(await setActionStatus(deps, id, actionId, parse(actionStatusSchema, req.body).status, callerOf(req), clock.now()));
  },
  'POST /api/fjc/cases/{id}/victim-code': async (req) => created(await issueVictimCode(deps, caseId(req), callerOf(req), clock.now())),
  'GET /api/fjc/inbox': async (req) => ok(await partnerInbox(deps, callerOf(req), clock.now())),
  'GET /api/fjc/dashboard': async (req) => ok(await dashboard(deps, callerOf(req), clock.now())),
  'POST /api/fjc/victim/view': async (req) => ok(await victimView(deps, parse(victimViewSchema, req.body).code, req.client, req.routeKey, clock.now())),
  'POST /api/fjc/victim/withdraw': async (req) => ok(await victimWithdraw(deps, parse(victimWithdrawSchema, req.body), req.client, req.routeKey, clock.now())),
});
