import { forgetSealed, keepSealed, readSealed } from '../device-vault.js';
import { registerExitCleaner, registerUnsavedWork } from '../exit/index.js';
import { createStore } from '../store.js';
import type { ContactChoices } from './contact-fields.js';

/**
 * The booking flow's state: in memory only. The quick exit resets it (and clears device storage).
 * The reference + PIN are kept on the device ONLY when the person ticks "keep on this device", and
 * then sealed under a non-extractable device key (device-vault.ts): the PIN never touches disk in clear.
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
  /** Her consent that the police social service may take these choices over (off unless she ticks it). */
  shareWithPolice: boolean;
}

export type Step = 'start' | 'service' | 'slot' | 'details' | 'done' | 'manage';

export interface FlowState {
  step: Step;
  serviceId: string | undefined;
  start: string | undefined;
  details: Details;
  /** Kept across retries of the same booking; renewed when what is sent changes. */
  attempt: { key: string; payload: string } | undefined;
  /**
   * What the confirmation shows, once: the PIN, and her contact choices as she sent them (the form is
   * emptied once the booking is made, and the answer carries no personal field back).
   */
  receipt: { reference: string; pin: string; start: string; serviceId: string; choices: ContactChoices } | undefined;
  /** Reference + PIN typed (or just received) for "my booking". */
  credentials: { reference: string; pin: string };
  /**
   * Set by the confirmation only: "my booking" opens the booking just made without a click. Typed or
   * kept credentials fill the form and wait for her, whether the kept ones arrive before or after it.
   */
  openAtOnce: boolean;
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
  shareWithPolice: false,
});

const initial = (): FlowState => ({
  step: 'start',
  serviceId: undefined,
  start: undefined,
  details: emptyDetails('nl'),
  attempt: undefined,
  receipt: undefined,
  credentials: { reference: '', pin: '' },
  openAtOnce: false,
  message: undefined,
});

export const flowStore = createStore<FlowState>(initial());

export function patchFlow(patch: Partial<FlowState>): void {
  flowStore.set({ ...flowStore.get(), ...patch });
}

registerExitCleaner(() => flowStore.set({ ...initial(), credentials: { reference: '', pin: '' } }));

// A booking being filled in (a time chosen, details not yet sent): an accidental Esc warns first.
registerUnsavedWork(() => flowStore.get().step === 'details');

const NAME = 'booking';

/** Only after an explicit opt-in; sealed, never in clear. */
export function remember(reference: string, pin: string): Promise<boolean> {
  return keepSealed(NAME, JSON.stringify({ reference, pin }));
}

export function forget(): Promise<void> {
  return forgetSealed(NAME);
}

export async function remembered(): Promise<{ reference: string; pin: string } | undefined> {
  const raw = await readSealed(NAME);
  if (!raw) return undefined;
  try {
    const v = JSON.parse(raw) as { reference?: unknown; pin?: unknown };
    return typeof v.reference === 'string' && typeof v.pin === 'string' ? { reference: v.reference, pin: v.pin } : undefined;
  } catch {
    return undefined;
  }
}

// A kept booking fills "my booking" once this screen's chunk loads, unless she already typed one.
void remembered().then((kept) => {
  const now = flowStore.get().credentials;
  if (kept && now.reference === '' && now.pin === '') patchFlow({ credentials: kept });
});
