import { brusselsFormat } from '../brussels-time.js';
import { consoleUrl, subjectLine } from '../links.js';
import type { FollowupPurpose, Urgency } from './model.js';

/**
 * What officers and supervisors receive over SNS about follow-ups: what is due, when, the case id, the
 * zone and a link into the staff console. References only — never the victim reference, a name, an
 * address, a number or the case's details. Pure. Routing is in the attributes (subscription filter
 * policies on officerId, zone, urgency); `dedupeKey` is stable per follow-up, stage and due time.
 */
export interface FollowupSummary {
  followupId: string;
  caseId: string;
  zone: string;
  officer: string;
  purpose: FollowupPurpose;
  urgency: Urgency;
  dueAt: string;
  /** The police alert on a linked order that this follow-up answers (an id, nothing else of it). */
  alertId?: string;
}

const PURPOSE: Record<FollowupPurpose, string> = {
  contact_victim: 'contact the victim',
  check_conditions: "check the perpetrator's conditions",
  fjc_introduction: 'FJC introduction',
};

function brusselsTime(iso: string): string {
  return brusselsFormat('en-GB', { dateStyle: 'short', timeStyle: 'short', hourCycle: 'h23' }).format(new Date(iso));
}

/** The case in the staff console; absolute when the console's origin (WEB_ORIGIN) is given. */
export const consoleLink = (caseId: string, origin?: string) => consoleUrl(origin, { case: caseId });

interface Message {
  subject: string;
  text: string;
  attributes: Record<string, string>;
}

function attributes(f: FollowupSummary, kind: string, stage: string): Record<string, string> {
  return {
    officerId: f.officer,
    zone: f.zone,
    urgency: f.urgency,
    kind,
    caseId: f.caseId,
    followupId: f.followupId,
    dedupeKey: `${f.followupId}:${stage}:${f.dueAt}`,
  };
}

/** A follow-up message: its lines, then the link to the case in the staff console. */
function followupMessage(f: FollowupSummary, kind: string, stage: string, subject: string, lines: string[], link: string): Message {
  return { subject: subjectLine(subject, `case ${f.caseId}`), text: [...lines, link].join('\n'), attributes: attributes(f, kind, stage) };
}

export function reminderMessage(f: FollowupSummary, consoleOrigin?: string): Message {
  const tag = f.urgency === 'urgent' ? '[URGENT] ' : '';
  return followupMessage(
    f,
    'followupReminder',
    'remind',
    `${tag}Follow-up due`,
    [
      ...(f.alertId ? [`Police alert ${f.alertId} on an order linked to this case: check on her safety now.`] : []),
      `Follow-up due: ${PURPOSE[f.purpose]}.`,
      `Case ${f.caseId}, zone ${f.zone}. Due: ${brusselsTime(f.dueAt)} (Brussels). Urgency: ${f.urgency}.`,
    ],
    `Open the case in the staff console: ${consoleLink(f.caseId, consoleOrigin)}`,
  );
}

export function overdueMessage(f: FollowupSummary, consoleOrigin?: string): Message {
  return followupMessage(
    f,
    'followupOverdue',
    'escalate',
    '[OVERDUE] Follow-up not done',
    [
      `A follow-up is overdue: ${PURPOSE[f.purpose]}, due ${brusselsTime(f.dueAt)} (Brussels), assigned to ${f.officer}.`,
      `Case ${f.caseId}, zone ${f.zone}. Urgency: ${f.urgency}.`,
    ],
    `Open the case in the staff console to reassign or follow up: ${consoleLink(f.caseId, consoleOrigin)}`,
  );
}

export function unreachableMessage(f: FollowupSummary, consoleOrigin?: string): Message {
  return followupMessage(
    f,
    'followupUnreachable',
    'notice',
    '[URGENT] Victim not reached twice',
    [
      `The last two follow-ups of case ${f.caseId} (zone ${f.zone}) did not reach the victim.`,
      `The next follow-up (due ${brusselsTime(f.dueAt)}, Brussels) is now urgent; assigned to ${f.officer}.`,
    ],
    `Open the case in the staff console: ${consoleLink(f.caseId, consoleOrigin)}`,
  );
}
