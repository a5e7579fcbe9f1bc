import * as z from 'zod';

/** Instants are normalized to `toISOString()` so stored strings sort and compare as times. */
export const instant = z.iso.datetime({ offset: true }).transform((s) => new Date(s).toISOString());

const id = z.string().min(1).max(128).regex(/^[A-Za-z0-9._:-]+$/, 'Letters, digits and . _ : - only');

const base = { eventId: id, deviceId: id, at: instant };

export const deviceEventSchema = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('position'),
    ...base,
    lat: z.number().min(-90).max(90),
    lon: z.number().min(-180).max(180),
    accuracy: z.number().min(0).max(100_000),
  }),
  z.strictObject({ type: z.literal('tamper'), ...base, detail: z.enum(['strap', 'case', 'other']).default('strap') }),
  z.strictObject({ type: z.literal('battery'), ...base, level: z.number().min(0).max(100) }),
  z.strictObject({ type: z.literal('heartbeat'), ...base }),
]);
export type DeviceEventInput = z.infer<typeof deviceEventSchema>;

export const MAX_BATCH = 100;
export const batchSchema = z.strictObject({ events: z.array(z.unknown()).min(1).max(MAX_BATCH) });

export const positionSchema = z.strictObject({
  lat: z.number().min(-90).max(90),
  lon: z.number().min(-180).max(180),
  accuracy: z.number().min(0).max(100_000).default(50),
});

export const panicSchema = z.strictObject({ protectionCode: z.string().min(4).max(40), position: positionSchema.optional() });
export const duressSetSchema = z.strictObject({
  protectionCode: z.string().min(4).max(40),
  /** Absent: remove the duress code. */
  duressCode: z.string().regex(/^\d{6,8}$/, '6 to 8 digits').optional(),
});
export const duressSchema = z.strictObject({ code: z.string().min(1).max(40) });
export const contactReportSchema = z.strictObject({ protectionCode: z.string().min(4).max(40), at: instant.optional() });
