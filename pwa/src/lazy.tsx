import type { ComponentType, JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { isOffline } from './data.js';
import { useI18n } from './i18n/index.js';

type Module = { default: ComponentType };

const loadedValues = new Map<() => Promise<unknown>, unknown>();

/**
 * What a lazily fetched chunk gives (a screen's module, a block of texts), loaded once per page life:
 * `undefined` while it loads; `failed` when it cannot be fetched (offline before the worker cached it,
 * a stale deploy) until `retry`.
 */
export function useLoaded<T>(load: () => Promise<T>): { value: T | undefined; failed: boolean; retry: () => void } {
  const [, setTick] = useState(0);
  const [failed, setFailed] = useState(false);
  const value = loadedValues.get(load) as T | undefined;

  useEffect(() => {
    if (value !== undefined || failed) return;
    let live = true;
    load().then(
      (v) => {
        loadedValues.set(load, v);
        if (live) setTick((n) => n + 1);
      },
      () => live && setFailed(true),
    );
    return () => {
      live = false;
    };
  }, [load, value, failed]);

  return { value, failed, retry: () => setFailed(false) };
}

/** A calm loading text or, when the chunk could not be fetched, why and a retry button. */
export function LoadState({ failed, retry }: { failed: boolean; retry: () => void }): JSX.Element {
  const { t } = useI18n();
  if (failed) {
    return (
      <div role="alert" class="notice">
        <p>{isOffline() ? t.offlineScreen : t.loadScreenFailed}</p>
        <button type="button" class="button" onClick={retry}>
          {t.retry}
        </button>
      </div>
    );
  }
  return (
    <p class="loading" role="status">
      {t.loading}
    </p>
  );
}

/** Renders the default export of a lazily loaded module, with a calm loading text and a retry button. */
export function Lazy({ load, onReady }: { load: () => Promise<Module>; onReady?: () => void }): JSX.Element {
  const { value, failed, retry } = useLoaded(load);
  const Component = value?.default;

  useEffect(() => {
    if (Component) onReady?.();
  }, [Component]);

  if (Component) return <Component />;
  return <LoadState failed={failed} retry={retry} />;
}
