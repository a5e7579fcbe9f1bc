import type { StaffRole } from '../../../../shared/roles.js';
import type { StaffConfig } from '../config.js';
import { decodeClaims } from './claims.js';
import { challengeOf, createVerifier, randomToken } from './pkce.js';

/**
 * The staff session. The access token (15 minutes) lives in memory only. The refresh token, which
 * renews it, sits in this tab's sessionStorage with the time of the last key press, click or touch:
 * a reload within the idle limit resumes the session with one refresh, a closed tab forgets it, and it
 * is rotated at every use (a copied one is revoked by the issuer the moment both are used; see
 * SECURITY.md). The PKCE verifier and `state` sit in sessionStorage just for the redirect round-trip.
 * Sign-out, the idle timeout and a failed refresh clear it all and end the issuer's session too.
 */
export interface Session {
  accessToken: string;
  username: string;
  roles: StaffRole[];
  /** The patch the account works in (read from the token; the API enforces it). */
  zone: string | undefined;
  districts: string[];
  /** Epoch milliseconds. */
  expiresAt: number;
}

/** Why the sign-in screen is shown, told to the user once. */
export type Notice = 'idle' | 'expired' | 'signedOut' | 'failed';

export interface SessionState {
  session: Session | null;
  /** Seconds left before the idle sign-out, while the warning shows. */
  idleSecondsLeft: number | null;
  notice: Notice | null;
}

const PENDING_KEY = 'oneroof-staff.pkce';
const REFRESH_KEY = 'oneroof-staff.refresh';
/** Renew the access token this long before it expires. */
const RENEW_BEFORE_MS = 60_000;
const NOTICE_KEY = 'oneroof-staff.notice';
const WARN_SECONDS = 60;

let state: SessionState = { session: null, idleSecondsLeft: null, notice: null };
const listeners = new Set<() => void>();

function set(next: Partial<SessionState>): void {
  state = { ...state, ...next };
  for (const l of listeners) l();
}

export const getState = (): SessionState => state;
export function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export const accessToken = (): string | undefined => state.session?.accessToken;

interface Pending {
  verifier: string;
  state: string;
  /** The screen asked for before sign-in (`#/cases/<id>` from a reminder): ids only, no personal data. */
  returnHash: string;
}

const safeHash = (hash: string): string => (/^#\/[\w/-]{0,200}$/.test(hash) ? hash : '');

/** Step 1: to the issuer's sign-in page with a fresh PKCE pair and state. */
export async function startSignIn(config: StaffConfig, returnHash: string): Promise<void> {
  const pending: Pending = { verifier: createVerifier(), state: randomToken(24), returnHash: safeHash(returnHash) };
  sessionStorage.setItem(PENDING_KEY, JSON.stringify(pending));
  const target = new URL(config.authorizeUrl, location.origin);
  target.search = new URLSearchParams({
    response_type: 'code',
    client_id: config.clientId,
    redirect_uri: redirectUri(),
    scope: config.scope,
    state: pending.state,
    code_challenge: await challengeOf(pending.verifier),
    code_challenge_method: 'S256',
  }).toString();
  location.assign(target.toString());
}

export const redirectUri = (): string => `${location.origin}/staff/`;

function takePending(): Pending | undefined {
  const raw = sessionStorage.getItem(PENDING_KEY);
  sessionStorage.removeItem(PENDING_KEY);
  if (!raw) return undefined;
  try {
    const p = JSON.parse(raw) as Partial<Pending>;
    if (typeof p.verifier === 'string' && typeof p.state === 'string')
      return { verifier: p.verifier, state: p.state, returnHash: safeHash(p.returnHash ?? '') };
  } catch {
    // ignored
  }
  return undefined;
}

/** Reads the notice left by a sign-out that went through the issuer's logout page (read once). */
export function takeNotice(): void {
  const notice = sessionStorage.getItem(NOTICE_KEY);
  sessionStorage.removeItem(NOTICE_KEY);
  if (notice === 'idle' || notice === 'signedOut' || notice === 'expired' || notice === 'failed') set({ notice });
}

interface Kept {
  refreshToken: string;
  lastActivity: number;
}

function kept(): Kept | undefined {
  try {
    const k = JSON.parse(sessionStorage.getItem(REFRESH_KEY) ?? 'null') as Partial<Kept> | null;
    if (k && typeof k.refreshToken === 'string' && typeof k.lastActivity === 'number') return { refreshToken: k.refreshToken, lastActivity: k.lastActivity };
  } catch {
    // ignored
  }
  return undefined;
}

const keep = (k: Kept): void => sessionStorage.setItem(REFRESH_KEY, JSON.stringify(k));
const forget = (): void => sessionStorage.removeItem(REFRESH_KEY);

/** Posts a grant to the token endpoint; the session from its answer, or undefined. */
async function grant(config: StaffConfig, body: Record<string, string>, previousRefresh?: string): Promise<Session | undefined> {
  const res = await fetch(config.tokenUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
    credentials: 'omit',
    body: new URLSearchParams(body).toString(),
  });
  if (!res.ok) return undefined;
  const out = (await res.json()) as { access_token?: unknown; expires_in?: unknown; refresh_token?: unknown };
  if (typeof out.access_token !== 'string') return undefined;
  const claims = decodeClaims(out.access_token);
  if (!claims) return undefined;
  const lifetime = typeof out.expires_in === 'number' ? out.expires_in * 1000 : 900_000;
  const expiresAt = Math.min(claims.expiresAt ?? Infinity, Date.now() + lifetime);
  const refreshToken = typeof out.refresh_token === 'string' ? out.refresh_token : previousRefresh;
  if (refreshToken) keep({ refreshToken, lastActivity: kept()?.lastActivity ?? Date.now() });
  return { accessToken: out.access_token, username: claims.username, roles: claims.roles, zone: claims.zone, districts: claims.districts, expiresAt };
}

let renewing: Promise<boolean> | undefined;

/** A new access token with the kept refresh token (which rotates); false when there is none or it is refused. */
function renew(config: StaffConfig): Promise<boolean> {
  renewing ??= (async () => {
    const k = kept();
    if (!k) return false;
    try {
      const session = await grant(config, { grant_type: 'refresh_token', refresh_token: k.refreshToken, client_id: config.clientId }, k.refreshToken);
      if (!session) {
        // Refused (expired, revoked, or reused elsewhere): it will not work again.
        forget();
        return false;
      }
      set({ session });
      return true;
    } catch {
      return false;
    }
  })().finally(() => {
    renewing = undefined;
  });
  return renewing;
}

/**
 * On load without a sign-in answer: resumes a session kept in this tab if it has been idle for less
 * than the idle limit (one refresh), else forgets it. Returns true when signed in again.
 */
export async function resumeSession(config: StaffConfig): Promise<boolean> {
  const k = kept();
  if (!k) return false;
  if (Date.now() - k.lastActivity >= config.idleMinutes * 60_000) {
    forget();
    return false;
  }
  if (!(await renew(config))) {
    forget();
    return false;
  }
  startIdleWatch(config, k.lastActivity);
  return true;
}

/**
 * Step 2, back from the issuer with `?code&state` (or `?error`): exchanges the code with the verifier.
 * Returns the hash to open, and always removes the code from the address bar.
 */
export async function completeSignIn(config: StaffConfig, params: URLSearchParams): Promise<string> {
  const pending = takePending();
  const code = params.get('code');
  const fail = (): string => {
    set({ session: null, notice: 'failed' });
    return '';
  };
  if (!pending || !code || params.get('state') !== pending.state) return fail();
  try {
    forget();
    const session = await grant(config, {
      grant_type: 'authorization_code',
      code,
      code_verifier: pending.verifier,
      client_id: config.clientId,
      redirect_uri: redirectUri(),
    });
    if (!session) return fail();
    set({ session, notice: null, idleSecondsLeft: null });
    startIdleWatch(config);
    return pending.returnHash;
  } catch {
    return fail();
  }
}

/**
 * Clears the session. `idle` and `signedOut` also end the issuer's session (Cognito's hosted UI keeps
 * one in a cookie), so the next person at this tablet must type a password.
 */
export function signOut(config: StaffConfig, reason: Notice): void {
  stopIdleWatch();
  forget();
  set({ session: null, idleSecondsLeft: null, notice: reason });
  if (reason === 'idle' || reason === 'signedOut') {
    sessionStorage.setItem(NOTICE_KEY, reason);
    const target = new URL(config.logoutUrl, location.origin);
    target.search = new URLSearchParams({ client_id: config.clientId, logout_uri: redirectUri() }).toString();
    location.assign(target.toString());
  }
}

// --- idle timeout ---------------------------------------------------------------------------------

let lastActivity = 0;
let timer: ReturnType<typeof setInterval> | undefined;
const ACTIVITY = ['keydown', 'pointerdown', 'touchstart', 'wheel'] as const;
const onActivity = (): void => {
  lastActivity = Date.now();
};

function startIdleWatch(config: StaffConfig, since = Date.now()): void {
  stopIdleWatch();
  lastActivity = since;
  for (const type of ACTIVITY) document.addEventListener(type, onActivity, { capture: true, passive: true });
  const limit = config.idleMinutes * 60_000;
  const warnAt = Math.min(WARN_SECONDS * 1000, limit / 2);
  timer = setInterval(() => {
    const s = state.session;
    if (!s) return stopIdleWatch();
    const now = Date.now();
    const left = limit - (now - lastActivity);
    if (left <= 0) return signOut(config, 'idle');
    const k = kept();
    if (k && k.lastActivity !== lastActivity) keep({ ...k, lastActivity });
    if (now >= s.expiresAt - RENEW_BEFORE_MS && !renewing) {
      void renew(config).then((ok) => {
        if (!ok && Date.now() >= (state.session?.expiresAt ?? 0)) signOut(config, 'expired');
      });
    }
    const seconds = left <= warnAt ? Math.ceil(left / 1000) : null;
    if (seconds !== state.idleSecondsLeft) set({ idleSecondsLeft: seconds });
  }, 1000);
}

function stopIdleWatch(): void {
  if (timer !== undefined) clearInterval(timer);
  timer = undefined;
  for (const type of ACTIVITY) document.removeEventListener(type, onActivity, { capture: true });
}

/** "Stay signed in" on the idle warning. */
export function stillHere(): void {
  onActivity();
  set({ idleSecondsLeft: null });
}

/** Called by the API client on a 401: the token is no longer accepted. */
export function sessionRejected(config: StaffConfig): void {
  if (state.session) signOut(config, 'expired');
}
