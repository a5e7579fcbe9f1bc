import middy from '@middy/core';
import httpHeaderNormalizer from '@middy/http-header-normalizer';
import type { APIGatewayProxyEventV2WithJWTAuthorizer, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import type * as z from 'zod';
import type { FunctionName } from '../../shared/functions.js';
import { ForbiddenError, NotFoundError, ValidationError } from '../../shared/errors.js';
import { routeByKey, routeKey, routes, type RouteKeyOf } from '../../shared/routes.js';
import { authorize, principalFrom, type Principal } from './auth.js';
import { cameThroughCloudFront, clientHash, trustedAddress } from './client.js';
import { readSecret, secretArn } from './secrets.js';
import { runsAs } from './table-access.js';
import { errorMapper, JSON_HEADERS } from './errors.js';
import { lambdaContextLogging } from './logger.js';
import { apiMetrics } from './metrics.js';
import { parse } from './validation.js';

export type ApiEvent = APIGatewayProxyEventV2WithJWTAuthorizer;
export type ApiResponse = APIGatewayProxyStructuredResultV2;

export interface ApiRequest {
  routeKey: string;
  pathParameters: Record<string, string>;
  query: Record<string, string>;
  /** Lower-cased header names. */
  headers: Record<string, string>;
  /** Parsed JSON body, or undefined when there is none. */
  body: unknown;
  principal: Principal | null;
  /** The invocation's Lambda context (remaining time, request id). */
  context: Context;
  /** Hash of the trusted client address (functions/lib/client.ts): the key of per-client limits. */
  client: string;
}

export interface ApiResult {
  status: number;
  /** Serialized as JSON unless `text` is given. */
  body?: unknown;
  /** A non-JSON body (e.g. CSV); set `content-type` in headers. */
  text?: string;
  headers?: Record<string, string>;
}

export type Operation = (req: ApiRequest) => Promise<ApiResult>;

const READS_QUERY = Symbol('reads the query string');
type QueryOperation = Operation & { [READS_QUERY]?: true };

/**
 * The one rule for query strings, on every route: a route takes only the query parameters its schema
 * declares. An operation that reads the query is wrapped here, and its schema is made strict, so an
 * unknown parameter is a 400 naming it (`field` = the parameter); a route without `withQuery` refuses
 * any query parameter the same way, before its operation runs.
 */
export function withQuery<S extends z.ZodObject>(schema: S, op: (req: ApiRequest, query: z.infer<S>) => Promise<ApiResult>): Operation {
  const strict = schema.strict();
  const known = new Set(Object.keys(schema.shape));
  const wrapped: QueryOperation = (req) => {
    // An unknown parameter is named first, before any problem with the known ones.
    const unknown = Object.keys(req.query).find((name) => !known.has(name));
    if (unknown !== undefined) throw new ValidationError(unknown, `Unknown query parameter "${unknown}"`);
    return op(req, parse(strict, req.query, 'query') as z.infer<S>);
  };
  wrapped[READS_QUERY] = true;
  return wrapped;
}

function refuseUnknownQuery(operation: QueryOperation, query: Record<string, string>): void {
  if (operation[READS_QUERY]) return;
  const name = Object.keys(query)[0];
  if (name !== undefined) throw new ValidationError(name, `Unknown query parameter "${name}": this route takes none`);
}

const MAX_BODY_BYTES = 64 * 1024;

function parseBody(event: ApiEvent): unknown {
  if (event.body === undefined || event.body === null || event.body === '') return undefined;
  const raw = event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
  if (Buffer.byteLength(raw, 'utf8') > MAX_BODY_BYTES) throw new ValidationError('body', 'Body is too large');
  const type = (event.headers?.['content-type'] ?? '').toLowerCase();
  if (type && !type.includes('json')) throw new ValidationError('body', 'Body must be JSON (content-type: application/json)');
  try {
    return JSON.parse(raw);
  } catch {
    throw new ValidationError('body', 'Body is not valid JSON');
  }
}

/**
 * Builds the Lambda handler of one capability: a middy stack that normalizes headers, authorizes the
 * caller against the route table, parses the body, dispatches on the route key, and maps errors.
 * The operations map must hold exactly the routes the table gives to `fn`: a missing or an undeclared
 * route key is a compile error, and (a second net for maps built at run time) fails at module load.
 */
export function httpApi<F extends FunctionName>(fn: F, operations: { readonly [K in RouteKeyOf<F>]: Operation }) {
  const byRoute: Readonly<Record<string, Operation | undefined>> = operations;
  const declared = routes.filter((r) => r.function === fn).map(routeKey);
  const missing = declared.filter((k) => !byRoute[k]);
  const extra = Object.keys(operations).filter((k) => routeByKey(k)?.function !== fn);
  if (missing.length || extra.length) {
    throw new Error(`Routes of ${fn} do not match the route table: missing [${missing.join(', ')}], undeclared [${extra.join(', ')}]`);
  }

  // Fetched during the cold start where CDK bound it (AWS, behind CloudFront); absent locally.
  const originSecret = () => (secretArn('originVerify') ? readSecret('originVerify') : undefined);
  originSecret()?.catch(() => undefined);

  const core = runsAs(fn, async (event: ApiEvent, context: Context): Promise<ApiResponse> => {
    // Where CDK bound the origin secret, only requests that came through CloudFront (and its web ACL)
    // are served: calling the API's own endpoint directly gets nothing.
    const secret = await originSecret();
    if (secret !== undefined && !cameThroughCloudFront(event, secret)) throw new ForbiddenError('Use the service through its web address');
    const route = routeByKey(event.routeKey);
    const operation = byRoute[event.routeKey];
    if (!route || !operation) throw new NotFoundError();
    const principal = principalFrom(event);
    authorize(route.access, principal);
    const query = (event.queryStringParameters ?? {}) as Record<string, string>;
    refuseUnknownQuery(operation, query);
    const result = await operation({
      routeKey: event.routeKey,
      pathParameters: (event.pathParameters ?? {}) as Record<string, string>,
      query,
      headers: (event.headers ?? {}) as Record<string, string>,
      body: parseBody(event),
      principal,
      context,
      client: clientHash(trustedAddress(event, secret)),
    });
    return toResponse(result);
  });

  return middy<ApiEvent, ApiResponse>().use(lambdaContextLogging()).use(apiMetrics()).use(httpHeaderNormalizer()).use(errorMapper()).handler(core);
}

export function toResponse(result: ApiResult): ApiResponse {
  if (result.text !== undefined) {
    return { statusCode: result.status, headers: { 'cache-control': 'no-store', ...result.headers }, body: result.text };
  }
  return {
    statusCode: result.status,
    headers: { ...JSON_HEADERS, ...result.headers },
    ...(result.body === undefined ? {} : { body: JSON.stringify(result.body) }),
  };
}

export const ok = (body: unknown): ApiResult => ({ status: 200, body });
export const created = (body: unknown): ApiResult => ({ status: 201, body });
export const noContent = (): ApiResult => ({ status: 204 });
