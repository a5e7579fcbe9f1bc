import { useEffect, useState } from 'preact/hooks';
import type { ContactPoint, Service } from './catalog-types.js';

export type { ContactPoint, Service };

/**
 * The public catalogue the app reads: `GET /api/contact-points` and `GET /api/services`. Both are
 * listed in `appConfig.offlineApiPaths`, so the service worker answers them from its cache when the
 * network is gone (NetworkFirst). The answer's `Date` header tells how old the data is.
 */
export type ListState<T> = { status: 'loading' } | { status: 'ready'; items: T[]; fetchedAt: number | undefined } | { status: 'unavailable' };

type Path = '/api/contact-points' | '/api/services';

const memory = new Map<Path, { items: unknown[]; fetchedAt: number | undefined }>();

/** Accepts a bare array or an object wrapping one (`{ items }`, `{ contactPoints }`, `{ services }`). */
export function listOf<T>(body: unknown): T[] | undefined {
  if (Array.isArray(body)) return body as T[];
  if (body && typeof body === 'object') {
    for (const key of ['items', 'contactPoints', 'services']) {
      const v = (body as Record<string, unknown>)[key];
      if (Array.isArray(v)) return v as T[];
    }
  }
  return undefined;
}

export async function fetchList<T>(path: Path, fetchImpl: typeof fetch = fetch): Promise<{ items: T[]; fetchedAt: number | undefined }> {
  const res = await fetchImpl(path, { headers: { accept: 'application/json' }, credentials: 'omit', referrerPolicy: 'no-referrer' });
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
  const items = listOf<T>(await res.json());
  if (!items) throw new Error('unexpected answer');
  const date = Date.parse(res.headers.get('date') ?? '');
  return { items, fetchedAt: Number.isNaN(date) ? undefined : date };
}

/** Loads a list once per page life (kept in memory; the quick exit forgets it). */
export function useList<T>(path: Path): ListState<T> {
  const known = memory.get(path);
  const [state, setState] = useState<ListState<T>>(known ? { status: 'ready', items: known.items as T[], fetchedAt: known.fetchedAt } : { status: 'loading' });
  useEffect(() => {
    if (known) return;
    let live = true;
    fetchList<T>(path).then(
      (r) => {
        memory.set(path, r);
        if (live) setState({ status: 'ready', ...r });
      },
      () => live && setState({ status: 'unavailable' }),
    );
    return () => {
      live = false;
    };
  }, [path]);
  return state;
}

/** The quick exit's cleaner. */
export function clearData(): void {
  memory.clear();
}

/** The browser says it has no network: messages then say "you are offline", not "cannot be loaded". */
export function isOffline(): boolean {
  return typeof navigator !== 'undefined' && navigator.onLine === false;
}

/** Data older than this is announced as possibly out of date. */
export const STALE_AFTER_MS = 60 * 60 * 1000;
