import * as z from 'zod';
import type { CapabilityContract } from '../contract.js';
import type { TopicName } from '../topics.js';
import { SEVERITIES, type Severity } from '../zones/types.js';

/**
 * The push API: staff register the browsers (work phones) that receive Web Push from the console, and
 * remove them. The subscription's endpoint and keys are stored (functions/push/keys.ts) and never
 * returned; a device is named by an id derived from its endpoint, so registering again is idempotent.
 */
const base64url = (what: string, min: number, max: number) =>
  z
    .string()
    .regex(/^[A-Za-z0-9_-]+={0,2}$/, `${what}: base64url`)
    .min(min)
    .max(max);

/** `PushSubscription.toJSON()` as the browser gives it. */
export const pushSubscriptionSchema = z.strictObject({
  endpoint: z.url({ protocol: /^https?$/ }).max(1024),
  expirationTime: z.number().int().nonnegative().nullable().optional(),
  keys: z.strictObject({
    /** The browser's P-256 public key, uncompressed (65 bytes). */
    p256dh: base64url('p256dh', 86, 88),
    /** The authentication secret (16 bytes). */
    auth: base64url('auth', 22, 24),
  }),
});
export type PushSubscriptionJson = z.infer<typeof pushSubscriptionSchema>;

export const registerDeviceSchema = z.strictObject({
  subscription: pushSubscriptionSchema,
  /** The staff member's own name for the device ("work phone"); never shown in a notification. */
  label: z.string().trim().min(1).max(40).optional(),
  /** Police: alerts below this severity are not pushed to this device (they still show in the console). */
  minSeverity: z.enum(SEVERITIES).default('low'),
});

export const deviceIdSchema = z
  .string()
  .regex(/^PD-[0-9a-f]{24}$/, 'Not a device id')
  .describe('A registered push device: PD- and 24 hex digits');

/** `GET /api/push/key`: what the browser needs to subscribe (`applicationServerKey`), when push is configured. */
export interface PushKey {
  enabled: boolean;
  /** The VAPID public key, base64url (uncompressed P-256 point). */
  publicKey?: string;
}

export interface PushDevice {
  id: string;
  label?: string;
  minSeverity: Severity;
  /** What this device receives, from the roles of the staff member who registered it. */
  topics: TopicName[];
  createdAt: string;
  lastDeliveredAt?: string;
}
export interface PushDeviceList {
  devices: PushDevice[];
}

/**
 * What a push carries (encrypted end to end to the browser): references and a console link only — no
 * name, address, position, phone number or case detail. The service worker shows a neutral text.
 */
export const pushPayloadSchema = z.strictObject({
  v: z.literal(1),
  kind: z.enum(['alert', 'escalation', 'reminder', 'overdue', 'unreachable']),
  /** Alert id, or follow-up id. */
  id: z.string().max(64),
  caseId: z.string().max(64).optional(),
  severity: z.enum(SEVERITIES).optional(),
  urgency: z.enum(['normal', 'urgent']).optional(),
  escalationLevel: z.number().int().positive().optional(),
  /** Absolute link into the staff console (relative when no web origin is configured). */
  url: z.string().max(300),
});
export type PushPayload = z.infer<typeof pushPayloadSchema>;

const byId = { params: { id: deviceIdSchema } };

export const pushContract = {
  'GET /api/push/key': { responses: { 200: { description: 'Whether push is configured, and the VAPID public key' } } },
  'GET /api/push/devices': { responses: { 200: { description: 'My registered devices (no endpoints or keys)' } } },
  'POST /api/push/devices': {
    body: registerDeviceSchema,
    responses: {
      201: { description: 'Registered' },
      200: { description: 'Already registered: updated' },
      409: { description: 'Push is not configured, or this role receives no pushes' },
    },
  },
  'DELETE /api/push/devices/{id}': { ...byId, responses: { 204: { description: 'Removed (also when it was not there)' } } },
} as const satisfies CapabilityContract<'push'>;
