import { DEMO_ZONE } from '../../shared/identity.js';
import { districtGroup, districtsOfZone, zoneGroup } from '../../shared/zones-list.js';
import type { Context } from 'aws-lambda';
import type { ApiEvent } from '../../functions/lib/http.js';
import { matchRoute, routeKey } from '../../shared/routes.js';

export interface EventInput {
  method: string;
  /** Path with query string, e.g. `/api/services/x/slots?from=...`. */
  path: string;
  body?: unknown;
  headers?: Record<string, string>;
  /** JWT claims as the authorizer passes them; omit for an anonymous call. */
  claims?: Record<string, string | number | string[]>;
  /** Override the route key (e.g. `$default`); otherwise matched from the route table. */
  routeKey?: string;
  /** The TCP source address API Gateway saw (default 127.0.0.1). */
  sourceIp?: string;
}

/** An API Gateway HTTP API (payload v2) event, shaped as AWS and the local gateway build it. */
export function apiEvent(input: EventInput): ApiEvent {
  const url = new URL(input.path, 'http://127.0.0.1');
  let match: ReturnType<typeof matchRoute>;
  try {
    match = matchRoute(input.method, url.pathname);
  } catch {
    match = { kind: 'not-found' }; // a malformed %-escape: $default, as the gateway does
  }
  const key = input.routeKey ?? (match.kind === 'found' ? routeKey(match.route) : '$default');
  const query = Object.fromEntries(url.searchParams.entries());
  const headers: Record<string, string> = { ...(input.body !== undefined ? { 'content-type': 'application/json' } : {}), ...input.headers };
  return {
    version: '2.0',
    routeKey: key,
    rawPath: url.pathname,
    rawQueryString: url.searchParams.toString(),
    headers,
    ...(Object.keys(query).length ? { queryStringParameters: query } : {}),
    ...(match.kind === 'found' && Object.keys(match.pathParameters).length ? { pathParameters: match.pathParameters } : {}),
    requestContext: {
      accountId: 'local',
      apiId: 'local',
      domainName: '127.0.0.1',
      domainPrefix: '127',
      http: { method: input.method, path: url.pathname, protocol: 'HTTP/1.1', sourceIp: input.sourceIp ?? '127.0.0.1', userAgent: 'test' },
      requestId: 'test',
      routeKey: key,
      stage: '$default',
      time: new Date().toISOString(),
      timeEpoch: Date.now(),
      authorizer: { principalId: '', integrationLatency: 0, jwt: { claims: (input.claims ?? {}) as Record<string, string>, scopes: [] } },
    },
    ...(input.body !== undefined ? { body: typeof input.body === 'string' ? input.body : JSON.stringify(input.body) } : {}),
    isBase64Encoded: false,
  } as ApiEvent;
}

export function lambdaContext(): Context {
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName: 'test',
    functionVersion: '$LATEST',
    invokedFunctionArn: 'arn:aws:lambda:eu-west-1:000000000000:function:test',
    memoryLimitInMB: '256',
    awsRequestId: 'test-request',
    logGroupName: 'test',
    logStreamName: 'test',
    getRemainingTimeInMillis: () => 10_000,
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

/**
 * The groups of a test staff member: the roles given, and the patch they act in. Without a `zone:`
 * group among them, the demo zone and every one of its districts (as the demo police user holds).
 */
export function withPatch(groups: readonly string[]): string[] {
  if (groups.some((g) => g.startsWith('zone:'))) return [...groups];
  return [...groups, zoneGroup(DEMO_ZONE), ...districtsOfZone(DEMO_ZONE).map(districtGroup)];
}

/** Claims for a staff member, shaped as API Gateway passes Cognito's (groups flattened to "[a b]"); `groups` are roles, and optionally `zone:<id>` / `district:<id>`. */
export function staffClaims(username: string, ...groups: string[]): Record<string, string> {
  return { sub: `sub-${username}`, username, 'cognito:groups': `[${withPatch(groups).join(' ')}]`, client_id: 'staff-console', token_use: 'access' };
}
