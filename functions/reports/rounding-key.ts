import { createHmac } from 'node:crypto';
import type { Draw } from '../../shared/reports/rounding.js';
import { REPORT_ROUNDING_KEY_LOCAL_ENV } from '../../shared/secrets.js';
import { SecretKeySource, type KeySource } from '../cases/victim-key.js';
import { isLocalStack, secretArn } from '../lib/secrets.js';

/**
 * Where the rounding key comes from: in AWS the Secrets Manager secret `reportRoundingKey`
 * (shared/secrets.ts, ARN in REPORT_ROUNDING_KEY_SECRET_ARN), read once at cold start, so the reports
 * function only reads the table; in the local stack only, REPORT_ROUNDING_KEY (base64, at least 32
 * bytes), which the local stack keeps in its data directory. Anywhere else without the secret the
 * function fails at load.
 */
export function roundingKeySource(): KeySource {
  if (secretArn('reportRoundingKey')) return new SecretKeySource('reportRoundingKey');
  if (!isLocalStack()) throw new Error('Missing required environment variable REPORT_ROUNDING_KEY_SECRET_ARN (the local key is for the local stack only)');
  const key = Buffer.from(process.env[REPORT_ROUNDING_KEY_LOCAL_ENV] ?? '', 'base64');
  if (key.length < 32) throw new Error(`${REPORT_ROUNDING_KEY_LOCAL_ENV} must be set to a key of at least 32 bytes (base64) in the local stack`);
  return { key: async () => key };
}

/**
 * The report's random source: HMAC-SHA-256(key, label) read as a number in [0, 1). Stable — the same
 * cell with the same count always gets the same draw, so repeated or overlapping requests publish the
 * same figures — and unpredictable without the key, so a reader cannot replay the rounding to undo it.
 */
export function keyedDraw(key: Buffer): Draw {
  return (label) => createHmac('sha256', key).update(label, 'utf8').digest().readUIntBE(0, 6) / 2 ** 48;
}
