import type { IncomingMessage, ServerResponse } from 'node:http';
import type { JWTPayload } from 'jose';
import { matchRoute, passesEdge, routeKey, type RouteMatch, type WebOrigin } from '../../shared/routes.js';
import type { FunctionName } from '../../shared/functions.js';
import { buildApiEvent, toHttpReply } from './api-event.js';
import { DEV_PREFIX, handleDevRoute, type DevSources } from './dev-routes.js';
import { invoke } from './handlers.js';
import { BodyTooLarge, readBody, send, sendJson } from './http-util.js';
import type { LocalIssuer } from './issuer.js';
import type { StaticHandler } from './static-files.js';
import { TokenRejected } from './tokens.js';

/**
 * The local HTTP gateway of one origin, as one CloudFront distribution + API Gateway give in AWS.
 * - `/api/*`: what this origin's edge lets through (`passesEdge`, shared/routes.ts: the routes it serves;
 *   anything else is a 404 here, as if it did not exist) → (non-public routes) token verified as the
 *   JWT authorizer does → an API Gateway HTTP API payload 2.0 event → the same handler Lambda calls.
 *   Wrong methods on this origin's paths go to the health function's `$default` handler (405 JSON).
 * - `/api/dev/*`: local-only routes; `/auth/*`: the local issuer (staff origin only); everything
 *   else: the built front end of this origin.
 */
export interface GatewayOptions {
  origin: WebOrigin;
  /** The local issuer, mounted on the staff origin only. */
  issuer: LocalIssuer;
  staticFiles: StaticHandler;
  dev: DevSources;
  /** Called once per API request with what happened (no paths: route keys carry no identifiers). */
  log?: (line: string) => void;
  /** Sees each event before its handler runs (tests observe the event shape with it). */
  onInvoke?: (fn: FunctionName, event: unknown) => void;
}

export type RequestListener = (req: IncomingMessage, res: ServerResponse) => void;

export function createGateway(options: GatewayOptions): RequestListener {
  return (req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    route(req, res, url, options).catch((err: unknown) => {
      if (err instanceof BodyTooLarge) {
        if (!res.headersSent) sendJson(res, 413, { error: 'too_large', message: 'Request body is too large' }, { connection: 'close' });
        return;
      }
      console.error(`[gateway] ${req.method} ${url.pathname.startsWith('/api/') ? '/api/…' : url.pathname} failed:`, err);
      if (!res.headersSent) sendJson(res, 500, { message: 'Internal Server Error' });
      else res.destroy();
    });
  };
}

async function route(req: IncomingMessage, res: ServerResponse, url: URL, options: GatewayOptions): Promise<void> {
  if (url.pathname.startsWith(DEV_PREFIX)) return handleDevRoute(req, res, url, options.dev);
  if (url.pathname === '/api' || url.pathname.startsWith('/api/')) return api(req, res, url, options);
  if (options.origin === 'staff' && (await options.issuer.handle(req, res, url))) return;
  return options.staticFiles(req, res, url);
}

function safeMatch(method: string, path: string): RouteMatch {
  try {
    return matchRoute(method, path);
  } catch {
    // A malformed %-escape in a path parameter: the $default handler matches again and answers 400 naming it.
    return { kind: 'not-found' };
  }
}

/** The bearer token as API Gateway reads `$request.header.Authorization` ("Bearer x" or just "x"). */
function bearer(req: IncomingMessage): string | undefined {
  const header = req.headers.authorization?.trim();
  if (!header) return undefined;
  const m = /^Bearer\s+(.+)$/i.exec(header);
  return (m ? m[1] : header)?.trim() || undefined;
}

async function api(req: IncomingMessage, res: ServerResponse, url: URL, options: GatewayOptions): Promise<void> {
  const started = Date.now();
  const method = req.method ?? 'GET';
  const body = await readBody(req);
  if (!passesEdge(options.origin, method, url.pathname)) {
    // Stopped where CloudFront's function stops it (infra/aws/web.ts): another origin's route, or no route
    // at all, is the same 404 as the API's for an unknown path (never a 401 or a 405 naming its methods).
    options.log?.(`${method} (not on the ${options.origin} origin) → 404 (${Date.now() - started} ms)`);
    return sendJson(res, 404, { error: 'not_found', message: 'No such route' });
  }
  const match = safeMatch(method, url.pathname);
  const found = match.kind === 'found' ? match : undefined;
  const key = found ? routeKey(found.route) : '$default';
  const fn: FunctionName = found ? found.route.function : 'health';
  const log = (status: number) => options.log?.(`${key === '$default' ? `${method} (no route)` : key} → ${status} (${Date.now() - started} ms)`);

  let claims: JWTPayload | undefined;
  if (found && found.route.access.kind !== 'public') {
    const token = bearer(req);
    try {
      if (!token) throw new TokenRejected('missing bearer token');
      claims = await options.issuer.verify(token, found.route.access.kind === 'machine' ? found.route.access.scope : undefined);
    } catch (err) {
      const rejected = err instanceof TokenRejected ? err : new TokenRejected('the token could not be verified');
      const status = rejected.status;
      log(status);
      return sendJson(
        res,
        status,
        { error: status === 401 ? 'unauthorized' : 'forbidden', message: `Token rejected: ${rejected.message}` },
        {
          'www-authenticate': `Bearer error="${status === 401 ? 'invalid_token' : 'insufficient_scope'}" error_description="${rejected.message}"`,
        },
      );
    }
  }

  const event = buildApiEvent({
    method,
    url: req.url ?? '/',
    headers: req.headers,
    body,
    sourceIp: req.socket.remoteAddress?.replace(/^::ffff:/, '') ?? '127.0.0.1',
    routeKey: key,
    pathParameters: found?.pathParameters,
    claims,
    domainName: req.headers.host?.split(':')[0] ?? '127.0.0.1',
  });
  let result: unknown;
  try {
    options.onInvoke?.(fn, event);
    result = await invoke(fn, event);
  } catch (err) {
    // Lambda's unhandled error: API Gateway answers a bare 500; the detail stays in the terminal.
    console.error(`[gateway] ${key} handler threw:`, err);
    log(500);
    return sendJson(res, 500, { message: 'Internal Server Error' });
  }
  const reply = toHttpReply(result);
  log(reply.status);
  send(res, reply.status, method === 'HEAD' ? undefined : reply.body, reply.headers);
}
