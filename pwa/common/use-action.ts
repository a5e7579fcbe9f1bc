import { useCallback, useState } from 'preact/hooks';

/**
 * Runs an action (a POST, a DELETE) with a busy flag and the error it threw, cleared when the next run
 * starts. One hook for both front ends: the staff console's screens and the victim app's booking steps.
 */
export function useAction() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(undefined);
  const run = useCallback(async <T>(action: () => Promise<T>): Promise<T | undefined> => {
    setBusy(true);
    setError(undefined);
    try {
      return await action();
    } catch (e) {
      setError(e);
      return undefined;
    } finally {
      setBusy(false);
    }
  }, []);
  return { busy, error, run, setError };
}
