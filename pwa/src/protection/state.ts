import { forgetSealed, keepSealed, readSealed } from '../device-vault.js';
import { registerExitCleaner } from '../exit/index.js';
import { createStore } from '../store.js';

/**
 * The protection code lives in memory only (this store), so it need not be typed again while the app
 * is open; the quick exit forgets it. It is kept on the device ONLY when the person ticks "remember on
 * this device", and then never in clear text: sealed under a non-extractable device key
 * (device-vault.ts); the quick exit deletes key and ciphertext.
 */
export interface ProtectionState {
  code: string;
  remember: boolean;
  shareLocation: boolean;
}

const NAME = 'protection-code';

export function initialProtectionState(): ProtectionState {
  return { code: '', remember: false, shareLocation: true };
}

export const protectionStore = createStore<ProtectionState>(initialProtectionState());

/** Loads a kept code into memory (once the screen opens), unless the person already typed one. */
export async function restoreRemembered(): Promise<void> {
  const code = await readSealed(NAME);
  const now = protectionStore.get();
  if (code && now.code === '') protectionStore.set({ ...now, code, remember: true });
}

let pending: Promise<void> = Promise.resolve();

/** Keeps the device copy in line with the person's choice (and only then writes it); writes in order. */
export function applyRemember(state: ProtectionState): Promise<void> {
  const code = state.code.trim();
  pending = pending.then(async () => {
    if (state.remember && code !== '') await keepSealed(NAME, code);
    else await forgetSealed(NAME);
  });
  return pending;
}

registerExitCleaner(() => protectionStore.set(initialProtectionState()));
