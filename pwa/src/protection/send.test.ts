import { describe, expect, it } from 'vitest';
import { sendWithRetry } from './send.js';

function fakeFetch(script: (number | 'network')[]) {
  const calls: { url: string; body: unknown }[] = [];
  const fn = (async (url: string, init: RequestInit) => {
    calls.push({ url, body: JSON.parse(String(init.body)) });
    const step = script[Math.min(calls.length - 1, script.length - 1)];
    if (step === 'network') throw new TypeError('Failed to fetch');
    return new Response(JSON.stringify(step === 202 ? { received: true, at: '2026-11-29T10:00:00.000Z' } : { error: 'x' }), { status: step });
  }) as unknown as typeof fetch;
  return { fn, calls };
}
const noSleep = async () => undefined;

describe('sendWithRetry (panic and contact over a bad network)', () => {
  it('retries network failures and server errors, then succeeds, reporting each attempt', async () => {
    const { fn, calls } = fakeFetch(['network', 503, 202]);
    const attempts: string[] = [];
    const out = await sendWithRetry(
      '/api/panic',
      { protectionCode: 'ABCD-EFGH-JKMN' },
      { fetchFn: fn, sleep: noSleep, onAttempt: (a, n) => attempts.push(`${a}/${n}`) },
    );
    expect(out).toEqual({ ok: true, at: '2026-11-29T10:00:00.000Z' });
    expect(attempts).toEqual(['1/4', '2/4', '3/4']);
    expect(calls.every((c) => c.url === '/api/panic')).toBe(true);
  });

  it('does not retry a refusal: unknown code, throttled, invalid', async () => {
    for (const [status, reason] of [
      [404, 'unknown-code'],
      [429, 'throttled'],
      [400, 'invalid'],
    ] as const) {
      const { fn, calls } = fakeFetch([status]);
      expect(await sendWithRetry('/api/panic', {}, { fetchFn: fn, sleep: noSleep })).toEqual({ ok: false, reason });
      expect(calls).toHaveLength(1);
    }
  });

  it('gives up after the attempts: offline when the device says so, else failed', async () => {
    expect(await sendWithRetry('/api/panic', {}, { fetchFn: fakeFetch(['network']).fn, sleep: noSleep, isOnline: () => false })).toEqual({
      ok: false,
      reason: 'offline',
    });
    expect(await sendWithRetry('/api/panic', {}, { fetchFn: fakeFetch([500]).fn, sleep: noSleep, isOnline: () => false })).toEqual({
      ok: false,
      reason: 'failed',
    });
    const { fn, calls } = fakeFetch(['network']);
    expect(await sendWithRetry('/api/panic', {}, { fetchFn: fn, sleep: noSleep, attempts: 3, isOnline: () => true })).toEqual({ ok: false, reason: 'failed' });
    expect(calls).toHaveLength(3);
  });

  it('aborts an attempt that hangs and tries again', async () => {
    let n = 0;
    const fn = ((_u: string, init: RequestInit) => {
      n++;
      if (n === 1) return new Promise((_, reject) => init.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))));
      return Promise.resolve(new Response(JSON.stringify({ at: '2026-11-29T10:00:00.000Z' }), { status: 202 }));
    }) as unknown as typeof fetch;
    expect(await sendWithRetry('/api/panic', {}, { fetchFn: fn, sleep: noSleep, timeoutMs: 20 })).toMatchObject({ ok: true });
    expect(n).toBe(2);
  });
});
