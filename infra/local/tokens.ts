import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  calculateJwkThumbprint,
  createLocalJWKSet,
  errors as joseErrors,
  exportJWK,
  generateKeyPair,
  importJWK,
  jwtVerify,
  SignJWT,
  type CryptoKey,
  type JSONWebKeySet,
  type JWK,
  type JWTPayload,
} from 'jose';
import { demoUsers, groupsOf, identity, type DemoUser } from '../../shared/identity.js';
import { MONITORING_SCOPE } from '../../shared/roles.js';

/**
 * The local issuer's keys and tokens: what Cognito does in AWS, with the same access-token claims.
 * Keys live in `<dataDir>/keys/` (generated on first start, reused after), so tokens printed by
 * `npm run token` stay valid across restarts of the local stack.
 */
const ALG = 'RS256';

export interface IssuerKeys {
  privateKey: CryptoKey;
  publicJwk: JWK;
  kid: string;
  /** Client secret of the monitoring provider's client-credentials client. */
  monitoringSecret: string;
}

function writePrivate(path: string, content: string): void {
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, content, { mode: 0o600 });
  chmodSync(tmp, 0o600);
  renameSync(tmp, path);
}

/** Loads the signing key and the monitoring client secret from `<dataDir>/keys/`, creating them once. */
export async function loadIssuerKeys(dataDir: string): Promise<IssuerKeys> {
  const dir = join(dataDir, 'keys');
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const keyFile = join(dir, 'signing-key.json');
  const secretFile = join(dir, 'monitoring-secret');

  let privateJwk: JWK;
  if (existsSync(keyFile)) {
    privateJwk = JSON.parse(readFileSync(keyFile, 'utf8')) as JWK;
  } else {
    const pair = await generateKeyPair(ALG, { extractable: true, modulusLength: 2048 });
    privateJwk = await exportJWK(pair.privateKey);
    privateJwk.kid = await calculateJwkThumbprint(privateJwk);
    privateJwk.alg = ALG;
    privateJwk.use = 'sig';
    writePrivate(keyFile, JSON.stringify(privateJwk));
  }
  if (!existsSync(secretFile)) writePrivate(secretFile, randomBytes(32).toString('base64url'));

  const { d: _d, p: _p, q: _q, dp: _dp, dq: _dq, qi: _qi, ...publicJwk } = privateJwk;
  const privateKey = (await importJWK(privateJwk, ALG)) as CryptoKey;
  return {
    privateKey,
    publicJwk,
    kid: String(privateJwk.kid),
    monitoringSecret: readFileSync(secretFile, 'utf8').trim(),
  };
}

export function jwks(keys: IssuerKeys): JSONWebKeySet {
  return { keys: [keys.publicJwk] };
}

export const issuerUrl = (origin: string): string => `${origin}${identity.localIssuerPath}`;

/** Every client id the authorizer accepts as audience (the Cognito app clients in AWS). */
export const allowedAudiences: readonly string[] = Object.values(identity.localClients);

/** A stable UUID per user name, as Cognito's `sub` is stable per user. */
export function subjectOf(username: string): string {
  const h = createHash('sha256').update(`oneroof-local:${username}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export type TokenSubject = { kind: 'user'; user: DemoUser } | { kind: 'client'; clientId: string; scope: string };

export interface MintOptions {
  issuer: string;
  /** Seconds since the epoch; defaults to now. */
  now?: number;
  lifetimeSeconds?: number;
}

/** An access token with Cognito's claim shape (user pool access token, or client-credentials token). */
export async function mintAccessToken(keys: IssuerKeys, subject: TokenSubject, options: MintOptions): Promise<string> {
  const now = options.now ?? Math.floor(Date.now() / 1000);
  const exp = now + (options.lifetimeSeconds ?? identity.accessTokenMinutes * 60);
  const claims: JWTPayload =
    subject.kind === 'user'
      ? {
          sub: subjectOf(subject.user.username),
          'cognito:groups': groupsOf(subject.user),
          client_id: identity.localClients.staffConsole,
          token_use: 'access',
          scope: 'openid profile',
          auth_time: now,
          username: subject.user.username,
          origin_jti: randomUUID(),
          event_id: randomUUID(),
          version: 2,
        }
      : { sub: subject.clientId, client_id: subject.clientId, token_use: 'access', scope: subject.scope, auth_time: now, version: 2 };
  return new SignJWT(claims)
    .setProtectedHeader({ alg: ALG, kid: keys.kid, typ: 'JWT' })
    .setIssuer(options.issuer)
    .setIssuedAt(now)
    .setExpirationTime(exp)
    .setJti(randomUUID())
    .sign(keys.privateKey);
}

/** An ID token as Cognito issues it to the staff console (audience = the app client; display data only). */
export async function mintIdToken(keys: IssuerKeys, user: DemoUser, options: MintOptions & { nonce?: string }): Promise<string> {
  const now = options.now ?? Math.floor(Date.now() / 1000);
  return new SignJWT({
    'cognito:username': user.username,
    'cognito:groups': groupsOf(user),
    name: user.displayName,
    token_use: 'id',
    auth_time: now,
    ...(options.nonce ? { nonce: options.nonce } : {}),
  })
    .setProtectedHeader({ alg: ALG, kid: keys.kid, typ: 'JWT' })
    .setSubject(subjectOf(user.username))
    .setIssuer(options.issuer)
    .setAudience(identity.localClients.staffConsole)
    .setIssuedAt(now)
    .setExpirationTime(now + (options.lifetimeSeconds ?? identity.accessTokenMinutes * 60))
    .setJti(randomUUID())
    .sign(keys.privateKey);
}

export function monitoringSubject(): TokenSubject {
  return { kind: 'client', clientId: identity.localClients.monitoring, scope: MONITORING_SCOPE };
}

/** `npm run token -- <role|username>`: a user name, or the first demo user holding that role, or `monitoring`. */
export function subjectFor(who: string): TokenSubject | undefined {
  if (who === 'monitoring') return monitoringSubject();
  const user = demoUsers.find((u) => u.username === who) ?? demoUsers.find((u) => (u.roles as string[]).includes(who));
  return user ? { kind: 'user', user } : undefined;
}

/** Why a token was refused: the message API Gateway's authorizer would give (never echoes the token). */
export class TokenRejected extends Error {
  constructor(
    message: string,
    readonly status: 401 | 403 = 401,
  ) {
    super(message);
    this.name = 'TokenRejected';
  }
}

export interface VerifyOptions {
  jwks: JSONWebKeySet;
  issuer: string;
  audiences: readonly string[];
  /** For machine routes: the scope the token's `scope` claim must contain. */
  requiredScope?: string;
  /** Seconds since the epoch; defaults to now (the real clock, never the dev clock offset). */
  now?: number;
}

/**
 * Verifies a bearer token as API Gateway's HTTP API JWT authorizer does: RS256 signature against the
 * issuer's JWKS (by `kid`), `iss` equal to the issuer, `aud` or (Cognito access tokens) `client_id`
 * among the configured audiences, `exp` in the future, `nbf` and `iat` not in the future; and for a
 * route with authorization scopes, the scope (missing scope → 403, as API Gateway answers).
 */
export async function verifyAccessToken(token: string, options: VerifyOptions): Promise<JWTPayload> {
  const now = options.now ?? Math.floor(Date.now() / 1000);
  let payload: JWTPayload;
  try {
    ({ payload } = await jwtVerify(token, createLocalJWKSet(options.jwks), {
      issuer: options.issuer,
      algorithms: [ALG],
      requiredClaims: ['exp'],
      currentDate: new Date(now * 1000),
    }));
  } catch (err) {
    // biome-ignore lint/correctness/usePlaywrightValidDescribeCallback: this module's own describe(err), not a test suite
    throw new TokenRejected(describe(err));
  }
  if (typeof payload.iat === 'number' && payload.iat > now) throw new TokenRejected('the token was issued in the future');
  if (payload.token_use !== 'access') throw new TokenRejected('the token is not an access token');
  const audiences = [...(Array.isArray(payload.aud) ? payload.aud : payload.aud ? [payload.aud] : [])];
  if (typeof payload.client_id === 'string') audiences.push(payload.client_id);
  if (!audiences.some((a) => options.audiences.includes(a))) throw new TokenRejected('the token has an invalid audience');
  if (options.requiredScope !== undefined) {
    const scopes = typeof payload.scope === 'string' ? payload.scope.split(' ') : [];
    if (!scopes.includes(options.requiredScope)) throw new TokenRejected('the token lacks the required scope', 403);
  }
  return payload;
}

function describe(err: unknown): string {
  if (err instanceof joseErrors.JWTExpired) return 'the token has expired';
  if (err instanceof joseErrors.JWTClaimValidationFailed) {
    if (err.claim === 'iss') return 'the token has an invalid issuer';
    if (err.claim === 'nbf') return 'the token is not valid yet';
    return `the token has an invalid ${err.claim} claim`;
  }
  if (err instanceof joseErrors.JWSSignatureVerificationFailed) return 'the token signature is invalid';
  if (err instanceof joseErrors.JWKSNoMatchingKey) return 'the token was not signed by a known key';
  if (err instanceof joseErrors.JOSEAlgNotAllowed) return 'the token uses an algorithm that is not allowed';
  return 'the token is malformed';
}
