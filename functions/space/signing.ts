import { createPrivateKey, createPublicKey, hkdfSync, sign, type KeyObject } from 'node:crypto';
import { SPACE_SIGNING_KEY_LOCAL_ENV } from '../../shared/secrets.js';
import { isLocalStack, readSecret, secretArn } from '../lib/secrets.js';

/**
 * The Ed25519 key that signs her chain's head on export. In AWS the private key follows from the
 * `spaceSigningKey` secret's value (HKDF-SHA-256, like the VAPID key: no bootstrap step); locally from
 * the stand-in seed the local stack keeps in its data dir (SPACE_SIGNING_KEY).
 */
const PKCS8_ED25519 = Buffer.from('302e020100300506032b657004220420', 'hex');

export interface SigningKey {
  privateKey: KeyObject;
  /** Raw 32 bytes, base64. */
  publicKey: string;
}

export function signingKeyFrom(value: string): SigningKey {
  if (value.trim().length < 32) throw new Error('The spaceSigningKey value must be at least 32 characters');
  const seed = Buffer.from(hkdfSync('sha256', value.trim(), Buffer.alloc(0), 'oneroof space ed25519', 32));
  const privateKey = createPrivateKey({ key: Buffer.concat([PKCS8_ED25519, seed]), format: 'der', type: 'pkcs8' });
  const spki = createPublicKey(privateKey).export({ format: 'der', type: 'spki' });
  return { privateKey, publicKey: spki.subarray(spki.length - 32).toString('base64') };
}

let cached: Promise<SigningKey> | undefined;

export function signingKey(): Promise<SigningKey> {
  if (!cached) {
    const local = process.env[SPACE_SIGNING_KEY_LOCAL_ENV];
    if (secretArn('spaceSigningKey')) cached = readSecret('spaceSigningKey').then(signingKeyFrom);
    else if (isLocalStack() && local) cached = Promise.resolve(signingKeyFrom(local));
    else cached = Promise.reject(new Error('No space signing key: bind the spaceSigningKey secret (shared/secrets.ts)'));
    cached.catch(() => {
      cached = undefined;
    });
  }
  return cached;
}

export async function signStatement(statement: string): Promise<{ signature: string; publicKey: string }> {
  const key = await signingKey();
  return { signature: sign(null, Buffer.from(statement, 'utf8'), key.privateKey).toString('base64'), publicKey: key.publicKey };
}
