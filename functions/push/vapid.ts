import { createECDH, hkdfSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { VAPID_LOCAL_KEYS_ENV, VAPID_SUBJECT_ENV } from '../../shared/push/config.js';
import { isLocalStack, readSecret, secretArn } from '../lib/secrets.js';

export interface VapidKeys {
  /** Uncompressed P-256 public key, base64url (the browser's `applicationServerKey`). */
  publicKey: string;
  /** The 32-byte private scalar, base64url. */
  privateKey: string;
}

/**
 * The VAPID key pair from the secret's value. Secrets Manager generates a random value at deploy; the
 * private key is derived from it with HKDF-SHA-256, so push works from the first deploy without a
 * bootstrap step. An operator who must keep existing browser subscriptions (keys from elsewhere) puts
 * JSON `{"publicKey","privateKey"}` instead.
 */
export function vapidFromSecretValue(value: string): VapidKeys {
  const trimmed = value.trim();
  if (trimmed.startsWith('{')) {
    const parsed = JSON.parse(trimmed) as Partial<VapidKeys>;
    if (typeof parsed.publicKey !== 'string' || typeof parsed.privateKey !== 'string')
      throw new Error('The vapidKeys secret JSON needs publicKey and privateKey');
    return { publicKey: parsed.publicKey, privateKey: parsed.privateKey };
  }
  if (trimmed.length < 32) throw new Error('The vapidKeys secret must be at least 32 characters');
  const scalar = Buffer.from(hkdfSync('sha256', trimmed, Buffer.alloc(0), 'oneroof vapid p-256', 32));
  const ecdh = createECDH('prime256v1');
  // Throws for a scalar outside [1, n-1]: a chance of about 2^-32; a new secret value fixes it.
  ecdh.setPrivateKey(scalar);
  return { publicKey: ecdh.getPublicKey().toString('base64url'), privateKey: scalar.toString('base64url') };
}

let cached: Promise<VapidKeys> | undefined;

/** The key pair, once per execution environment: the secret in AWS, the data dir's file locally. */
export function vapidKeys(): Promise<VapidKeys> {
  if (!cached) {
    if (secretArn('vapidKeys')) cached = readSecret('vapidKeys').then(vapidFromSecretValue);
    else if (isLocalStack() && process.env[VAPID_LOCAL_KEYS_ENV]) {
      const file = process.env[VAPID_LOCAL_KEYS_ENV] as string;
      cached = Promise.resolve().then(() => JSON.parse(readFileSync(file, 'utf8')) as VapidKeys);
    } else cached = Promise.reject(new Error('No VAPID keys: bind the vapidKeys secret (shared/secrets.ts)'));
    cached.catch(() => {
      cached = undefined;
    });
  }
  return cached;
}

/** The VAPID subject, or undefined where push is not configured. */
export function vapidSubject(): string | undefined {
  const raw = process.env[VAPID_SUBJECT_ENV];
  if (raw === undefined || raw.trim() === '') return undefined;
  if (!/^(mailto:[^\s@]+@[^\s@]+|https:\/\/\S+)$/.test(raw))
    throw new Error(`Environment variable ${VAPID_SUBJECT_ENV} must be a mailto: or https: URL, got "${raw}"`);
  return raw;
}
