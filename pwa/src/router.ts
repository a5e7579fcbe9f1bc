import { createStore, useStore } from './store.js';

/**
 * The in-memory router. The address bar never changes: no pushState, no hash, no query — so the
 * browser's history holds one entry for the whole app, and nothing in it says where the user went.
 * Screens are opened with `navigate(id)`; the browser's Back button leaves the app (there is always
 * a "back to the start" button inside).
 */
export const SCREEN_IDS = ['notes', 'first-visit', 'home', 'safety', 'services', 'book', 'protection', 'fjc', 'self-check', 'space'] as const;
export type ScreenId = (typeof SCREEN_IDS)[number];

export interface Route {
  screen: ScreenId;
  /** Optional, non-personal parameters (e.g. a service id); never written anywhere. */
  params: Readonly<Record<string, string>>;
  /** Increases on every navigation (moves focus to the new screen's heading). */
  seq: number;
}

export const routeStore = createStore<Route>({ screen: 'home', params: {}, seq: 0 });

/** Opens a screen. `params` stay in memory only (the quick exit forgets them). */
export function navigate(screen: ScreenId, params: Record<string, string> = {}): void {
  routeStore.set({ screen, params: { ...params }, seq: routeStore.get().seq + 1 });
}

export function useRoute(): Route {
  return useStore(routeStore);
}

/** Back to the initial state (the quick exit's cleaner). */
export function resetRouter(): void {
  routeStore.set({ screen: 'home', params: {}, seq: 0 });
}

/** The first screen of a launch: the neutral notes when installed, else help (first visit once per tab). */
export function startScreen(installed: boolean, seenFirstVisit: boolean): ScreenId {
  if (installed) return 'notes';
  return seenFirstVisit ? 'home' : 'first-visit';
}
