import type { RiskLevel } from './dash.js';

/**
 * The case model. Minimal by design: a pseudonymous victim reference (never a name), the
 * facts the reports need (kind, children, substance abuse, genders with "not_recorded"), the risk level
 * with its history, the assigned officer, the FJC introduction status and links (booking references,
 * order ids). Pure types and constants.
 */
export const VIOLENCE_KINDS = ['physical', 'psychological', 'both'] as const;
export type ViolenceKind = (typeof VIOLENCE_KINDS)[number];

export const GENDERS = ['female', 'male', 'other', 'not_recorded'] as const;
export type Gender = (typeof GENDERS)[number];

export const FJC_STATUSES = ['not_offered', 'offered', 'accepted', 'declined', 'done'] as const;
export type FjcStatus = (typeof FJC_STATUSES)[number];

export const CASE_STATUSES = ['open', 'closed'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

export const FOLLOWUP_PURPOSES = ['contact_victim', 'check_conditions', 'fjc_introduction'] as const;
export type FollowupPurpose = (typeof FOLLOWUP_PURPOSES)[number];

export const OUTCOMES = ['reached', 'not_reached', 'declined', 'other'] as const;
export type Outcome = (typeof OUTCOMES)[number];

export const URGENCIES = ['normal', 'urgent'] as const;
export type Urgency = (typeof URGENCIES)[number];

export interface RiskChange {
  at: string;
  by: string;
  from: RiskLevel | null;
  to: RiskLevel;
  /** Required when lowering (free text; a personal field: redacted in logs, never in messages). */
  riskReason?: string;
}

/** Her safe-contact preferences (schemas.ts `caseSafeContactSchema`); personal, sealed with the case. */
export interface CaseSafeContactRecord {
  mayCall: boolean;
  phone?: string;
  windows: { days?: number[]; start: string; end: string }[];
  voicemail: boolean;
  codeWord?: string;
  language?: string;
  interpreter: boolean;
  note?: string;
  /** The booking they were taken over from (with her consent), when they were. */
  fromBooking?: string;
  /** She set them herself, from her own space (setBy then names the victim app). */
  fromSpace?: boolean;
  /** Who set them last, and when. */
  setBy: string;
  setAt: string;
}

export interface CaseRecord {
  id: string;
  version: number;
  status: CaseStatus;
  /** Pseudonymous victim reference as the officer entered it (a personal field: never in a key, log or message). */
  victimRef: string;
  zone: string;
  /** YYYY-MM-DD, Europe/Brussels. */
  interventionDate: string;
  kind: ViolenceKind;
  children: boolean;
  substanceAbuse: boolean;
  victimGender: Gender;
  aggressorGender: Gender;
  dashYes: string[];
  dashLevel: RiskLevel;
  riskLevel: RiskLevel;
  riskHistory: RiskChange[];
  officer: string;
  fjcIntroduction: FjcStatus;
  /** Set once, when the FJC introduction is first recorded as done (counted once). */
  fjcIntroducedAt?: string;
  repeat: boolean;
  bookingRefs: string[];
  orderIds: string[];
  /** Her safe-contact preferences, when recorded (sealed at rest). */
  safeContact?: CaseSafeContactRecord;
  openedAt: string;
  openedBy: string;
  updatedAt: string;
  updatedBy: string;
  closedAt?: string;
  /** The police intervention this case was opened from (functions/interventions), when it was. */
  interventionId?: string;
}

export type FollowupStatus = 'pending' | 'done' | 'cancelled';

export interface FollowupRecord {
  id: string;
  /** Optimistic lock: every change (and the tick's mark) adds one. */
  version: number;
  caseId: string;
  zone: string;
  officer: string;
  purpose: FollowupPurpose;
  urgency: Urgency;
  status: FollowupStatus;
  dueAt: string;
  /** The due time the report counts this follow-up under (its first due time; rescheduling keeps it). */
  countedDueAt: string;
  createdAt: string;
  outcome?: Outcome;
  /** The officer's note on the outcome: personal, sealed at rest (shared/personal-data.ts). */
  note?: string;
  completedAt?: string;
  completedBy?: string;
  /** on_time / late / missed, once decided. */
  reportOutcome?: 'on_time' | 'late' | 'missed';
  remindedAt?: string;
  escalatedAt?: string;
  /** Planned because this police alert (breach or panic) was raised on an order linked to the case. */
  alertId?: string;
}
