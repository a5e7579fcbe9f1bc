/**
 * The partition keys of the one table and of its indexes, declared once. The capabilities' keys modules
 * (functions/<capability>/keys.ts, functions/lib/audit.ts, functions/lib/stats.ts) build every key from
 * these, and shared/functions.ts grants each function the partitions it touches (`keys`): IAM's
 * `dynamodb:LeadingKeys` conditions in AWS (infra/aws/function.ts), the same check on the local stack's
 * DynamoDB client (functions/lib/table-access.ts).
 *
 * A prefix ends in `#`: the partition is the prefix followed by an id, a hash or a shard. A fixed
 * partition is one value.
 */
export const prefixes = {
  // ---- table partition keys (pk)
  slots: 'SLOTS#',
  booking: 'BOOKING#',
  bookingClient: 'BOOKINGCLIENT#',
  bookingProof: 'BOOKINGPROOF#',
  case: 'CASE#',
  /** The cases an order is linked to (an alert on the order reaches them). */
  orderCases: 'ORDERCASES#',
  event: 'EVENT#',
  protectFailures: 'PROTECTFAIL#',
  order: 'ORDER#',
  protect: 'PROTECT#',
  duress: 'DURESS#',
  alert: 'ALERT#',
  stats: 'STATS#',
  audit: 'AUDIT#',
  pushUser: 'PUSH#USER#',
  /** A police intervention (functions/interventions): the record, sealed. */
  intervention: 'INTERVENTION#',
  /** A family case and everything of it: referrals, consents, consultations, actions, notes (functions/fjc). */
  fjc: 'FJC#',
  /** The family case a police case became (one per police case). */
  fjcPoliceLink: 'FJCLINK#',
  /** A victim case code's hash → its family case. */
  fjcCode: 'FJCCODE#',
  /** Guessing budgets of victim case codes, per client address. */
  fjcCodeAttempts: 'FJCCODEFAIL#',
  /** A police FJC referral written with an intervention, waiting for a case director (one per police case). */
  fjcPoliceReferral: 'FJCPOLICEREF#',
  /** The family case a victim's own intake booking became (one per booking). */
  fjcBookingLink: 'FJCBOOKING#',
  /** Her own space (functions/space): its header, plan, journal chain, photos, self-check, call-backs, shares — ciphertext she alone can open. */
  space: 'SPACE#',
  /** Guessing budgets of space passphrases, per client address. */
  spaceAttempts: 'SPACEFAIL#',
  /** What she shared with a family case (sealed server-side, a read grant on the case). */
  spaceShare: 'SPACESHARE#',
  /** A call-back request for the officer (sealed: her number, safe times). */
  spaceCallback: 'SPACECALLBACK#',
  // ---- index partition keys (gsi1pk, gsi2pk)
  officer: 'OFFICER#',
  victim: 'VICTIM#',
  due: 'DUE#',
  bookingsDay: 'BOOKINGS#',
  device: 'DEVICE#',
  openAlerts: 'ALERTS#OPEN#',
  escalate: 'ESCALATE#',
  auditDay: 'AUDITDAY#',
  /** A zone's family cases (case directors' list). */
  fjcZone: 'FJCZONE#',
  /** What is referred to one partner organisation, and the consultations it takes part in (its inbox). */
  fjcPartner: 'FJCPARTNER#',
  /** Open actions of a zone's joint action plans, by due time. */
  fjcActions: 'FJCACTIONS#',
  /** The FJC tick's work queue (referral escalations, action reminders), sharded. */
  fjcDue: 'FJCDUE#',
  /** A zone's police FJC referrals waiting for a case director (sparse: gone once the family case is opened). */
  fjcPoliceReferrals: 'FJCINTAKE#',
} as const;

export const fixedPartitions = {
  // ---- table partition keys (pk)
  catalog: 'CATALOG',
  bookingsIdempotency: 'IDEMPOTENCY#bookings',
  followupDeadLetters: 'FOLLOWUP#DEADLETTERS',
  /** The local stack's stand-in for the caseRefHmacKey secret (functions/cases/victim-key.ts); never in AWS. */
  caseRefHmacKey: 'SECRET#CASE-REF-HMAC',
  /** Powertools idempotency records of POST /api/interventions (a tablet's retries record one intervention). */
  interventionsIdempotency: 'IDEMPOTENCY#interventions',
  fjcDeadLetters: 'FJCTICK#DEADLETTERS',
  // ---- index partition keys (gsi1pk, gsi2pk)
  teamCases: 'TEAM#CASES',
  teamFollowups: 'TEAM#FOLLOWUPS',
  activeOrders: 'ORDERS#ACTIVE',
  statsIndex: 'STATS#COUNTS',
  pushDevices: 'PUSH#DEVICES',
} as const;

export type PrefixName = keyof typeof prefixes;
export type FixedPartitionName = keyof typeof fixedPartitions;

/**
 * A partition a function may touch, as IAM's `StringLike` reads it: a fixed value, or a prefix followed
 * by `*` (any value that starts with it).
 */
export type KeyPattern = (typeof fixedPartitions)[FixedPartitionName] | `${(typeof prefixes)[PrefixName]}*`;

/**
 * Partitions only the local stack uses, as stand-ins for what AWS keeps elsewhere (a Secrets Manager
 * secret): the local check allows them to the functions that declare them; IAM never grants them.
 */
export const LOCAL_ONLY_PARTITIONS: readonly KeyPattern[] = [fixedPartitions.caseRefHmacKey];

/** Every partition under a prefix. */
export const under = <P extends PrefixName>(name: P): `${(typeof prefixes)[P]}*` => `${prefixes[name]}*`;

/** A fixed partition. */
export const only = <F extends FixedPartitionName>(name: F): (typeof fixedPartitions)[F] => fixedPartitions[name];

/** Whether a partition-key value matches a pattern, as `StringLike` would (`*` only at the end here). */
export function keyPatternMatches(pattern: KeyPattern, value: string): boolean {
  return pattern.endsWith('*') ? value.startsWith(pattern.slice(0, -1)) : value === pattern;
}
