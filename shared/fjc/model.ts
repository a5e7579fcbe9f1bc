import type { PartnerId } from '../partners.js';

/**
 * The FJC family case, shared across partner organisations: one case per family, what each partner may
 * see decided by the victim's consent (shared/fjc/policy.ts). Pure types and enums; the stored shapes
 * and keys are in functions/fjc/ (README there).
 */

/** The kinds of information a consent is given for (one consent per partner and kind). */
export const CONSENT_KINDS = ['contact', 'risk', 'children', 'orders', 'notes'] as const;
export type ConsentKind = (typeof CONSENT_KINDS)[number];

/** How the victim gave (or withdrew) a consent. */
export const CONSENT_HOW = ['written', 'oral'] as const;
export type ConsentHow = (typeof CONSENT_HOW)[number];

/** Where a family case came from. */
export const CASE_ORIGINS = ['police', 'partner', 'director', 'booking'] as const;
export type CaseOrigin = (typeof CASE_ORIGINS)[number];

export const REFERRAL_STATUSES = ['pending', 'accepted', 'declined'] as const;
export type ReferralStatus = (typeof REFERRAL_STATUSES)[number];

export const ACTION_STATUSES = ['open', 'in_progress', 'done', 'cancelled'] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];

/** The legal ground a case consultation lifts professional secrecy on. */
export const LEGAL_BASES = ['art458ter', 'art458bis', 'col04-2018'] as const;
export type LegalBasis = (typeof LEGAL_BASES)[number];

export const AGE_BANDS = ['0-2', '3-5', '6-11', '12-17'] as const;
export type AgeBand = (typeof AGE_BANDS)[number];

/** Contact details of the victim (sealed at rest): how and when it is safe to reach her. */
export interface VictimContact {
  phone?: string;
  /** When it is safe to call, in her words ("weekdays 10–12"). */
  safeTimes?: string;
  codeWord?: string;
  language?: string;
  /** Whether a voicemail may be left. */
  voicemail?: boolean;
}

export interface Child {
  ageBand: AgeBand;
  /** Pseudonymous reference (no name). */
  ref?: string;
  /** Where the child lives now, with whom (free text, sealed). */
  livesWith?: string;
}

/** The family's people (sealed at rest): pseudonymous references, never names. */
export interface Family {
  victims: { ref: string }[];
  aggressor?: { ref: string };
  children: Child[];
}

export interface CaseNote {
  at: string;
  by: string;
  text: string;
}

export interface FjcCaseRecord {
  id: string;
  version: number;
  status: 'open' | 'closed';
  zone: string;
  origin: CaseOrigin;
  /** The police case it came from (functions/cases), when it did. */
  policeCaseId?: string;
  /** The partner that opened it, when one did. */
  openedByPartner?: PartnerId;
  riskLevel?: 'standard' | 'medium' | 'high';
  orderIds: string[];
  bookingRefs: string[];
  /** Sealed: the family's references and children. */
  family: Family;
  /** Sealed: the victim's contact details. */
  contact?: VictimContact;
  /** Sealed: the case notes. */
  notes: CaseNote[];
  /** Whether a victim case code was handed out (its hash lives in its own lookup item). */
  victimCodeIssuedAt?: string;
  openedAt: string;
  openedBy: string;
  updatedAt: string;
  /** Closed by the case director, with a reason (sealed): nothing escalates any more, partners and her code reach nothing. */
  closedAt?: string;
  closedBy?: string;
  closeReason?: string;
}

/** How long a closed family case is kept before DynamoDB TTL deletes every item of it (functions/fjc/README.md). */
export const CLOSED_RETENTION_DAYS = 5 * 365;

/**
 * A police FJC referral waiting for a case director: written with the intervention, in the same
 * transaction (functions/interventions). Clear routing data only; the family case is opened from it with
 * `POST /api/fjc/referrals-from-police`, which removes it.
 */
export interface PoliceReferralRecord {
  policeCaseId: string;
  interventionId: string;
  zone: string;
  district?: string;
  riskLevel: 'standard' | 'medium' | 'high';
  /** The introduction at the scene: `offered` (she had not answered yet), `accepted` or `done`. */
  introduction: 'offered' | 'accepted' | 'done';
  children: number;
  referredAt: string;
  referredBy: string;
}

/** The FJC intake services (catalogue ids, shared/catalog): a booking of one can become a family case. */
export const FJC_INTAKE_SERVICES: readonly string[] = ['shelter-intake', 'social-welfare', 'counselling'];

/** Time from a referral to its first contact (accepted or declined), as the report buckets it. */
export const FIRST_CONTACT_BUCKETS = ['1_day', '3_days', '7_days', 'later'] as const;
export type FirstContactBucket = (typeof FIRST_CONTACT_BUCKETS)[number];
export function firstContactBucket(referredAt: string, decidedAt: string): FirstContactBucket {
  const days = (Date.parse(decidedAt) - Date.parse(referredAt)) / 86_400_000;
  return days <= 1 ? '1_day' : days <= 3 ? '3_days' : days <= 7 ? '7_days' : 'later';
}

/** A consent: a partner may see one kind of information, from when it was given until it is withdrawn. */
export interface ConsentRecord {
  partnerId: PartnerId;
  kind: ConsentKind;
  /** Who gave it: the victim herself, or her legal representative. */
  givenBy: 'victim' | 'representative';
  givenAt: string;
  how: ConsentHow;
  /** The staff member who recorded it. */
  recordedBy: string;
  withdrawnAt?: string;
  /** `victim-app`: she withdrew it herself; else the staff member who recorded her withdrawal. */
  withdrawnBy?: string;
}

export interface ReferralRecord {
  caseId: string;
  partnerId: PartnerId;
  status: ReferralStatus;
  referredAt: string;
  referredBy: string;
  /** First contact with the family is due by then; not accepted or declined by it, it escalates once. */
  firstContactDue: string;
  decidedAt?: string;
  decidedBy?: string;
  /** Sealed: why it was declined. */
  reason?: string;
  /** When the escalation to the case director was published (once). */
  escalatedAt?: string;
}

export interface ConsultationRecord {
  id: string;
  caseId: string;
  purpose: string;
  legalBasis: LegalBasis;
  startsAt: string;
  endsAt: string;
  participants: PartnerId[];
  convenedBy: string;
  /** Sealed: the shared summary participants read during the consultation. */
  summary: string;
  /** Sealed: the minutes, once written. */
  minutes?: { decisions: string[]; writtenAt: string; writtenBy: string; actionIds: string[] };
}

export interface ActionRecord {
  id: string;
  caseId: string;
  zone: string;
  /** Sealed: what is to be done. */
  title: string;
  ownerPartner: PartnerId;
  dueAt: string;
  status: ActionStatus;
  createdAt: string;
  createdBy: string;
  consultationId?: string;
  updatedAt: string;
  updatedBy: string;
}
