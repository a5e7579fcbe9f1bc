import { isStaffRole, type StaffRole } from '../../../../shared/roles.js';

/**
 * Reads (does not verify) an access token's claims: the console only uses them to choose which screens
 * to show. The API verifies every token and enforces the roles itself.
 */
export interface TokenClaims {
  username: string;
  roles: StaffRole[];
  /** The zone the account works in (group `zone:<id>`), when it names exactly one. */
  zone: string | undefined;
  /** The districts it covers (groups `district:<id>`). */
  districts: string[];
  /** A partner worker's organisation (group `partner:<id>`), when it names exactly one. */
  partner: string | undefined;
  /** Epoch milliseconds. */
  expiresAt: number | undefined;
}

export function decodeClaims(token: string): TokenClaims | undefined {
  const part = token.split('.')[1];
  if (!part) return undefined;
  try {
    const json = atob(
      part
        .replace(/-/g, '+')
        .replace(/_/g, '/')
        .padEnd(Math.ceil(part.length / 4) * 4, '='),
    );
    const bytes = Uint8Array.from(json, (c) => c.charCodeAt(0));
    const claims = JSON.parse(new TextDecoder().decode(bytes)) as Record<string, unknown>;
    const groups = Array.isArray(claims['cognito:groups']) ? (claims['cognito:groups'] as unknown[]) : [];
    const strings = groups.filter((g): g is string => typeof g === 'string');
    const zonesIn = strings.filter((g) => g.startsWith('zone:')).map((g) => g.slice(5));
    const partnersIn = strings.filter((g) => g.startsWith('partner:')).map((g) => g.slice(8));
    const username =
      typeof claims.username === 'string' ? claims.username : typeof claims['cognito:username'] === 'string' ? (claims['cognito:username'] as string) : '';
    return {
      username,
      roles: groups.filter((g): g is StaffRole => typeof g === 'string' && isStaffRole(g)),
      zone: zonesIn.length === 1 ? zonesIn[0] : undefined,
      districts: strings.filter((g) => g.startsWith('district:')).map((g) => g.slice(9)),
      partner: partnersIn.length === 1 ? partnersIn[0] : undefined,
      expiresAt: typeof claims.exp === 'number' ? claims.exp * 1000 : undefined,
    };
  } catch {
    return undefined;
  }
}
