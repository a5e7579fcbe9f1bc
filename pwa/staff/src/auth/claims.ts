import { isStaffRole, type StaffRole } from '../../../../shared/roles.js';

/**
 * Reads (does not verify) an access token's claims: the console only uses them to choose which screens
 * to show. The API verifies every token and enforces the roles itself.
 */
export interface TokenClaims {
  username: string;
  roles: StaffRole[];
  /** Epoch milliseconds. */
  expiresAt: number | undefined;
}

export function decodeClaims(token: string): TokenClaims | undefined {
  const part = token.split('.')[1];
  if (!part) return undefined;
  try {
    const json = atob(part.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(part.length / 4) * 4, '='));
    const bytes = Uint8Array.from(json, (c) => c.charCodeAt(0));
    const claims = JSON.parse(new TextDecoder().decode(bytes)) as Record<string, unknown>;
    const groups = Array.isArray(claims['cognito:groups']) ? (claims['cognito:groups'] as unknown[]) : [];
    const username =
      typeof claims.username === 'string' ? claims.username : typeof claims['cognito:username'] === 'string' ? (claims['cognito:username'] as string) : '';
    return {
      username,
      roles: groups.filter((g): g is StaffRole => typeof g === 'string' && isStaffRole(g)),
      expiresAt: typeof claims.exp === 'number' ? claims.exp * 1000 : undefined,
    };
  } catch {
    return undefined;
  }
}
