/**
 * Sending a panic or a contact report over a network that may be slow or gone: each attempt has a
 * time limit; a network failure, a time-out or a server error is retried with a growing pause; a
 * refusal (4xx) is not. The server collapses repeated panics of one order within a minute into one
 * alert, so a retry after a lost answer can never flood the police. Pure apart from `fetch`/timers
 * (injected for the unit test).
 */
export type Failure = 'unknown-code' | 'throttled' | 'invalid' | 'offline' | 'failed';

/** `panicId`: the alert a panic raised, whose progress the screen polls (absent for contact reports). */
export type SendResult = { ok: true; at: string; panicId?: string } | { ok: false; reason: Failure };

export interface SendOptions {
  attempts?: number;
  timeoutMs?: number;
  /** Pause before attempt n+1 (n from 1). */
  backoffMs?: (attempt: number) => number;
  fetchFn?: typeof fetch;
  sleep?: (ms: number) => Promise<void>;
  isOnline?: () => boolean;
  onAttempt?: (attempt: number, of: number) => void;
}

const defaultSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export async function sendWithRetry(path: string, body: unknown, o: SendOptions = {}): Promise<SendResult> {
  const attempts = o.attempts ?? 4;
  const timeoutMs = o.timeoutMs ?? 15_000;
  const backoff = o.backoffMs ?? ((n: number) => Math.min(8_000, 1_000 * 2 ** (n - 1)));
  const fetchFn = o.fetchFn ?? fetch;
  const sleep = o.sleep ?? defaultSleep;
  const isOnline = o.isOnline ?? (() => (typeof navigator === 'undefined' ? true : navigator.onLine !== false));
  let lastNetworkFailure = false;
  for (let attempt = 1; attempt <= attempts; attempt++) {
    if (attempt > 1) await sleep(backoff(attempt - 1));
    o.onAttempt?.(attempt, attempts);
    const ctl = new AbortController();
    const timer = setTimeout(() => ctl.abort(), timeoutMs);
    try {
      const res = await fetchFn(path, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
        signal: ctl.signal,
        // Never sent with cookies, never cached.
        credentials: 'omit',
        cache: 'no-store',
      });
      if (res.ok) {
        const json = (await res.json().catch(() => ({}))) as { at?: string; panicId?: unknown };
        return { ok: true, at: json.at ?? new Date().toISOString(), ...(typeof json.panicId === 'string' ? { panicId: json.panicId } : {}) };
      }
      if (res.status === 404) return { ok: false, reason: 'unknown-code' };
      if (res.status === 429) return { ok: false, reason: 'throttled' };
      if (res.status >= 400 && res.status < 500) return { ok: false, reason: 'invalid' };
      lastNetworkFailure = false; // a 5xx: the server is there but failed; retry
    } catch {
      lastNetworkFailure = true;
    } finally {
      clearTimeout(timer);
    }
  }
  return { ok: false, reason: lastNetworkFailure && !isOnline() ? 'offline' : 'failed' };
}

/** The device's position if the person allows it, within `timeoutMs`; never blocks the alarm longer. */
export function currentPosition(timeoutMs = 5_000): Promise<{ lat: number; lon: number; accuracy: number } | undefined> {
  if (typeof navigator === 'undefined' || !navigator.geolocation) return Promise.resolve(undefined);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(undefined), timeoutMs);
    navigator.geolocation.getCurrentPosition(
      (p) => {
        clearTimeout(timer);
        resolve({ lat: p.coords.latitude, lon: p.coords.longitude, accuracy: Math.min(100_000, Math.max(0, p.coords.accuracy)) });
      },
      () => {
        clearTimeout(timer);
        resolve(undefined);
      },
      { enableHighAccuracy: true, maximumAge: 60_000, timeout: timeoutMs },
    );
  });
}
