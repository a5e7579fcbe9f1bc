import type { VictimView } from '../../../shared/fjc/api.js';
import { registerExitCleaner } from '../exit/index.js';
import { createStore } from '../store.js';

/**
 * The case code and what it showed live in memory only (this store): never in Web Storage, IndexedDB
 * or the address bar, so a look at the phone afterwards finds nothing. The quick exit forgets them.
 */
export interface FjcState {
  code: string;
  view: VictimView | undefined;
}

export const initialFjcState = (): FjcState => ({ code: '', view: undefined });
export const fjcStore = createStore<FjcState>(initialFjcState());
registerExitCleaner(() => fjcStore.set(initialFjcState()));
