import * as z from 'zod';
import { ZONE_IDS } from '../zones-list.js';
import type { CapabilityContract } from '../contract.js';
import type { RiskLevel } from './dash.js';
import type { CaseRecord, CaseSafeContactRecord, CaseStatus, FjcStatus, FollowupRecord } from './model.js';
import * as schemas from './schemas.js';

/**
 * The cases API: social-service officers open and follow cases; supervisors see the team. Request
 * schemas are in ./schemas.ts; the answers' shapes are here.
 */
export * from './schemas.js';
export type { CaseRecord, CaseSafeContactRecord, RiskChange } from './model.js';

/** A follow-up as the API returns it: the record without the report's counted due time and creation time. */
export type FollowupView = Pick<
  FollowupRecord,
  | 'id'
  | 'caseId'
  | 'zone'
  | 'officer'
  | 'purpose'
  | 'urgency'
  | 'status'
  | 'dueAt'
  | 'version'
  | 'outcome'
  | 'note'
  | 'completedAt'
  | 'completedBy'
  | 'reportOutcome'
  | 'remindedAt'
  | 'escalatedAt'
  | 'alertId'
>;

/** A case in a list: no victim reference (open the case, audited, to see it). */
export interface CaseSummary {
  id: string;
  zone: string;
  status: CaseStatus;
  riskLevel: RiskLevel;
  officer: string;
  openedAt: string;
  interventionDate: string;
  repeat: boolean;
  fjcIntroduction: FjcStatus;
  version: number;
}

/** `GET /api/cases/{id}` (audited) and `POST /api/cases`: every field of the case and its follow-ups. */
export type CaseDetail = CaseRecord & { followups: FollowupView[] };

export interface CaseList {
  cases: CaseSummary[];
}

/** `GET /api/followups`: pending follow-ups by Brussels day. */
export interface FollowupBuckets {
  overdue: FollowupView[];
  today: FollowupView[];
  next7Days: FollowupView[];
  /** Her safe-contact preferences per listed case that has them (shown on every card, before the phone number). */
  safeContacts: Record<string, CaseSafeContactRecord>;
  generatedAt: string;
}

/** `POST …/complete`: the done follow-up, an urgent one when the victim was not reached twice, and the plan's next ones. */
export interface CompletedFollowup {
  followup: FollowupView;
  urgentFollowupId?: string;
  supervisorNotified?: boolean;
  planned: FollowupView[];
}

/** `GET /api/staff/officers`: the active officers of a declared zone (the choice a reassignment is made from). */
export const officersQuery = z.strictObject({
  zone: z.enum(ZONE_IDS, { error: 'A declared zone (shared/zones-list.ts)' }).describe('The zone whose active officers are listed'),
});

const byCase = { params: { id: schemas.caseIdSchema } };
const byFollowup = { params: { id: schemas.caseIdSchema, followupId: schemas.followupIdSchema } };
const notYours = { 403: { description: 'Not your case (officers see their own; supervisors the team)' }, 404: { description: 'No such case' } };
const closed = { 409: { description: 'The case is closed, the follow-up done, or another version was saved meanwhile' } };

export const casesContract = {
  'POST /api/cases': {
    body: schemas.createCaseSchema,
    responses: { 201: { description: 'The case and its planned follow-ups', headers: { location: 'The case' } } },
  },
  'GET /api/cases': { query: schemas.listCasesQuery, responses: { 200: { description: 'Case summaries (audited)' } } },
  'GET /api/cases/{id}': { ...byCase, responses: { 200: { description: 'The case with its follow-ups (audited)' }, ...notYours } },
  'PATCH /api/cases/{id}': { ...byCase, body: schemas.patchCaseSchema, responses: { 200: { description: 'The changed case' }, ...notYours, ...closed } },
  'POST /api/cases/{id}/safe-contact/from-booking': {
    ...byCase,
    body: schemas.safeContactFromBookingSchema,
    responses: {
      200: { description: "The case with her booking's contact choices as its safe-contact preferences" },
      403: notYours[403],
      404: { description: 'No such case, or no booking with this reference whose owner agreed to share it with the police' },
      ...closed,
    },
  },
  'GET /api/followups': { query: schemas.listFollowupsQuery, responses: { 200: { description: 'Overdue, due today and in the next 7 days (audited)' } } },
  'POST /api/cases/{id}/followups': {
    ...byCase,
    body: schemas.addFollowupSchema,
    responses: { 201: { description: 'The follow-up' }, ...notYours, ...closed },
  },
  'POST /api/cases/{id}/followups/{followupId}/complete': {
    ...byFollowup,
    body: schemas.completeSchema,
    responses: { 200: { description: 'Done; an urgent follow-up when the victim was not reached twice' }, ...notYours, ...closed },
  },
  'POST /api/cases/{id}/followups/{followupId}/reschedule': {
    ...byFollowup,
    body: schemas.rescheduleSchema,
    responses: { 200: { description: 'The follow-up' }, ...notYours, ...closed },
  },
  'GET /api/staff/officers': { query: officersQuery, responses: { 200: { description: 'Active officers of the zone, for a reassignment' } } },
  'POST /api/cases/{id}/followups/{followupId}/reassign': {
    ...byFollowup,
    body: schemas.reassignSchema,
    responses: { 200: { description: 'The follow-up' }, ...notYours, ...closed },
  },
} as const satisfies CapabilityContract<'cases'>;
