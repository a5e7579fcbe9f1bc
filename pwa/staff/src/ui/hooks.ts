import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { useAction } from '../../../common/use-action.js';

/** The one busy/error hook of both front ends (pwa/common). */
export { useAction };

export interface Loaded<T> {
  data: T | undefined;
  error: unknown;
  loading: boolean;
  reload(): void;
}

/** Loads once per `key` change; `reload()` fetches again (keeping the old data on screen meanwhile). */
export function useLoad<T>(load: (signal: AbortSignal) => Promise<T>, key: string): Loaded<T> {
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<unknown>(undefined);
  const [loading, setLoading] = useState(true);
  const [tick, setTick] = useState(0);
  const loadRef = useRef(load);
  loadRef.current = load;
  useEffect(() => {
    const ctl = new AbortController();
    setLoading(true);
    loadRef
      .current(ctl.signal)
      .then((d) => {
        if (ctl.signal.aborted) return;
        setData(d);
        setError(undefined);
      })
      .catch((e: unknown) => {
        if (ctl.signal.aborted || (e as Error).name === 'AbortError') return;
        setError(e);
      })
      .finally(() => {
        if (!ctl.signal.aborted) setLoading(false);
      });
    return () => ctl.abort();
  }, [key, tick]);
  const reload = useCallback(() => setTick((n) => n + 1), []);
  return { data, error, loading, reload };
}

/**
 * A form whose answer replaces it (a new order's protection code, an intervention's receipt): `submit(send)`
 * is the form's submit handler, running `send` as `useAction` runs an action; `answer` is what it answered.
 */
export function useAnswered<T>() {
  const action = useAction();
  const [answer, setAnswer] = useState<T | undefined>(undefined);
  const submit = (send: () => Promise<T>) => (e: Event) => {
    e.preventDefault();
    void action.run(async () => setAnswer(await send()));
  };
  return { ...action, answer, submit };
}
