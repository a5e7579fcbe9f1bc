import { routeByKey } from '../../../shared/routes.js';
import type { StaffRole } from '../../../shared/roles.js';

/**
 * What a signed-in person may see, derived from THE route table (shared/routes.ts) the API enforces:
 * a screen is shown only to roles that may call the route it needs.
 */
export function can(roles: readonly StaffRole[], key: string): boolean {
  const route = routeByKey(key);
  if (route?.access.kind !== 'staff') return false;
  const allowed = route.access.roles;
  return roles.some((r) => allowed.includes(r));
}
