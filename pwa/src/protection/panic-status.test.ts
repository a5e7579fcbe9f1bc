import { describe, expect, it } from 'vitest';
import type { PanicStatusAnswer } from '../../../shared/monitoring/api.js';
import { pollPanicStatus } from './panic-status.js';

const ID = 'AL-01M8SX4T7Q0RKV95ZV81NPQ7WH';
const at = (s: number) => `2026-12-01T10:00:${String(s).padStart(2, '0')}.000Z`;

function scripted(steps: (PanicStatusAnswer | number | 'network')[]) {
  const bodies: unknown[] = [];
  const fn = (async (url: string, init: RequestInit) => {
    expect(url).toBe('/api/panic/status');
    bodies.push(JSON.parse(String(init.body)));
    const step = steps[Math.min(bodies.length - 1, steps.length - 1)];
    if (step === 'network') throw new TypeError('Failed to fetch');
    if (typeof step === 'number') return new Response('{}', { status: step });
    return new Response(JSON.stringify(step), { status: 200 });
  }) as unknown as typeof fetch;
  return { fn, bodies };
}

describe('pollPanicStatus (what became of a panic)', () => {
  it('asks until an officer has seen it, through a network failure, reporting each answer', async () => {
    const received: PanicStatusAnswer = { panicId: ID, status: 'received', receivedAt: at(0) };
    const sent: PanicStatusAnswer = { ...received, status: 'sent', sentAt: at(2) };
    const seen: PanicStatusAnswer = { ...sent, status: 'seen', seenAt: at(9) };
    const { fn, bodies } = scripted([received, 'network', sent, seen, seen]);
    const answers: string[] = [];
    await pollPanicStatus({
      protectionCode: 'ABCD-EFGH-JKMN',
      panicId: ID,
      onStatus: (a) => answers.push(a.status),
      signal: new AbortController().signal,
      intervalMs: 1,
      fetchFn: fn,
    });
    expect(answers).toEqual(['received', 'sent', 'seen']);
    expect(bodies).toHaveLength(4);
    // The code travels in the body only.
    expect(bodies[0]).toEqual({ protectionCode: 'ABCD-EFGH-JKMN', panicId: ID });
  });

  it('stops on a refusal (an unknown code or panic) and when the screen goes away', async () => {
    const refused = scripted([404]);
    await pollPanicStatus({
      protectionCode: 'X',
      panicId: ID,
      onStatus: () => undefined,
      signal: new AbortController().signal,
      intervalMs: 1,
      fetchFn: refused.fn,
    });
    expect(refused.bodies).toHaveLength(1);

    const ctl = new AbortController();
    const pending = scripted([{ panicId: ID, status: 'received', receivedAt: at(0) }]);
    const answers: string[] = [];
    const done = pollPanicStatus({
      protectionCode: 'X',
      panicId: ID,
      onStatus: (a) => {
        answers.push(a.status);
        ctl.abort();
      },
      signal: ctl.signal,
      intervalMs: 60_000,
      fetchFn: pending.fn,
    });
    await done;
    expect(answers).toEqual(['received']);
    expect(pending.bodies).toHaveLength(1);
  });
});
