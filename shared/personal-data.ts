/**
 * Personal fields, named in one place. The logger redacts any property with one of these names,
 * at any depth; SNS messages and audit records must never carry them (tests check against this list).
 */
export const PERSONAL_FIELDS = [
  'alias',
  'firstName',
  'name',
  'fullName',
  'phone',
  'phoneNumber',
  'number',
  'address',
  'email',
  'codeWord',
  'safeContact',
  'needs',
  'accessibilityNeeds',
  'notes',
  'pin',
  'pinHash',
  'protectionCode',
  'victimRef',
  'victimHash',
  'riskReason',
  'lat',
  'lon',
  'position',
  'authorization',
  'x-booking-pin',
  'x-protection-code',
  'x-space-auth',
  // Bookings: needs and safe-contact details; the Idempotency-Key derives the booking's PIN.
  'accessibility',
  'interpreter',
  'childcare',
  'windows',
  'mayContact',
  'voicemail',
  'idempotency-key',
  'body',
  // Sealed at rest (SEALED_FIELDS below) and as personal in a log line.
  'protectedPersonRef',
  'dashYes',
  'riskHistory',
  'evidence',
  'note',
  // Interventions (sealed at rest, SEALED_FIELDS.intervention).
  'reportNumber',
  'victims',
  'aggressor',
  'withWhom',
  'substanceUse',
] as const;

const lower = new Set(PERSONAL_FIELDS.map((f) => f.toLowerCase()));

export function isPersonalField(key: string): boolean {
  return lower.has(key.toLowerCase());
}

/**
 * What is sealed at rest, per kind of item: these attributes never reach DynamoDB (items, backups,
 * exports, the stream) in clear text. They travel together as ONE encrypted attribute (`sealed`, the
 * JSON of the fields, AWS Encryption SDK message) bound to the item by its encryption context; the
 * item's other attributes (keys, status, dates, counters, zone/district) stay clear so queries,
 * conditions and routing work. functions/lib/personal-crypto.ts seals and opens, and shared/functions.ts
 * declares which functions may seal or open which kinds (IAM follows that declaration in AWS).
 *
 * A panic has no item of its own: its position is the `evidence` of its `alert` (kind `panic`) and
 * the order's `orderState` (last panic time, the protected person's last shared position).
 */
export const SEALED_FIELDS = {
  /** `BOOKING#<ref>`/`BOOKING`: the victim's alias, language and needs, safe-contact details and whether the police may take them over, the PIN's hash (a short PIN's hash must not be offline-guessable from a backup). */
  booking: ['alias', 'language', 'interpreter', 'childcare', 'accessibility', 'safeContact', 'shareWithPolice', 'pinHash'],
  /** `CASE#<id>`/`CASE`: the victim reference, the DASH answers, the risk history (with its free-text reasons), her safe-contact preferences. */
  case: ['victimRef', 'dashYes', 'riskHistory', 'safeContact'],
  /** `CASE#<id>`/`FOLLOWUP#…`: the officer's note on the outcome (free text about the victim); purpose, due time and outcome code stay clear. */
  followup: ['note'],
  /** `ORDER#<id>`/`ORDER` and its `VERSION#…` copies: the protected person's reference, the zones' centres (home, work, school) and curfew places. */
  order: ['protectedPersonRef', 'zones', 'curfews'],
  /** `ORDER#<id>`/`STATE`: the engine's state, with the respondent's and the protected person's last positions and the last panic. */
  orderState: ['state'],
  /** `ORDER#<id>`/`FIX#…`: a position fix of the respondent's device. */
  fix: ['lat', 'lon', 'accuracy'],
  /** `ALERT#<id>`/`ALERT`: the evidence (triggering fix, panic position, distances). */
  alert: ['evidence'],
  /** `INTERVENTION#<id>`/`INTERVENTION`: the report number, who was present (victims, aggressor, each child, others), injuries, weapons, substance use, the risk answers, what was done (with whom the children are). */
  intervention: [
    'reportNumber',
    'victims',
    'aggressor',
    'children',
    'others',
    'injuries',
    'weapons',
    'substanceUse',
    'earlierInterventionsAtAddress',
    'actions',
    'risk',
  ],
  /** `FJC#<id>`/…: a family case's people and contact details, notes, a consultation's summary and minutes, an action's text, a decline reason. */
  fjc: ['family', 'contact', 'notes', 'summary', 'minutes', 'title', 'reason', 'closeReason'],
  /** `SPACESHARE#<caseId>`/`SHARE#…`: what she chose to share from her space (plan, journal entries), decrypted in her browser. */
  spaceShare: ['content'],
  /** `SPACECALLBACK#<id>`/`CALLBACK`: the number to call her on, safe times, voicemail yes/no, language. */
  spaceCallback: ['phone', 'safeTimes', 'voicemail', 'language'],
} as const satisfies Record<string, readonly string[]>;

export type SealedKind = keyof typeof SEALED_FIELDS;
export const SEALED_KINDS = Object.keys(SEALED_FIELDS) as SealedKind[];

/** The one binary attribute holding an item's sealed fields. */
export const SEALED_ATTRIBUTE = 'sealed';

/** Encryption-context keys (also usable as `kms:EncryptionContext:<key>` IAM conditions). */
export const SEALED_CONTEXT = { kind: 'oneroof-kind', id: 'oneroof-id', item: 'oneroof-item', attribute: 'oneroof-attribute' } as const;

/** In AWS: the ARN of the personal-data KMS key (bound by OneRoofFunction.bindKey). */
export const PERSONAL_DATA_KEY_ENV = 'PERSONAL_DATA_KEY_ARN';
/** Locally: a file holding the raw AES-256 wrapping key (generated once into the data dir). */
export const PERSONAL_DATA_LOCAL_KEY_ENV = 'PERSONAL_DATA_LOCAL_KEY_FILE';

/** Which kinds a function may seal (write) and open (read); absent = none. */
export interface PersonalDataAccess {
  seal: readonly SealedKind[];
  open: readonly SealedKind[];
}
