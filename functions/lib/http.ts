import middy from '@middy/core';
import httpHeaderNormalizer from '@middy/http-header-normalizer';
import type {
  APIGatewayProxyEventV2WithJWTAuthorizer,
  APIGatewayProxyStructuredResultV2,
  Context,
} from 'aws-lambda';
import type { FunctionName } from '../../shared/functions.js';
import { ForbiddenError, NotFoundError, ValidationError } from '../../shared/errors.js';
import { routeByKey, routeKey, routes } from '../../shared/routes.js';
import { authorize, principalFrom, type Principal } from './auth.js';
import { cameThroughCloudFront, clientHash, trustedAddress } from './client.js';
import { readSecret, secretArn } from './secrets.js';
import { errorMapper, JSON_HEADERS } from './errors.js';

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
 * Every route the table gives to `fn` must have an operation, and no operation may lack a route:
 * a mismatch fails at module load, not at request time.
 */
export function httpApi(fn: FunctionName, operations: Record<string, Operation>) {
  const declared = routes.filter((r) => r.function === fn).map(routeKey);
  const missing = declared.filter((k) => !operations[k]);
  const extra = Object.keys(operations).filter((k) => routeByKey(k)?.function !== fn);
  if (missing.length || extra.length) {
    throw new Error(`Routes of ${fn} do not match the route table: missing [${missing.join(', ')}], undeclared [${extra.join(', ')}]`);
  }

  // Fetched during the cold start where CDK bound it (AWS, behind CloudFront); absent locally.
  const originSecret = () => (secretArn('originVerify') ? readSecret('originVerify') : undefined);
  originSecret()?.catch(() => undefined);

  const core = async (event: ApiEvent, _context: Context): Promise<ApiResponse> => {
    // Where CDK bound the origin secret, only requests that came through CloudFront (and its web ACL)
    // are served: calling the API's own endpoint directly gets nothing.
    const secret = await originSecret();
    if (secret !== undefined && !cameThroughCloudFront(event, secret)) throw new ForbiddenError('Use the service through its web address');
    const route = routeByKey(event.routeKey);
    const operation = operations[event.routeKey];
    if (!route || !operation) throw new NotFoundError();
    const principal = principalFrom(event);
    authorize(route.access, principal);
    const result = await operation({
      routeKey: event.routeKey,
      pathParameters: (event.pathParameters ?? {}) as Record<string, string>,
      query: (event.queryStringParameters ?? {}) as Record<string, string>,
      headers: (event.headers ?? {}) as Record<string, string>,
      body: parseBody(event),
      principal,
      client: clientHash(trustedAddress(event, secret)),
    });
    return toResponse(result);
  };

  return middy<ApiEvent, ApiResponse>()
    .use(httpHeaderNormalizer())
    .use(errorMapper())
    .handler(core);
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
