import { fixedPartitions as F, prefixes as P } from '../../shared/partitions.js';
import { WORK_SHARDS } from '../../shared/table.js';
import { shardOf } from '../../shared/zones/index.js';

/**
 * Keys of the FJC family cases in the one table (functions/fjc/README.md). Nothing else builds these
 * strings. One partition per family case holds everything of it, so one consistent Query gives the
 * policy (shared/fjc/policy.ts) every fact it decides on.
 */
export const fjcKeys = {
  casePk: (id: string) => `${P.fjc}${id}`,
  case: (id: string) => ({ pk: `${P.fjc}${id}`, sk: 'CASE' }),
  /** A zone's family cases, newest last (case directors). */
  zoneIndex: (zone: string, openedAt: string, id: string) => ({ gsi2pk: `${P.fjcZone}${zone}`, gsi2sk: `${openedAt}#${id}` }),
  zonePk: (zone: string) => `${P.fjcZone}${zone}`,
  referral: (caseId: string, partnerId: string) => ({ pk: `${P.fjc}${caseId}`, sk: `REFERRAL#${partnerId}` }),
  referralPrefix: 'REFERRAL#',
  consent: (caseId: string, partnerId: string, kind: string) => ({ pk: `${P.fjc}${caseId}`, sk: `CONSENT#${partnerId}#${kind}` }),
  consentPrefix: 'CONSENT#',
  consultation: (caseId: string, id: string) => ({ pk: `${P.fjc}${caseId}`, sk: `CONSULT#${id}` }),
  consultationPrefix: 'CONSULT#',
  /** One per participant of a consultation: its place in the partner's inbox. */
  participant: (caseId: string, consultationId: string, partnerId: string) => ({ pk: `${P.fjc}${caseId}`, sk: `PARTICIPANT#${consultationId}#${partnerId}` }),
  participantPrefix: 'PARTICIPANT#',
  action: (caseId: string, id: string) => ({ pk: `${P.fjc}${caseId}`, sk: `ACTION#${id}` }),
  actionPrefix: 'ACTION#',
  /** The partner's inbox: referrals, consultations it takes part in (sparse, on gsi2). */
  partnerIndex: (partnerId: string, kind: 'REFERRAL' | 'CONSULT', at: string, id: string) => ({
    gsi2pk: `${P.fjcPartner}${partnerId}`,
    gsi2sk: `${kind}#${at}#${id}`,
  }),
  partnerPk: (partnerId: string) => `${P.fjcPartner}${partnerId}`,
  /** Open actions of a zone by due time (sparse: removed when done or cancelled). */
  actionsIndex: (zone: string, dueAt: string, id: string) => ({ gsi2pk: `${P.fjcActions}${zone}`, gsi2sk: `${dueAt}#${id}` }),
  actionsPk: (zone: string) => `${P.fjcActions}${zone}`,
  /** The tick's queue (functions/followups/queue.ts machinery): a referral's escalation, an action's reminder. */
  dueIndex: (id: string, at: string) => ({ gsi1pk: `${P.fjcDue}${shardOf(id, WORK_SHARDS)}`, gsi1sk: `${at}#${id}` }),
  duePk: (shard: number) => `${P.fjcDue}${shard}`,
  deadLetter: (at: string, id: string, stage: string) => ({ pk: F.fjcDeadLetters, sk: `${at}#${id}#${stage}` }),
  /** One family case per police case. */
  policeLink: (policeCaseId: string) => ({ pk: `${P.fjcPoliceLink}${policeCaseId}`, sk: 'FJC' }),
  /** The victim's case code: its slow hash → the case; and the case's pointer to its current code. */
  code: (hash: string) => ({ pk: `${P.fjcCode}${hash}`, sk: 'CODE' }),
  codePointer: (caseId: string) => ({ pk: `${P.fjc}${caseId}`, sk: 'CODE' }),
  /** A police FJC referral waiting for a case director (written with the intervention), and the zone's list of them. */
  policeReferral: (policeCaseId: string) => ({ pk: `${P.fjcPoliceReferral}${policeCaseId}`, sk: 'REFERRAL' }),
  policeReferralsIndex: (zone: string, at: string, policeCaseId: string) => ({ gsi2pk: `${P.fjcPoliceReferrals}${zone}`, gsi2sk: `${at}#${policeCaseId}` }),
  policeReferralsPk: (zone: string) => `${P.fjcPoliceReferrals}${zone}`,
  /** One family case per intake booking. */
  bookingLink: (reference: string) => ({ pk: `${P.fjcBookingLink}${reference}`, sk: 'FJC' }),
  codeAttempts: (client: string) => ({ pk: `${P.fjcCodeAttempts}${client}`, sk: 'BUDGET' }),
};
