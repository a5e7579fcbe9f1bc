import { STAFF_PORT_OFFSET } from '../../shared/web-origins.js';
import { execFile } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { promisify } from 'node:util';
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoUsers, identity } from '../../shared/identity.js';
import { MONITORING_SCOPE } from '../../shared/roles.js';
import type { LocalStack } from '../../infra/local/stack.js';
import { startTestStack } from '../support/stack.js';
import { loadIssuerKeys } from '../../infra/local/tokens.js';

/** The local issuer standing in for Cognito: authorization code + PKCE, client credentials, JWKS, the CLI. */
let stack: LocalStack;
let dataDir: string;

beforeAll(async () => {
  ({ stack, dataDir } = await startTestStack('issuer'));
});

afterAll(async () => {
  await stack?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

const form = (fields: Record<string, string>) => ({
  method: 'POST',
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams(fields).toString(),
  redirect: 'manual' as const,
});

function pkce() {
  const verifier = randomBytes(48).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

function authorizeParams(challenge: string, overrides: Record<string, string> = {}): Record<string, string> {
  return {
    client_id: identity.localClients.staffConsole,
    response_type: 'code',
    redirect_uri: `${stack.staffUrl}/staff/callback`,
    state: 'state-123',
    scope: 'openid profile',
    code_challenge: challenge,
    code_challenge_method: 'S256',
    ...overrides,
  };
}

async function signIn(challenge: string, username: string, password = 'demo'): Promise<Response> {
  return fetch(`${stack.staffUrl}/auth/authorize`, form({ ...authorizeParams(challenge), username, password }));
}

describe('authorization code + PKCE for the staff console', () => {
  it('shows an accessible sign-in page listing the demo users, with the security headers', async () => {
    const { challenge } = pkce();
    const res = await fetch(`${stack.staffUrl}/auth/authorize?${new URLSearchParams(authorizeParams(challenge))}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    const html = await res.text();
    expect(html).toContain('<html lang="en">');
    for (const u of demoUsers) expect(html).toContain(u.displayName);
    expect(html).toMatch(/<label for="password">Password<\/label>/);
  });

  it('signs in, redirects back with code and state, and exchanges the code once for Cognito-shaped tokens', async () => {
    const { verifier, challenge } = pkce();
    const wrong = await signIn(challenge, 'chris.coordinator', 'not-demo');
    expect(wrong.status).toBe(401);
    expect(await wrong.text()).toContain('role="alert"');

    const res = await signIn(challenge, 'chris.coordinator');
    expect(res.status).toBe(302);
    const location = new URL(res.headers.get('location') as string);
    expect(`${location.origin}${location.pathname}`).toBe(`${stack.staffUrl}/staff/callback`);
    expect(location.searchParams.get('state')).toBe('state-123');
    const code = location.searchParams.get('code') as string;

    const exchange = {
      grant_type: 'authorization_code',
      code,
      redirect_uri: `${stack.staffUrl}/staff/callback`,
      client_id: identity.localClients.staffConsole,
      code_verifier: verifier,
    };
    const tokenRes = await fetch(`${stack.staffUrl}/auth/token`, form(exchange));
    expect(tokenRes.status).toBe(200);
    expect(tokenRes.headers.get('cache-control')).toBe('no-store');
    const tokens = (await tokenRes.json()) as { access_token: string; id_token: string; token_type: string; expires_in: number };
    expect(tokens).toMatchObject({ token_type: 'Bearer', expires_in: identity.accessTokenMinutes * 60 });
    const claims = await stack.issuer.verify(tokens.access_token);
    expect(claims).toMatchObject({
      iss: stack.issuer.url,
      client_id: identity.localClients.staffConsole,
      token_use: 'access',
      username: 'chris.coordinator',
      'cognito:groups': ['coordinator', 'zone:ruppel'],
    });
    expect(claims).toHaveProperty('jti');
    expect((claims.exp as number) - (claims.iat as number)).toBe(identity.accessTokenMinutes * 60);
    expect(decodeJwt(tokens.id_token)).toMatchObject({ aud: identity.localClients.staffConsole, token_use: 'id', name: 'Chris (FJC coordinator)' });

    const api = await fetch(`${stack.staffUrl}/api/staff/bookings?serviceId=x&date=2026-12-01`, {
      headers: { authorization: `Bearer ${tokens.access_token}` },
    });
    expect([401, 403]).not.toContain(api.status);

    const again = await fetch(`${stack.staffUrl}/auth/token`, form(exchange));
    expect(again.status).toBe(400);
    expect(await again.json()).toEqual({ error: 'invalid_grant' });
  });

  it('refuses a code exchanged with the wrong verifier', async () => {
    const { challenge } = pkce();
    const res = await signIn(challenge, 'paula.police');
    const code = new URL(res.headers.get('location') as string).searchParams.get('code') as string;
    const tokenRes = await fetch(
      `${stack.staffUrl}/auth/token`,
      form({
        grant_type: 'authorization_code',
        code,
        redirect_uri: `${stack.staffUrl}/staff/callback`,
        client_id: identity.localClients.staffConsole,
        code_verifier: pkce().verifier,
      }),
    );
    expect(tokenRes.status).toBe(400);
    expect(await tokenRes.json()).toEqual({ error: 'invalid_grant' });
  });

  it('never redirects to another origin and requires PKCE', async () => {
    const { challenge } = pkce();
    const foreign = await fetch(
      `${stack.staffUrl}/auth/authorize?${new URLSearchParams(authorizeParams(challenge, { redirect_uri: 'https://evil.example/cb' }))}`,
      {
        redirect: 'manual',
      },
    );
    expect(foreign.status).toBe(400);
    expect(foreign.headers.get('location')).toBeNull();
    const posted = await fetch(
      `${stack.staffUrl}/auth/authorize`,
      form({ ...authorizeParams(challenge, { redirect_uri: 'https://evil.example/cb' }), username: 'paula.police', password: 'demo' }),
    );
    expect(posted.status).toBe(400);
    expect(posted.headers.get('location')).toBeNull();
    const plain = await fetch(`${stack.staffUrl}/auth/authorize?${new URLSearchParams(authorizeParams(challenge, { code_challenge_method: 'plain' }))}`);
    expect(plain.status).toBe(400);
    const otherClient = await fetch(
      `${stack.staffUrl}/auth/authorize?${new URLSearchParams(authorizeParams(challenge, { client_id: identity.localClients.monitoring }))}`,
    );
    expect(otherClient.status).toBe(400);
  });

  it('signs out to a same-origin page only', async () => {
    const back = await fetch(
      `${stack.staffUrl}/auth/logout?client_id=${identity.localClients.staffConsole}&logout_uri=${encodeURIComponent(`${stack.staffUrl}/staff/`)}`,
      { redirect: 'manual' },
    );
    expect(back.status).toBe(302);
    expect(back.headers.get('location')).toBe(`${stack.staffUrl}/staff/`);
    const away = await fetch(`${stack.staffUrl}/auth/logout?logout_uri=${encodeURIComponent('https://evil.example/')}`, { redirect: 'manual' });
    expect(away.status).toBe(200);
  });
});

describe('client credentials for the monitoring provider', () => {
  it('issues a scoped token to the right secret only', async () => {
    const basic = (secret: string) => `Basic ${Buffer.from(`${identity.localClients.monitoring}:${secret}`).toString('base64')}`;
    const ok = await fetch(`${stack.staffUrl}/auth/token`, {
      ...form({ grant_type: 'client_credentials', scope: MONITORING_SCOPE }),
      headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: basic(stack.issuer.monitoringSecret) },
    });
    expect(ok.status).toBe(200);
    const { access_token } = (await ok.json()) as { access_token: string };
    expect(await stack.issuer.verify(access_token, MONITORING_SCOPE)).toMatchObject({
      client_id: identity.localClients.monitoring,
      scope: MONITORING_SCOPE,
      token_use: 'access',
    });

    const wrong = await fetch(`${stack.staffUrl}/auth/token`, {
      ...form({ grant_type: 'client_credentials' }),
      headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: basic('guess') },
    });
    expect(wrong.status).toBe(401);
    const post = await fetch(
      `${stack.staffUrl}/auth/token`,
      form({
        grant_type: 'client_credentials',
        client_id: identity.localClients.monitoring,
        client_secret: stack.issuer.monitoringSecret,
        scope: 'oneroof/admin',
      }),
    );
    expect(post.status).toBe(400);
    expect(await post.json()).toEqual({ error: 'invalid_scope' });
  });
});

describe('keys and discovery', () => {
  it('serves the JWKS and discovery document, and keeps the key and secret in the data folder', async () => {
    const jwks = (await (await fetch(`${stack.staffUrl}/auth/.well-known/jwks.json`)).json()) as { keys: { kid: string; d?: string }[] };
    const keys = await loadIssuerKeys(dataDir);
    expect(jwks.keys).toHaveLength(1);
    expect(jwks.keys[0]?.kid).toBe(keys.kid);
    expect(jwks.keys[0]).not.toHaveProperty('d'); // never the private part
    expect(keys.monitoringSecret).toBe(stack.issuer.monitoringSecret);
    const discovery = (await (await fetch(`${stack.staffUrl}/auth/.well-known/openid-configuration`)).json()) as Record<string, unknown>;
    expect(discovery).toMatchObject({
      issuer: stack.issuer.url,
      jwks_uri: `${stack.issuer.url}/.well-known/jwks.json`,
      code_challenge_methods_supported: ['S256'],
    });
  });

  it('`npm run token -- <role>` prints a token the running stack accepts', async () => {
    // The CLI signs for the issuer on PORT + 1 (shared/web-origins.ts): this stack's staff port is a free one.
    const port = String(Number(new URL(stack.staffUrl).port) - STAFF_PORT_OFFSET);
    const { stdout } = await promisify(execFile)(process.execPath, ['node_modules/tsx/dist/cli.mjs', 'infra/local/token-cli.ts', 'police'], {
      env: { ...process.env, PORT: port, DATA_DIR: dataDir },
    });
    const token = stdout.trim();
    expect(await stack.issuer.verify(token)).toMatchObject({ username: 'paula.police', 'cognito:groups': expect.arrayContaining(['police', 'zone:ruppel']) });
    const res = await fetch(`${stack.staffUrl}/api/alerts`, { headers: { authorization: `Bearer ${token}` } });
    expect([401, 403]).not.toContain(res.status);
  });
});

describe('short access tokens, rotating refresh tokens, access tokens only', () => {
  async function tokensFor(username: string) {
    const { verifier, challenge } = pkce();
    const code = new URL((await signIn(challenge, username)).headers.get('location') as string).searchParams.get('code') as string;
    const res = await fetch(
      `${stack.staffUrl}/auth/token`,
      form({
        grant_type: 'authorization_code',
        code,
        redirect_uri: `${stack.staffUrl}/staff/callback`,
        client_id: identity.localClients.staffConsole,
        code_verifier: verifier,
      }),
    );
    return (await res.json()) as { access_token: string; id_token: string; refresh_token: string; expires_in: number };
  }
  const refresh = (token: string) =>
    fetch(`${stack.staffUrl}/auth/token`, form({ grant_type: 'refresh_token', refresh_token: token, client_id: identity.localClients.staffConsole }));

  it('access tokens live 15 minutes at most; an ID token is refused by the gateway', async () => {
    const t = await tokensFor('paula.police');
    expect(identity.accessTokenMinutes).toBeLessThanOrEqual(15);
    expect(t.expires_in).toBe(identity.accessTokenMinutes * 60);
    const api = (token: string) => fetch(`${stack.staffUrl}/api/alerts?district=ruppel`, { headers: { authorization: `Bearer ${token}` } });
    expect([401, 403]).not.toContain((await api(t.access_token)).status);
    const withId = await api(t.id_token);
    expect(withId.status).toBe(401);
    expect(withId.headers.get('www-authenticate')).toContain('not an access token');
  });

  it('each refresh token works once and returns a new one; reusing a retired one revokes the sign-in', async () => {
    const first = await tokensFor('chris.coordinator');
    expect(first.refresh_token).toMatch(/^[\w-]{43}$/);
    const r1 = await refresh(first.refresh_token);
    expect(r1.status).toBe(200);
    const second = (await r1.json()) as { access_token: string; refresh_token: string };
    expect(second.refresh_token).not.toBe(first.refresh_token);
    expect(await stack.issuer.verify(second.access_token)).toMatchObject({ username: 'chris.coordinator', token_use: 'access' });
    // the retired token again (a copy): refused, and the current one dies with it
    expect((await refresh(first.refresh_token)).status).toBe(400);
    expect((await refresh(second.refresh_token)).status).toBe(400);
    expect((await refresh('not-a-token')).status).toBe(400);
  });
});
