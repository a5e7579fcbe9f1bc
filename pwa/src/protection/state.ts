import { appConfig } from '../config.js';
import { registerExitCleaner } from '../exit/index.js';
import { createStore } from '../store.js';

/**
 * The protection code lives in memory only (this store), so it need not be typed again while the app
 * is open; the quick exit forgets it. It is written to the device ONLY when the person ticks
 * "remember on this device" (localStorage, under the app's prefix — the quick exit clears it too).
 */
export interface ProtectionState {
  code: string;
  remember: boolean;
  shareLocation: boolean;
}

const KEY = `${appConfig.storagePrefix}pc`;

function stored(): string {
  try {
    return localStorage.getItem(KEY) ?? '';
  } catch {
    return '';
  }
}

export function initialProtectionState(): ProtectionState {
  const code = stored();
  return { code, remember: code !== '', shareLocation: true };
}

export const protectionStore = createStore<ProtectionState>(initialProtectionState());

/** Keeps the device copy in line with the person's choice (and only then writes it). */
export function applyRemember(state: ProtectionState): void {
  try {
    if (state.remember && state.code.trim() !== '') localStorage.setItem(KEY, state.code.trim());
    else localStorage.removeItem(KEY);
  } catch {
    // storage unavailable: the code stays in memory only
  }
}

registerExitCleaner(() => protectionStore.set({ code: '', remember: false, shareLocation: true }));
