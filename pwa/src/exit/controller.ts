import { expire, IDLE, onKey, SHIFT_WINDOW_MS, type ShiftState } from './keys.js';

export interface ExitKeyHandlers {
  /** Shift counted; `remaining` more presses exit. */
  onProgress(remaining: number): void;
  /** A started Shift sequence ended: `expired` when the 5 s passed, else another key was pressed. */
  onReset(expired: boolean): void;
  onExit(): void;
  /** Esc was pressed with work in progress: warn; a second Esc within `ESC_CONFIRM_MS` leaves. */
  onEscapeWarning?(): void;
}

/** How long after a warned Esc a second Esc still leaves. */
export const ESC_CONFIRM_MS = 4_000;

/**
 * Listens to key presses on `target` (capture phase, so no component can swallow them first) and
 * drives the pure state machine in keys.ts. Returns a function that stops listening.
 */
export function installExitKeys(
  target: Pick<EventTarget, 'addEventListener' | 'removeEventListener'>,
  handlers: ExitKeyHandlers,
  now: () => number = () => Date.now(),
  unsavedWork: () => boolean = () => false,
): () => void {
  let state: ShiftState = IDLE;
  let escWarnedAt: number | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const stopTimer = () => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
  };

  const onKeyDown = (event: Event) => {
    const e = event as KeyboardEvent;
    const step = onKey(state, { key: e.key, repeat: e.repeat, isComposing: e.isComposing, at: now() });
    const wasIdle = state.count === 0;
    state = step.state;
    switch (step.action.kind) {
      case 'exit': {
        stopTimer();
        const isEsc = e.key === 'Escape' || e.key === 'Esc';
        if (isEsc && handlers.onEscapeWarning && unsavedWork()) {
          const at = now();
          if (escWarnedAt === undefined || at - escWarnedAt > ESC_CONFIRM_MS) {
            escWarnedAt = at;
            handlers.onEscapeWarning();
            break;
          }
        }
        escWarnedAt = undefined;
        handlers.onExit();
        break;
      }
      case 'progress':
        if (wasIdle || state.count === 1) {
          stopTimer();
          timer = setTimeout(() => {
            const expired = expire(state, now());
            state = expired.state;
            if (expired.action.kind === 'reset') handlers.onReset(true);
          }, SHIFT_WINDOW_MS);
        }
        handlers.onProgress(step.action.remaining);
        break;
      case 'reset':
        stopTimer();
        handlers.onReset(false);
        break;
      case 'none':
        break;
    }
  };

  target.addEventListener('keydown', onKeyDown, true);
  return () => {
    stopTimer();
    target.removeEventListener('keydown', onKeyDown, true);
  };
}
