import { useEffect, useRef, useState } from 'preact/hooks';
import { useI18n } from '../i18n/index.js';
import { installExitKeys } from './controller.js';
import { hasUnsavedWork, quickExit } from './exit.js';

export interface QuickExitProps {
  /** What an exit does; the real one by default (tests pass a spy). */
  onExit?: () => void;
  /** Where to listen for the keyboard shortcuts. */
  keyTarget?: Pick<EventTarget, 'addEventListener' | 'removeEventListener'>;
}

/**
 * The quick exit bar: the first thing in the page and the first focusable element, sticky at the
 * top of the viewport (it never scrolls away; nothing in the app is drawn above it), with a live
 * region announcing the Shift×3 shortcut's progress to screen readers.
 */
export function QuickExit({ onExit = defaultExit, keyTarget }: QuickExitProps) {
  const { t } = useI18n();
  const [message, setMessage] = useState('');
  const [warning, setWarning] = useState('');
  // The key listener is installed once; it reads the latest texts and exit action from here, so a
  // re-render (a language switch, an announcement) never restarts a Shift sequence.
  const latest = useRef({ t, onExit });
  latest.current = { t, onExit };

  useEffect(() => {
    const target = keyTarget ?? window;
    return installExitKeys(
      target,
      {
        onProgress: (remaining) => setMessage(latest.current.t.exit.shiftProgress(remaining)),
        onReset: (expired) => setMessage(expired ? latest.current.t.exit.shiftExpired : ''),
        onExit: () => {
          setWarning('');
          setMessage(latest.current.t.exit.leaving);
          latest.current.onExit();
        },
        onEscapeWarning: () => setWarning(latest.current.t.exit.escAgain),
      },
      undefined,
      hasUnsavedWork,
    );
  }, [keyTarget]);

  return (
    <div class="exit-bar" data-quick-exit="">
      <button type="button" class="exit-button" aria-describedby="exit-hint" onClick={() => latest.current.onExit()}>
        {t.exit.button}
      </button>
      <span id="exit-hint" class="visually-hidden">
        {t.exit.hint}
      </span>
      {warning ? (
        <p class="exit-warning" role="alert" data-exit-warning="">
          {warning}
        </p>
      ) : null}
      <div class="visually-hidden" role="status" aria-live="polite" aria-atomic="true" data-exit-status="">
        {message}
      </div>
    </div>
  );
}

function defaultExit(): void {
  void quickExit();
}
