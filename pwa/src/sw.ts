/// <reference lib="webworker" />
import { clientsClaim } from 'workbox-core';
import { cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute, type PrecacheEntry } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { NetworkFirst } from 'workbox-strategies';
import { CacheableResponsePlugin } from 'workbox-cacheable-response';
import { appConfig } from './config.js';
import { isOfflineApiRequest, NAVIGATION_DENYLIST } from './sw-rules.js';

/**
 * The victim app's service worker (the only one on the site). It precaches the victim app's shell
 * and chunks (never a /staff/ file: the build's glob excludes them), serves the shell for app
 * navigations except /staff/, /api/ and /auth/, and keeps the public catalogue
 * (`appConfig.offlineApiPaths`) for offline use, network first. Nothing else is cached.
 */
declare let self: ServiceWorkerGlobalScope & { __WB_MANIFEST: Array<PrecacheEntry | string> };

self.skipWaiting();
clientsClaim();
cleanupOutdatedCaches();
precacheAndRoute(self.__WB_MANIFEST);

registerRoute(new NavigationRoute(createHandlerBoundToURL('index.html'), { denylist: NAVIGATION_DENYLIST }));

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
