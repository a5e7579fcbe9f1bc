import { appConfig } from '../config.js';
import { launchedInstalled, neutralUrl } from '../disguise.js';

/**
 * The quick exit. In this order:
 *  1. hide the content synchronously (nothing of the app stays on screen, nor in a back/forward
 *     cache snapshot);
 *  2. clear in-memory state (every registered cleaner: router, catalogue, a booking in progress…);
 *  3. clear sessionStorage and localStorage of this origin;
 *  4. delete device stores that could hold personal data: every IndexedDB database (the app writes
 *     none) and every Cache Storage cache except the app shell precache and the public catalogue;
 *  5. `location.replace(exitDestination())`: the app's history entry is replaced, so Back does not
 *     return. In a browser tab that is the neutral site (`exitUrl`); in the installed app it is the
 *     app's own neutral notes screen, loaded afresh (nothing of the help screens stays in memory).
 * Step 4 is asynchronous in browsers; the exit waits for it at most `DEVICE_CLEAR_BUDGET_MS`
 * (content is already gone by then), so it never hangs. Everything is local: it works offline.
 */

export type ExitCleaner = () => void;

const cleaners = new Set<ExitCleaner>();

/**
 * Registers a function that forgets in-memory state holding anything personal (a form in
 * progress, a booking reference, a fetched booking). Returns an unregister function.
 * Cleaners must be synchronous and fast; one that throws does not stop the exit.
 */
export function registerExitCleaner(cleaner: ExitCleaner): () => void {
  cleaners.add(cleaner);
  return () => cleaners.delete(cleaner);
}

const unsaved = new Set<() => boolean>();

/**
 * Registers a question "is there work in progress an exit would lose?" (a booking being filled in).
 * Only the Esc key asks it (see controller.ts); the button and Shift×3 always leave at once.
 */
export function registerUnsavedWork(check: () => boolean): () => void {
  unsaved.add(check);
  return () => unsaved.delete(check);
}

export function hasUnsavedWork(): boolean {
  for (const check of unsaved) {
    try {
      if (check()) return true;
    } catch {
      // a failing check never blocks an exit
    }
  }
  return false;
}

export const DEVICE_CLEAR_BUDGET_MS = 200;

export interface ExitSteps {
  hide(): void;
  runCleaners(): void;
  clearWebStorage(): void;
  clearDeviceStores(): Promise<void>;
  leave(url: string): void;
}

let exited = false;

/** True once an exit started in this page (kept across a back/forward-cache restore). */
export function hasExited(): boolean {
  return exited;
}

/** Where an exit goes: the installed app's neutral screen, or the neutral site from a browser tab. */
export function exitDestination(installed: boolean = launchedInstalled()): string {
  return installed ? neutralUrl() : appConfig.exitUrl;
}

/** Runs the exit; resolves once `leave` was called. */
export async function quickExit(steps: ExitSteps = browserSteps(), url: string = exitDestination()): Promise<void> {
  exited = true;
  safely(() => steps.hide());
  safely(() => steps.runCleaners());
  safely(() => steps.clearWebStorage());
  let stores: Promise<void>;
  try {
    stores = steps.clearDeviceStores();
  } catch {
    stores = Promise.resolve();
  }
  await Promise.race([stores.catch(() => undefined), delay(DEVICE_CLEAR_BUDGET_MS)]);
  steps.leave(url);
}

function safely(step: () => void): void {
  try {
    step();
  } catch {
    // keep exiting whatever happens
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Cache Storage caches that hold no personal data and keep the app (and its exit) working offline. */
export function isKeptCache(name: string): boolean {
  return name.startsWith(appConfig.precachePrefix) || name === appConfig.dataCache;
}

/** Blanks the page at once: the whole document is hidden and the app's DOM dropped. */
export function hideDocument(doc: Document = document): void {
  doc.documentElement.setAttribute('data-exiting', '');
  doc.documentElement.style.setProperty('display', 'none', 'important');
  if (doc.body) doc.body.replaceChildren();
}

export function browserSteps(win: Window & typeof globalThis = window): ExitSteps {
  return {
    hide: () => hideDocument(win.document),
    runCleaners: () => {
      for (const cleaner of [...cleaners]) safely(cleaner);
    },
    clearWebStorage: () => {
      safely(() => win.sessionStorage.clear());
      safely(() => win.localStorage.clear());
    },
    clearDeviceStores: async () => {
      const jobs: Promise<unknown>[] = [];
      if (win.indexedDB && typeof win.indexedDB.databases === 'function') {
        jobs.push(
          win.indexedDB.databases().then((dbs) => {
            for (const db of dbs) if (db.name) win.indexedDB.deleteDatabase(db.name);
          }),
        );
      }
      if (win.caches) {
        jobs.push(win.caches.keys().then((names) => Promise.all(names.filter((n) => !isKeptCache(n)).map((n) => win.caches.delete(n)))));
      }
      await Promise.all(jobs.map((job) => job.catch(() => undefined)));
    },
    leave: (url) => win.location.replace(url),
  };
}

/**
 * If the browser ever shows this page again from its back/forward cache after an exit, blank it
 * and leave again before anything can be read. The installed app, restored from that cache for any
 * reason, always goes back to its neutral screen: whoever brings it back sees notes, not help.
 */
export function guardBackForwardCache(win: Window & typeof globalThis = window, installed: () => boolean = () => launchedInstalled(win)): () => void {
  const onPageShow = (event: PageTransitionEvent) => {
    if (!event.persisted) return;
    const isInstalled = installed();
    if (exited || isInstalled) {
      hideDocument(win.document);
      win.location.replace(exitDestination(isInstalled));
    }
  };
  win.addEventListener('pageshow', onPageShow);
  return () => win.removeEventListener('pageshow', onPageShow);
}

/** For tests only: forget that an exit happened. */
export function resetExitForTests(): void {
  exited = false;
  cleaners.clear();
  unsaved.clear();
}
