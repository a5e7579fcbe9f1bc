import type { APIGatewayProxyEventV2WithJWTAuthorizer, APIGatewayProxyResultV2, Context } from 'aws-lambda';
import type { JWTPayload } from 'jose';
import { buildApiEvent, toHttpReply } from '../../infra/local/api-event.js';
import { identity } from '../../shared/identity.js';
import type { PartnerId } from '../../shared/partners.js';
import type { StaffRole } from '../../shared/roles.js';
import { matchRoute, routeKey } from '../../shared/routes.js';
import { lambdaContext, withPatch } from './events.js';

type Handler = (event: APIGatewayProxyEventV2WithJWTAuthorizer, context: Context) => Promise<APIGatewayProxyResultV2 | unknown>;

export interface InvokeOptions {
  /** The verified token's claims (as the local issuer mints them: `staffToken`); omit for an anonymous call. */
  claims?: JWTPayload;
  body?: unknown;
  headers?: Record<string, string>;
  /** What the Lambda context says is left (the middy timeout guard reads it). */
  remainingMs?: number;
  /** The caller's address as API Gateway sees it (per-client limits key on it). */
  sourceIp?: string;
}

export interface Invocation {
  status: number;
  // biome-ignore lint/suspicious/noExplicitAny: tests read response bodies of many shapes
  json: Record<string, any>;
  headers: Record<string, string | string[]>;
}

/**
 * Calls a handler with the event the local gateway builds for this request (infra/local/api-event.ts:
 * route key and path parameters from the route table, lower-cased headers, the token's claims flattened
 * as API Gateway passes them) and reads the reply as API Gateway would. The integration tests' one way
 * into a handler.
 */
export async function invokeRoute(handler: Handler, method: string, path: string, options: InvokeOptions = {}): Promise<Invocation> {
  const match = matchRoute(method, new URL(path, 'http://127.0.0.1').pathname);
  const found = match.kind === 'found' ? match : undefined;
  const body = options.body === undefined ? Buffer.alloc(0) : Buffer.from(typeof options.body === 'string' ? options.body : JSON.stringify(options.body));
  const event = buildApiEvent({
    method,
    url: path,
    headers: { ...(body.length > 0 ? { 'content-type': 'application/json' } : {}), 'user-agent': 'integration-test', ...options.headers },
    body,
    sourceIp: options.sourceIp ?? '127.0.0.1',
    routeKey: found ? routeKey(found.route) : '$default',
    pathParameters: found?.pathParameters,
    claims: options.claims,
    domainName: '127.0.0.1',
  });
  const context = { ...lambdaContext(), ...(options.remainingMs ? { getRemainingTimeInMillis: () => options.remainingMs as number } : {}) };
  const reply = toHttpReply(await handler(event, context));
  const text = reply.body?.toString('utf8') ?? '';
  return { status: reply.status, json: text && reply.headers['content-type']?.toString().includes('json') ? JSON.parse(text) : {}, headers: reply.headers };
}

/** A group of a staff token (shared/identity.ts `groupsOf`): a role, a zone, a district, or a partner worker's organisation. */
export type StaffGroup = StaffRole | `zone:${string}` | `district:${string}` | `partner:${PartnerId}`;

/**
 * An access token's claims for a staff member, shaped as the local issuer (and Cognito) mint them;
 * acting in the demo zone unless a `zone:<id>` group is given. A partner worker also carries `partner:<id>`.
 */
export function staffToken(username: string, ...groups: StaffGroup[]): JWTPayload {
  return {
    sub: `sub-${username}`,
    username,
    'cognito:groups': withPatch(groups),
    client_id: identity.localClients.staffConsole,
    token_use: 'access',
    scope: 'openid profile',
  };
}
