import { appConfig } from '../config.js';

/**
 * Deleting the device stores an exit must not leave behind: every IndexedDB database (the device vault's
 * key and ciphertext among them) and every Cache Storage cache except the app shell precache and the
 * public catalogue. No DOM: the page and the service worker (sw.ts) run the same code, so the deletion
 * can finish in the worker after the page has gone (exit.ts hands it over with `WIPE_MESSAGE`).
 */
export const WIPE_MESSAGE = 'oneroof-exit-wipe';

/** Cache Storage caches that hold no personal data and keep the app (and its exit) working offline. */
export function isKeptCache(name: string): boolean {
  return name.startsWith(appConfig.precachePrefix) || name === appConfig.dataCache;
}

/** What the deletion needs of a window or a worker. */
export interface StoreScope {
  indexedDB?: IDBFactory;
  caches?: CacheStorage;
}

/** Deletes them all; resolves when every deletion has ended (a failing one never rejects the rest). */
export async function deleteDeviceStores(scope: StoreScope): Promise<void> {
  const jobs: Promise<unknown>[] = [];
  const idb = scope.indexedDB;
  if (idb && typeof idb.databases === 'function') {
    jobs.push(idb.databases().then((dbs) => Promise.all(dbs.filter((db) => db.name).map((db) => deleted(idb, db.name as string)))));
  }
  const caches = scope.caches;
  if (caches) {
    jobs.push(caches.keys().then((names) => Promise.all(names.filter((n) => !isKeptCache(n)).map((n) => caches.delete(n)))));
  }
  await Promise.all(jobs.map((job) => job.catch(() => undefined)));
}

/**
 * One database's deletion, ended or queued: deleted, failed, or blocked by a connection the closing page
 * still holds — the browser then deletes it as soon as that connection closes (at the latest when the page
 * unloads), and no new connection can open before.
 */
function deleted(idb: IDBFactory, name: string): Promise<void> {
  return new Promise((resolve) => {
    const req = idb.deleteDatabase(name);
    req.onsuccess = () => resolve();
    req.onerror = () => resolve();
    req.onblocked = () => resolve();
  });
}
