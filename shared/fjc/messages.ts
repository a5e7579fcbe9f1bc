import { brusselsFormat } from '../brussels-time.js';
import { consoleUrl, subjectLine } from '../links.js';
import { partnerById } from '../partners.js';

/**
 * What the FJC tick publishes on the partner-intake topic: a referral not acted on by its first-contact
 * date (to the case director, once) and an action of the joint plan past its due date (to its owning
 * partner). References only: the case id, the partner organisation (a public name), the due time and a
 * console link; never a name, reference, contact detail or the action's text. Routing is in the
 * attributes (filter policies on partnerId, kind, audience, zone); `dedupeKey` is stable per item and due time.
 */
export interface Message {
  subject: string;
  text: string;
  attributes: Record<string, string>;
}

const brussels = (iso: string) => brusselsFormat('en-GB', { dateStyle: 'short', timeStyle: 'short', hourCycle: 'h23' }).format(new Date(iso));
const partnerLabel = (id: string) => {
  const p = partnerById(id);
  return p ? `${p.name} (${p.kind})` : id;
};

export function referralOverdueMessage(r: { caseId: string; partnerId: string; zone: string; firstContactDue: string }, origin?: string): Message {
  const p = partnerById(r.partnerId);
  return {
    subject: subjectLine('[FJC] Referral not acted on', `case ${r.caseId}`),
    text: [
      `A referral to ${partnerLabel(r.partnerId)} was neither accepted nor declined by its first-contact date, ${brussels(r.firstContactDue)} (Brussels).`,
      `Family case ${r.caseId}, zone ${r.zone}.`,
      `Open the case in the staff console: ${consoleUrl(origin, { fjcCase: r.caseId })}`,
    ].join('\n'),
    attributes: {
      kind: 'fjcReferralOverdue',
      audience: 'case_director',
      partnerId: r.partnerId,
      partnerKind: p?.kind ?? 'unknown',
      zone: r.zone,
      caseId: r.caseId,
      dedupeKey: `${r.caseId}:${r.partnerId}:referral:${r.firstContactDue}`,
    },
  };
}

export function actionOverdueMessage(a: { id: string; caseId: string; ownerPartner: string; zone: string; dueAt: string }, origin?: string): Message {
  const p = partnerById(a.ownerPartner);
  return {
    subject: subjectLine('[FJC] Action past its due date', `case ${a.caseId}`),
    text: [
      `An action of the joint action plan owned by ${partnerLabel(a.ownerPartner)} was due ${brussels(a.dueAt)} (Brussels) and is not done.`,
      `Family case ${a.caseId}, zone ${a.zone}, action ${a.id}.`,
      `Open the case in the staff console: ${consoleUrl(origin, { fjcCase: a.caseId })}`,
    ].join('\n'),
    attributes: {
      kind: 'fjcActionOverdue',
      audience: 'partner',
      partnerId: a.ownerPartner,
      partnerKind: p?.kind ?? 'unknown',
      zone: a.zone,
      caseId: a.caseId,
      actionId: a.id,
      dedupeKey: `${a.id}:action:${a.dueAt}`,
    },
  };
}
