import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import type { Health } from '../../shared/health/api.js';
import { MethodNotAllowedError, NotFoundError } from '../../shared/errors.js';
import { matchRoute, routeKey } from '../../shared/routes.js';
import { version } from '../../package.json';
import { errorMapper } from '../lib/errors.js';
import { httpApi, type ApiEvent, type ApiResponse } from '../lib/http.js';
import { lambdaContextLogging } from '../lib/logger.js';

const health: Health = { status: 'ok', version };
/**
 * Built on its first request: the document only changes with a deployment. Imported then too, so a
 * cold start for a health check does not build every capability's schemas.
 */
let document: Promise<Record<string, unknown>> | undefined;
const openApi = () => (document ??= import('../../shared/openapi.js').then((m) => m.openApiDocument({ version })));

const api = httpApi('health', {
  'GET /api/health': async () => ({ status: 200, body: health }),
  'GET /api/openapi.json': async () => ({ status: 200, body: await openApi() }),
});

/**
 * The HTTP API's `$default` route also lands here: an unknown path is a 404 JSON, a known path with
 * the wrong method a 405 JSON with `Allow`.
 */
const fallback = middy<ApiEvent, ApiResponse>()
  .use(lambdaContextLogging())
  .use(errorMapper())
  .handler(async (event, context) => {
    const match = matchRoute(event.requestContext.http.method, event.rawPath);
    if (match.kind === 'method-not-allowed') throw new MethodNotAllowedError(match.allowed);
    if (match.kind === 'found' && match.route.function === 'health') return api({ ...event, routeKey: routeKey(match.route) }, context);
    throw new NotFoundError('No such route');
  });

export const handler = (event: ApiEvent, context: Context): Promise<ApiResponse> =>
  event.routeKey === '$default' ? fallback(event, context) : api(event, context);
