import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { expect, test } from '@playwright/test';
import { DEFAULT_LANG, LANGS } from '../../pwa/src/i18n/lang.js';
import { expectAxeClean } from './staff-helpers.js';
import { messagesOf, openApp, routeNeutralSites, waitForServiceWorker } from './victim-helpers.js';

/**
 * The message catalogues: one chunk per language, loaded when chosen, none but Dutch on the first
 * visit (which stays within its 20 KB gzip budget), and every one precached, so help opens offline in
 * German and Turkish as in the others.
 */
const DIST = resolve('dist/pwa');
const FIRST_VISIT_BUDGET = 20 * 1024;
const onDemand = LANGS.filter((l) => l !== DEFAULT_LANG);
/** Vite names a catalogue's chunk after its file: /assets/de-<hash>.js. */
const catalogueChunk = (path: string) => onDemand.find((l) => new RegExp(`^/assets/${l}-[\\w-]+\\.js$`).test(path));

test.beforeEach(async ({ context }) => {
  await routeNeutralSites(context);
});

test('the first visit loads no other catalogue and at most 20 KB of JavaScript (gzip)', async ({ page }) => {
  const scripts: string[] = [];
  page.on('response', (res) => {
    if (res.request().resourceType() === 'script') scripts.push(new URL(res.url()).pathname);
  });
  await openApp(page, { stayOnFirstVisit: true });
  await expect(page.locator('[data-emergency-call]')).toBeVisible();
  await page.waitForLoadState('networkidle');
  expect(scripts.length).toBeGreaterThan(0);
  expect(scripts.filter(catalogueChunk)).toEqual([]);
  const gzip = scripts.reduce((sum, path) => sum + gzipSync(readFileSync(resolve(DIST, `.${path}`))).length, 0);
  expect(gzip, `first-visit JS: ${scripts.join(', ')}`).toBeLessThanOrEqual(FIRST_VISIT_BUDGET);

  // Choosing a language fetches its chunk, and only that one.
  await page.locator('#lang-select').selectOption('de');
  await expect(page.locator('html')).toHaveAttribute('lang', 'de');
  expect(scripts.map(catalogueChunk).filter(Boolean)).toEqual(['de']);
});

test('every catalogue is in the worker precache', async ({ request }) => {
  const worker = await (await request.get('/sw.js')).text();
  const precached = [...worker.matchAll(/"?url"?:\s*"([^"]+)"/g)].map((m) => `/${(m[1] ?? '').replace(/^\//, '')}`);
  expect(onDemand.filter((l) => !precached.some((p) => catalogueChunk(p) === l))).toEqual([]);
});

for (const lang of ['de', 'tr'] as const) {
  test(`offline in ${lang}: help, the emergency lines and the protection screen, axe clean`, async ({ page, context }) => {
    const t = await messagesOf(lang);
    await openApp(page);
    await waitForServiceWorker(page);
    await context.setOffline(true);
    try {
      await page.reload();
      await page.locator('#lang-select').selectOption(lang);
      await expect(page.locator('html')).toHaveAttribute('lang', lang);
      await expect(page.locator('html')).toHaveAttribute('dir', 'ltr');
      await expect(page.getByRole('heading', { level: 1, name: t.home.title })).toBeVisible();
      await expect(page.locator('[data-emergency-call]')).toHaveText(t.emergency.call('112'));
      await expect(page.getByRole('link', { name: t.emergency.call('1712') })).toHaveAttribute('href', 'tel:1712');
      await expect(page.getByRole('heading', { level: 3, name: t.emergency['112'].name })).toBeVisible();
      await expectAxeClean(page);

      await page.getByRole('button', { name: t.menu.protection, exact: true }).click();
      await expect(page.getByRole('heading', { level: 1, name: t.protection.title })).toBeVisible();
      await expect(page.getByRole('button', { name: t.protection.panicButton })).toBeVisible();
      await expectAxeClean(page);
    } finally {
      await context.setOffline(false);
    }
  });
}

/** The catalogue's German and Turkish names (demo data, awaiting a native speaker's review). */
const CATALOGUE_NAMES = {
  de: { service: 'Psychologische Begleitung', contactPoint: 'Polizei Ruppel — Opferbetreuung' },
  tr: { service: 'Psikolojik destek', contactPoint: 'Ruppel polisi — mağdur desteği' },
} as const;

for (const lang of ['de', 'tr'] as const) {
  test(`in ${lang}, services and contact points carry their ${lang} names`, async ({ page }) => {
    const t = await messagesOf(lang);
    const names = CATALOGUE_NAMES[lang];
    await openApp(page);
    await page.locator('#lang-select').selectOption(lang);
    await expect(page.getByRole('heading', { level: 1, name: t.home.title })).toBeVisible();
    await expect(page.getByRole('heading', { name: names.contactPoint }).first()).toBeVisible();
    await page.getByRole('button', { name: t.menu.services, exact: true }).click();
    await expect(page.getByRole('heading', { level: 1, name: t.services.title })).toBeVisible();
    await expect(page.getByRole('heading', { name: names.service }).first()).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Psychologische begeleiding' })).toHaveCount(0);
  });
}
