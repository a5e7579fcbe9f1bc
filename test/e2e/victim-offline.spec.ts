import { expect, test } from '@playwright/test';
import { appConfig } from '../../pwa/src/config.js';
import { cachedPaths, EXIT_URL, openApp, routeNeutralSites, waitForServiceWorker } from './victim-helpers.js';

/**
 * Offline: the service worker controls the page; with the network gone a reload still
 * shows the emergency lines, the contact points and the service catalogue (saying the data may be
 * out of date), and the quick exit still works. The worker caches nothing but the victim app's
 * shell and the public catalogue: never /staff/, never another /api/ path.
 */
test.beforeEach(async ({ context }) => {
  await routeNeutralSites(context);
});

test('offline: emergency lines, contact points and services still shown; the exit still works', async ({ page, context }) => {
  await openApp(page);
  await waitForServiceWorker(page);
  // Fetched once through the worker (it was not controlling the very first load).
  await page.reload();
  await expect(page.locator('[data-contact-point]').first()).toBeVisible();
  await page.getByRole('button', { name: 'Diensten van het centrum' }).click();
  await expect(page.locator('[data-service]').first()).toBeVisible();
  const online = { points: await page.evaluate(async () => (await (await fetch('/api/contact-points')).json()).contactPoints.length as number) };

  await context.setOffline(true);
  try {
    await page.reload();
    await expect(page.getByRole('heading', { level: 1, name: 'Hulp en contact' })).toBeVisible();
    await expect(page.getByRole('main').getByRole('link', { name: 'Bel 112' })).toBeVisible();
    await expect(page.getByRole('link', { name: 'Bel 1712' })).toBeVisible();
    await expect(page.locator('[data-contact-point]').first()).toBeVisible();
    expect(online.points).toBeGreaterThan(0);
    await expect(page.locator('[data-contact-points] [data-stale]')).toContainText('Je bent offline');
    // The banner says it once: no sentence of it is repeated, and no error says "cannot be loaded".
    const banner = await page.locator('[data-contact-points] [data-stale]').innerText();
    const sentences = banner.split(/(?<=[.!?])\s+/).filter((x) => x.trim() !== '');
    expect(new Set(sentences).size, banner).toBe(sentences.length);
    expect(await page.getByRole('main').innerText()).not.toMatch(/kan(nen)? (nu )?niet geladen worden/);

    await page.getByRole('button', { name: 'Diensten van het centrum' }).click();
    await expect(page.locator('[data-service]').first()).toBeVisible();
    // Languages load offline too (precached chunks).
    await page.getByLabel('Taal').selectOption('ar');
    await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');

    await page.keyboard.press('Escape');
    await expect(page).toHaveURL(EXIT_URL);
  } finally {
    await context.setOffline(false);
  }
});

test('the worker caches the victim app and the public catalogue only', async ({ page }) => {
  await openApp(page);
  await waitForServiceWorker(page);
  await page.reload();
  await expect(page.locator('[data-contact-point]').first()).toBeVisible();
  // Requests the worker must not keep: other API paths, a query on a public path, an authorised call.
  await page.evaluate(async () => {
    await fetch('/api/health');
    await fetch('/api/services/does-not-exist');
    await fetch('/api/contact-points?x=1');
    await fetch('/api/services', { headers: { authorization: 'Bearer test' } });
    await fetch('/staff/');
  });
  await page.goto('/staff/');
  await page.goto('/');
  const cached = await cachedPaths(page);
  expect(cached.length).toBeGreaterThan(5);
  expect(cached.filter((c) => c.path.startsWith('/staff'))).toEqual([]);
  const api = cached.filter((c) => c.path.startsWith('/api/'));
  expect(api.every((c) => (appConfig.offlineApiPaths as readonly string[]).includes(c.path) && c.cache === appConfig.dataCache)).toBe(true);
  expect(api.map((c) => c.path)).toContain('/api/contact-points');
  expect(new Set(cached.map((c) => c.cache))).toEqual(
    new Set(cached.map((c) => c.cache).filter((n) => n === appConfig.dataCache || n.startsWith(appConfig.precachePrefix))),
  );
});
