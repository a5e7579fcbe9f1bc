import { identity } from './identity.js';

/**
 * The victim app and the staff console live on two origins (which API routes each serves:
 * `originsOf` in shared/routes.ts). In AWS each is its own CloudFront distribution (infra/aws/web.ts);
 * locally each its own port: the victim app on PORT, the staff console, its sign-in and the staff API
 * on PORT + STAFF_PORT_OFFSET.
 */
export const STAFF_PORT_OFFSET = 1;

/** The local staff origin's port for a stack whose victim app listens on `port` (0: a free port of its own). */
export function localStaffPort(port: number): number {
  return port === 0 ? 0 : port + STAFF_PORT_OFFSET;
}

/** Where the staff console lives on its origin (its Vite base, its service worker's scope). */
export const STAFF_CONSOLE_PATH = '/staff/';

/**
 * Path prefixes that belong to the staff origin only: the console and the local issuer's sign-in.
 * The victim origin answers 404 for them (as for any path it does not serve), never a page.
 */
export const STAFF_ONLY_PREFIXES = ['/staff', identity.localIssuerPath] as const;

export function isStaffOnlyPath(path: string): boolean {
  return STAFF_ONLY_PREFIXES.some((p) => path === p || path.startsWith(`${p}/`));
}
