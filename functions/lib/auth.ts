import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import { ForbiddenError, UnauthorizedError } from '../../shared/errors.js';
import { isStaffRole, type StaffRole } from '../../shared/roles.js';
import type { Access } from '../../shared/routes.js';

/** Who is calling, from the JWT claims the authorizer (API Gateway, or the local gateway) verified. */
export interface Principal {
  /** Stable subject id (Cognito `sub`). */
  sub: string;
  /** Human-readable user name, or the client id for a machine client. */
  username: string;
  roles: StaffRole[];
  /** The zone the staff member works in (group `zone:<id>`); undefined for none or more than one. */
  zone?: string | undefined;
  /** The districts they cover (groups `district:<id>`); always set by `principalFrom`. */
  districts?: string[];
  /** A partner worker's organisation (group `partner:<id>`); undefined for none or more than one. */
  partner?: string | undefined;
  scopes: string[];
  clientId: string | undefined;
}

type Claims = Record<string, string | number | boolean | string[]>;

/** API Gateway flattens array claims into "[a b]"; the local gateway may pass real arrays. */
function listClaim(value: Claims[string] | undefined): string[] {
  if (value === undefined) return [];
  if (Array.isArray(value)) return value.map(String);
  const text = String(value).trim();
  const inner = text.startsWith('[') && text.endsWith(']') ? text.slice(1, -1) : text;
  return inner.split(/[\s,]+/).filter(Boolean);
}

export function principalFrom(event: APIGatewayProxyEventV2WithJWTAuthorizer): Principal | null {
  const claims = (event.requestContext?.authorizer?.jwt?.claims ?? undefined) as Claims | undefined;
  if (!claims || claims.sub === undefined) return null;
  // API Gateway's JWT authorizer accepts any token of the user pool for the audience, ID tokens
  // included (their `aud` is the app client): only access tokens identify a caller here.
  if (claims.token_use !== 'access') return null;
  const clientId = claims.client_id === undefined ? undefined : String(claims.client_id);
  const groups = listClaim(claims['cognito:groups']);
  const zones = groups.filter((g) => g.startsWith('zone:')).map((g) => g.slice(5));
  const partners = groups.filter((g) => g.startsWith('partner:')).map((g) => g.slice(8));
  return {
    sub: String(claims.sub),
    username: String(claims.username ?? claims['cognito:username'] ?? clientId ?? claims.sub),
    roles: groups.filter(isStaffRole),
    // A token naming two zones is ambiguous: no zone, so every zone-scoped read refuses it.
    zone: zones.length === 1 ? zones[0] : undefined,
    districts: groups.filter((g) => g.startsWith('district:')).map((g) => g.slice(9)),
    // Like the zone: a worker of two organisations at once would be ambiguous, so of none.
    partner: partners.length === 1 ? partners[0] : undefined,
    scopes: listClaim(claims.scope),
    clientId,
  };
}

/** Checks the caller against the route's access rule; throws 401/403. Nothing is reachable by default. */
export function authorize(access: Access, principal: Principal | null): void {
  if (access.kind === 'public') return;
  if (!principal) throw new UnauthorizedError();
  if (access.kind === 'staff') {
    if (!principal.roles.some((r) => access.roles.includes(r))) throw new ForbiddenError();
    return;
  }
  if (!principal.scopes.includes(access.scope)) throw new ForbiddenError();
}

export function hasRole(principal: Principal | null, role: StaffRole): boolean {
  return principal?.roles.includes(role) ?? false;
}

/** The verified principal of a request on a non-public route; 401 if there is none. */
export function requirePrincipal(req: { principal: Principal | null }): Principal {
  if (!req.principal) throw new UnauthorizedError();
  return req.principal;
}

/** Who acts in a staff use case: the verified principal and the route-table key its audit entries record. */
export interface Caller {
  principal: Principal;
  route: string;
}

export function callerOf(req: { routeKey: string; principal: Principal | null }): Caller {
  return { principal: requirePrincipal(req), route: req.routeKey };
}
