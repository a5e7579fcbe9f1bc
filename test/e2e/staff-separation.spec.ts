import { expect, test } from '@playwright/test';
import { staffUrl } from './staff-helpers.js';
import { appConfig } from '../../pwa/src/config.js';

/**
 * The staff console is a separate front end: the victim app never links to it, and the victim app's
 * service worker never precaches or serves it (not even offline). `npm test` builds both front ends
 * first, so a missing victim app or service worker is a failure, not a skip.
 */
test('the victim app neither links, precaches nor serves the staff console', async ({ page, context }) => {
  const home = await page.goto('/');
  expect(home?.status(), 'the victim app is served at /').toBe(200);
  expect(await (await page.request.get('/')).text()).not.toContain('/staff');

  const registered = await page.evaluate(async () => {
    if (!('serviceWorker' in navigator)) return false;
    const ready = await Promise.race([navigator.serviceWorker.ready, new Promise((ok) => setTimeout(() => ok(null), 10_000))]);
    return ready !== null;
  });
  expect(registered, 'the victim app registers its service worker').toBe(true);
  // Let the precache finish.
  await page.waitForTimeout(1500);

  await page.goto(staffUrl());
  await expect(page.getByRole('button', { name: 'Aanmelden' })).toBeVisible();
  const staffScripts = await page.evaluate(() => [...document.querySelectorAll('script[src]')].map((s) => new URL((s as HTMLScriptElement).src).pathname));
  const cached = await page.evaluate(async () => {
    const urls: string[] = [];
    for (const name of await caches.keys()) {
      const cache = await caches.open(name);
      for (const req of await cache.keys()) urls.push(new URL(req.url).pathname);
    }
    return urls;
  });
  expect(cached.filter((u) => u.startsWith('/staff'))).toEqual([]);
  expect(staffScripts.filter((s) => cached.includes(s))).toEqual([]);

  // Offline, /staff/ must not come from the victim app's service worker (no fallback to its shell).
  await context.setOffline(true);
  try {
    await page.goto(staffUrl(), { timeout: 10_000 }).catch(() => undefined);
    await expect(page.getByRole('button', { name: 'Aanmelden' })).toHaveCount(0);
    // …nor the victim app's shell served in its place by a navigation fallback.
    expect(await page.title()).not.toBe(appConfig.title);
  } finally {
    await context.setOffline(false);
  }
});
