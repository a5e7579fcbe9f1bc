import { randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type { APIGatewayProxyEventV2WithJWTAuthorizer, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { JWTPayload } from 'jose';

/**
 * API Gateway HTTP API payload format 2.0, built as AWS builds it: lower-cased headers with repeated
 * values joined by commas, the Cookie header moved to `cookies`, repeated query parameters joined by
 * commas, `pathParameters` only when the route has some, the authorizer's claims as strings
 * (arrays flattened to "[a b]"), and a text body passed as is or a binary one base64-encoded.
 */
export interface RequestFacts {
  method: string;
  /** Path and query as received (still percent-encoded). */
  url: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
  sourceIp: string;
  /** `GET /api/x/{id}` or `$default`. */
  routeKey: string;
  pathParameters: Record<string, string> | undefined;
  /** Verified token claims (non-public routes only). */
  claims: JWTPayload | undefined;
  domainName: string;
  now?: Date;
}

export function flattenClaims(claims: JWTPayload): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(claims)) {
    if (value === undefined || value === null) continue;
    out[name] = Array.isArray(value) ? `[${value.map(String).join(' ')}]` : typeof value === 'object' ? JSON.stringify(value) : String(value);
  }
  return out;
}

const TEXT_TYPES = /^(text\/|application\/(json|[\w.+-]+\+json|x-www-form-urlencoded|xml|javascript))/i;

export function buildApiEvent(facts: RequestFacts): APIGatewayProxyEventV2WithJWTAuthorizer {
  const now = facts.now ?? new Date();
  const q = facts.url.indexOf('?');
  const rawPath = q === -1 ? facts.url : facts.url.slice(0, q);
  const rawQueryString = q === -1 ? '' : facts.url.slice(q + 1);

  const headers: Record<string, string> = {};
  let cookies: string[] | undefined;
  for (const [name, value] of Object.entries(facts.headers)) {
    if (value === undefined) continue;
    const key = name.toLowerCase();
    if (key === 'cookie') {
      cookies = (Array.isArray(value) ? value : [value])
        .flatMap((c) => c.split(';'))
        .map((c) => c.trim())
        .filter(Boolean);
      continue;
    }
    headers[key] = Array.isArray(value) ? value.join(',') : value;
  }

  // Own properties only: a parameter named `__proto__` or `constructor` is a parameter like any other.
  const queryStringParameters: Record<string, string> = {};
  for (const [name, value] of new URLSearchParams(rawQueryString)) {
    const joined = Object.hasOwn(queryStringParameters, name) ? `${queryStringParameters[name]},${value}` : value;
    Object.defineProperty(queryStringParameters, name, { value: joined, enumerable: true, writable: true, configurable: true });
  }

  const contentType = headers['content-type'] ?? '';
  const hasBody = facts.body.length > 0;
  const isText = !contentType || TEXT_TYPES.test(contentType);
  const time = now.toUTCString().replace(/^\w+, (\d+) (\w+) (\d+) ([\d:]+) GMT$/, '$1/$2/$3:$4 +0000');

  const event = {
    version: '2.0',
    routeKey: facts.routeKey,
    rawPath,
    rawQueryString,
    ...(cookies?.length ? { cookies } : {}),
    headers,
    ...(Object.keys(queryStringParameters).length ? { queryStringParameters } : {}),
    requestContext: {
      accountId: '000000000000',
      apiId: 'local',
      ...(facts.claims ? { authorizer: { jwt: { claims: flattenClaims(facts.claims), scopes: scopesOf(facts.claims) } } } : {}),
      domainName: facts.domainName,
      domainPrefix: facts.domainName.split('.')[0] ?? facts.domainName,
      http: {
        method: facts.method,
        path: rawPath,
        protocol: 'HTTP/1.1',
        sourceIp: facts.sourceIp,
        userAgent: headers['user-agent'] ?? '',
      },
      requestId: randomUUID(),
      routeKey: facts.routeKey,
      stage: '$default',
      time,
      timeEpoch: now.getTime(),
    },
    ...(hasBody ? { body: isText ? facts.body.toString('utf8') : facts.body.toString('base64') } : {}),
    ...(facts.pathParameters && Object.keys(facts.pathParameters).length ? { pathParameters: facts.pathParameters } : {}),
    isBase64Encoded: hasBody && !isText,
  };
  return event as unknown as APIGatewayProxyEventV2WithJWTAuthorizer;
}

function scopesOf(claims: JWTPayload): string[] {
  return typeof claims.scope === 'string' ? claims.scope.split(' ').filter(Boolean) : [];
}

export interface HttpReply {
  status: number;
  headers: Record<string, string | string[]>;
  body: Buffer | undefined;
}

/**
 * Turns a handler's result into the HTTP response as API Gateway does for payload 2.0: a structured
 * result is used as given (cookies become Set-Cookie, base64 bodies are decoded); anything else is a
 * 200 with the value as a JSON body.
 */
export function toHttpReply(result: unknown): HttpReply {
  if (result === null || typeof result !== 'object' || !('statusCode' in result)) {
    const body = typeof result === 'string' ? result : JSON.stringify(result ?? null);
    return { status: 200, headers: { 'content-type': 'application/json' }, body: Buffer.from(body) };
  }
  const r = result as APIGatewayProxyStructuredResultV2;
  const headers: Record<string, string | string[]> = {};
  for (const [k, v] of Object.entries(r.headers ?? {})) headers[k.toLowerCase()] = String(v);
  if (r.cookies?.length) headers['set-cookie'] = r.cookies;
  const body = r.body === undefined ? undefined : Buffer.from(r.body, r.isBase64Encoded ? 'base64' : 'utf8');
  return { status: r.statusCode ?? 200, headers, body };
}
