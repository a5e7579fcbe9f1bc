import { useEffect, useState } from 'preact/hooks';

/**
 * A tiny hash router: `#/followups`, `#/cases/<id>`, `#/alerts`… Only ids ever appear in the hash,
 * never personal data, and the hash never reaches a server or a Referer.
 */
export interface Location {
  /** Path segments after `#/`, decoded. */
  segments: string[];
  /** Query after `?` in the hash (filters such as a service and a date; never personal data). */
  query: URLSearchParams;
}

export function parseHash(hash: string): Location {
  const raw = hash.replace(/^#\/?/, '');
  const [path = '', q = ''] = raw.split('?', 2);
  const segments = path
    .split('/')
    .filter((s) => s !== '')
    .map((s) => {
      try {
        return decodeURIComponent(s);
      } catch {
        return s;
      }
    });
  return { segments, query: new URLSearchParams(q) };
}

export function useLocation(): Location {
  const [hash, setHash] = useState(location.hash);
  useEffect(() => {
    const on = () => setHash(location.hash);
    window.addEventListener('hashchange', on);
    return () => window.removeEventListener('hashchange', on);
  }, []);
  return parseHash(hash);
}

export function href(...parts: string[]): string {
  return `#/${parts.map((p) => encodeURIComponent(p)).join('/')}`;
}

export function navigate(to: string, replace = false): void {
  if (replace) {
    history.replaceState(null, '', `${location.pathname}${location.search}${to}`);
    window.dispatchEvent(new HashChangeEvent('hashchange'));
  } else {
    location.hash = to;
  }
}
