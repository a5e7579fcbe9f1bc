import { appConfig } from '../config.js';
import { registerExitCleaner } from '../exit/index.js';
import { createStore } from '../store.js';

/**
 * The booking flow's state: in memory only. The quick exit resets it (and clears Web Storage).
 * The reference + PIN go to localStorage ONLY when the person ticks "keep on this device".
 */
export interface Details {
  alias: string;
  language: string;
  interpreter: boolean;
  childcare: boolean;
  accessibility: string;
  mayContact: boolean | undefined;
  phone: string;
  safeFrom: string;
  safeTo: string;
  voicemail: boolean;
  codeWord: string;
}

export type Step = 'start' | 'service' | 'slot' | 'details' | 'done' | 'manage';

export interface FlowState {
  step: Step;
  serviceId: string | undefined;
  start: string | undefined;
  details: Details;
  /** Kept across retries of the same booking; renewed when what is sent changes. */
  attempt: { key: string; payload: string } | undefined;
  receipt: { reference: string; pin: string; start: string; serviceId: string } | undefined;
  /** Reference + PIN typed (or just received) for "my booking". */
  credentials: { reference: string; pin: string };
  /** A message for the next step (e.g. "this time was just taken"). */
  message: string | undefined;
}

export const emptyDetails = (language: string): Details => ({
  alias: '',
  language,
  interpreter: false,
  childcare: false,
  accessibility: '',
  mayContact: undefined,
  phone: '',
  safeFrom: '',
  safeTo: '',
  voicemail: false,
  codeWord: '',
});

const initial = (): FlowState => ({
  step: 'start',
  serviceId: undefined,
  start: undefined,
  details: emptyDetails('nl'),
  attempt: undefined,
  receipt: undefined,
  credentials: remembered() ?? { reference: '', pin: '' },
  message: undefined,
});

export const flowStore = createStore<FlowState>(initial());

export function patchFlow(patch: Partial<FlowState>): void {
  flowStore.set({ ...flowStore.get(), ...patch });
}

registerExitCleaner(() => flowStore.set({ ...initial(), credentials: { reference: '', pin: '' } }));

const KEY = `${appConfig.storagePrefix}booking`;

/** Only after an explicit opt-in. */
export function remember(reference: string, pin: string): void {
  try {
    localStorage.setItem(KEY, JSON.stringify({ reference, pin }));
  } catch {
    // storage unavailable: nothing kept
  }
}

export function forget(): void {
  try {
    localStorage.removeItem(KEY);
  } catch {
    // nothing to do
  }
}

export function remembered(): { reference: string; pin: string } | undefined {
  try {
    const raw = localStorage.getItem(KEY);
    if (!raw) return undefined;
    const v = JSON.parse(raw) as { reference?: unknown; pin?: unknown };
    return typeof v.reference === 'string' && typeof v.pin === 'string' ? { reference: v.reference, pin: v.pin } : undefined;
  } catch {
    return undefined;
  }
}
