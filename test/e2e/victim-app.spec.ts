import { expect, test } from '@playwright/test';
import { appConfig } from '../../pwa/src/config.js';
import { openApp, routeNeutralSites } from './victim-helpers.js';

/**
 * The victim app's discreet shell: neutral title and manifest, the first-visit page, an
 * address bar and a history that never change inside the app, the built-in emergency lines with
 * tap-to-call, contact points from the API, and four languages with Arabic right to left.
 */
test.beforeEach(async ({ context }) => {
  await routeNeutralSites(context);
});

test('first visit: the calm page explains the exit, then the start page; the address bar and history never change', async ({ page }) => {
  await openApp(page, { stayOnFirstVisit: true });
  const startUrl = page.url();
  const historyLength = await page.evaluate(() => history.length);
  await expect(page.getByText('Snel weg wist je browsergeschiedenis niet.')).toBeVisible();
  await expect(page).toHaveTitle(appConfig.title);

  await page.getByRole('button', { name: 'Lees hoe je veiliger online bent' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Veiliger online' })).toBeFocused();
  await expect(page.getByRole('heading', { level: 2, name: 'Niet alles wissen' })).toBeVisible();
  await page.getByRole('button', { name: 'Terug naar het begin' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Hulp en contact' })).toBeFocused();
  await page.getByRole('button', { name: 'Diensten van het centrum' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Diensten van het centrum' })).toBeVisible();

  expect(page.url()).toBe(startUrl);
  expect(new URL(page.url()).pathname + new URL(page.url()).search + new URL(page.url()).hash).toBe('/');
  expect(await page.evaluate(() => history.length)).toBe(historyLength);
  await expect(page).toHaveTitle(appConfig.title);

  // A reload in the same tab skips the first-visit page.
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Hulp en contact' })).toBeVisible();
});

test('the identity a bystander sees is neutral and comes from config.ts', async ({ page, request }) => {
  await page.goto('/');
  await expect(page).toHaveTitle(appConfig.title);
  const manifestHref = await page.locator('link[rel=manifest]').getAttribute('href');
  const manifest = await (await request.get(manifestHref ?? '')).json();
  expect(manifest).toMatchObject({
    name: appConfig.name,
    short_name: appConfig.shortName,
    theme_color: appConfig.themeColor,
    start_url: `/?${appConfig.startMarker}`,
  });
  const words = /geweld|violen|help|hulp|police|politie|victim|slachtoffer|abuse|misbruik|oneroof|fjc/i;
  expect(JSON.stringify(manifest)).not.toMatch(words);
  expect(await page.title()).not.toMatch(words);
  for (const icon of manifest.icons as Array<{ src: string }>) expect((await request.get(icon.src)).ok()).toBe(true);
});

test('start page: the four built-in lines with tap-to-call, and contact points from the API', async ({ page }) => {
  await openApp(page);
  const lines = page.locator('[data-emergency-numbers] a[href^="tel:"]');
  expect(await lines.evaluateAll((links) => links.map((a) => a.getAttribute('href')))).toEqual(['tel:112', 'tel:101', 'tel:1712', 'tel:080030030']);
  await expect(page.getByRole('main').getByRole('link', { name: 'Bel 112' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Bel 0800 30 030' })).toBeVisible();

  const points = page.locator('[data-contact-point]');
  await expect(points.first()).toBeVisible();
  expect(await points.count()).toBeGreaterThan(3);
  // Open now / 24/7 is shown for every contact point.
  for (const text of await points.locator('.status').allInnerTexts()) expect(text).toMatch(/open|gesloten|openingsuren/i);
  // The built-in lines are not listed twice.
  expect(await points.locator('a[href="tel:112"]').count()).toBe(0);
});

test('languages: switchable on every screen, Arabic right to left, the exit translated', async ({ page }) => {
  await openApp(page);
  await page.getByLabel('Taal').selectOption('fr');
  await expect(page.getByRole('heading', { level: 1, name: 'Aide et contact' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
  await page.getByRole('button', { name: 'Plus en sécurité en ligne' }).click();
  await page.getByLabel('Langue').selectOption('ar');
  await expect(page.getByRole('heading', { level: 1, name: 'أمان أكثر على الإنترنت' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await expect(page.locator('html')).toHaveAttribute('lang', 'ar');
  await expect(page.getByRole('button', { name: 'خروج سريع' })).toBeVisible();
  // Right to left: the heading's text starts at the right edge.
  const box = await page.getByRole('heading', { level: 1 }).evaluate((h) => getComputedStyle(h).direction);
  expect(box).toBe('rtl');
  await page.getByLabel('اللغة').selectOption('en');
  await expect(page.getByRole('heading', { level: 1, name: 'Staying safer online' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('dir', 'ltr');
  // The title never changes with the language either.
  await expect(page).toHaveTitle(appConfig.title);
});

test('the exit button stays in view and on top at 320 px, whatever the scroll', async ({ page }) => {
  await page.setViewportSize({ width: 320, height: 640 });
  await openApp(page);
  await page.mouse.wheel(0, 3000);
  await page.waitForFunction(() => window.scrollY > 500);
  const exit = page.getByRole('button', { name: 'Snel weg' });
  await expect(exit).toBeInViewport();
  const onTop = await exit.evaluate((el) => {
    const r = el.getBoundingClientRect();
    return document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2) === el;
  });
  expect(onTop).toBe(true);
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
  const size = await exit.boundingBox();
  expect(size?.height ?? 0).toBeGreaterThanOrEqual(44);
});
