import { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { isPersonalField } from '../../shared/personal-data.js';

/** Replaces the value of every personal field (shared/personal-data.ts), at any depth, before it is logged. */
export function redact(_key: string, value: unknown): unknown {
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      out[k] = isPersonalField(k) ? '[redacted]' : v;
    }
    // An Error's name, message and stack are not enumerable: keep what explains it instead of logging
    // `{}`. Its own fields (an SDK error's `Item`…) went through the redaction above; the cause is
    // serialised by this same replacer, so personal fields inside it are redacted too.
    if (value instanceof Error) {
      return { ...out, name: value.name, message: value.message, stack: value.stack, ...(value.cause !== undefined ? { cause: value.cause } : {}) };
    }
    return out;
  }
  return value;
}

export const logger = new Logger({
  // Each Lambda sets its own (infra/aws/function.ts); the local stack runs them all in one process.
  serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'oneroof',
  logLevel: (process.env.LOG_LEVEL as 'INFO' | undefined) ?? 'INFO',
  jsonReplacerFn: redact,
});

/**
 * Middy middleware for every handler kind (HTTP, stream, schedule): the Lambda context (request id,
 * function name, cold start) goes into each log line, and keys appended during one invocation are
 * cleared before the next. The event itself is never logged (it may hold personal data).
 */
export const lambdaContextLogging = () => injectLambdaContext(logger, { clearState: true });
