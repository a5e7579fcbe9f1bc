/**
 * Her space's keys and sealing, in the browser (and in Node's `globalThis.crypto` for tests). Pure Web
 * Crypto, no dependency: the server never sees the passphrase or the content key (functions/space/README.md).
 *
 * passphrase ─PBKDF2-SHA-256 (600,000 iterations, OWASP 2023)→ 32-byte master ─HKDF-SHA-256→
 *   - `lookupId`: which space (hex; the server's partition key),
 *   - `authSecret`: proves she holds the passphrase (the server keeps only its scrypt hash),
 *   - the AES-256-GCM content key (non-extractable; it never leaves this module's CryptoKey).
 * Distinct HKDF `info` strings keep the three independent: knowing the id or the secret gives nothing
 * of the content key.
 */

export const PBKDF2_ITERATIONS = 600_000;
/** Fixed: the lookup id must follow from the passphrase alone (she types nothing else). */
const SALT = 'oneroof/space/v1';
const subtle = () => globalThis.crypto.subtle;
const utf8 = (s: string) => new TextEncoder().encode(s);

export function toBase64(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

export function fromBase64(text: string): Uint8Array<ArrayBuffer> {
  const s = atob(text);
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}

export const toHex = (bytes: Uint8Array) => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');

/** NFKC, trimmed, inner white space as one space: the same words always give the same keys. */
export function normalizePassphrase(passphrase: string): string {
  return passphrase.normalize('NFKC').trim().replace(/\s+/g, ' ');
}

/** 6 to 8 digits and nothing else: the shape of the duress code (never a passphrase). */
export const isDuressShaped = (entry: string) => /^\d{6,8}$/.test(entry.trim());

export type PassphraseProblem = 'duressShaped' | 'tooShort';

/** The rule: at least 10 characters, or 3 words; never 6–8 digits only (that is the duress code's shape). */
export function passphraseProblem(passphrase: string): PassphraseProblem | undefined {
  const p = normalizePassphrase(passphrase);
  if (isDuressShaped(p)) return 'duressShaped';
  if ([...p].length >= 10 || p.split(' ').filter(Boolean).length >= 3) return undefined;
  return 'tooShort';
}

export interface SpaceKeys {
  lookupId: string;
  authSecret: string;
  contentKey: CryptoKey;
}

async function hkdfBits(master: CryptoKey, info: string): Promise<Uint8Array<ArrayBuffer>> {
  return new Uint8Array(await subtle().deriveBits({ name: 'HKDF', hash: 'SHA-256', salt: new Uint8Array(32), info: utf8(info) }, master, 256));
}

export async function deriveSpaceKeys(passphrase: string, iterations = PBKDF2_ITERATIONS): Promise<SpaceKeys> {
  const pass = await subtle().importKey('raw', utf8(normalizePassphrase(passphrase)), 'PBKDF2', false, ['deriveBits']);
  const master = new Uint8Array(await subtle().deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt: utf8(SALT), iterations }, pass, 256));
  const hkdf = await subtle().importKey('raw', master, 'HKDF', false, ['deriveBits']);
  master.fill(0);
  const [lookup, auth, content] = await Promise.all([
    hkdfBits(hkdf, 'oneroof space lookup'),
    hkdfBits(hkdf, 'oneroof space auth'),
    hkdfBits(hkdf, 'oneroof space content'),
  ]);
  const contentKey = await subtle().importKey('raw', content, { name: 'AES-GCM' }, false, ['encrypt', 'decrypt']);
  content.fill(0);
  return { lookupId: toHex(lookup), authSecret: toBase64(auth).replace(/=+$/, ''), contentKey };
}

export interface Sealed {
  /** Base64 of the 12-byte nonce. */
  iv: string;
  /** Base64 of AES-GCM's ciphertext and tag. */
  ct: string;
}

/**
 * `aad` binds a ciphertext to its place (`journal:3`, `plan`, `photo:<id>`): moved to another item,
 * it no longer opens.
 */
export async function sealBytes(key: CryptoKey, plain: Uint8Array<ArrayBuffer>, aad: string): Promise<Sealed> {
  const iv = globalThis.crypto.getRandomValues(new Uint8Array(12));
  const ct = new Uint8Array(await subtle().encrypt({ name: 'AES-GCM', iv, additionalData: utf8(aad) }, key, plain));
  return { iv: toBase64(iv), ct: toBase64(ct) };
}

export async function openBytes(key: CryptoKey, sealed: Sealed, aad: string): Promise<Uint8Array<ArrayBuffer>> {
  const plain = await subtle().decrypt({ name: 'AES-GCM', iv: fromBase64(sealed.iv), additionalData: utf8(aad) }, key, fromBase64(sealed.ct));
  return new Uint8Array(plain);
}

export const sealJson = (key: CryptoKey, value: unknown, aad: string) => sealBytes(key, utf8(JSON.stringify(value)), aad);

export async function openJson<T>(key: CryptoKey, sealed: Sealed, aad: string): Promise<T> {
  return JSON.parse(new TextDecoder().decode(await openBytes(key, sealed, aad))) as T;
}

export async function sha256Hex(bytes: Uint8Array<ArrayBuffer>): Promise<string> {
  return toHex(new Uint8Array(await subtle().digest('SHA-256', bytes)));
}

/** Where each kind of item's ciphertext belongs (its AAD). */
export const aadOf = {
  plan: () => 'plan',
  selfCheck: () => 'self-check',
  entry: (seq: number) => `journal:${seq}`,
  photo: (id: string) => `photo:${id}`,
  callback: (id: string) => `callback:${id}`,
};
