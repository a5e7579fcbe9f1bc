import { expect, test, type Page } from '@playwright/test';
import { appConfig } from '../../pwa/src/config.js';
import { EXIT_PAGE_TEXT, EXIT_URL, openApp, PREVIOUS_URL, routeNeutralSites } from './victim-helpers.js';

/**
 * The quick exit: each path — button, Esc, Shift×3 — lands on the neutral site with
 * location.replace, Back never shows the app again, and nothing the app (or anyone) wrote in this
 * origin's storage survives: sessionStorage, localStorage, IndexedDB, Cache Storage other than the
 * app shell and the public catalogue.
 */
test.beforeEach(async ({ context }) => {
  await routeNeutralSites(context);
});

/** Leaves traces an exit must remove: the language choice, a local key, a cache, a database. */
async function writeTraces(page: Page): Promise<void> {
  await page.getByLabel('Taal').selectOption('en');
  await expect(page.getByRole('heading', { level: 1, name: 'Help and contact' })).toBeVisible();
  await page.evaluate(async () => {
    localStorage.setItem('test-personal', 'x');
    const cache = await caches.open('test-personal-cache');
    await cache.put('/test-personal', new Response('x'));
    await new Promise<void>((ok, fail) => {
      const req = indexedDB.open('test-personal-db', 1);
      req.onupgradeneeded = () => req.result.createObjectStore('s');
      req.onsuccess = () => {
        req.result.close();
        ok();
      };
      req.onerror = () => fail(req.error);
    });
  });
  expect(await page.evaluate(() => sessionStorage.length)).toBeGreaterThan(0);
}

async function expectLeftWithoutTrace(page: Page): Promise<void> {
  await expect(page).toHaveURL(EXIT_URL);
  await expect(page.getByRole('heading', { name: EXIT_PAGE_TEXT })).toBeVisible();

  // Back goes to the site before the app, never to the app.
  await page.goBack();
  await expect(page).toHaveURL(PREVIOUS_URL);
  await expect(page.getByRole('heading', { name: 'Previous site' })).toBeVisible();
  await page.goForward();
  await expect(page).toHaveURL(EXIT_URL);

  // Storage of the app's origin, read from a page that runs none of the app's code.
  await page.goto('/api/health');
  const left = await page.evaluate(async () => ({
    session: sessionStorage.length,
    local: localStorage.length,
    caches: await caches.keys(),
    databases: (await indexedDB.databases()).map((d) => d.name),
  }));
  expect(left.session).toBe(0);
  expect(left.local).toBe(0);
  expect(left.databases).toEqual([]);
  expect(left.caches.filter((name) => !name.startsWith(appConfig.precachePrefix) && name !== appConfig.dataCache)).toEqual([]);
}

async function start(page: Page): Promise<void> {
  await page.goto(PREVIOUS_URL);
  await openApp(page);
  await writeTraces(page);
}

test('the exit button is the first focusable element and leaves without a trace', async ({ page }) => {
  await page.goto(PREVIOUS_URL);
  await openApp(page, { stayOnFirstVisit: true });
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'Snel weg' })).toBeFocused();
  await writeTracesOnFirstVisit(page);
  await page.getByRole('button', { name: 'Snel weg' }).click();
  await expectLeftWithoutTrace(page);
});

async function writeTracesOnFirstVisit(page: Page): Promise<void> {
  await page.evaluate(() => {
    localStorage.setItem('test-personal', 'x');
    sessionStorage.setItem('test-personal', 'x');
  });
}

test('Esc leaves at once, from any screen', async ({ page }) => {
  await start(page);
  await page.getByRole('button', { name: 'Staying safer online' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Staying safer online' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expectLeftWithoutTrace(page);
});

test('Shift three times leaves, with the progress announced; another key starts over', async ({ page }) => {
  await start(page);
  const status = page.locator('[data-exit-status]');
  await expect(status).toHaveAttribute('aria-live', 'polite');

  await page.keyboard.press('Shift');
  await expect(status).toHaveText('Shift: press 2 more times to exit.');
  await page.keyboard.press('a');
  await expect(status).toHaveText('');
  await page.keyboard.press('Shift');
  await page.keyboard.press('Shift');
  await expect(status).toHaveText('Shift: press 1 more time to exit.');
  await expect(page.getByRole('heading', { level: 1, name: 'Help and contact' })).toBeVisible();

  await page.keyboard.press('Shift');
  await expectLeftWithoutTrace(page);
});

test('content is hidden and session storage cleared synchronously, before the navigation starts', async ({ page }) => {
  await page.goto(PREVIOUS_URL);
  await openApp(page);
  const atPress = await page.evaluate(() => {
    const before = { url: location.href, session: sessionStorage.length };
    document.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    // Same task as the key press: the navigation has not started yet.
    return {
      before,
      url: location.href,
      exiting: document.documentElement.hasAttribute('data-exiting'),
      display: getComputedStyle(document.documentElement).display,
      text: document.body.textContent,
      session: sessionStorage.length,
    };
  });
  expect(atPress.before.session).toBeGreaterThan(0);
  expect(atPress.url).toBe(atPress.before.url);
  expect(atPress).toMatchObject({ exiting: true, display: 'none', text: '', session: 0 });
  await expect(page).toHaveURL(EXIT_URL);
});
