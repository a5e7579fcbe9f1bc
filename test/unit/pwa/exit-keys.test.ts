// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ESC_CONFIRM_MS, installExitKeys } from '../../../pwa/src/exit/controller.js';
import { IDLE, expire, onKey, SHIFT_WINDOW_MS } from '../../../pwa/src/exit/keys.js';

describe('quick exit keys (pure state machine)', () => {
  it('Escape exits at once, unless an input method is composing', () => {
    expect(onKey(IDLE, { key: 'Escape', at: 0 }).action).toEqual({ kind: 'exit' });
    expect(onKey(IDLE, { key: 'Escape', isComposing: true, at: 0 }).action).toEqual({ kind: 'none' });
  });

  it('Shift three times within 5 s exits, with the presses left reported', () => {
    let step = onKey(IDLE, { key: 'Shift', at: 1_000 });
    expect(step.action).toEqual({ kind: 'progress', remaining: 2 });
    step = onKey(step.state, { key: 'Shift', at: 2_000 });
    expect(step.action).toEqual({ kind: 'progress', remaining: 1 });
    step = onKey(step.state, { key: 'Shift', at: 1_000 + SHIFT_WINDOW_MS });
    expect(step.action).toEqual({ kind: 'exit' });
    expect(step.state).toEqual(IDLE);
  });

  it('another key in between starts over; a held Shift counts once; a late press starts a new sequence', () => {
    let step = onKey(IDLE, { key: 'Shift', at: 0 });
    step = onKey(step.state, { key: 'a', at: 10 });
    expect(step).toEqual({ state: IDLE, action: { kind: 'reset' } });
    step = onKey(IDLE, { key: 'Shift', at: 0 });
    step = onKey(step.state, { key: 'Shift', repeat: true, at: 50 });
    expect(step.action).toEqual({ kind: 'none' });
    expect(step.state.count).toBe(1);
    step = onKey(step.state, { key: 'Shift', at: SHIFT_WINDOW_MS + 1 });
    expect(step.action).toEqual({ kind: 'progress', remaining: 2 });
    expect(expire(step.state, 2 * SHIFT_WINDOW_MS + 1).action).toEqual({ kind: 'reset' });
  });

  it('keys pressed with no sequence started do nothing', () => {
    expect(onKey(IDLE, { key: 'a', at: 0 })).toEqual({ state: IDLE, action: { kind: 'none' } });
  });
});

describe('installExitKeys (DOM listener + timer)', () => {
  afterEach(() => vi.useRealTimers());

  const press = (key: string, init: KeyboardEventInit = {}) => window.dispatchEvent(new KeyboardEvent('keydown', { key, ...init }));

  it('announces progress, exits on the third Shift, and stops listening when removed', () => {
    const calls: string[] = [];
    const stop = installExitKeys(window, {
      onProgress: (n) => calls.push(`progress ${n}`),
      onReset: (expired) => calls.push(`reset ${expired}`),
      onExit: () => calls.push('exit'),
    });
    press('Shift');
    press('Shift');
    press('Shift');
    expect(calls).toEqual(['progress 2', 'progress 1', 'exit']);
    stop();
    press('Escape');
    expect(calls).toHaveLength(3);
  });

  it('reports an expired sequence after 5 s', () => {
    vi.useFakeTimers();
    let now = 0;
    const calls: string[] = [];
    const stop = installExitKeys(
      window,
      { onProgress: (n) => calls.push(`progress ${n}`), onReset: (e) => calls.push(`reset ${e}`), onExit: () => calls.push('exit') },
      () => now,
    );
    press('Shift');
    now = SHIFT_WINDOW_MS;
    vi.advanceTimersByTime(SHIFT_WINDOW_MS);
    expect(calls).toEqual(['progress 2', 'reset true']);
    press('Shift');
    expect(calls.at(-1)).toBe('progress 2');
    stop();
  });

  it('listens in the capture phase, so a component that stops propagation cannot swallow Escape', () => {
    const onExit = vi.fn();
    const stop = installExitKeys(window, { onProgress: () => undefined, onReset: () => undefined, onExit });
    const input = document.createElement('input');
    document.body.append(input);
    input.addEventListener('keydown', (e) => e.stopPropagation());
    input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    expect(onExit).toHaveBeenCalledTimes(1);
    stop();
    input.remove();
  });
});

describe('Esc with work in progress', () => {
  const press = (key: string) => window.dispatchEvent(new KeyboardEvent('keydown', { key }));

  it('warns first and leaves on a second Esc within the window; without work, or by Shift×3, it leaves at once', () => {
    let t = 0;
    let busy = true;
    const log: string[] = [];
    const stop = installExitKeys(
      window,
      { onProgress: () => undefined, onReset: () => undefined, onExit: () => log.push('exit'), onEscapeWarning: () => log.push('warn') },
      () => t,
      () => busy,
    );
    press('Escape');
    expect(log).toEqual(['warn']);
    t = 1_000;
    press('Escape');
    expect(log).toEqual(['warn', 'exit']);
    // A second Esc after the window warns again.
    t = 10_000;
    press('Escape');
    t = 10_000 + ESC_CONFIRM_MS + 1;
    press('Escape');
    expect(log).toEqual(['warn', 'exit', 'warn', 'warn']);
    // Shift×3 is deliberate: it never asks.
    press('Shift');
    press('Shift');
    press('Shift');
    expect(log.at(-1)).toBe('exit');
    busy = false;
    log.length = 0;
    press('Escape');
    expect(log).toEqual(['exit']);
    stop();
  });
});
