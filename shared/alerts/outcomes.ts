/** How police close an alert, and an alert's states: plain constants (no zod) so the staff console can import them. */
export const ALERT_OUTCOMES = ['intervened', 'respondent_left', 'false_alarm', 'technical', 'no_action_needed', 'other'] as const;
export type AlertOutcome = (typeof ALERT_OUTCOMES)[number];
export type AlertStatus = 'open' | 'acknowledged' | 'resolved';
