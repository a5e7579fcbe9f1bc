import { expect, type BrowserContext, type Page } from '@playwright/test';
import { DEFAULT_LANG, loadCatalogue, type Lang } from '../../pwa/src/i18n/lang.js';
import nl, { type Messages } from '../../pwa/src/i18n/nl.js';
import { appConfig } from '../../pwa/src/config.js';

/**
 * Helpers for the victim app's browser tests. The neutral exit site and a "previous site" are served
 * by Playwright routing (tiny pages), so the tests never leave the machine.
 */
export const EXIT_URL = appConfig.exitUrl;
export const PREVIOUS_URL = 'https://previous.example/';
export const EXIT_PAGE_TEXT = 'Weather forecast (test page)';

export async function routeNeutralSites(context: BrowserContext): Promise<void> {
  await context.route(`${new URL(EXIT_URL).origin}/**`, (route) =>
    route.fulfill({
      contentType: 'text/html',
      body: `<!doctype html><html lang="en"><head><title>Weather</title></head><body><h1>${EXIT_PAGE_TEXT}</h1></body></html>`,
    }),
  );
  await context.route(`${new URL(PREVIOUS_URL).origin}/**`, (route) =>
    route.fulfill({
      contentType: 'text/html',
      body: '<!doctype html><html lang="en"><head><title>Previous</title></head><body><h1>Previous site</h1></body></html>',
    }),
  );
}

/** A language's catalogue, as the app loads it: what a test reads and types. */
export async function messagesOf(lang: Lang): Promise<Messages> {
  return lang === DEFAULT_LANG ? nl : loadCatalogue(lang);
}

/** Opens the app; past the first-visit page unless `stayOnFirstVisit`. */
export async function openApp(page: Page, { stayOnFirstVisit = false } = {}): Promise<void> {
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1, name: 'Voor je begint' })).toBeVisible();
  if (stayOnFirstVisit) return;
  await page.getByRole('button', { name: 'Verder' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Hulp en contact' })).toBeVisible();
}

/** Waits until the victim app's service worker is active and controls the page. */
export async function waitForServiceWorker(page: Page): Promise<void> {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  if (!(await page.evaluate(() => !!navigator.serviceWorker.controller))) {
    await page.waitForFunction(() => !!navigator.serviceWorker.controller, undefined, { timeout: 10_000 });
  }
}

/** Every URL path in Cache Storage, with its cache's name. */
export async function cachedPaths(page: Page): Promise<Array<{ cache: string; path: string }>> {
  return page.evaluate(async () => {
    const out: Array<{ cache: string; path: string }> = [];
    for (const name of await caches.keys()) {
      const cache = await caches.open(name);
      for (const req of await cache.keys()) out.push({ cache: name, path: new URL(req.url).pathname + new URL(req.url).search });
    }
    return out;
  });
}

/**
 * From the home screen (Dutch) to a booking's details step: the demo's counselling service, its first
 * (or last listed) free time, the alias typed. What a person has in progress when a test exits or reloads.
 */
export async function bookUpToDetails(page: Page, alias = 'Mira', slot: 'first' | 'beforeLast' = 'first'): Promise<void> {
  const t = nl.booking;
  await page.getByRole('button', { name: t.title }).click();
  await page.getByRole('button', { name: t.startNew }).click();
  await page.getByRole('button', { name: `${t.chooseTime}: Psychologische begeleiding` }).click();
  // `beforeLast` leaves the first free times to the specs that book them in the app, and the last one to
  // staff-coordinator.spec.ts, which books it by the API: the public list shows a slot taken only from the
  // next quarter hour (coarse availability), so a slot taken there would still look free here.
  const radios = page.getByRole('radio');
  await radios.first().waitFor();
  await (slot === 'first' ? radios.first() : radios.nth((await radios.count()) - 2)).check();
  await page.getByRole('button', { name: t.next }).click();
  await page.getByLabel(t.alias).fill(alias);
}
