import middy from '@middy/core';
import { MethodNotAllowedError, NotFoundError } from '../../shared/errors.js';
import { matchRoute } from '../../shared/routes.js';
import { version } from '../../package.json';
import { errorMapper } from '../lib/errors.js';
import { httpApi, toResponse, type ApiEvent, type ApiResponse } from '../lib/http.js';

const api = httpApi('health', {
  'GET /api/health': async () => ({ status: 200, body: { status: 'ok', version } }),
});

/**
 * The HTTP API's `$default` route also lands here: an unknown path is a 404 JSON, a known path with
 * the wrong method a 405 JSON with `Allow`.
 */
const fallback = middy<ApiEvent, ApiResponse>()
  .use(errorMapper())
  .handler(async (event) => {
    const match = matchRoute(event.requestContext.http.method, event.rawPath);
    if (match.kind === 'method-not-allowed') throw new MethodNotAllowedError(match.allowed);
    if (match.kind === 'found' && match.route.function === 'health') return toResponse({ status: 200, body: { status: 'ok', version } });
    throw new NotFoundError('No such route');
  });

export const handler = (event: ApiEvent, context: import('aws-lambda').Context): Promise<ApiResponse> =>
  event.routeKey === '$default' ? fallback(event, context) : api(event, context);
