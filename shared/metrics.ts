import { brusselsMonth } from './brussels-time.js';

/**
 * Report counters, maintained as events happen: each producer adds to `STATS#<yyyy-mm>#<zone>` / `COUNTS`
 * in the same DynamoDB transaction as the change itself (functions/lib/stats.ts), so a retried request
 * whose change is conditional can never count twice. The reports capability reads these items.
 * Attribute names are the metric names below (dotted; always used through expression attribute names).
 */
export const metric = {
  casesOpened: 'cases.opened',
  casesRepeat: 'cases.repeat',
  casesByKind: (kind: string) => `cases.kind.${kind}`,
  casesByRisk: (risk: string) => `cases.risk.${risk}`,
  casesChildren: (yesNo: 'yes' | 'no') => `cases.children.${yesNo}`,
  casesSubstance: (yesNo: 'yes' | 'no') => `cases.substance.${yesNo}`,
  casesVictimGender: (g: string) => `cases.victimGender.${g}`,
  casesAggressorGender: (g: string) => `cases.aggressorGender.${g}`,
  followupsDue: 'followups.due',
  followupsOnTime: 'followups.onTime',
  followupsLate: 'followups.late',
  followupsMissed: 'followups.missed',
  fjcIntroductions: 'fjc.introductions',
  bookingsMade: (serviceId: string) => `bookings.made.${serviceId}`,
  bookingsAttended: (serviceId: string) => `bookings.attended.${serviceId}`,
  bookingsCancelled: (serviceId: string) => `bookings.cancelled.${serviceId}`,
  ordersCreated: 'orders.created',
  breaches: (kind: string) => `breaches.${kind}`,
  // Added by the reports capability. Prevalence and active orders are not plain counters:
  // the report derives them as running sums (see functions/reports/README.md), so producers only add
  // the month's openings and closings.
  /** A case closed this month (add 1 in the transaction that closes it). */
  casesClosed: 'cases.closed',
  /** An order stopped being active this month: ended early, or its validity ran out (see README). */
  ordersEnded: 'orders.ended',
  // Alert acknowledgement times are not counters: see `ackTimeItem` in functions/lib/stats.ts.
  // Police interventions (functions/interventions), counted in the transaction that records them.
  interventions: 'interventions.recorded',
  /** One per kind of violence present (an intervention with two kinds counts under both). */
  interventionsByKind: (kind: string) => `interventions.kind.${kind}`,
  /** Children involved, one per child row: present or witness; secured once per child when they were secured. */
  interventionChildren: (how: 'present' | 'witness' | 'secured') => `interventions.children.${how}`,
  interventionHomeBans: 'interventions.homeBans',
  interventionArrests: 'interventions.arrests',
  /** The FJC introduction at the scene, by its status (offered, accepted, declined, done, not_offered). */
  interventionFjc: (status: string) => `interventions.fjc.${status}`,
  /** Substance use recorded on each side (yes/no; `not_known` counts under neither). */
  interventionSubstance: (side: 'aggressor' | 'victim', yesNo: 'yes' | 'no') => `interventions.substance.${side}.${yesNo}`,
  // FJC family cases (functions/fjc), counted in the transaction of each change.
  /** A family case opened, and by where it came from (police, partner, director, booking). */
  fjcFamiliesOpened: 'fjc.families.opened',
  fjcFamiliesByOrigin: (origin: string) => `fjc.families.origin.${origin}`,
  /** A family case closed (feeds the running sum of families supported; never published itself). */
  fjcFamiliesClosed: 'fjc.families.closed',
  /** A referral to a partner, by the partner's kind (month of the referral). */
  fjcReferrals: (partnerKind: string) => `fjc.referrals.${partnerKind}`,
  /** A referral's first contact (accepted or declined), month of the decision: by time taken and by partner kind. */
  fjcFirstContact: 'fjc.firstContact',
  fjcFirstContactWithin: (bucket: string) => `fjc.firstContact.within.${bucket}`,
  fjcFirstContactKind: (partnerKind: string) => `fjc.firstContact.kind.${partnerKind}`,
  /** An action of a joint plan that went past its due date (once, when its owner is reminded). */
  fjcActionsOverdue: 'fjc.actions.overdue',
  /** A case consultation, in the month it starts. */
  fjcConsultations: 'fjc.consultations',
} as const;

/**
 * Known categories of the report's splits. The report always shows these (0 when absent) and any other
 * category it finds in the counters; values outside a split land in its `unspecified` remainder.
 */
export const metricCategories = {
  violenceKind: ['physical', 'psychological', 'both'],
  riskLevel: ['standard', 'medium', 'high'],
  yesNo: ['yes', 'no'],
  gender: ['female', 'male', 'other', 'not_recorded'],
  breachKind: ['pre_alert', 'alert', 'tamper', 'curfew', 'battery', 'signal_loss', 'panic', 'contact', 'condition'],
  interventionKind: ['physical', 'psychological', 'sexual', 'economic', 'digital'],
  fjcIntroduction: ['not_offered', 'offered', 'accepted', 'declined', 'done'],
  fjcOrigin: ['police', 'partner', 'director', 'booking'],
  fjcFirstContact: ['1_day', '3_days', '7_days', 'later'],
} as const;

/** Month key in Europe/Brussels time: `2026-11`. */
export function monthOf(at: Date): string {
  return brusselsMonth(at);
}
