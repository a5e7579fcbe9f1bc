/**
 * The pipeline heartbeat: a synthetic alert travels table → stream → outbox publisher → the police
 * topic → the canary receiver, every few minutes (shared/schedules.ts `pipeline-canary`). It carries
 * `kind: canary`, which every human subscription of the police topic filters out, and it is written
 * without the open-alert and escalation index attributes and without report counters, so it never shows
 * in police lists, escalations or reports. The item expires after a day.
 */
export const CANARY_KIND = 'canary';
export const CANARY_DISTRICT = 'canary';
/** An alarm fires when no canary arrived for this long (three missed heartbeats). */
export const CANARY_ALARM_MINUTES = 15;

/** What the police topic carries for a canary: references only, `kind: canary` for the filters. */
export function canaryMessage(alertId: string): { subject: string; text: string; attributes: Record<string, string> } {
  return {
    subject: `[CANARY] Pipeline heartbeat — alert ${alertId}`,
    text: `Synthetic alert ${alertId}: checks that alerts reach the police topic. No action.`,
    attributes: { kind: CANARY_KIND, severity: 'low', district: CANARY_DISTRICT, alertId },
  };
}
