import type { PersonalDataAccess } from './personal-data.js';
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
  },
  catalog: {
    entry: 'functions/catalog/handler.ts',
    description: 'Contact points and the FJC service catalogue (public reads, coordinator writes)',
    table: 'readWrite',
    publishes: [],
  },
  bookings: {
    entry: 'functions/bookings/handler.ts',
    description: 'Slots and bookings by reference + PIN; coordinator booking lists',
    table: 'readWrite',
    publishes: ['partnerIntake'],
    personalData: { seal: ['booking'], open: ['booking'] },
  },
  cases: {
    entry: 'functions/cases/handler.ts',
    description: 'Cases and follow-ups for social-service officers',
    table: 'readWrite',
    publishes: [],
    personalData: { seal: ['case'], open: ['case'] },
  },
  followupTick: {
    entry: 'functions/followups/tick.ts',
    description: 'Scheduled: reminders for due follow-ups, escalation of overdue ones',
    table: 'readWrite',
    publishes: ['officerReminders', 'supervisorEscalations'],
    timeoutSeconds: 60,
  },
  orders: {
    entry: 'functions/orders/handler.ts',
    description: 'Restraining orders (police)',
    table: 'readWrite',
    publishes: [],
    personalData: { seal: ['order', 'orderState'], open: ['order', 'orderState', 'fix'] },
  },
  monitoring: {
    entry: 'functions/monitoring/handler.ts',
    description: 'Device events from the monitoring provider and panic from the PWA; runs the breach engine',
    table: 'readWrite',
    publishes: [],
    personalData: { seal: ['orderState', 'fix', 'alert'], open: ['order', 'orderState'] },
  },
  watchdog: {
    entry: 'functions/monitoring/watchdog.ts',
    description: 'Scheduled: signal loss for active orders',
    table: 'readWrite',
    publishes: [],
    // The same engine as monitoring, fed by the clock: it never receives a position, so it writes no fix.
    personalData: { seal: ['orderState', 'alert'], open: ['order', 'orderState'] },
    timeoutSeconds: 60,
  },
  alerts: {
    entry: 'functions/alerts/handler.ts',
    description: 'Open alerts for police: list, acknowledge, resolve',
    table: 'readWrite',
    publishes: [],
    personalData: { seal: [], open: ['alert'] },
  },
  alertPublisher: {
    entry: 'functions/alerts/publisher.ts',
    description: 'Stream consumer: publishes new alerts and escalations to SNS (outbox)',
    table: 'readWrite',
    publishes: ['policeAlerts', 'supervisorEscalations'],
    timeoutSeconds: 30,
  },
  alertTick: {
    entry: 'functions/alerts/tick.ts',
    description: 'Scheduled: escalates unacknowledged alerts',
    table: 'readWrite',
    publishes: [],
    timeoutSeconds: 60,
  },
  canary: {
    entry: 'functions/canary/tick.ts',
    description: 'Scheduled: writes a synthetic canary alert that travels the whole alert path (pipeline heartbeat)',
    table: 'readWrite',
    publishes: [],
  },
  canaryReceiver: {
    entry: 'functions/canary/receiver.ts',
    description: 'Subscribed to the police topic (kind canary only): counts each heartbeat that arrived',
    table: 'none',
    publishes: [],
  },
  reports: {
    entry: 'functions/reports/handler.ts',
    description: 'Monthly incidence and prevalence reports, rounded to base 5 (random controlled rounding)',
    // Writes only its rounding key, once (conditional Put of SECRET#REPORT-ROUNDING).
    table: 'readWrite',
    publishes: [],
  },
  audit: {
    entry: 'functions/audit/handler.ts',
    description: 'Reads the append-only audit trail of one entity (and appends a record of that read)',
    // Writes only its own conditional audit Puts; IAM denies update/delete on AUDIT# keys.
    table: 'readWrite',
    publishes: [],
  },
} as const satisfies Record<string, FunctionDecl>;

export type FunctionName = keyof typeof functions;

export const DEFAULT_TIMEOUT_SECONDS = 10;

/** A function's timeout in seconds: CDK sets it, the local stack gives each invocation that deadline. */
export function timeoutOf(name: FunctionName): number {
  const decl: FunctionDecl = functions[name];
  return decl.timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS;
}
