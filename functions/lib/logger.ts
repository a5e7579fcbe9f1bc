import { Logger } from '@aws-lambda-powertools/logger';
import { isPersonalField } from '../../shared/personal-data.js';

/** Replaces the value of every personal field (shared/personal-data.ts), at any depth, before it is logged. */
export function redact(_key: string, value: unknown): unknown {
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      out[k] = isPersonalField(k) ? '[redacted]' : v;
    }
    return out;
  }
  return value;
}

export const logger = new Logger({
  serviceName: 'oneroof',
  logLevel: (process.env.LOG_LEVEL as 'INFO' | undefined) ?? 'INFO',
  jsonReplacerFn: redact,
});
