/**
 * The staff console's run-time configuration: where to sign in (the local issuer under `/auth` in the
 * local stack, the Cognito hosted UI in AWS), the app client id, and the idle timeout.
 *
 * Precedence: `/staff/auth-config.json` (deployed next to the bundle by infra/aws/web.ts:
 * `{ region, userPoolId, clientId, domain, issuer }`) > build-time env (`VITE_STAFF_*`) > same-origin
 * defaults for the local stack. Unknown or malformed fields are ignored; `issuer` there is the JWT
 * issuer, which only the API needs.
 */
export interface StaffConfig {
  /** OAuth client id of the staff console (Cognito app client id in AWS). */
  clientId: string;
  authorizeUrl: string;
  tokenUrl: string;
  logoutUrl: string;
  scope: string;
  /** Minutes without a key press, click or touch before the console signs out. */
  idleMinutes: number;
  /** Seconds between refreshes of the open alerts. */
  alertPollSeconds: number;
  /** A map tile layer under the alert picture, when the deployment configures one (its CSP then allows it). */
  mapTiles?: TileSource | undefined;
}

import { parseTileSource, type TileSource } from '../../../shared/map-tiles.js';

const env = import.meta.env;

type Endpoints = Pick<StaffConfig, 'authorizeUrl' | 'tokenUrl' | 'logoutUrl'>;

/** The local issuer's layout: `<base>/authorize`, `<base>/token`, `<base>/logout`. */
function fromAuthBase(authBase: string): Endpoints {
  const base = authBase.replace(/\/+$/, '');
  return { authorizeUrl: `${base}/authorize`, tokenUrl: `${base}/token`, logoutUrl: `${base}/logout` };
}

/** The Cognito hosted UI's layout: `<domain>/oauth2/authorize`, `<domain>/oauth2/token`, `<domain>/logout`. */
function fromCognitoDomain(domain: string): Endpoints {
  const base = domain.replace(/\/+$/, '');
  return { authorizeUrl: `${base}/oauth2/authorize`, tokenUrl: `${base}/oauth2/token`, logoutUrl: `${base}/logout` };
}

function num(value: unknown, min: number, max: number): number | undefined {
  const n = typeof value === 'string' ? Number(value) : value;
  return typeof n === 'number' && Number.isFinite(n) && n >= min && n <= max ? n : undefined;
}

/** Only the same origin or https URLs: a config file must not send staff to a plain-http page. */
function url(value: unknown): string | undefined {
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  try {
    const u = new URL(value, location.origin);
    if (u.origin === location.origin || u.protocol === 'https:') return value;
  } catch {
    // ignored
  }
  return undefined;
}

export function defaultConfig(): StaffConfig {
  return {
    clientId: env.VITE_STAFF_CLIENT_ID || 'oneroof-staff-console',
    ...(env.VITE_STAFF_COGNITO_DOMAIN ? fromCognitoDomain(env.VITE_STAFF_COGNITO_DOMAIN) : fromAuthBase(env.VITE_STAFF_AUTH_BASE || '/auth')),
    ...(env.VITE_STAFF_AUTHORIZE_URL ? { authorizeUrl: env.VITE_STAFF_AUTHORIZE_URL } : {}),
    ...(env.VITE_STAFF_TOKEN_URL ? { tokenUrl: env.VITE_STAFF_TOKEN_URL } : {}),
    ...(env.VITE_STAFF_LOGOUT_URL ? { logoutUrl: env.VITE_STAFF_LOGOUT_URL } : {}),
    scope: 'openid',
    idleMinutes: num(env.VITE_STAFF_IDLE_MINUTES, 0.05, 240) ?? 15,
    alertPollSeconds: 5,
    mapTiles: parseTileSource(env.VITE_STAFF_MAP_TILE_URL, env.VITE_STAFF_MAP_ATTRIBUTION),
  };
}

/** Merges a parsed config.json over the defaults, field by field. */
export function mergeConfig(base: StaffConfig, raw: unknown): StaffConfig {
  if (typeof raw !== 'object' || raw === null) return base;
  const r = raw as Record<string, unknown>;
  const domain = url(r.domain);
  const authBase = url(r.authBase);
  const next: StaffConfig = { ...base, ...(authBase ? fromAuthBase(authBase) : {}), ...(domain ? fromCognitoDomain(domain) : {}) };
  if (typeof r.clientId === 'string' && /^[\w.-]{1,128}$/.test(r.clientId)) next.clientId = r.clientId;
  next.authorizeUrl = url(r.authorizeUrl) ?? next.authorizeUrl;
  next.tokenUrl = url(r.tokenUrl) ?? next.tokenUrl;
  next.logoutUrl = url(r.logoutUrl) ?? next.logoutUrl;
  if (typeof r.scope === 'string' && /^[\w:/. -]{1,200}$/.test(r.scope)) next.scope = r.scope;
  next.idleMinutes = num(r.idleMinutes, 0.05, 240) ?? next.idleMinutes;
  next.alertPollSeconds = num(r.alertPollSeconds, 2, 60) ?? next.alertPollSeconds;
  // Both or neither, and only a safe https template (shared/map-tiles.ts); a bad one keeps the SVG alone.
  if (r.mapTileUrl !== undefined) next.mapTiles = parseTileSource(r.mapTileUrl, r.mapAttribution);
  return next;
}

export async function loadConfig(): Promise<StaffConfig> {
  const base = defaultConfig();
  try {
    const res = await fetch(new URL('auth-config.json', new URL('/staff/', location.origin)), { cache: 'no-store', credentials: 'omit' });
    if (!res.ok || !(res.headers.get('content-type') ?? '').includes('json')) return base;
    return mergeConfig(base, await res.json());
  } catch {
    return base;
  }
}
