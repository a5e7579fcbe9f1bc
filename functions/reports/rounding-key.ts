import { createHmac } from 'node:crypto';
import type { Draw } from '../../shared/reports/rounding.js';

/** Where the rounding key lives when `REPORT_ROUNDING_KEY` does not set it (created once, conditionally). */
export const ROUNDING_KEY_ITEM = { pk: 'SECRET#REPORT-ROUNDING', sk: 'KEY' } as const;

/**
 * The report's random source: HMAC-SHA-256(key, label) read as a number in [0, 1). Stable — the same
 * cell with the same count always gets the same draw, so repeated or overlapping requests publish the
 * same figures — and unpredictable without the key, so a reader cannot replay the rounding to undo it.
 */
export function keyedDraw(key: Buffer): Draw {
  return (label) => createHmac('sha256', key).update(label, 'utf8').digest().readUIntBE(0, 6) / 2 ** 48;
}
