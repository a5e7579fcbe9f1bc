import type middy from '@middy/core';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { DomainError, MethodNotAllowedError } from '../../shared/errors.js';
import { logger } from './logger.js';

export interface ErrorBody {
  error: string;
  message: string;
  field?: string;
}

/**
 * The one place errors become HTTP. Domain errors (a 503 included: its text is written for the caller)
 * and middy's http errors below 500 expose their message; everything else is a 500 with a generic
 * body, and the detail goes to the log only.
 */
export function toHttpError(err: unknown): { status: number; body: ErrorBody; headers?: Record<string, string> } {
  if (err instanceof DomainError) {
    const body: ErrorBody = { error: err.code, message: err.message };
    if (err.field !== undefined) body.field = err.field;
    const headers = err instanceof MethodNotAllowedError ? { allow: err.allowed.join(', ') } : undefined;
    return headers ? { status: err.status, body, headers } : { status: err.status, body };
  }
  const e = err as { statusCode?: unknown; expose?: unknown; message?: unknown };
  if (typeof e?.statusCode === 'number' && e.statusCode >= 400 && e.statusCode < 500) {
    return { status: e.statusCode, body: { error: 'bad_request', message: String(e.message ?? 'Bad request') } };
  }
  return { status: 500, body: { error: 'internal', message: 'Something went wrong on our side' } };
}

export const JSON_HEADERS = {
  'content-type': 'application/json; charset=utf-8',
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
} as const;

export function errorMapper(): middy.MiddlewareObj<unknown, APIGatewayProxyStructuredResultV2> {
  return {
    onError: async (request) => {
      const mapped = toHttpError(request.error);
      if (request.error instanceof DomainError && mapped.status >= 500) {
        // A known, passing condition (contention outlasted the retries, a notifier was down): the
        // caller was told to send again, so a warning, not an error that pages someone.
        logger.warn('Request not completed, to be sent again', { status: mapped.status, code: mapped.body.error });
      } else if (mapped.status >= 500) {
        logger.error('Unhandled error', { error: request.error as Error });
      } else {
        logger.info('Request rejected', { status: mapped.status, code: mapped.body.error, field: mapped.body.field });
      }
      request.response = {
        statusCode: mapped.status,
        headers: { ...JSON_HEADERS, ...(mapped.headers ?? {}) },
        body: JSON.stringify(mapped.body),
      };
    },
  };
}
