import type { PersonalDataAccess } from './personal-data.js';
import type { SecretName } from './secrets.js';
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
  /** Topics the function publishes to. */
  publishes: readonly TopicName[];
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
    publishes: [],
    secrets: ['originVerify'],
    reservedConcurrency: 10,
  },
  bookings: {
    entry: 'functions/bookings/handler.ts',
    description: 'Slots and bookings by reference + PIN; coordinator booking lists',
    table: 'readWrite',
    publishes: ['partnerIntake'],
    personalData: { seal: ['booking'], open: ['booking'] },
    secrets: ['originVerify'],
    reservedConcurrency: 20,
  },
  cases: {
    entry: 'functions/cases/handler.ts',
    description: 'Cases and follow-ups for social-service officers',
    table: 'readWrite',
    publishes: [],
    personalData: { seal: ['case'], open: ['case'] },
    secrets: ['caseRefHmacKey', 'originVerify'],
  },
  followupTick: {
    entry: 'functions/followups/tick.ts',
    description: 'Scheduled: reminders for due follow-ups, escalation of overdue ones',
    table: 'readWrite',
    publishes: ['officerReminders', 'supervisorEscalations'],
    secrets: [],
    timeoutSeconds: 60,
  },
  orders: {
    entry: 'functions/orders/handler.ts',
    description: 'Restraining orders (police)',
    table: 'readWrite',
    publishes: [],
    personalData: { seal: ['order', 'orderState'], open: ['order', 'orderState', 'fix'] },
    secrets: ['originVerify'],
  },
  monitoring: {
    entry: 'functions/monitoring/handler.ts',
    description: 'Device events from the monitoring provider and panic from the PWA; runs the breach engine',
    table: 'readWrite',
    publishes: [],
    personalData: { seal: ['orderState', 'fix', 'alert'], open: ['order', 'orderState'] },
    secrets: ['originVerify'],
    reservedConcurrency: 50,
  },
  watchdog: {
    entry: 'functions/monitoring/watchdog.ts',
    description: 'Scheduled: signal loss for active orders',
    table: 'readWrite',
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
    publishes: [],
    personalData: { seal: [], open: ['alert'] },
    secrets: ['originVerify'],
    reservedConcurrency: 10,
  },
  alertPublisher: {
    entry: 'functions/alerts/publisher.ts',
    description: 'Stream consumer: publishes new alerts and escalations to SNS (outbox)',
    table: 'readWrite',
    publishes: ['policeAlerts', 'supervisorEscalations'],
    secrets: [],
    reservedConcurrency: 5,
    timeoutSeconds: 30,
  },
  alertTick: {
    entry: 'functions/alerts/tick.ts',
    description: 'Scheduled: escalates unacknowledged alerts',
    table: 'readWrite',
    publishes: [],
    secrets: [],
    timeoutSeconds: 60,
  },
  canary: {
    entry: 'functions/canary/tick.ts',
    secrets: [],
    description: 'Scheduled: writes a synthetic canary alert that travels the whole alert path (pipeline heartbeat)',
    table: 'readWrite',
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
    publishes: [],
    secrets: ['vapidKeys', 'originVerify'],
  },
  pushSender: {
    entry: 'functions/push/sender.ts',
    description: 'Subscribed to police alerts, officer reminders and supervisor escalations: sends Web Push to the devices each is for',
    // Reads devices; removes the ones the push service says are gone (404/410) and notes deliveries.
    table: 'readWrite',
    publishes: [],
    secrets: ['vapidKeys'],
    timeoutSeconds: 30,
  },
  reports: {
    entry: 'functions/reports/handler.ts',
    description: 'Monthly incidence and prevalence reports, rounded to base 5 (random controlled rounding)',
    // Writes only its rounding key, once (conditional Put of SECRET#REPORT-ROUNDING).
    table: 'readWrite',
    publishes: [],
    secrets: ['originVerify'],
  },
  audit: {
    entry: 'functions/audit/handler.ts',
    description: 'Reads the append-only audit trail of one entity (and appends a record of that read)',
    // Writes only its own conditional audit Puts; IAM denies update/delete on AUDIT# keys.
    table: 'readWrite',
    publishes: [],
    secrets: ['originVerify'],
  },
  auditDigest: {
    entry: 'functions/audit/digest-handler.ts',
    description: 'Scheduled daily: hash-chain digest of the audit records into write-once storage',
    table: 'read',
    publishes: [],
    secrets: [],
    timeoutSeconds: 300,
  },
} as const satisfies Record<string, FunctionDecl>;

export type FunctionName = keyof typeof functions;

export const DEFAULT_TIMEOUT_SECONDS = 10;

/** A function's timeout in seconds: CDK sets it, the local stack gives each invocation that deadline. */
export function timeoutOf(name: FunctionName): number {
  const decl: FunctionDecl = functions[name];
  return decl.timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS;
}
