import type { FunctionName } from '../../shared/functions.js';
import { routeKey, routes } from '../../shared/routes.js';
import { httpApi, type Operation } from './http.js';

/**
 * TEMPORARY: a handler that answers 501 for every route of a capability not built yet, so the CDK
 * app and the local gateway have an entry for every declared function. Delete once unused.
 */
export function placeholderApi(fn: FunctionName) {
  const notBuilt: Operation = async () => ({ status: 501, body: { error: 'not_implemented', message: 'Not built yet' } });
  return httpApi(fn, Object.fromEntries(routes.filter((r) => r.function === fn).map((r) => [routeKey(r), notBuilt])));
}
