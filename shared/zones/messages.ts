import { brusselsFormat } from '../brussels-time.js';
import { consoleUrl, subjectLine } from '../links.js';
import type { AlertKind, Severity } from './types.js';

/**
 * What police and supervisors receive over SNS: what, where (zone label and district — never
 * coordinates: a respondent inside a home zone is, in effect, the protected person's address), when, which
 * order, and the alert id to open it in the console (where the respondent's position is shown, audited).
 * No names, numbers, addresses or positions. Pure.
 */
export interface AlertSummary {
  id: string;
  kind: AlertKind;
  severity: Severity;
  district: string;
  orderRef: string;
  at: string;
  zoneLabel?: string;
}

const WHAT: Record<AlertKind, (label?: string) => string> = {
  preAlert: (l) => `Pre-alert: respondent approaching the ${l ?? 'protected'} zone`,
  zone: (l) => `Alert: respondent inside the ${l ?? 'protected'} zone`,
  curfew: () => 'Curfew breach: respondent not at home during curfew',
  tamper: () => 'Device tampered with (strap or case)',
  batteryLow: () => "Respondent's device battery low",
  signalLoss: () => "No position from the respondent's device",
  panic: () => 'PANIC raised by the protected person',
  contact: () => 'Protected person reports contact by the respondent',
  condition: () => 'Respondent missed a programme session or a justice-house report',
};

export function brusselsTime(iso: string): string {
  return brusselsFormat('en-GB', { dateStyle: 'short', timeStyle: 'medium', hourCycle: 'h23' }).format(new Date(iso));
}

/** `consoleOrigin`: the staff console's origin (WEB_ORIGIN), for an absolute link. */
export function alertMessage(a: AlertSummary, consoleOrigin?: string): { subject: string; text: string; attributes: Record<string, string> } {
  const what = WHAT[a.kind](a.zoneLabel);
  return {
    subject: subjectLine(`[${a.severity.toUpperCase()}] ${what}`, `order ${a.orderRef}`),
    text: [
      `${what}.`,
      `Severity: ${a.severity}. District: ${a.district}. Order: ${a.orderRef}.`,
      `When: ${brusselsTime(a.at)} (Brussels).`,
      `Alert ${a.id}: open it in the staff console for the respondent's position; acknowledge there: ${consoleUrl(consoleOrigin, { alert: a.id })}`,
    ].join('\n'),
    attributes: { severity: a.severity, district: a.district, kind: a.kind, alertId: a.id },
  };
}

export function escalationMessage(
  a: AlertSummary,
  level: number,
  consoleOrigin?: string,
): { subject: string; text: string; attributes: Record<string, string> } {
  const base = alertMessage(a, consoleOrigin);
  return {
    subject: subjectLine(`[ESCALATION ${level}] [${a.severity.toUpperCase()}] ${WHAT[a.kind](a.zoneLabel)}`, `order ${a.orderRef}`),
    text: [`Not acknowledged: escalation ${level}.`, base.text].join('\n'),
    attributes: { ...base.attributes, escalationLevel: String(level), kind: 'alertEscalation', alertKind: a.kind },
  };
}
