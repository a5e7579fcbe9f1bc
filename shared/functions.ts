import { LOCAL_ONLY_PARTITIONS, only, under, type KeyPattern } from './partitions.js';
import type { PersonalDataAccess } from './personal-data.js';
import type { SecretName } from './secrets.js';
import type { QueueName } from './queues.js';
import type { IndexName } from './table.js';
import type { TopicName } from './topics.js';

/**
 * Every Lambda handler, declared once: its entry file, what it may touch, and how it is triggered.
 * The CDK stack creates one function per entry and grants exactly `table` and `publishes`;
 * the local stack imports the same entry and calls the exported `handler`.
 */
export interface FunctionDecl {
  /** Path from the repository root to a module exporting `handler`. */
  entry: string;
  description: string;
  /** Table access: none, read-only, or read-write. */
  table: 'none' | 'read' | 'readWrite';
  /**
   * The partitions it may touch (shared/partitions.ts); required with table access. In AWS each list is
   * an IAM statement with a `dynamodb:LeadingKeys` condition (infra/aws/function.ts); the local stack
   * refuses the same requests (functions/lib/table-access.ts).
   */
  keys?: TableKeys;
  /** Topics the function publishes to. */
  publishes: readonly TopicName[];
  /** SQS queues (shared/queues.ts) the function sends to: SendMessage on each, its URL in the queue's variable. */
  sends?: readonly QueueName[];
  /**
   * Personal fields it seals (writes) and opens (reads), by item kind (shared/personal-data.ts). Absent:
   * none — it gets no access to the personal-data key at all. In AWS, IAM allows GenerateDataKey for the
   * `seal` kinds and Decrypt for the `open` kinds only (a condition on the encryption context's kind).
   */
  personalData?: PersonalDataAccess;
  /** Secrets (shared/secrets.ts) the function reads: GetSecretValue on each, its ARN in the secret's variable. */
  secrets: readonly SecretName[];
  /**
   * Reserved concurrency: capacity no other function can take (the police path keeps working while a
   * public route is flooded) and, for public functions, a ceiling a flood cannot pass.
   */
  reservedConcurrency?: number;
  /** Timeout in seconds when not the default (read it with `timeoutOf`). */
  timeoutSeconds?: number;
  memoryMb?: number;
}

/** A function's partitions: what it writes (and reads), what it only reads, what it queries on each index. */
export interface TableKeys {
  /** Table partitions it reads and writes (only with `table: 'readWrite'`). */
  write?: readonly KeyPattern[];
  /** Table partitions it only reads (Get, Query, condition checks). */
  read?: readonly KeyPattern[];
  /** Index partitions it queries, per index (an index is only ever read). */
  query?: { readonly [I in IndexName]?: readonly KeyPattern[] };
}

export const functions = {
  health: {
    entry: 'functions/health/handler.ts',
    description: 'Health check and the fallback for unknown routes (404/405 JSON)',
    table: 'none',
    publishes: [],
    secrets: ['originVerify'],
  },
  catalog: {
    entry: 'functions/catalog/handler.ts',
    description: 'Contact points and the FJC service catalogue (public reads, coordinator writes)',
    table: 'readWrite',
    keys: { write: [only('catalog'), under('audit')] },
    publishes: [],
    secrets: ['originVerify'],
    reservedConcurrency: 10,
  },
  bookings: {
    entry: 'functions/bookings/handler.ts',
    description: 'Slots and bookings by reference + PIN; coordinator booking lists',
    table: 'readWrite',
    keys: {
      write: [under('slots'), under('booking'), under('bookingClient'), under('bookingProof'), only('bookingsIdempotency'), under('stats'), under('audit')],
      read: [only('catalog')],
      query: { gsi1: [under('bookingsDay')] },
    },
    publishes: ['partnerIntake'],
    personalData: { seal: ['booking'], open: ['booking'] },
    secrets: ['originVerify'],
    reservedConcurrency: 20,
  },
  cases: {
    entry: 'functions/cases/handler.ts',
    description: 'Cases and follow-ups for social-service officers',
    table: 'readWrite',
    keys: {
      // `orderCases`: the links of a case's orders, written with the case.
      write: [under('case'), under('orderCases'), under('stats'), under('audit'), only('caseRefHmacKey')],
      // A booking whose owner agreed that the police may take over her contact choices (read, never written).
      read: [under('booking')],
      query: { gsi1: [under('officer')], gsi2: [only('teamCases'), only('teamFollowups'), under('victim')] },
    },
    publishes: [],
    personalData: { seal: ['case', 'followup'], open: ['case', 'followup', 'booking'] },
    secrets: ['caseRefHmacKey', 'originVerify'],
  },
  caseAlertIntake: {
    entry: 'functions/cases/alert-intake.ts',
    description: 'Stream consumer: a breach or panic alert on an order reaches its linked cases (an urgent follow-up, reminded at once)',
    table: 'readWrite',
    keys: { write: [under('case'), under('stats'), under('audit')], read: [under('orderCases')] },
    publishes: [],
    secrets: [],
    timeoutSeconds: 30,
  },
  followupTick: {
    entry: 'functions/followups/tick.ts',
    description: 'Scheduled: reminders for due follow-ups, escalation of overdue ones',
    table: 'readWrite',
    keys: { write: [under('case'), only('followupDeadLetters'), under('stats')], query: { gsi1: [under('due')] } },
    publishes: ['officerReminders', 'supervisorEscalations'],
    // A burst beyond what it reminds itself goes to the workers, as keys (functions/followups/README.md).
    sends: ['followupFanOut'],
    secrets: [],
    timeoutSeconds: 60,
    // One full vCPU, sized from bench section 4: the tick is CPU-bound (claim, publish, finish per
    // reminder) on one Node thread, so memory beyond one vCPU's 1,769 MB buys it nothing; what one tick
    // cannot remind in its budget is deferred to the next minute's tick, never lost (bench/results.md).
    memoryMb: 1769,
  },
  followupWorker: {
    entry: 'functions/followups/worker.ts',
    description: 'SQS consumer: reminds, escalates or notifies the due follow-up items the tick fanned out (claim, publish, finish ten at a time)',
    table: 'readWrite',
    // The tick's writes without its query: the items come by key from the queue.
    keys: { write: [under('case'), only('followupDeadLetters'), under('stats')] },
    publishes: ['officerReminders', 'supervisorEscalations'],
    secrets: [],
    // Ten items per invocation; well under the lease (LEASE_MS, 2 min), so a lease outlives a crashed worker.
    timeoutSeconds: 30,
    // One full vCPU, as the tick: the work is CPU-bound on one Node thread (bench section 4), and the
    // burst is done sooner; a worker runs only while a burst lasts.
    memoryMb: 1769,
  },
  orders: {
    entry: 'functions/orders/handler.ts',
    description: 'Restraining orders (police)',
    table: 'readWrite',
    keys: {
      // Ending an order resolves its open alerts.
      write: [under('order'), under('protect'), under('duress'), under('alert'), under('stats'), under('audit')],
      query: { gsi1: [under('device'), under('openAlerts')], gsi2: [only('activeOrders')] },
    },
    publishes: [],
    personalData: { seal: ['order', 'orderState'], open: ['order', 'orderState', 'fix'] },
    secrets: ['originVerify'],
  },
  monitoring: {
    entry: 'functions/monitoring/handler.ts',
    description: 'Device events from the monitoring provider and panic from the PWA; runs the breach engine',
    table: 'readWrite',
    keys: {
      write: [under('order'), under('event'), under('protectFailures'), under('duress'), under('alert'), under('stats')],
      read: [under('protect')],
      query: { gsi1: [under('device')] },
    },
    // Publishes the alerts it commits right away (functions/alerts/outbox.ts); the stream publisher is the backstop.
    publishes: ['policeAlerts'],
    personalData: { seal: ['orderState', 'fix', 'alert'], open: ['order', 'orderState'] },
    secrets: ['originVerify'],
    reservedConcurrency: 50,
  },
  watchdog: {
    entry: 'functions/monitoring/watchdog.ts',
    description: 'Scheduled: signal loss for active orders',
    table: 'readWrite',
    keys: { write: [under('order'), under('alert'), under('stats')], query: { gsi2: [only('activeOrders')] } },
    publishes: [],
    // The same engine as monitoring, fed by the clock: it never receives a position, so it writes no fix.
    personalData: { seal: ['orderState', 'alert'], open: ['order', 'orderState'] },
    secrets: [],
    timeoutSeconds: 60,
  },
  alerts: {
    entry: 'functions/alerts/handler.ts',
    description: 'Open alerts for police: list, acknowledge, resolve',
    table: 'readWrite',
    keys: { write: [under('alert'), under('stats'), under('audit')], query: { gsi1: [under('openAlerts')] } },
    publishes: [],
    personalData: { seal: [], open: ['alert'] },
    secrets: ['originVerify'],
    reservedConcurrency: 10,
  },
  alertPublisher: {
    entry: 'functions/alerts/publisher.ts',
    description: 'Stream consumer: publishes new alerts and escalations to SNS (outbox)',
    table: 'readWrite',
    keys: { write: [under('alert')] },
    publishes: ['policeAlerts', 'supervisorEscalations'],
    secrets: [],
    reservedConcurrency: 5,
    timeoutSeconds: 30,
  },
  alertTick: {
    entry: 'functions/alerts/tick.ts',
    description: 'Scheduled: escalates unacknowledged alerts',
    table: 'readWrite',
    // It checks the order is still active in the escalation's transaction (an ended order never escalates).
    keys: { write: [under('alert')], read: [under('order')], query: { gsi2: [under('escalate')] } },
    publishes: [],
    secrets: [],
    timeoutSeconds: 60,
  },
  canary: {
    entry: 'functions/canary/tick.ts',
    secrets: [],
    description: 'Scheduled: writes a synthetic canary alert that travels the whole alert path (pipeline heartbeat)',
    table: 'readWrite',
    keys: { write: [under('alert')] },
    publishes: [],
  },
  canaryReceiver: {
    entry: 'functions/canary/receiver.ts',
    secrets: [],
    description: 'Subscribed to the police topic (kind canary only): counts each heartbeat that arrived',
    table: 'none',
    publishes: [],
  },
  push: {
    entry: 'functions/push/handler.ts',
    description: 'Staff register and remove the devices that receive Web Push from the console',
    table: 'readWrite',
    keys: { write: [under('pushUser')] },
    publishes: [],
    secrets: ['vapidKeys', 'originVerify'],
  },
  pushSender: {
    entry: 'functions/push/sender.ts',
    description: 'Subscribed to police alerts, officer reminders and supervisor escalations: sends Web Push to the devices each is for',
    // Reads devices; removes the ones the push service says are gone (404/410) and notes deliveries.
    table: 'readWrite',
    keys: { write: [under('pushUser')], query: { gsi1: [only('pushDevices')] } },
    publishes: [],
    secrets: ['vapidKeys'],
    timeoutSeconds: 30,
  },
  reports: {
    entry: 'functions/reports/handler.ts',
    description: 'Monthly incidence and prevalence reports, rounded to base 5 (random controlled rounding)',
    // The rounding key is a secret: the report only reads counters.
    table: 'read',
    keys: { read: [under('stats')], query: { gsi1: [only('statsIndex')] } },
    publishes: [],
    secrets: ['reportRoundingKey', 'originVerify'],
  },
  audit: {
    entry: 'functions/audit/handler.ts',
    description: 'Reads the append-only audit trail of one entity (and appends a record of that read)',
    // Writes only its own conditional audit Puts; IAM denies update/delete on AUDIT# keys.
    table: 'readWrite',
    keys: { write: [under('audit')] },
    publishes: [],
    secrets: ['originVerify'],
  },
  auditDigest: {
    entry: 'functions/audit/digest-handler.ts',
    description: 'Scheduled daily: hash-chain digest of the audit records into write-once storage',
    table: 'read',
    keys: { query: { gsi1: [under('auditDay')] } },
    publishes: [],
    secrets: [],
    timeoutSeconds: 300,
  },
  interventions: {
    entry: 'functions/interventions/handler.ts',
    description: 'Police interventions: the record at the scene opens the case, its follow-ups and the FJC introduction in one transaction',
    table: 'readWrite',
    keys: {
      // The case it opens (and its order links), the report counters, the audit records, its idempotency records.
      write: [
        under('intervention'),
        under('case'),
        under('orderCases'),
        under('stats'),
        under('audit'),
        // The police FJC referral to the zone's case directors (functions/fjc/police-referral.ts).
        under('fjcPoliceReferral'),
        only('interventionsIdempotency'),
        only('caseRefHmacKey'),
      ],
      // The 12-month repeat flag of the victim reference's keyed hash.
      query: { gsi2: [under('victim')] },
    },
    publishes: [],
    personalData: { seal: ['intervention', 'case'], open: ['intervention'] },
    secrets: ['caseRefHmacKey', 'originVerify'],
  },
  fjc: {
    entry: 'functions/fjc/handler.ts',
    description: 'FJC family cases across partners: referrals, consents, consultations, the joint action plan, the victim view (consent policy on every read)',
    table: 'readWrite',
    keys: {
      write: [
        under('fjc'),
        under('fjcPoliceLink'),
        under('fjcPoliceReferral'),
        under('fjcBookingLink'),
        under('fjcCode'),
        under('fjcCodeAttempts'),
        under('stats'),
        under('audit'),
      ],
      // A police referral reads the police case's clear fields (zone, risk, orders), a case from an intake
      // booking the booking's (service, zone, status); it never opens their sealed ones. What a victim shared from her
      // space with a case: functions/space writes it, this only reads it through the case's policy.
      read: [under('case'), under('booking'), under('spaceShare')],
      query: { gsi2: [under('fjcZone'), under('fjcPartner'), under('fjcActions'), under('fjcPoliceReferrals')] },
    },
    publishes: [],
    personalData: { seal: ['fjc'], open: ['fjc', 'spaceShare'] },
    secrets: ['originVerify'],
    // Two public routes (the victim view): a ceiling a flood cannot pass.
    reservedConcurrency: 10,
  },
  fjcTick: {
    entry: 'functions/fjc/tick.ts',
    description: 'Scheduled: escalates FJC referrals not acted on by their due date to the case director (once); reminds partners of overdue actions',
    table: 'readWrite',
    // The report's overdue-action counter is added with the reminder that decides it.
    keys: { write: [under('fjc'), only('fjcDeadLetters'), under('stats')], query: { gsi1: [under('fjcDue')] } },
    publishes: ['partnerIntake'],
    secrets: [],
    timeoutSeconds: 60,
  },
  space: {
    entry: 'functions/space/handler.ts',
    description: 'Her own space: encrypted plan, hash-chained journal, photos, self-check; call-backs, shares with her case, the signed export',
    table: 'readWrite',
    keys: {
      // `case`: her safe-contact choices, set from her space, replace those on her linked police case.
      write: [under('space'), under('spaceAttempts'), under('spaceShare'), under('spaceCallback'), under('fjcCodeAttempts'), under('audit'), under('case')],
      // The case code → the family case (the FJC victim view's lookup).
      read: [under('fjcCode'), under('fjc')],
    },
    publishes: ['officerReminders', 'supervisorEscalations', 'partnerIntake'],
    // Opens the officer's copy of a call-back, for the staff who may call her back; opens and seals her
    // police case to replace its safe-contact block (the case is sealed whole).
    personalData: { seal: ['spaceShare', 'spaceCallback', 'case'], open: ['spaceCallback', 'case'] },
    secrets: ['spaceSigningKey', 'originVerify'],
    // Public routes: a ceiling a flood cannot pass.
    reservedConcurrency: 10,
  },
} as const satisfies Record<string, FunctionDecl>;

export type FunctionName = keyof typeof functions;

export const DEFAULT_TIMEOUT_SECONDS = 10;
/** Memory when a function declares none (infra/aws/function.ts). */
export const DEFAULT_MEMORY_MB = 512;

/** What IAM grants a function on the table (infra/aws/function.ts `bindTable`), per statement. */
export interface TableGrants {
  /** Partitions it may read: the ones it writes and the ones it only reads. */
  read: KeyPattern[];
  write: KeyPattern[];
  query: Partial<Record<IndexName, KeyPattern[]>>;
}

/**
 * A function's table grants from its declaration, without the local-only partitions. Throws on a
 * declaration that contradicts its access (keys missing, writes on read-only access, readWrite without
 * writes), so neither CDK nor a test can take it.
 */
export function tableGrants(name: FunctionName, access: 'read' | 'readWrite', keys: TableKeys): TableGrants {
  const aws = (patterns: readonly KeyPattern[] = []) => [...new Set(patterns)].filter((p) => !LOCAL_ONLY_PARTITIONS.includes(p));
  const write = aws(keys.write);
  if (access === 'read' && (keys.write ?? []).length > 0) throw new Error(`${name}: read-only table access declares partitions to write`);
  if (access === 'readWrite' && write.length === 0) throw new Error(`${name}: readWrite table access without a partition to write (use 'read')`);
  const read = aws([...write, ...(keys.read ?? [])]);
  const query: TableGrants['query'] = {};
  for (const [index, patterns] of Object.entries(keys.query ?? {}) as [IndexName, readonly KeyPattern[]][]) {
    if (patterns.length > 0) query[index] = aws(patterns);
  }
  if (read.length === 0 && Object.keys(query).length === 0) throw new Error(`${name}: table access without partitions (declare keys)`);
  return { read, write, query };
}

/** A function's memory in MB (and so its CPU share in Lambda): what CDK sets. */
export function memoryOf(name: FunctionName): number {
  const decl: FunctionDecl = functions[name];
  return decl.memoryMb ?? DEFAULT_MEMORY_MB;
}

/** A function's timeout in seconds: CDK sets it, the local stack gives each invocation that deadline. */
export function timeoutOf(name: FunctionName): number {
  const decl: FunctionDecl = functions[name];
  return decl.timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS;
}
