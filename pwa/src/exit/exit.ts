import { appConfig } from '../config.js';
import { launchedInstalled, neutralUrl } from '../disguise.js';
import { deleteDeviceStores, isKeptCache, WIPE_MESSAGE } from './stores.js';

export { isKeptCache };

/**
 * The quick exit: navigate first. In this order, all in the key press's (or click's) own task:
 *  1. hide the content synchronously (nothing of the app stays on screen, nor in a back/forward
 *     cache snapshot);
 *  2. clear in-memory state (every registered cleaner: router, catalogue, a booking in progress…);
 *  3. clear sessionStorage and localStorage of this origin;
 *  4. hand the deletion of the device stores that could hold personal data (every IndexedDB database,
 *     every Cache Storage cache except the app shell precache and the public catalogue: stores.ts) to
 *     the service worker, which finishes it after the page has gone (`waitUntil`), and start it here
 *     too; the worker holds any new load of the app until it is done, so nothing is read before;
 *  5. `location.replace(exitDestination())` at once: the app's history entry is replaced, so Back does
 *     not return. In a browser tab that is the neutral site (`exitUrl`); in the installed app it is the
 *     app's own neutral notes screen, loaded afresh (nothing of the help screens stays in memory).
 * Only a page no service worker controls yet (a first visit before the worker took over) has nobody to
 * hand step 4 to: it waits for it at most `DEVICE_CLEAR_BUDGET_MS` before step 5 (content is already
 * gone by then). Everything is local: it works offline.
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
  /**
   * Starts deleting the device stores. Returns nothing when the deletion was handed to where it finishes
   * without the page (the service worker); else a promise the exit waits for, at most DEVICE_CLEAR_BUDGET_MS.
   */
  clearDeviceStores(): Promise<void> | undefined;
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

/** Runs the exit; resolves once `leave` was called (in the same task, unless nobody could take the device stores over). */
export function quickExit(steps: ExitSteps = browserSteps(), url: string = exitDestination()): Promise<void> {
  exited = true;
  safely(() => steps.hide());
  safely(() => steps.runCleaners());
  safely(() => steps.clearWebStorage());
  let stores: Promise<void> | undefined;
  try {
    stores = steps.clearDeviceStores();
  } catch {
    stores = undefined;
  }
  if (!stores) {
    steps.leave(url);
    return Promise.resolve();
  }
  return Promise.race([stores.catch(() => undefined), delay(DEVICE_CLEAR_BUDGET_MS)]).then(() => steps.leave(url));
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
    clearDeviceStores: () => {
      const deleting = deleteDeviceStores(win);
      // The worker takes it over: it finishes after this page has gone and holds the next app load until then.
      const worker = win.navigator.serviceWorker?.controller;
      if (!worker) return deleting;
      try {
        worker.postMessage({ type: WIPE_MESSAGE });
        return undefined;
      } catch {
        return deleting;
      }
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
