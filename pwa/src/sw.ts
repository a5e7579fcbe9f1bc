/// <reference lib="webworker" />
import { clientsClaim } from 'workbox-core';
import { cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute, type PrecacheEntry } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import type { RouteHandlerCallback } from 'workbox-core/types.js';
import { NetworkFirst } from 'workbox-strategies';
import { CacheableResponsePlugin } from 'workbox-cacheable-response';
import { appConfig } from './config.js';
import { deleteDeviceStores, WIPE_MESSAGE } from './exit/stores.js';
import { isOfflineApiRequest, NAVIGATION_DENYLIST } from './sw-rules.js';

/**
 * The victim app's service worker (the only one on the site). It precaches the victim app's shell
 * and chunks (never a /staff/ file: the build's glob excludes them), serves the shell for app
 * navigations except /staff/, /api/ and /auth/, and keeps the public catalogue
 * (`appConfig.offlineApiPaths`) for offline use, network first. Nothing else is cached.
 * It also finishes a quick exit's deletion of the device stores (exit/stores.ts) after the page has
 * gone: the exit posts WIPE_MESSAGE and navigates at once; the worker deletes, kept alive by waitUntil,
 * and serves no app navigation before the deletion has ended, so nothing is read from those stores.
 */
declare let self: ServiceWorkerGlobalScope & { __WB_MANIFEST: Array<PrecacheEntry | string> };

self.skipWaiting();
clientsClaim();
cleanupOutdatedCaches();
precacheAndRoute(self.__WB_MANIFEST);

let wiping: Promise<void> = Promise.resolve();

self.addEventListener('message', (event: ExtendableMessageEvent) => {
  if ((event.data as { type?: unknown } | null)?.type !== WIPE_MESSAGE) return;
  const previous = wiping;
  wiping = previous.then(() => deleteDeviceStores(self));
  event.waitUntil(wiping);
});

const shell = createHandlerBoundToURL('index.html');
const shellAfterWipe: RouteHandlerCallback = async (options) => {
  await wiping;
  return shell(options);
};
registerRoute(new NavigationRoute(shellAfterWipe, { denylist: NAVIGATION_DENYLIST }));

registerRoute(
  ({ url, request }) =>
    isOfflineApiRequest({ url, method: request.method, origin: self.location.origin, hasAuthorization: request.headers.has('authorization') }),
  new NetworkFirst({
    cacheName: appConfig.dataCache,
    networkTimeoutSeconds: 6,
    plugins: [new CacheableResponsePlugin({ statuses: [200] })],
  }),
  'GET',
);
