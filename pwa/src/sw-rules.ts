import { appConfig } from './config.js';

/**
 * What the victim app's service worker may touch, as pure rules (unit-tested):
 * - navigations to these never get the app shell (the staff console, the API, the local sign-in);
 * - only these GET requests are cached at run time: same origin, exactly a path listed in
 *   `appConfig.offlineApiPaths` (public, non-personal), no query string, no Authorization header.
 */
export const NAVIGATION_DENYLIST: RegExp[] = [/^\/staff(?:[/?#]|$)/, /^\/api(?:[/?#]|$)/, /^\/auth(?:[/?#]|$)/];

export interface RequestFacts {
  url: URL;
  method: string;
  origin: string;
  hasAuthorization: boolean;
}

export function isOfflineApiRequest({ url, method, origin, hasAuthorization }: RequestFacts): boolean {
  return (
    method === 'GET' &&
    url.origin === origin &&
    url.search === '' &&
    !hasAuthorization &&
    (appConfig.offlineApiPaths as readonly string[]).includes(url.pathname)
  );
}
