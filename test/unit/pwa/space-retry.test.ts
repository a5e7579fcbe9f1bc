import { afterEach, describe, expect, it, vi } from 'vitest';
import { apiRetrying } from '../../../pwa/src/space/state.js';
import type { SpaceKeys } from '../../../shared/space/crypto.js';

/**
 * Her call-back is sent again exactly as it is when the server fails or the connection drops (the id is
 * hers: stored once, reminded again); a refusal is not sent again. `fetch` is the adapter's only port.
 */
const keys = { lookupId: 'a'.repeat(64), authSecret: 'b'.repeat(43) } as SpaceKeys;
const answer = (status: number, body: unknown = {}) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
const noPause = { pauseMs: () => 0 };

afterEach(() => vi.unstubAllGlobals());

describe('apiRetrying', () => {
  it('sends the same body again after a 503 and a lost connection, and answers the success', async () => {
    const bodies: unknown[] = [];
    const replies = [() => answer(503), () => Promise.reject(new TypeError('Failed to fetch')), () => answer(201, { id: 'x', reminded: 1 })];
    vi.stubGlobal('fetch', (_path: string, init: RequestInit) => {
      bodies.push(init.body);
      return (replies.shift() as () => Response | Promise<Response>)();
    });
    const out = await apiRetrying<{ reminded: number }>(keys, 'POST', '/api/space/callbacks', { id: 'same' }, noPause);
    expect(out).toEqual({ ok: true, value: { id: 'x', reminded: 1 } });
    expect(bodies).toEqual([JSON.stringify({ id: 'same' }), JSON.stringify({ id: 'same' }), JSON.stringify({ id: 'same' })]);
  });

  it('does not send a refusal again, and gives up after its attempts', async () => {
    let calls = 0;
    vi.stubGlobal('fetch', () => {
      calls++;
      return answer(401);
    });
    expect(await apiRetrying(keys, 'POST', '/api/space/callbacks', {}, noPause)).toEqual({ ok: false, reason: 'wrong' });
    expect(calls).toBe(1);
    calls = 0;
    vi.stubGlobal('fetch', () => {
      calls++;
      return answer(503);
    });
    expect(await apiRetrying(keys, 'POST', '/api/space/callbacks', {}, { ...noPause, attempts: 3 })).toEqual({ ok: false, reason: 'failed' });
    expect(calls).toBe(3);
  });
});
