import type { PanicStatusAnswer } from '../../../shared/monitoring/api.js';

/**
 * What became of a panic, asked again and again (`POST /api/panic/status`, the protection code in the
 * body, never in the URL) until an officer has seen it: received → sent to police → seen. The answers
 * live in the screen's memory only; a quick exit or leaving the screen stops the polling (`signal`).
 * A network failure is asked again at the next turn; a refusal (4xx) ends it. Pure apart from
 * `fetch`/timers (injected for tests).
 */
export interface PollOptions {
  protectionCode: string;
  panicId: string;
  onStatus: (answer: PanicStatusAnswer) => void;
  signal: AbortSignal;
  intervalMs?: number;
  /** Stops asking after this long (an officer who has not looked by then will not make the screen useful). */
  maxMs?: number;
  fetchFn?: typeof fetch;
}

export async function pollPanicStatus(o: PollOptions): Promise<void> {
  const interval = o.intervalMs ?? 4_000;
  const until = Date.now() + (o.maxMs ?? 30 * 60_000);
  const fetchFn = o.fetchFn ?? fetch;
  while (!o.signal.aborted && Date.now() < until) {
    try {
      const res = await fetchFn('/api/panic/status', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ protectionCode: o.protectionCode, panicId: o.panicId }),
        signal: o.signal,
        credentials: 'omit',
        cache: 'no-store',
      });
      if (res.ok) {
        const answer = (await res.json()) as PanicStatusAnswer;
        if (o.signal.aborted) return;
        o.onStatus(answer);
        if (answer.status === 'seen') return;
      } else if (res.status >= 400 && res.status < 500 && res.status !== 429) {
        return;
      }
    } catch {
      if (o.signal.aborted) return;
      // Offline or a time-out: ask again at the next turn.
    }
    if (o.signal.aborted) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, interval);
      o.signal.addEventListener(
        'abort',
        () => {
          clearTimeout(timer);
          resolve();
        },
        { once: true },
      );
    });
  }
}
