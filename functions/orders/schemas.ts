import * as z from 'zod';
import { ZONE_LABELS } from '../../shared/zones/index.js';
import { instant, wallClockTime, zoneId } from '../../shared/primitives.js';

const deviceId = z.string().min(1).max(128).regex(/^[A-Za-z0-9._:-]+$/, 'Letters, digits and . _ : - only');
const point = z.strictObject({ lat: z.number().min(-90).max(90), lon: z.number().min(-180).max(180) });
const hhmm = wallClockTime;

const zone = z
  .strictObject({
    label: z.enum(ZONE_LABELS),
    centre: point,
    alertRadiusM: z.number().min(50).max(20_000),
    preAlertRadiusM: z.number().min(50).max(40_000).optional(),
  })
  .refine((z) => z.preAlertRadiusM === undefined || z.preAlertRadiusM > z.alertRadiusM, { message: 'Must be larger than alertRadiusM', path: ['preAlertRadiusM'] });

const curfew = z.strictObject({
  start: hhmm,
  end: hhmm,
  days: z.array(z.number().int().min(1).max(7)).max(7).optional(),
  centre: point,
  radiusM: z.number().min(50).max(5_000).default(200),
});

/** The conditions of an order, as police enter them (create and change). */
export const orderBodySchema = z
  .strictObject({
    district: zoneId,
    respondentDeviceId: deviceId,
    /** Pseudonymous: a case id or court reference — never a name. */
    protectedPersonRef: z.string().min(1).max(64).regex(/^[A-Za-z0-9._:/-]+$/, 'A reference, not a name: letters, digits and . _ : / -'),
    protectedDeviceId: deviceId.optional(),
    shareProtectedPosition: z.boolean().default(false),
    validFrom: instant,
    validUntil: instant,
    zones: z.array(zone).max(10).default([]),
    movingZone: z
      .strictObject({ alertRadiusM: z.number().min(50).max(20_000), preAlertRadiusM: z.number().min(50).max(40_000).optional(), maxPositionAgeMinutes: z.number().int().min(1).max(60).default(5) })
      .optional(),
    curfews: z.array(curfew).max(7).default([]),
    noContact: z.boolean().default(true),
    device: z.strictObject({ signalLossMinutes: z.number().int().min(1).max(24 * 60).default(10), batteryLowPercent: z.number().min(1).max(80).default(15) }).default({ signalLossMinutes: 10, batteryLowPercent: 15 }),
    fixRetentionDays: z.number().int().min(1).max(365).default(90),
  })
  .refine((o) => o.validUntil > o.validFrom, { message: 'Must be after validFrom', path: ['validUntil'] })
  .refine((o) => !o.movingZone || (o.protectedDeviceId && o.shareProtectedPosition), { message: 'A moving zone needs the protected device and consent to share its position', path: ['movingZone'] })
  .refine((o) => o.protectedDeviceId !== o.respondentDeviceId, { message: 'Must differ from the respondent device', path: ['protectedDeviceId'] })
  .refine((o) => o.zones.length > 0 || o.movingZone !== undefined || o.curfews.length > 0 || o.noContact, { message: 'An order needs at least one condition', path: ['zones'] });
export type OrderBody = z.infer<typeof orderBodySchema>;

export const changeSchema = z.strictObject({ expectedVersion: z.number().int().min(1), order: orderBodySchema });
export const END_REASONS = ['expired', 'lifted_by_court', 'replaced', 'entered_in_error', 'other'] as const;
export const endSchema = z.strictObject({ reason: z.enum(END_REASONS) });
