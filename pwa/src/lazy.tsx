import type { ComponentType, JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { isOffline } from './data.js';
import { useI18n } from './i18n/index.js';

type Module = { default: ComponentType };

const modules = new Map<() => Promise<Module>, ComponentType>();

/**
 * Renders the default export of a lazily loaded module, with a calm loading text and, when the
 * chunk cannot be fetched (offline before the worker cached it, a stale deploy), a retry button.
 */
export function Lazy({ load, onReady }: { load: () => Promise<Module>; onReady?: () => void }): JSX.Element {
  const { t } = useI18n();
  const [, setTick] = useState(0);
  const [failed, setFailed] = useState(false);
  const Component = modules.get(load);

  useEffect(() => {
    if (Component) return;
    let live = true;
    setFailed(false);
    load().then(
      (m) => {
        modules.set(load, m.default);
        if (live) setTick((n) => n + 1);
      },
      () => live && setFailed(true),
    );
    return () => {
      live = false;
    };
  }, [load, Component, failed]);

  useEffect(() => {
    if (Component) onReady?.();
  }, [Component]);

  if (Component) return <Component />;
  if (failed) {
    return (
      <div role="alert" class="notice">
        <p>{isOffline() ? t.offlineScreen : t.loadScreenFailed}</p>
        <button
          type="button"
          class="button"
          onClick={() => {
            setFailed(false);
            setTick((n) => n + 1);
          }}
        >
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
