import { createHmac, randomBytes, randomInt, scrypt, timingSafeEqual } from 'node:crypto';
import { PIN_LENGTH } from '../../shared/catalog/booking.js';

/**
 * Booking PINs: stored only as a slow hash (scrypt, N = 2^14, r = 8, p = 1, a random 16-byte salt per
 * booking), compared in constant time. Format: `scrypt$N$r$p$<salt b64>$<hash b64>`.
 */
const N = 16_384;
const R = 8;
const P = 1;
const KEYLEN = 32;

function derive(pin: string, salt: Buffer, n = N, r = R, p = P): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(pin, salt, KEYLEN, { N: n, r, p, maxmem: 64 * 1024 * 1024 }, (err, key) => (err ? reject(err) : resolve(key))),
  );
}

export async function hashPin(pin: string): Promise<string> {
  const salt = randomBytes(16);
  const hash = await derive(pin, salt);
  return `scrypt$${N}$${R}$${P}$${salt.toString('base64')}$${hash.toString('base64')}`;
}

export async function verifyPin(pin: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !n || !r || !p || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64');
  const actual = await derive(pin, Buffer.from(salt, 'base64'), Number(n), Number(r), Number(p));
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

/** A hash nobody's PIN matches: verifying against it makes an unknown reference cost as much as a known one. */
let dummy: Promise<string> | undefined;
export function dummyHash(): Promise<string> {
  dummy ??= hashPin(randomBytes(16).toString('hex'));
  return dummy;
}

export function randomPin(): string {
  return String(randomInt(0, 10 ** PIN_LENGTH)).padStart(PIN_LENGTH, '0');
}

/**
 * The PIN of a booking made with an Idempotency-Key: derived from the key (the client's random secret,
 * never stored — Powertools keeps only its hash) and the reference. A retry with the same key gets the
 * same PIN back without the PIN ever being stored in the idempotency record.
 */
export function derivePin(idempotencyKey: string, reference: string): string {
  const mac = createHmac('sha256', idempotencyKey).update(`oneroof/booking-pin/v1|${reference}`).digest();
  return String(mac.readBigUInt64BE(0) % BigInt(10 ** PIN_LENGTH)).padStart(PIN_LENGTH, '0');
}
