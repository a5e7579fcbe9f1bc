/**
 * The keyboard shortcuts of the quick exit, as a pure state machine (no DOM, no clock):
 * - Escape exits at once;
 * - Shift pressed 3 times within 5 s exits; any other key in between starts over; a held Shift
 *   (auto-repeat) counts once.
 */
export const SHIFT_PRESSES = 3;
export const SHIFT_WINDOW_MS = 5_000;

export interface ShiftState {
  /** Shift presses counted so far (0 = idle). */
  count: number;
  /** When the first counted press happened (ms). */
  firstAt: number;
}

export const IDLE: ShiftState = { count: 0, firstAt: 0 };

export interface KeyInput {
  key: string;
  /** True for auto-repeat events of a held key. */
  repeat?: boolean;
  /** True while an input method (IME) composes text: Escape then cancels the composition. */
  isComposing?: boolean;
  /** Time of the key press in ms. */
  at: number;
}

export type KeyAction = { kind: 'none' } | { kind: 'progress'; remaining: number } | { kind: 'reset' } | { kind: 'exit' };

export interface KeyStep {
  state: ShiftState;
  action: KeyAction;
}

const NONE: KeyAction = { kind: 'none' };

export function onKey(state: ShiftState, input: KeyInput): KeyStep {
  if (input.key === 'Escape' || input.key === 'Esc') {
    if (input.isComposing) return { state, action: NONE };
    return { state: IDLE, action: { kind: 'exit' } };
  }
  if (input.key === 'Shift') {
    if (input.repeat) return { state, action: NONE };
    const fresh = state.count === 0 || input.at - state.firstAt > SHIFT_WINDOW_MS;
    const next: ShiftState = fresh ? { count: 1, firstAt: input.at } : { count: state.count + 1, firstAt: state.firstAt };
    if (next.count >= SHIFT_PRESSES) return { state: IDLE, action: { kind: 'exit' } };
    return { state: next, action: { kind: 'progress', remaining: SHIFT_PRESSES - next.count } };
  }
  if (state.count > 0) return { state: IDLE, action: { kind: 'reset' } };
  return { state, action: NONE };
}

/** Called by a timer: a started sequence older than the window expires. */
export function expire(state: ShiftState, at: number): KeyStep {
  if (state.count > 0 && at - state.firstAt >= SHIFT_WINDOW_MS) return { state: IDLE, action: { kind: 'reset' } };
  return { state, action: NONE };
}
