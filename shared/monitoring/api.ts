import * as z from 'zod';
import type { CapabilityContract } from '../contract.js';

import { instant, ulidId } from '../primitives.js';

const id = z
  .string()
  .min(1)
  .max(128)
  .regex(/^[A-Za-z0-9._:-]+$/, 'Letters, digits and . _ : - only');

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
export const contactReportSchema = z.strictObject({ protectionCode: z.string().min(4).max(40), at: instant.optional() });
export const duressSetSchema = z.strictObject({
  protectionCode: z.string().min(4).max(40),
  /** Absent: remove the duress code. */
  duressCode: z
    .string()
    .regex(/^\d{6,8}$/, '6 to 8 digits')
    .optional(),
});
export const duressSchema = z.strictObject({ code: z.string().min(1).max(40) });
/** The code goes in the body, never the URL. */
export const panicStatusSchema = z.strictObject({
  protectionCode: z.string().min(4).max(40),
  panicId: ulidId('AL', 'a panic'),
});

/** One refused event of a batch: its own 4xx status (400 invalid, 404 no order for the device), where and why. */
export const rejectionSchema = z.object({
  index: z.number().int().min(0),
  status: z.union([z.literal(400), z.literal(404)]),
  eventId: z.string().optional(),
  field: z.string(),
  message: z.string(),
});
export type Rejection = z.infer<typeof rejectionSchema>;

/** The answer to a batch: counts, and every refused event by index (the others were processed). */
export const batchResultSchema = z.object({
  accepted: z.number().int().min(0),
  duplicates: z.number().int().min(0).meta({ description: 'Events already received (same eventId): harmless replays' }),
  rejected: z.array(rejectionSchema),
});
export type BatchResult = z.infer<typeof batchResultSchema>;

/** A panic or contact report was received (alerts follow asynchronously). */
export const receivedSchema = z.object({
  received: z.literal(true),
  at: z.string().meta({ description: 'Server time of receipt (ISO 8601)' }),
  status: z.literal('received').optional().meta({ description: 'Panic only: stored; poll POST /api/panic/status for sent / seen' }),
  panicId: z.string().optional().meta({ description: 'Panic only: the alert raised (absent when collapsed into one raised within the minute)' }),
});
export type Received = z.infer<typeof receivedSchema>;

/** What the victim app may tell her: stored, published to a police channel, acknowledged by an officer. */
export const panicStatusAnswerSchema = z.object({
  panicId: z.string(),
  status: z.enum(['received', 'sent', 'seen']),
  receivedAt: z.string(),
  sentAt: z.string().optional(),
  seenAt: z.string().optional(),
});
export type PanicStatusAnswer = z.infer<typeof panicStatusAnswerSchema>;

const busy = { 503: { description: 'The order changed too often at that moment (nothing of it was saved): send the same request again' } };
const unknownCode = { 404: { description: 'No active order for this protection code' }, 429: { description: 'Too many attempts from this caller' }, ...busy };

export const monitoringContract = {
  'POST /api/monitoring/events': {
    // The handler parses the lenient `batchSchema`, then each event apart (a bad event is refused alone); the
    // document shows what a provider should send.
    body: z.strictObject({ events: z.array(deviceEventSchema).min(1).max(MAX_BATCH) }),
    responses: { 200: { description: 'Processed; refused events are listed by index', schema: batchResultSchema }, ...busy },
  },
  'POST /api/panic': { body: panicSchema, responses: { 202: { description: 'Received', schema: receivedSchema }, ...unknownCode } },
  'POST /api/panic/status': {
    body: panicStatusSchema,
    responses: {
      200: { description: 'How far the panic has gone', schema: panicStatusAnswerSchema },
      404: { description: 'No such panic for this protection code' },
      429: { description: 'Too many attempts from this caller' },
    },
  },
  'POST /api/protection/duress-code': {
    body: duressSetSchema,
    responses: { 204: { description: 'Set (or removed when duressCode is absent)' }, ...unknownCode, 409: { description: 'Choose another duress code' } },
  },
  'POST /api/duress': {
    body: duressSchema,
    responses: {
      202: { description: 'The same answer whether or not the code matched' },
      429: { description: 'Too many attempts from this caller (the same for a right code, which is still honoured)' },
    },
  },
  'POST /api/contact-reports': { body: contactReportSchema, responses: { 202: { description: 'Received', schema: receivedSchema }, ...unknownCode } },
} as const satisfies CapabilityContract<'monitoring'>;
