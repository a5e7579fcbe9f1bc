import * as z from 'zod';
import { referenceParam } from '../bookings/api.js';
import { caseIdSchema, victimRefSchema } from '../cases/schemas.js';
import type { CapabilityContract } from '../contract.js';
import { PARTNER_IDS, type PartnerId } from '../partners.js';
import { instant, ulidId } from '../primitives.js';
import {
  ACTION_STATUSES,
  AGE_BANDS,
  CONSENT_HOW,
  CONSENT_KINDS,
  LEGAL_BASES,
  type ActionRecord,
  type ActionStatus,
  type CaseNote,
  type CaseOrigin,
  type Child,
  type ConsentKind,
  type ConsentRecord,
  type ConsultationRecord,
  type Family,
  type PoliceReferralRecord,
  type ReferralRecord,
  type ReferralStatus,
  type VictimContact,
} from './model.js';
import type { PartnerKnowledge } from './policy.js';
import type { SafetyPlan } from '../space/plan.js';

/** The FJC family-case API: request schemas (strict; unknown fields refused by name) and answer shapes. */

export const fjcCaseIdSchema = ulidId('FJ', 'a family case');
export const consultationIdSchema = ulidId('CO', 'a case consultation');
export const actionIdSchema = ulidId('AC', 'a joint action plan action');
export const partnerIdSchema = z
  .enum(PARTNER_IDS, { error: 'A declared partner organisation (shared/partners.ts)' })
  .describe('A declared FJC partner organisation (shared/partners.ts)');
const consentKinds = z
  .array(z.enum(CONSENT_KINDS))
  .min(1)
  .max(CONSENT_KINDS.length)
  .refine((a) => new Set(a).size === a.length, 'Each kind at most once');
const text = (max: number) => z.string().trim().min(1).max(max);

export const contactSchema = z.strictObject({
  phone: z
    .string()
    .trim()
    .regex(/^\+?[0-9 ()/-]{6,20}$/, 'A phone number')
    .optional(),
  safeTimes: text(200).optional(),
  codeWord: text(60).optional(),
  language: z
    .string()
    .regex(/^[a-z]{2,3}$/, 'A language code (nl, fr, ar…)')
    .optional(),
  voicemail: z.boolean().optional(),
});
export const childSchema = z.strictObject({ ageBand: z.enum(AGE_BANDS), ref: victimRefSchema.optional(), livesWith: text(200).optional() });
const familyFields = {
  victimRefs: z.array(victimRefSchema).max(5).default([]),
  aggressorRef: victimRefSchema.optional(),
  children: z.array(childSchema).max(12).default([]),
  contact: contactSchema.optional(),
  note: text(2000).optional(),
};

/** A police FJC referral: the police case (of the caller's zone) becomes a family case. */
export const policeReferralSchema = z.strictObject({ policeCaseId: caseIdSchema, ...familyFields });
export type PoliceReferralBody = z.infer<typeof policeReferralSchema>;

/** A case opened by a partner (for its own organisation) or by a case director. */
export const openFjcCaseSchema = z.strictObject({
  riskLevel: z.enum(['standard', 'medium', 'high']).optional(),
  ...familyFields,
  victimRefs: z.array(victimRefSchema).min(1).max(5),
});
export type OpenFjcCaseBody = z.infer<typeof openFjcCaseSchema>;

/** A case director opens a family case from the victim's own booking of an FJC intake service (linked, never copied). */
export const fromBookingSchema = z.strictObject({ bookingReference: referenceParam, riskLevel: openFjcCaseSchema.shape.riskLevel, ...familyFields });
export type FromBookingBody = z.infer<typeof fromBookingSchema>;

/** The case director closes a family case, saying why (sealed). */
export const closeSchema = z.strictObject({ reason: text(500) });

export const consentSchema = z.strictObject({
  partnerId: partnerIdSchema,
  kinds: consentKinds,
  how: z.enum(CONSENT_HOW),
  givenBy: z.enum(['victim', 'representative']).default('victim'),
  /** When she gave it (defaults to now); never in the future. */
  givenAt: instant.optional(),
});
export type ConsentBody = z.infer<typeof consentSchema>;

export const withdrawSchema = z.strictObject({ partnerId: partnerIdSchema, kinds: consentKinds });

export const referSchema = z.strictObject({ partnerId: partnerIdSchema, firstContactDue: instant });
export const declineSchema = z.strictObject({ reason: text(500) });
export const noteSchema = z.strictObject({ text: text(2000) });

export const consultationSchema = z
  .strictObject({
    purpose: text(300),
    legalBasis: z.enum(LEGAL_BASES),
    startsAt: instant,
    endsAt: instant,
    participants: z
      .array(partnerIdSchema)
      .min(1)
      .max(16)
      .refine((a) => new Set(a).size === a.length, 'Each partner at most once'),
    summary: text(4000),
  })
  .refine((c) => Date.parse(c.endsAt) > Date.parse(c.startsAt), { path: ['endsAt'], message: 'Must be after startsAt' })
  .refine((c) => Date.parse(c.endsAt) - Date.parse(c.startsAt) <= 8 * 3_600_000, { path: ['endsAt'], message: 'A consultation lasts at most 8 hours' });

export const actionSchema = z.strictObject({ title: text(300), ownerPartner: partnerIdSchema, dueAt: instant });
export const minutesSchema = z.strictObject({
  decisions: z.array(text(1000)).min(1).max(30),
  actions: z.array(actionSchema).max(30).default([]),
});
export const actionStatusSchema = z.strictObject({ status: z.enum(ACTION_STATUSES) });

/** The victim's case code (in the body of a POST, never in a URL). */
export const caseCodeSchema = z.string().min(4).max(40);
export const victimViewSchema = z.strictObject({ code: caseCodeSchema });
export const victimWithdrawSchema = z.strictObject({ code: caseCodeSchema, partnerId: partnerIdSchema, kinds: consentKinds });

// ---- answers

export interface ReferralView {
  partnerId: PartnerId;
  status: ReferralStatus;
  referredAt: string;
  firstContactDue: string;
  overdue: boolean;
  decidedAt?: string;
  escalatedAt?: string;
  /** The decline reason: for the case director and the declining partner only. */
  reason?: string;
}

export interface ConsultationView {
  id: string;
  purpose: string;
  legalBasis: ConsultationRecord['legalBasis'];
  startsAt: string;
  endsAt: string;
  participants: PartnerId[];
  running: boolean;
  /** Present only while the reader may read it (participants: during the consultation). */
  summary?: string;
  /** Present only for participants and the director, once written. */
  minutes?: ConsultationRecord['minutes'];
}

export interface ActionView {
  id: string;
  caseId: string;
  title: string;
  ownerPartner: PartnerId;
  dueAt: string;
  status: ActionStatus;
  late: boolean;
  consultationId?: string;
}

/** `GET /api/fjc/cases/{id}`: a case as the policy lets this reader see it; absent sections are not allowed. */
export interface FjcCaseView {
  id: string;
  zone: string;
  status: 'open' | 'closed';
  origin: CaseOrigin;
  openedAt: string;
  /** What this reader may see (the policy's sections), so a screen can say what is held back. */
  sections: ConsentKind[];
  /** The referral to the reader's organisation (partners), or every referral (director). */
  referrals: ReferralView[];
  contact?: VictimContact & { victimRefs: string[] };
  risk?: { riskLevel?: string; policeCaseId?: string };
  children?: Child[];
  orders?: { orderIds: string[]; bookingRefs: string[]; aggressorRef?: string };
  notes?: CaseNote[];
  consultations: ConsultationView[];
  /** Actions of the plan: all (director), the reader's own (partners). */
  actions: ActionView[];
  /** Director only. */
  consents?: ConsentRecord[];
  victimCodeIssuedAt?: string;
  version?: number;
  /** Director only, once the case is closed. */
  closed?: { at: string; by: string; reason: string };
}

export interface FjcCaseSummary {
  id: string;
  zone: string;
  status: 'open' | 'closed';
  origin: CaseOrigin;
  openedAt: string;
  referrals: { partnerId: PartnerId; status: ReferralStatus; overdue: boolean }[];
}

export interface PartnerInbox {
  partnerId: PartnerId;
  referrals: (ReferralView & { caseId: string })[];
  actions: ActionView[];
  consultations: (Omit<ConsultationView, 'summary' | 'minutes' | 'participants' | 'purpose'> & { caseId: string })[];
}

export interface DirectorDashboard {
  zone: string;
  families: FjcCaseSummary[];
  lateActions: ActionView[];
  overdueReferrals: (ReferralView & { caseId: string })[];
  /** Consents older than a year that still stand: to be confirmed with her. */
  consentsToRenew: { caseId: string; partnerId: PartnerId; kind: ConsentKind; givenAt: string }[];
  /** Police FJC referrals written with an intervention, waiting for a family case (oldest first). */
  policeReferrals: PoliceReferralRecord[];
}

export interface VictimView {
  partners: (PartnerKnowledge & { name: string; kind: string })[];
}

export type { ActionRecord, Family, ReferralRecord };

const byCase = { params: { id: fjcCaseIdSchema } };
const hidden = { 404: { description: 'No such case, or none this reader may know of' } };
const conflict = { 409: { description: 'Changed meanwhile, already decided, or closed' } };
const codeAnswers = { 404: { description: 'Unknown case code' }, 429: { description: 'Too many wrong codes from this connection; try later' } };

/** One share from her space, opened for a reader the policy lets see the case's notes; nothing that leads to her space. */
export interface SharedFromSpace {
  id: string;
  sharedAt: string;
  /** What she shared: her plan, journal entries, or both. */
  kinds: ('plan' | 'entries')[];
  plan?: SafetyPlan;
  entries: { seq: number; receivedAt: string; text: string }[];
}

export const fjcContract = {
  'POST /api/fjc/referrals-from-police': {
    body: policeReferralSchema,
    responses: {
      201: { description: 'The family case', headers: { location: 'The case' } },
      404: { description: 'No such police case in your zone' },
      ...conflict,
    },
  },
  'POST /api/fjc/cases': { body: openFjcCaseSchema, responses: { 201: { description: 'The family case', headers: { location: 'The case' } } } },
  'POST /api/fjc/cases-from-booking': {
    body: fromBookingSchema,
    responses: {
      201: { description: 'The family case, the booking linked', headers: { location: 'The case' } },
      404: { description: 'No such booking in your zone' },
      ...conflict,
    },
  },
  'POST /api/fjc/cases/{id}/close': { ...byCase, body: closeSchema, responses: { 200: { description: 'The case, closed' }, ...hidden, ...conflict } },
  'GET /api/fjc/cases': { responses: { 200: { description: "The zone's family cases (case directors)" } } },
  'GET /api/fjc/cases/{id}': { ...byCase, responses: { 200: { description: 'The case as consent allows this reader (audited)' }, ...hidden } },
  'GET /api/fjc/cases/{id}/shares': {
    ...byCase,
    responses: { 200: { description: 'What the victim shared from her space with the case, as the notes section is disclosed (audited)' }, ...hidden },
  },
  'POST /api/fjc/cases/{id}/consents': { ...byCase, body: consentSchema, responses: { 201: { description: 'The consents recorded' }, ...hidden } },
  'POST /api/fjc/cases/{id}/consents/withdraw': { ...byCase, body: withdrawSchema, responses: { 200: { description: 'The consents withdrawn' }, ...hidden } },
  'POST /api/fjc/cases/{id}/notes': { ...byCase, body: noteSchema, responses: { 201: { description: 'The note' }, ...hidden, ...conflict } },
  'POST /api/fjc/cases/{id}/referrals': { ...byCase, body: referSchema, responses: { 201: { description: 'The referral' }, ...hidden, ...conflict } },
  'POST /api/fjc/cases/{id}/referrals/{partnerId}/accept': {
    params: { id: fjcCaseIdSchema, partnerId: partnerIdSchema },
    responses: { 200: { description: 'Accepted' }, ...hidden, ...conflict },
  },
  'POST /api/fjc/cases/{id}/referrals/{partnerId}/decline': {
    params: { id: fjcCaseIdSchema, partnerId: partnerIdSchema },
    body: declineSchema,
    responses: { 200: { description: 'Declined' }, ...hidden, ...conflict },
  },
  'POST /api/fjc/cases/{id}/consultations': { ...byCase, body: consultationSchema, responses: { 201: { description: 'The consultation' }, ...hidden } },
  'GET /api/fjc/cases/{id}/consultations/{consultationId}': {
    params: { id: fjcCaseIdSchema, consultationId: consultationIdSchema },
    responses: { 200: { description: 'The consultation; summary during it, minutes for participants (audited)' }, ...hidden },
  },
  'POST /api/fjc/cases/{id}/consultations/{consultationId}/minutes': {
    params: { id: fjcCaseIdSchema, consultationId: consultationIdSchema },
    body: minutesSchema,
    responses: { 201: { description: 'The minutes and the actions they created' }, ...hidden, ...conflict },
  },
  'POST /api/fjc/cases/{id}/actions': { ...byCase, body: actionSchema, responses: { 201: { description: 'The action' }, ...hidden } },
  'POST /api/fjc/cases/{id}/actions/{actionId}/status': {
    params: { id: fjcCaseIdSchema, actionId: actionIdSchema },
    body: actionStatusSchema,
    responses: { 200: { description: 'The action' }, ...hidden },
  },
  'POST /api/fjc/cases/{id}/victim-code': {
    ...byCase,
    responses: { 201: { description: 'A new case code for the victim, shown once (the old one stops working)' }, ...hidden },
  },
  'GET /api/fjc/inbox': { responses: { 200: { description: "The partner organisation's referrals, actions and consultations" } } },
  'GET /api/fjc/dashboard': { responses: { 200: { description: "The case director's families, late actions, overdue referrals, consents to renew" } } },
  'POST /api/fjc/victim/view': {
    body: victimViewSchema,
    responses: { 200: { description: 'Which partners know about her, and what each may see' }, ...codeAnswers },
  },
  'POST /api/fjc/victim/withdraw': {
    body: victimWithdrawSchema,
    responses: { 200: { description: 'Withdrawn: the partner loses access at its next read' }, ...codeAnswers },
  },
} as const satisfies CapabilityContract<'fjc'>;
