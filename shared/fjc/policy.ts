import type { PartnerId } from '../partners.js';
import { CONSENT_KINDS, type ConsentKind, type ConsentRecord, type ConsultationRecord, type ReferralRecord, type ReferralStatus } from './model.js';

/**
 * THE disclosure policy of a family case: what one reader may know of it, decided from the case's
 * referrals, consents and consultations at one instant. Every read handler of functions/fjc calls it on
 * the server, with the facts it just read, before it builds an answer; the answer holds only what it
 * allows. Pure: no clock, no I/O.
 *
 * - A case director of the case's zone sees all of it (she holds the family's case).
 * - A partner worker sees that the case exists only if it was referred to her organisation (whatever
 *   became of the referral) or while a consultation she takes part in is running; nothing else of it
 *   without consent.
 * - Each section (contact, risk, children, orders, notes) appears for a partner only while the victim's
 *   consent for that partner and kind stands, and only on a referral that was not declined.
 * - A consultation's shared summary is readable by its participants only from its start to its end; its
 *   minutes by its participants only (and the director).
 * - A closed case: its director still sees it; a partner sees nothing of it, not even that it exists.
 * - Anyone else (no partner organisation on the token, another zone) sees nothing: not even that it exists.
 */
export type Viewer = { kind: 'director'; zone: string | undefined } | { kind: 'partner'; partnerId: string | undefined };

export interface CaseFacts {
  zone: string;
  status: 'open' | 'closed';
  referrals: readonly Pick<ReferralRecord, 'partnerId' | 'status'>[];
  consents: readonly Pick<ConsentRecord, 'partnerId' | 'kind' | 'givenAt' | 'withdrawnAt'>[];
  consultations: readonly Pick<ConsultationRecord, 'id' | 'participants' | 'startsAt' | 'endsAt'>[];
}

export interface Disclosure {
  /** May the reader know the case exists at all (else: answer as if it did not). */
  visible: boolean;
  /** The sections the reader may see, in CONSENT_KINDS order. */
  sections: ConsentKind[];
  /** The referral to the reader's organisation, if any. */
  referral?: ReferralStatus;
  /** Consultations whose shared summary the reader may read now. */
  summaries: string[];
  /** Consultations whose minutes the reader may read. */
  minutes: string[];
  /** The reader holds the case (director): may change it, refer, convene, see every referral and consent. */
  holds: boolean;
}

const NOTHING: Disclosure = { visible: false, sections: [], summaries: [], minutes: [], holds: false };

/** A consent stands at `at` when it was given by then and not withdrawn by then. */
export function consentStands(c: Pick<ConsentRecord, 'givenAt' | 'withdrawnAt'>, at: Date): boolean {
  const t = at.getTime();
  return Date.parse(c.givenAt) <= t && (c.withdrawnAt === undefined || Date.parse(c.withdrawnAt) > t);
}

/** A consultation runs from its start (inclusive) to its end (exclusive). */
export function consultationRuns(c: Pick<ConsultationRecord, 'startsAt' | 'endsAt'>, at: Date): boolean {
  const t = at.getTime();
  return Date.parse(c.startsAt) <= t && t < Date.parse(c.endsAt);
}

/** The kinds a partner's consents cover at `at`. */
export function consentedKinds(facts: Pick<CaseFacts, 'consents'>, partnerId: string, at: Date): ConsentKind[] {
  const kinds = new Set(facts.consents.filter((c) => c.partnerId === partnerId && consentStands(c, at)).map((c) => c.kind));
  return CONSENT_KINDS.filter((k) => kinds.has(k));
}

export function disclosure(viewer: Viewer, facts: CaseFacts, at: Date): Disclosure {
  if (viewer.kind === 'director') {
    if (viewer.zone === undefined || viewer.zone !== facts.zone) return NOTHING;
    const ids = facts.consultations.map((c) => c.id);
    return { visible: true, sections: [...CONSENT_KINDS], summaries: ids, minutes: ids, holds: true };
  }
  const partner = viewer.partnerId;
  if (partner === undefined || facts.status !== 'open') return NOTHING;
  const referral = facts.referrals.find((r) => r.partnerId === partner);
  const takesPart = facts.consultations.filter((c) => (c.participants as readonly string[]).includes(partner));
  const running = takesPart.filter((c) => consultationRuns(c, at)).map((c) => c.id);
  if (!referral && running.length === 0) return NOTHING;
  const sections = referral && referral.status !== 'declined' ? consentedKinds(facts, partner, at) : [];
  return {
    visible: true,
    sections,
    ...(referral ? { referral: referral.status } : {}),
    summaries: running,
    minutes: takesPart.map((c) => c.id),
    holds: false,
  };
}

/** What the victim sees: each partner that knows about her, and what each may see now. */
export interface PartnerKnowledge {
  partnerId: PartnerId;
  referral?: ReferralStatus;
  /** She was discussed in a consultation it took part in. */
  consulted: boolean;
  /** What it may see now (the policy's sections for it). */
  kinds: ConsentKind[];
  /** The consents that stand for it (what she may withdraw). */
  consented: ConsentKind[];
}

export function whoKnows(facts: CaseFacts, at: Date): PartnerKnowledge[] {
  const ids = new Set<PartnerId>([...facts.referrals.map((r) => r.partnerId as PartnerId), ...facts.consultations.flatMap((c) => c.participants)]);
  return [...ids].sort().map((partnerId) => {
    const referral = facts.referrals.find((r) => r.partnerId === partnerId)?.status;
    const d = disclosure({ kind: 'partner', partnerId }, facts, at);
    return {
      partnerId,
      ...(referral ? { referral } : {}),
      consulted: facts.consultations.some((c) => c.participants.includes(partnerId)),
      kinds: d.sections,
      consented: consentedKinds(facts, partnerId, at),
    };
  });
}
