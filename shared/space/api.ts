import * as z from 'zod';
import { ulidId } from '../primitives.js';
import { phoneSchema } from '../catalog/schemas.js';
import type { CapabilityContract, HeaderParam } from '../contract.js';
import { contactChoicesSchema } from '../bookings/api.js';
import { caseCodeSchema } from '../fjc/api.js';
import { ZONE_IDS } from '../zones-list.js';
import { safetyPlanSchema } from './plan.js';

/**
 * Her own space: the contract (functions/space/README.md). Every route is public on the victim origin
 * and authorised by the auth secret derived in her browser (shared/space/crypto.ts), sent in a header,
 * never in the URL. Bodies carry ciphertext the server cannot read, except where she shares or asks for
 * a call-back: then what the officer must see is sent in clear over TLS and sealed at rest by the server.
 */

export const SPACE_ID_HEADER = 'x-space-id';
export const SPACE_AUTH_HEADER = 'x-space-auth';

export const spaceIdSchema = z
  .string()
  .regex(/^[0-9a-f]{64}$/, 'The space id: 64 lower-case hex digits (derived from the passphrase)')
  .describe('Which space: derived from her passphrase in the browser (HKDF "lookup")');
export const authSecretSchema = z
  .string()
  .regex(/^[A-Za-z0-9+/]{43}$/, 'The space auth secret: 43 base64 characters (derived from the passphrase)')
  .describe('Proof she holds the passphrase (HKDF "auth"); the server keeps only its scrypt hash');

export const spaceHeaders: readonly HeaderParam[] = [
  { name: SPACE_ID_HEADER, required: true, description: 'The space id (64 hex digits)', schema: spaceIdSchema },
  { name: SPACE_AUTH_HEADER, required: true, description: 'The auth secret (43 base64 characters); never in the URL', schema: authSecretSchema },
];

const b64 = (max: number, what: string) =>
  z
    .string()
    .min(4)
    .max(max, `${what} too large (at most ${max} base64 characters)`)
    .regex(/^[A-Za-z0-9+/]+={0,2}$/, `${what}: base64`)
    .describe(`${what}, base64`);
const ivSchema = z
  .string()
  .regex(/^[A-Za-z0-9+/]{16}$/, 'The 12-byte AES-GCM nonce, base64 (16 characters)')
  .describe('AES-GCM nonce (12 bytes, base64)');
const hashSchema = z
  .string()
  .regex(/^[0-9a-f]{64}$/, 'A SHA-256 hash: 64 lower-case hex digits')
  .describe('SHA-256, hex');

/** One request's ciphertext: the API takes bodies of at most 64 KB (functions/lib/http.ts); a photo goes in parts. */
export const MAX_CT = 60_000;
/** A photo is downscaled in the browser until its ciphertext fits this many parts. */
export const MAX_PHOTO_PARTS = 8;
const sealedSchema = z.strictObject({ iv: ivSchema, ct: b64(8_000, 'The ciphertext') });

export const planBody = z.strictObject({
  iv: ivSchema,
  ct: b64(MAX_CT, 'The plan ciphertext'),
  expectedVersion: z.number().int().min(0).describe('The version she read (0: none yet); a stale one is refused (409)'),
});
export const selfCheckBody = z.strictObject({ iv: ivSchema, ct: b64(16_000, 'The self-check ciphertext') });
export const entryBody = z.strictObject({
  seq: z.number().int().min(1).max(1_000_000).describe('The next number: head + 1'),
  prevHash: hashSchema.describe('The current head hash (GENESIS for the first entry); another head is refused (409)'),
  iv: ivSchema,
  ct: b64(MAX_CT, 'The entry ciphertext'),
  hash: hashSchema.describe('SHA-256(prevHash ‖ seq ‖ iv ‖ ct), checked by the server'),
});
export const photoIdSchema = z
  .string()
  .regex(/^[0-9a-f]{32}$/, 'A photo id: 32 hex digits (random, made in the browser)')
  .describe('A photo id (random)');
export const photoBody = z
  .strictObject({
    id: photoIdSchema,
    part: z
      .number()
      .int()
      .min(0)
      .max(MAX_PHOTO_PARTS - 1)
      .describe('Which part of the ciphertext (from 0)'),
    parts: z.number().int().min(1).max(MAX_PHOTO_PARTS).describe('How many parts the ciphertext has'),
    iv: ivSchema,
    ct: z
      .string()
      .min(1)
      .max(MAX_CT, `A part of at most ${MAX_CT} characters`)
      .regex(/^[A-Za-z0-9+/=]+$/, 'base64')
      .describe('This part of the base64 ciphertext'),
  })
  .refine((b) => b.part < b.parts, { message: 'part must be below parts', path: ['part'] });

export const CALLBACK_FROM = ['police', 'fjc'] as const;
export const SAFE_TIMES = ['morning', 'afternoon', 'evening'] as const;
export const callbackIdSchema = z
  .string()
  .regex(/^[0-9a-f]{32}$/, 'A call-back id: 32 hex digits')
  .describe('A call-back request id (random, made in the browser: a retry is the same request)');
export const callbackBody = z.strictObject({
  id: callbackIdSchema,
  from: z.enum(CALLBACK_FROM).describe('Who calls her back: the police social service or an FJC partner'),
  zone: z.enum(ZONE_IDS).describe('Her police zone (used when her space is not linked to a case)'),
  phone: phoneSchema.describe('The number to call (sealed at rest; never in a message)'),
  safeTimes: z.array(z.enum(SAFE_TIMES)).min(1, 'Pick at least one safe time').max(3).describe('When a call is safe'),
  voicemail: z.boolean().describe('Whether leaving a voicemail is safe'),
  language: z.enum(['nl', 'fr', 'en', 'ar', 'de', 'tr']).describe('The language she prefers'),
  mine: sealedSchema.describe('Her own encrypted copy, shown in her space'),
});
export const linkBody = z.strictObject({ code: caseCodeSchema.describe('The case code her case director gave her') });
/**
 * Her safe-contact choices for the police social service, as a booking asks them (the same fields and
 * rules, shared/bookings/api.ts): they replace the ones on her linked police case, which the officer reads
 * before calling. Sent in clear over TLS only because the officer must read them; sealed at rest with the case.
 */
export const safeContactBody = contactChoicesSchema
  .pick({ safeContact: true, language: true })
  .extend({ interpreter: z.boolean().default(false).describe('Whether she needs an interpreter') })
  .describe('When and how the police social service may contact her safely');

const sharedEntry = z.strictObject({
  seq: z.number().int().min(1),
  hash: hashSchema,
  receivedAt: z.string().max(40),
  text: z.string().max(20_000),
});
export const shareBody = z
  .strictObject({
    code: caseCodeSchema.describe('The case code of the case she shares with'),
    plan: safetyPlanSchema.optional().describe('Her safety plan, decrypted in her browser'),
    entries: z.array(sharedEntry).max(500).optional().describe('The journal entries she chose, decrypted in her browser'),
  })
  .refine((b) => b.plan !== undefined || (b.entries?.length ?? 0) > 0, { message: 'Choose the plan or at least one entry', path: ['entries'] });
export const shareIdSchema = ulidId('SH', 'a share');

// ---- answers

export interface StoredEntry {
  seq: number;
  prevHash: string;
  iv: string;
  ct: string;
  hash: string;
  /** The server's receipt time. */
  receivedAt: string;
}
export interface ShareSummary {
  id: string;
  caseId: string;
  plan: boolean;
  entries: number[];
  sharedAt: string;
}
export interface SpaceContents {
  head: { seq: number; hash: string };
  plan?: { iv: string; ct: string; version: number };
  selfCheck?: { iv: string; ct: string };
  entries: StoredEntry[];
  photos: { id: string; iv: string; ct: string }[];
  callbacks: { id: string; iv: string; ct: string; requestedAt: string }[];
  shares: ShareSummary[];
  linked: boolean;
  /** Her linked family case came from the police: she can update the safe contact its officer reads. */
  policeLinked: boolean;
}
/** The answer of PUT /api/space/safe-contact. */
export interface SafeContactUpdated {
  updated: true;
  at: string;
}
/** A call-back request as the staff who call her back read it (GET /api/callbacks/{id}). */
export interface CallbackView {
  id: string;
  from: (typeof CALLBACK_FROM)[number];
  zone: string;
  /** The police case it came with, when her space is linked to one. */
  caseId?: string;
  /** The officer it names (the police case's officer), if any. */
  officer?: string;
  phone: string;
  safeTimes: (typeof SAFE_TIMES)[number][];
  voicemail: boolean;
  language: string;
  requestedAt: string;
  /** Marked done by the staff member who called her back (POST /api/callbacks/{id}/done). */
  done?: CallbackDone;
}
/** Who marked a call-back done, and when. */
export interface CallbackDone {
  at: string;
  by: string;
}
/** The answer of POST /api/callbacks/{id}/done. */
export interface CallbackDoneAnswer {
  id: string;
  done: CallbackDone;
  /** True when it was marked done before: nothing changed. */
  alreadyDone: boolean;
}
export interface SpaceExport {
  /** The exact text the server signed (JSON): space id, head, receipts, time of signing. */
  statement: string;
  /** Ed25519 signature of `statement`, base64. */
  signature: string;
  /** The server's Ed25519 public key, raw 32 bytes, base64. */
  publicKey: string;
}

const auth = { headers: spaceHeaders };
const guarded = {
  401: { description: 'Wrong or unknown passphrase (the same answer for both)' },
  429: { description: 'Too many wrong passphrases from this connection; try later' },
};
const codeAnswers = { 404: { description: 'Unknown case code' } };

export const spaceContract = {
  'POST /api/space': {
    ...auth,
    responses: { 201: { description: 'Her space, created' }, 409: { description: 'A space with this passphrase exists' }, 429: guarded[429] },
  },
  'GET /api/space': { ...auth, responses: { 200: { description: 'Everything in her space, encrypted' }, ...guarded } },
  'DELETE /api/space': { ...auth, responses: { 200: { description: 'Her space erased, shares withdrawn' }, ...guarded } },
  'PUT /api/space/plan': {
    ...auth,
    body: planBody,
    responses: { 200: { description: 'The new version' }, 409: { description: 'Changed meanwhile' }, ...guarded },
  },
  'PUT /api/space/self-check': { ...auth, body: selfCheckBody, responses: { 200: { description: 'Saved' }, ...guarded } },
  'POST /api/space/journal': {
    ...auth,
    body: entryBody,
    responses: { 201: { description: 'Appended, with the receipt time' }, 409: { description: 'Not on the current head: nothing written' }, ...guarded },
  },
  'POST /api/space/photos': {
    ...auth,
    body: photoBody,
    responses: { 201: { description: 'This part stored' }, 409: { description: 'That part exists' }, ...guarded },
  },
  'POST /api/space/callbacks': {
    ...auth,
    body: callbackBody,
    responses: {
      201: { description: 'Requested: the officer is reminded' },
      503: { description: 'Stored, but the reminder could not be sent yet; send again' },
      ...guarded,
    },
  },
  'PUT /api/space/safe-contact': {
    ...auth,
    body: safeContactBody,
    responses: {
      200: { description: 'The safe contact on her police case replaced; the officer reads it before calling (audited on the case)' },
      409: { description: 'Her space is not linked to a police case, or that case is closed' },
      ...guarded,
    },
  },
  'POST /api/space/link': { ...auth, body: linkBody, responses: { 200: { description: 'Linked to the case' }, ...codeAnswers, ...guarded } },
  'POST /api/space/shares': { ...auth, body: shareBody, responses: { 201: { description: 'Shared with the case' }, ...codeAnswers, ...guarded } },
  'DELETE /api/space/shares/{id}': {
    ...auth,
    params: { id: shareIdSchema },
    responses: { 200: { description: 'Revoked: the shared copy is deleted' }, 404: { description: 'No such share' }, ...guarded },
  },
  'POST /api/space/export': { ...auth, responses: { 200: { description: 'The signed statement of her chain' }, ...guarded } },
  'GET /api/callbacks/{id}': {
    params: { id: callbackIdSchema },
    responses: {
      200: { description: 'Her number, safe times, voicemail and language, and who she asked (audited)' },
      404: { description: 'No such call-back, or not one this staff member may open' },
    },
  },
  'POST /api/callbacks/{id}/done': {
    params: { id: callbackIdSchema },
    responses: {
      200: { description: 'Marked done: who and when (audited). Marked again: the first marking, `alreadyDone: true`, nothing changed' },
      404: { description: 'No such call-back, or not one this staff member may open' },
    },
  },
} as const satisfies CapabilityContract<'space'>;
