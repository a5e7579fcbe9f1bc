import * as z from 'zod';
import type { CapabilityContract } from '../contract.js';
import { ZONE_LABELS, type OrderRecord } from '../zones/index.js';
import { instant, pastDate, ulidId, wallClockTime, zoneId } from '../primitives.js';
import { PARTNERS, type PartnerKind } from '../partners.js';

const deviceId = z
  .string()
  .min(1)
  .max(128)
  .regex(/^[A-Za-z0-9._:-]+$/, 'Letters, digits and . _ : - only');
const point = z.strictObject({ lat: z.number().min(-90).max(90), lon: z.number().min(-180).max(180) });
const hhmm = wallClockTime;

const zone = z
  .strictObject({
    label: z.enum(ZONE_LABELS),
    centre: point,
    alertRadiusM: z.number().min(50).max(20_000),
    preAlertRadiusM: z.number().min(50).max(40_000).optional(),
  })
  .refine((z) => z.preAlertRadiusM === undefined || z.preAlertRadiusM > z.alertRadiusM, {
    message: 'Must be larger than alertRadiusM',
    path: ['preAlertRadiusM'],
  });

const curfew = z.strictObject({
  start: hhmm,
  end: hhmm,
  days: z.array(z.number().int().min(1).max(7)).max(7).optional(),
  centre: point,
  radiusM: z.number().min(50).max(5_000).default(200),
});

const partnerOfKind = (kinds: readonly PartnerKind[], what: string) =>
  z
    .string()
    .refine(
      (id) => PARTNERS.some((p) => p.id === id && (kinds as readonly string[]).includes(p.kind)),
      `A declared partner that runs ${what} (shared/partners.ts)`,
    );

/** The partner kinds that may run each condition (the staff console offers those partners). */
export const PROGRAMME_PARTNER_KINDS = ['perpetrator-programme', 'mental-health'] as const satisfies readonly PartnerKind[];
export const REPORTING_PARTNER_KINDS = ['probation'] as const satisfies readonly PartnerKind[];
export const REPORTING_RHYTHMS = ['week', 'fortnight', 'month'] as const;

/** The respondent's conditions beyond the zones: who runs the programme, who takes the reports, and the rights notice. */
export const perpetratorConditionsSchema = z
  .strictObject({
    programme: z.strictObject({ partner: partnerOfKind(PROGRAMME_PARTNER_KINDS, 'a perpetrator programme or treatment') }).optional(),
    reporting: z
      .strictObject({ partner: partnerOfKind(REPORTING_PARTNER_KINDS, 'the justice house'), every: z.enum(REPORTING_RHYTHMS).default('fortnight') })
      .optional(),
    /** The respondent was told what is kept about them, why and for how long (required with any condition). */
    rightsNoticeGivenAt: instant,
    /** Who gave the notice (a staff username); the officer who saves the order when left out. */
    rightsNoticeGivenBy: z
      .string()
      .trim()
      .min(1)
      .max(64)
      .regex(/^[a-z0-9._-]+$/, 'A staff username: lower-case letters, digits and . _ -')
      .optional(),
  })
  .refine((p) => p.programme !== undefined || p.reporting !== undefined, { message: 'A programme or a reporting condition', path: ['programme'] });

/** The conditions of an order, as police enter them (create and change). */
export const orderBodySchema = z
  .strictObject({
    district: zoneId,
    respondentDeviceId: deviceId,
    /** Pseudonymous: a case id or court reference — never a name. */
    protectedPersonRef: z
      .string()
      .min(1)
      .max(64)
      .regex(/^[A-Za-z0-9._:/-]+$/, 'A reference, not a name: letters, digits and . _ : / -'),
    protectedDeviceId: deviceId.optional(),
    shareProtectedPosition: z.boolean().default(false),
    validFrom: instant,
    validUntil: instant,
    zones: z.array(zone).max(10).default([]),
    movingZone: z
      .strictObject({
        alertRadiusM: z.number().min(50).max(20_000),
        preAlertRadiusM: z.number().min(50).max(40_000).optional(),
        maxPositionAgeMinutes: z.number().int().min(1).max(60).default(5),
      })
      .optional(),
    curfews: z.array(curfew).max(7).default([]),
    noContact: z.boolean().default(true),
    device: z
      .strictObject({
        signalLossMinutes: z
          .number()
          .int()
          .min(1)
          .max(24 * 60)
          .default(10),
        batteryLowPercent: z.number().min(1).max(80).default(15),
      })
      .default({ signalLossMinutes: 10, batteryLowPercent: 15 }),
    fixRetentionDays: z.number().int().min(1).max(365).default(90),
    perpetrator: perpetratorConditionsSchema.optional(),
  })
  .refine((o) => o.validUntil > o.validFrom, { message: 'Must be after validFrom', path: ['validUntil'] })
  .refine((o) => !o.movingZone || (o.protectedDeviceId && o.shareProtectedPosition), {
    message: 'A moving zone needs the protected device and consent to share its position',
    path: ['movingZone'],
  })
  .refine((o) => o.protectedDeviceId !== o.respondentDeviceId, { message: 'Must differ from the respondent device', path: ['protectedDeviceId'] })
  .refine((o) => o.zones.length > 0 || o.movingZone !== undefined || o.curfews.length > 0 || o.noContact, {
    message: 'An order needs at least one condition',
    path: ['zones'],
  });
export type OrderBody = z.infer<typeof orderBodySchema>;

export const changeSchema = z.strictObject({ expectedVersion: z.number().int().min(1), order: orderBodySchema });
export const END_REASONS = ['expired', 'lifted_by_court', 'replaced', 'entered_in_error', 'other'] as const;
export const endSchema = z.strictObject({ reason: z.enum(END_REASONS) });

export const orderIdSchema = ulidId('RO', 'a restraining order');

/** `POST /api/orders/{id}/attendance`: the partner the condition names records one session or report. */
export const ATTENDANCE_CONDITIONS = ['programme', 'reporting'] as const;
/** Missed is a broken condition (an alert); excused (the partner accepted a reason beforehand) is not. */
export const ATTENDANCE_STATUSES = ['attended', 'missed', 'excused'] as const;
export const attendanceSchema = z.strictObject({
  condition: z.enum(ATTENDANCE_CONDITIONS).describe('programme: a session of the programme or treatment; reporting: a report to the justice house'),
  /** The day of the session or of the report that was due. */
  session: pastDate.describe('The day of the session, or of the report that was due (Europe/Brussels, not in the future)'),
  status: z.enum(ATTENDANCE_STATUSES).describe('missed raises a low-severity police alert and an urgent follow-up for the case officer'),
});
export type AttendanceBody = z.infer<typeof attendanceSchema>;

export interface AttendanceRecord extends AttendanceBody {
  id: string;
  orderId: string;
  partner: string;
  recordedAt: string;
  recordedBy: string;
  /** The low-severity police alert a missed session raised (it reaches the case officer as a follow-up too). */
  alertId?: string;
}

/**
 * `GET /api/orders/conditions`: an active order as the partner that runs one of its conditions sees it —
 * what they need to record a session, nothing more: no protected person, no place, no device, no victim data.
 */
export interface PartnerOrder {
  id: string;
  validFrom: string;
  validUntil: string;
  /** The conditions this partner runs (the other partner's is left out). */
  programme?: true;
  reporting?: { every: 'week' | 'fortnight' | 'month' };
  /** What this partner recorded on the order, newest session first. */
  attendance: Pick<AttendanceRecord, 'id' | 'condition' | 'session' | 'status' | 'recordedAt'>[];
}

/** One entry of an order's compliance timeline, oldest first. */
export interface TimelineEntry {
  at: string;
  kind: 'position' | 'alert' | 'attendance';
  /** A broken condition: an alert of a breach kind, a missed session or report. */
  violation: boolean;
  detail: Record<string, string | number | boolean>;
}
export const listOrdersQuery = z.strictObject({ district: zoneId.optional() });

/** An active order as `GET /api/orders` lists it: what and when, not where. */
export interface OrderSummary {
  id: string;
  version: number;
  district: string;
  validFrom: string;
  validUntil: string;
  respondentDeviceId: string;
  conditions: { zones: string[]; movingZone: boolean; curfews: number; noContact: boolean };
}

/** Monitoring status of an order, without positions (those are read, audited, through the positions route). */
export interface OrderMonitoring {
  version: number;
  zones: Record<string, { phase: string; since?: string | undefined }>;
  curfews: Record<string, { phase: string; windowStart?: string | undefined }>;
  lastSeenAt?: string | undefined;
  lastFixAt?: string | undefined;
  signalLost: boolean;
  batteryLow: boolean;
}

/** `GET /api/orders/{id}`: the order with its monitoring status. */
export type OrderView = OrderRecord & { monitoring?: OrderMonitoring | undefined };

/** `POST /api/orders`: the order and its protection code, shown this once (only its hash is stored). */
export interface CreatedOrder {
  order: OrderRecord;
  protectionCode: string;
}

/** A retained position fix of the respondent's device (`GET /api/orders/{id}/positions`, audited). */
export interface PositionFix {
  at: string;
  eventId: string;
  deviceId: string;
  lat: number;
  lon: number;
  accuracy: number;
  outOfOrder?: boolean;
  alertIds?: string[];
  /** TTL (epoch seconds) unless the fix belongs to an alert. */
  expiresAt?: number;
}

const byId = { params: { id: orderIdSchema } };
const notFound = { 404: { description: 'No such order' } };

export const ordersContract = {
  'POST /api/orders': {
    body: orderBodySchema,
    responses: { 201: { description: 'The order and its protection code (shown this once)', headers: { location: 'The order' } } },
  },
  'GET /api/orders': { query: listOrdersQuery, responses: { 200: { description: 'Active orders (audited)' } } },
  'GET /api/orders/{id}': { ...byId, responses: { 200: { description: 'The order with its monitoring status (audited)' }, ...notFound } },
  'PUT /api/orders/{id}': {
    ...byId,
    body: changeSchema,
    responses: { 200: { description: 'The new version' }, ...notFound, 409: { description: 'Another version was saved meanwhile, or the order has ended' } },
  },
  'POST /api/orders/{id}/end': {
    ...byId,
    body: endSchema,
    responses: { 200: { description: 'The ended order' }, ...notFound, 409: { description: 'Already ended' } },
  },
  'POST /api/orders/{id}/protection-code': {
    ...byId,
    responses: {
      201: { description: 'A new protection code, shown once; the old one stops working (audited)' },
      ...notFound,
      409: { description: 'The order has ended, or changed meanwhile' },
    },
  },
  'GET /api/orders/{id}/positions': { ...byId, responses: { 200: { description: 'Retained position fixes (audited)' }, ...notFound } },
  'GET /api/orders/conditions': {
    responses: {
      200: {
        description:
          "The active orders with a programme or justice-house condition the caller's organisation runs (the token's partner): ids, validity, the conditions it runs and what it recorded, no victim data (audited)",
      },
    },
  },
  'POST /api/orders/{id}/attendance': {
    ...byId,
    body: attendanceSchema,
    responses: {
      201: { description: 'Recorded (audited); a missed session raises a low-severity police alert, which reaches the case officer' },
      404: { description: 'No such order, or no condition of it that your organisation runs' },
    },
  },
  'GET /api/orders/{id}/timeline': {
    ...byId,
    responses: { 200: { description: 'Position fixes (times only), alerts, attendance and violations, oldest first (audited)' }, ...notFound },
  },
} as const satisfies CapabilityContract<'orders'>;
