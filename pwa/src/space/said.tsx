import type { JSX } from 'preact';
import { useState } from 'preact/hooks';

/** A status line: role=status for success, role=alert for a failure. */
export function Said({ ok, text }: { ok: boolean; text: string | undefined }): JSX.Element | null {
  if (!text) return null;
  return ok ? (
    <p role="status" class="notice">
      {text}
    </p>
  ) : (
    <p role="alert" class="field-error">
      {text}
    </p>
  );
}

export function useSaid(): [{ ok: boolean; text: string | undefined }, (ok: boolean, text: string | undefined) => void] {
  const [said, set] = useState<{ ok: boolean; text: string | undefined }>({ ok: true, text: undefined });
  return [said, (ok, text) => set({ ok, text })];
}
