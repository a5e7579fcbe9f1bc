// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, cleanup } from '@testing-library/preact';
import { appConfig } from '../../../pwa/src/config.js';
import { QuickExit } from '../../../pwa/src/exit/QuickExit.js';
import { isUnlockWord, launchedInstalled } from '../../../pwa/src/disguise.js';
import { startScreen } from '../../../pwa/src/router.js';
import {
  browserSteps,
  exitDestination,
  guardBackForwardCache,
  hasExited,
  hideDocument,
  isKeptCache,
  quickExit,
  registerExitCleaner,
  resetExitForTests,
  type ExitSteps,
} from '../../../pwa/src/exit/exit.js';
import { WIPE_MESSAGE } from '../../../pwa/src/exit/stores.js';

afterEach(() => {
  cleanup();
  resetExitForTests();
  document.documentElement.removeAttribute('data-exiting');
  document.documentElement.style.removeProperty('display');
});

function recordingSteps(log: string[], stores: Promise<void> | undefined = undefined): ExitSteps {
  return {
    hide: () => log.push('hide'),
    runCleaners: () => log.push('cleaners'),
    clearWebStorage: () => log.push('web storage'),
    clearDeviceStores: () => {
      log.push('device stores');
      return stores;
    },
    leave: (url) => log.push(`leave ${url}`),
  };
}

describe('quickExit', () => {
  it('navigates first: hide, in-memory state, web storage, device stores handed over, then location.replace — all in the press’s own task', async () => {
    const log: string[] = [];
    const done = quickExit(recordingSteps(log));
    // Nothing waited for: the service worker finishes deleting the device stores after the page has gone.
    expect(log).toEqual(['hide', 'cleaners', 'web storage', 'device stores', `leave ${appConfig.exitUrl}`]);
    await done;
    expect(hasExited()).toBe(true);
  });

  it('without a service worker to hand them to, waits for the device stores (at most the budget), then location.replace', async () => {
    const log: string[] = [];
    const done = quickExit(recordingSteps(log, Promise.resolve()));
    expect(log).toEqual(['hide', 'cleaners', 'web storage', 'device stores']);
    await done;
    expect(log).toEqual(['hide', 'cleaners', 'web storage', 'device stores', `leave ${appConfig.exitUrl}`]);
  });

  it('the browser steps hand the device stores to the controlling service worker and leave at once', () => {
    const postMessage = vi.fn();
    const replace = vi.fn();
    const fake = Object.create(window) as Window & typeof globalThis;
    Object.defineProperty(fake, 'navigator', { value: { serviceWorker: { controller: { postMessage } } } });
    const steps = { ...browserSteps(fake), leave: replace };
    void quickExit(steps, 'https://example.org/');
    expect(postMessage).toHaveBeenCalledWith({ type: WIPE_MESSAGE });
    expect(replace).toHaveBeenCalledWith('https://example.org/');
  });

  it('leaves even when a step throws or the device stores never answer', async () => {
    vi.useFakeTimers();
    const log: string[] = [];
    const steps = recordingSteps(log, new Promise<void>(() => undefined));
    // A device store that never answers, with no worker to take it over.
    steps.runCleaners = () => {
      throw new Error('broken cleaner');
    };
    const done = quickExit(steps, 'https://example.org/');
    await vi.advanceTimersByTimeAsync(1_000);
    await done;
    expect(log.at(-1)).toBe('leave https://example.org/');
    vi.useRealTimers();
  });

  it('the browser steps blank the page, run every cleaner, clear both web storages and replace the location', async () => {
    const cleaner = vi.fn();
    const broken = vi.fn(() => {
      throw new Error('x');
    });
    registerExitCleaner(broken);
    registerExitCleaner(cleaner);
    sessionStorage.setItem('wn.lang', 'ar');
    localStorage.setItem('other', '1');
    document.body.innerHTML = '<main><h1>Hulp en contact</h1></main>';
    const replace = vi.fn();
    const steps = browserSteps(window as Window & typeof globalThis);
    steps.leave = replace;
    await quickExit(steps, 'https://example.org/');
    expect(document.body.textContent).toBe('');
    expect(document.documentElement.hasAttribute('data-exiting')).toBe(true);
    expect(cleaner).toHaveBeenCalledTimes(1);
    expect(sessionStorage.length).toBe(0);
    expect(localStorage.length).toBe(0);
    expect(replace).toHaveBeenCalledWith('https://example.org/');
  });

  it('keeps only the app shell precache and the public catalogue cache', () => {
    expect(isKeptCache(`${appConfig.precachePrefix}-v2-http://x/`)).toBe(true);
    expect(isKeptCache(appConfig.dataCache)).toBe(true);
    expect(isKeptCache('anything-else')).toBe(false);
  });

  it('hideDocument blanks the page synchronously', () => {
    document.body.innerHTML = '<p>secret</p>';
    hideDocument(document);
    expect(document.body.textContent).toBe('');
    expect(document.documentElement.style.getPropertyValue('display')).toBe('none');
  });
});

describe('back/forward cache guard', () => {
  it('leaves again when a page restored from the back/forward cache had exited', async () => {
    const replace = vi.fn();
    const fakeWin = Object.assign(new EventTarget(), { document, location: { replace } }) as unknown as Window & typeof globalThis;
    const stop = guardBackForwardCache(fakeWin, () => false);
    const show = (persisted: boolean) => {
      const e = new Event('pageshow') as Event & { persisted: boolean };
      Object.defineProperty(e, 'persisted', { value: persisted });
      fakeWin.dispatchEvent(e);
    };
    show(true);
    expect(replace).not.toHaveBeenCalled(); // no exit yet
    await quickExit(recordingSteps([]));
    show(false);
    expect(replace).not.toHaveBeenCalled();
    show(true);
    expect(replace).toHaveBeenCalledWith(appConfig.exitUrl);
    stop();
  });

  it('the installed app restored from the back/forward cache goes to its neutral screen, exit or not', () => {
    const replace = vi.fn();
    const fakeWin = Object.assign(new EventTarget(), { document, location: { replace } }) as unknown as Window & typeof globalThis;
    const stop = guardBackForwardCache(fakeWin, () => true);
    const e = new Event('pageshow') as Event & { persisted: boolean };
    Object.defineProperty(e, 'persisted', { value: true });
    fakeWin.dispatchEvent(e);
    expect(replace).toHaveBeenCalledWith(`/?${appConfig.startMarker}`);
    stop();
  });
});

describe('disguise', () => {
  const win = (search: string, modes: string[] = []) => ({
    location: { search } as Location,
    matchMedia: ((q: string) => ({ matches: modes.some((m) => q === `(display-mode: ${m})`) })) as unknown as Window['matchMedia'],
  });

  it('knows an installed launch by its display mode or the start URL marker, and a tab otherwise', () => {
    expect(launchedInstalled(win(''))).toBe(false);
    expect(launchedInstalled(win('', ['browser']))).toBe(false);
    expect(launchedInstalled(win('', ['standalone']))).toBe(true);
    expect(launchedInstalled(win('', ['minimal-ui']))).toBe(true);
    expect(launchedInstalled(win(`?${appConfig.startMarker}`))).toBe(true);
    expect(startScreen(true, false)).toBe('notes');
    expect(startScreen(false, false)).toBe('first-visit');
    expect(startScreen(false, true)).toBe('home');
    expect(exitDestination(true)).toBe(`/?${appConfig.startMarker}`);
    expect(exitDestination(false)).toBe(appConfig.exitUrl);
  });

  it('opens help only for an unlock word on a line of its own, in any case', () => {
    for (const word of ['hulp', '  HULP \n', 'boodschappen\nHelp']) expect(isUnlockWord(word), word).toBe(true);
    for (const word of ['ik heb hulp nodig', 'brood', '']) expect(isUnlockWord(word), word).toBe(false);
  });

  it('folds the Turkish dotted and dotless i: YARDIM, yardım, Yardım, yardim and HILFE all open help', () => {
    for (const word of ['YARDIM', 'yardım', 'Yardım', 'yardim', 'YARDİM', 'HILFE', 'Hilfe', 'HİLFE', 'HELP', 'AIDE'])
      expect(isUnlockWord(word), word).toBe(true);
    expect(isUnlockWord('yardımcı')).toBe(false);
  });
});

describe('<QuickExit>', () => {
  it('renders the button first, with its hint, and a polite live region for the Shift progress', () => {
    const onExit = vi.fn();
    const target = new EventTarget();
    const { container } = render(<QuickExit onExit={onExit} keyTarget={target} />);
    const button = screen.getByRole('button', { name: 'Snel weg' });
    expect(container.querySelector('button, a, input, select')).toBe(button);
    expect(button.getAttribute('aria-describedby')).toBe('exit-hint');
    const status = container.querySelector('[data-exit-status]');
    expect(status?.getAttribute('aria-live')).toBe('polite');
    fireEvent.click(button);
    expect(onExit).toHaveBeenCalledTimes(1);
  });

  it('announces each Shift press and exits on the third', async () => {
    const onExit = vi.fn();
    const target = new EventTarget();
    const { container, findByText } = render(<QuickExit onExit={onExit} keyTarget={target} />);
    target.dispatchEvent(new KeyboardEvent('keydown', { key: 'Shift' }));
    await findByText('Shift: nog 2 keer drukken om snel weg te gaan.');
    target.dispatchEvent(new KeyboardEvent('keydown', { key: 'Shift' }));
    await findByText('Shift: nog 1 keer drukken om snel weg te gaan.');
    target.dispatchEvent(new KeyboardEvent('keydown', { key: 'Shift' }));
    expect(onExit).toHaveBeenCalledTimes(1);
    await findByText('Je verlaat de site.');
    expect(container.querySelector('[data-exit-status]')?.textContent).toBe('Je verlaat de site.');
  });
});
