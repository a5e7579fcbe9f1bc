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
} as const;

/** Month key in Europe/Brussels time: `2026-11`. */
export function monthOf(at: Date): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Brussels', year: 'numeric', month: '2-digit' }).formatToParts(at);
  const y = parts.find((p) => p.type === 'year')?.value;
  const m = parts.find((p) => p.type === 'month')?.value;
  return `${y}-${m}`;
}
