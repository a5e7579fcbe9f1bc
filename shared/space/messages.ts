import { brusselsFormat } from '../brussels-time.js';
import { consoleUrl, subjectLine } from '../links.js';

/**
 * The call-back reminder over SNS: references only (the request's id, the zone, the case id when her
 * space is linked) and a link into the staff console. Her number, safe times and voicemail choice stay
 * sealed in the request (SPACECALLBACK#<id>); the officer reads them there. Routing as follow-up
 * reminders (officerId, zone, urgency, kind), so the reminders' subscribers deliver it.
 */
export interface CallbackSummary {
  callbackId: string;
  zone: string;
  from: 'police' | 'fjc';
  requestedAt: string;
  caseId?: string;
  /** The officer reminded; none: the zone's supervisors (no officer listed for the zone). */
  officer: string | undefined;
}

const when = (iso: string) => brusselsFormat('en-GB', { dateStyle: 'short', timeStyle: 'short', hourCycle: 'h23' }).format(new Date(iso));

export function callbackMessage(c: CallbackSummary, consoleOrigin?: string): { subject: string; text: string; attributes: Record<string, string> } {
  const link = c.caseId ? consoleUrl(consoleOrigin, { case: c.caseId }) : consoleUrl(consoleOrigin, { callback: c.callbackId });
  return {
    subject: subjectLine('[URGENT] Call-back requested', c.caseId ? `case ${c.caseId}` : `zone ${c.zone}`),
    text: [
      `A victim asked for a call-back from the ${c.from === 'police' ? 'police social service' : 'FJC'} at ${when(c.requestedAt)} (Brussels).`,
      'Read her safe times and whether a voicemail is safe before you call.',
      `Open the request in the staff console: ${link}`,
    ].join('\n'),
    attributes: {
      ...(c.officer ? { officerId: c.officer } : {}),
      zone: c.zone,
      urgency: 'urgent',
      kind: c.officer ? 'followupReminder' : 'callbackUnassigned',
      callbackId: c.callbackId,
      // With a case the push of a reminder opens it (shared/push/rules.ts reads followupId and caseId).
      ...(c.caseId ? { caseId: c.caseId, followupId: c.callbackId } : {}),
      dedupeKey: `${c.callbackId}:${c.officer ?? 'zone'}`,
    },
  };
}

/**
 * She asked the FJC: one message on the FJC's topic (partnerIntake) for the case directors of her zone, as
 * the FJC's referral escalations reach them (`audience: case_director`, zone); links only, as above.
 */
export function fjcCallbackMessage(
  c: Omit<CallbackSummary, 'officer' | 'from'>,
  consoleOrigin?: string,
): { subject: string; text: string; attributes: Record<string, string> } {
  return {
    subject: subjectLine('[URGENT][FJC] Call-back requested', `zone ${c.zone}`),
    text: [
      `A victim asked for a call-back from the FJC at ${when(c.requestedAt)} (Brussels).`,
      'Read her safe times and whether a voicemail is safe before you call.',
      `Open the request in the staff console: ${consoleUrl(consoleOrigin, { callback: c.callbackId })}`,
    ].join('\n'),
    attributes: {
      kind: 'fjcCallbackRequested',
      audience: 'case_director',
      zone: c.zone,
      urgency: 'urgent',
      callbackId: c.callbackId,
      dedupeKey: `${c.callbackId}:fjc`,
    },
  };
}
