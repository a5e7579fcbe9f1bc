import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { JSONWebKeySet, JWTPayload } from 'jose';
import { demoUsers, identity, type DemoUser } from '../../shared/identity.js';
import { MONITORING_SCOPE } from '../../shared/roles.js';
import { escapeHtml, readBody, send, sendJson } from './http-util.js';
import {
  allowedAudiences,
  issuerUrl,
  jwks,
  loadIssuerKeys,
  mintAccessToken,
  mintIdToken,
  monitoringSubject,
  subjectFor,
  verifyAccessToken,
  type IssuerKeys,
} from './tokens.js';

/**
 * The local OAuth issuer, standing in for Cognito: authorization code + PKCE (S256) for the staff
 * console with a plain sign-in page listing the demo users (password `demo`), rotating refresh tokens
 * (each works once; a reused one revokes its sign-in; kept in memory), client credentials for
 * the monitoring provider, JWKS and discovery. Mounted on the local gateway under `/auth`.
 */
export const DEMO_PASSWORD = 'demo';
const CODE_LIFETIME_MS = 60_000;
const FORM_LIMIT = 16 * 1024;

/**
 * A sign-in's chain of refresh tokens. Each refresh token works once: using it returns a new one
 * (rotation). Presenting a retired one again means it was copied: the whole chain is revoked
 * (reuse detection), so a stolen refresh token dies as soon as either party uses it twice.
 */
interface RefreshFamily {
  user: DemoUser;
  /** Hash of the only refresh token of this family that still works. */
  current: string;
  expiresAt: number;
  revoked: boolean;
}

interface PendingCode {
  user: DemoUser;
  redirectUri: string;
  codeChallenge: string;
  nonce: string | undefined;
  expiresAt: number;
}

export interface LocalIssuer {
  /** The `iss` of every token, `http://127.0.0.1:<port>/auth`. */
  readonly url: string;
  readonly jwks: JSONWebKeySet;
  readonly monitoringSecret: string;
  /** An access token for a demo user (by user name or role) or `monitoring`. */
  tokenFor(who: string): Promise<string>;
  /** Verifies a bearer token as the HTTP API's JWT authorizer does; throws TokenRejected. */
  verify(token: string, requiredScope?: string): Promise<JWTPayload>;
  /** Serves `/auth/*`; returns false for any other path. */
  handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean>;
}

export async function createLocalIssuer(options: { dataDir: string; origin: string }): Promise<LocalIssuer> {
  const keys = await loadIssuerKeys(options.dataDir);
  const issuer = issuerUrl(options.origin);
  const keySet = jwks(keys);
  const codes = new Map<string, PendingCode>();
  /** Refresh token hash → its family (retired tokens stay, for reuse detection, until the family expires). */
  const refreshTokens = new Map<string, RefreshFamily>();
  const tokenHash = (t: string) => createHash('sha256').update(t).digest('base64url');
  const issueRefresh = (family: RefreshFamily): string => {
    const t = randomBytes(32).toString('base64url');
    family.current = tokenHash(t);
    refreshTokens.set(family.current, family);
    return t;
  };
  const base = identity.localIssuerPath;
  const port = new URL(options.origin).port;
  const sameOrigins = new Set([options.origin, `http://localhost:${port}`, `http://127.0.0.1:${port}`]);

  const isSameOrigin = (uri: string | null): uri is string => {
    if (!uri) return false;
    try {
      return sameOrigins.has(new URL(uri).origin);
    } catch {
      return false;
    }
  };

  const tokenFor = async (who: string): Promise<string> => {
    const subject = subjectFor(who);
    if (!subject) throw new Error(`No demo user or role named "${who}"`);
    return mintAccessToken(keys, subject, { issuer });
  };

  async function handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> {
    if (url.pathname !== base && !url.pathname.startsWith(`${base}/`)) return false;
    const path = url.pathname.slice(base.length);
    const method = req.method ?? 'GET';
    if (path === '/.well-known/jwks.json' && method === 'GET') {
      sendJson(res, 200, keySet, { 'cache-control': 'no-cache' });
    } else if (path === '/.well-known/openid-configuration' && method === 'GET') {
      sendJson(res, 200, discovery(issuer), { 'cache-control': 'no-cache' });
    } else if (path === '/authorize' && method === 'GET') {
      authorizePage(res, url.searchParams, undefined, 200);
    } else if (path === '/authorize' && method === 'POST') {
      await signIn(req, res);
    } else if (path === '/token' && method === 'POST') {
      await token(req, res);
    } else if (path === '/logout' && method === 'GET') {
      logout(res, url.searchParams);
    } else {
      sendJson(res, 404, { error: 'not_found', message: 'No such issuer endpoint' });
    }
    return true;
  }

  /** Checks an authorization request; returns an error text for a request that must not redirect. */
  function checkAuthorizeRequest(params: URLSearchParams): string | undefined {
    if (params.get('client_id') !== identity.localClients.staffConsole) return 'Unknown client_id.';
    if (!isSameOrigin(params.get('redirect_uri'))) return 'redirect_uri must be on this origin.';
    if (params.get('response_type') !== 'code') return 'response_type must be "code".';
    if (params.get('code_challenge_method') !== 'S256' || !/^[A-Za-z0-9_-]{43}$/.test(params.get('code_challenge') ?? '')) {
      return 'PKCE is required: code_challenge with code_challenge_method S256.';
    }
    return undefined;
  }

  function authorizePage(res: ServerResponse, params: URLSearchParams, error: string | undefined, status: number): void {
    const problem = checkAuthorizeRequest(params);
    if (problem) {
      send(res, 400, page('Sign-in request refused', `<p role="alert">${escapeHtml(problem)}</p>`), HTML);
      return;
    }
    const selected = params.get('username');
    const hidden = ['client_id', 'redirect_uri', 'response_type', 'state', 'code_challenge', 'code_challenge_method', 'scope', 'nonce']
      .filter((k) => params.get(k) !== null)
      .map((k) => `<input type="hidden" name="${k}" value="${escapeHtml(params.get(k) as string)}">`)
      .join('\n');
    const users = demoUsers
      .map((u, i) => {
        const id = `user-${i}`;
        const checked = selected === u.username || (!selected && i === 0) ? ' checked' : '';
        return `<li><input type="radio" name="username" id="${id}" value="${escapeHtml(u.username)}"${checked} required>
<label for="${id}">${escapeHtml(u.displayName)} — ${escapeHtml(u.username)}</label></li>`;
      })
      .join('\n');
    const alert = error ? `<p role="alert" id="sign-in-error">${escapeHtml(error)}</p>` : '';
    const body = `${alert}
<p>This is the local stack's sign-in for demo staff users. The password of every demo user is <strong>demo</strong>.</p>
<form method="post" action="${base}/authorize">
${hidden}
<fieldset>
<legend>Demo user</legend>
<ul>
${users}
</ul>
</fieldset>
<p><label for="password">Password</label>
<input type="password" id="password" name="password" autocomplete="current-password" required${error ? ' aria-invalid="true" aria-describedby="sign-in-error"' : ''}></p>
<p><button type="submit">Sign in</button></p>
</form>`;
    send(res, status, page('Sign in to the OneRoof staff console', body), HTML);
  }

  async function signIn(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const params = new URLSearchParams((await readBody(req, FORM_LIMIT)).toString('utf8'));
    if (checkAuthorizeRequest(params)) return authorizePage(res, params, undefined, 400);
    const user = demoUsers.find((u) => u.username === params.get('username'));
    const password = params.get('password') ?? '';
    if (!user || !safeEqual(password, DEMO_PASSWORD)) {
      return authorizePage(res, params, 'That user name or password is not right.', 401);
    }
    const code = randomBytes(32).toString('base64url');
    const redirectUri = params.get('redirect_uri') as string;
    codes.set(code, {
      user,
      redirectUri,
      codeChallenge: params.get('code_challenge') as string,
      nonce: params.get('nonce') ?? undefined,
      expiresAt: Date.now() + CODE_LIFETIME_MS,
    });
    const target = new URL(redirectUri);
    target.searchParams.set('code', code);
    const state = params.get('state');
    if (state !== null) target.searchParams.set('state', state);
    send(res, 302, undefined, { location: target.toString(), 'cache-control': 'no-store' });
  }

  async function token(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const type = (req.headers['content-type'] ?? '').toLowerCase();
    if (!type.startsWith('application/x-www-form-urlencoded')) {
      return sendJson(res, 400, { error: 'invalid_request', error_description: 'Use application/x-www-form-urlencoded' });
    }
    const params = new URLSearchParams((await readBody(req, FORM_LIMIT)).toString('utf8'));
    const grant = params.get('grant_type');
    if (grant === 'authorization_code') return codeGrant(params, res);
    if (grant === 'client_credentials') return clientCredentials(req, params, res);
    if (grant === 'refresh_token') return refreshGrant(params, res);
    sendJson(res, 400, { error: 'unsupported_grant_type' });
  }

  async function codeGrant(params: URLSearchParams, res: ServerResponse): Promise<void> {
    const code = params.get('code') ?? '';
    const pending = codes.get(code);
    codes.delete(code); // one use only, whatever happens next
    for (const [k, v] of codes) if (v.expiresAt < Date.now()) codes.delete(k);
    const verifier = params.get('code_verifier') ?? '';
    if (
      !pending ||
      pending.expiresAt < Date.now() ||
      params.get('client_id') !== identity.localClients.staffConsole ||
      params.get('redirect_uri') !== pending.redirectUri ||
      !/^[A-Za-z0-9._~-]{43,128}$/.test(verifier) ||
      !safeEqual(createHash('sha256').update(verifier).digest('base64url'), pending.codeChallenge)
    ) {
      return sendJson(res, 400, { error: 'invalid_grant' });
    }
    const lifetime = identity.accessTokenMinutes * 60;
    const family: RefreshFamily = { user: pending.user, current: '', expiresAt: Date.now() + identity.refreshTokenHours * 3_600_000, revoked: false };
    sendJson(res, 200, {
      access_token: await mintAccessToken(keys, { kind: 'user', user: pending.user }, { issuer }),
      id_token: await mintIdToken(keys, pending.user, { issuer, ...(pending.nonce ? { nonce: pending.nonce } : {}) }),
      refresh_token: issueRefresh(family),
      token_type: 'Bearer',
      expires_in: lifetime,
    });
  }

  async function refreshGrant(params: URLSearchParams, res: ServerResponse): Promise<void> {
    for (const [k, f] of refreshTokens) if (f.expiresAt < Date.now()) refreshTokens.delete(k);
    const hash = tokenHash(params.get('refresh_token') ?? '');
    const family = refreshTokens.get(hash);
    if (!family || family.revoked || family.expiresAt < Date.now() || params.get('client_id') !== identity.localClients.staffConsole) {
      return sendJson(res, 400, { error: 'invalid_grant' });
    }
    if (family.current !== hash) {
      family.revoked = true;
      return sendJson(res, 400, { error: 'invalid_grant', error_description: 'Refresh token reused: the sign-in is revoked' });
    }
    sendJson(res, 200, {
      access_token: await mintAccessToken(keys, { kind: 'user', user: family.user }, { issuer }),
      id_token: await mintIdToken(keys, family.user, { issuer }),
      refresh_token: issueRefresh(family),
      token_type: 'Bearer',
      expires_in: identity.accessTokenMinutes * 60,
    });
  }

  async function clientCredentials(req: IncomingMessage, params: URLSearchParams, res: ServerResponse): Promise<void> {
    const [clientId, secret] = clientAuth(req, params);
    if (clientId !== identity.localClients.monitoring || !safeEqual(secret, keys.monitoringSecret)) {
      return sendJson(res, 401, { error: 'invalid_client' }, { 'www-authenticate': 'Basic realm="oneroof-local"' });
    }
    const requested = params.get('scope');
    if (requested?.split(' ').some((s) => s !== MONITORING_SCOPE)) return sendJson(res, 400, { error: 'invalid_scope' });
    sendJson(res, 200, {
      access_token: await mintAccessToken(keys, monitoringSubject(), { issuer }),
      token_type: 'Bearer',
      expires_in: identity.accessTokenMinutes * 60,
    });
  }

  function logout(res: ServerResponse, params: URLSearchParams): void {
    const target = params.get('logout_uri') ?? params.get('redirect_uri');
    if (isSameOrigin(target)) {
      send(res, 302, undefined, { location: target, 'cache-control': 'no-store' });
      return;
    }
    send(res, 200, page('Signed out', '<p>You are signed out of the OneRoof staff console.</p>'), HTML);
  }

  return {
    url: issuer,
    jwks: keySet,
    monitoringSecret: keys.monitoringSecret,
    tokenFor,
    verify: (tokenText, requiredScope) =>
      verifyAccessToken(tokenText, { jwks: keySet, issuer, audiences: allowedAudiences, ...(requiredScope ? { requiredScope } : {}) }),
    handle,
  };
}

const HTML = { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' };

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)} – OneRoof (local)</title></head>
<body><main>
<h1>${escapeHtml(title)}</h1>
${body}
</main></body>
</html>`;
}

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Client authentication: HTTP Basic (Cognito's way) or client_id/client_secret in the form. */
function clientAuth(req: IncomingMessage, params: URLSearchParams): [string, string] {
  const header = req.headers.authorization ?? '';
  if (header.toLowerCase().startsWith('basic ')) {
    const decoded = Buffer.from(header.slice(6).trim(), 'base64').toString('utf8');
    const i = decoded.indexOf(':');
    try {
      if (i > 0) return [decodeURIComponent(decoded.slice(0, i)), decodeURIComponent(decoded.slice(i + 1))];
    } catch {
      return ['', ''];
    }
  }
  return [params.get('client_id') ?? '', params.get('client_secret') ?? ''];
}

function discovery(issuer: string) {
  return {
    issuer,
    authorization_endpoint: `${issuer}/authorize`,
    token_endpoint: `${issuer}/token`,
    end_session_endpoint: `${issuer}/logout`,
    jwks_uri: `${issuer}/.well-known/jwks.json`,
    response_types_supported: ['code'],
    grant_types_supported: ['authorization_code', 'refresh_token', 'client_credentials'],
    code_challenge_methods_supported: ['S256'],
    token_endpoint_auth_methods_supported: ['none', 'client_secret_basic', 'client_secret_post'],
    scopes_supported: ['openid', 'profile', MONITORING_SCOPE],
    subject_types_supported: ['public'],
    id_token_signing_alg_values_supported: ['RS256'],
  };
}

export type { IssuerKeys };
