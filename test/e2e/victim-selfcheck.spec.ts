import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect, type Page, test } from '@playwright/test';
import { appConfig } from '../../pwa/src/config.js';
import { LANGS, type Lang } from '../../pwa/src/i18n/lang.js';
import type { PlanMessages } from '../../pwa/src/i18n/plan-nl.js';
import { expectAxeClean } from './staff-helpers.js';
import { messagesOf, openApp, routeNeutralSites } from './victim-helpers.js';

/**
 * "Am I safe?" without a space: reached from help in every language, axe clean, the advice with 112
 * first, usable at 320×640, and nothing of her answers left in any browser storage afterwards.
 */
test.beforeEach(async ({ context }) => {
  await routeNeutralSites(context);
});

/** Everything the page's origin holds: Web Storage, IndexedDB databases, and every cached URL. */
async function storageOf(page: Page) {
  return page.evaluate(async () => {
    const cached: string[] = [];
    for (const name of await caches.keys()) {
      for (const req of await (await caches.open(name)).keys()) cached.push(`${name} ${new URL(req.url).pathname}${new URL(req.url).search}`);
    }
    return {
      local: Object.entries(localStorage),
      session: Object.entries(sessionStorage),
      databases: (await indexedDB.databases()).map((d) => d.name ?? ''),
      cached,
    };
  });
}

async function openSelfCheck(page: Page, lang: Lang): Promise<PlanMessages['selfCheck']> {
  const t = await messagesOf(lang);
  await openApp(page);
  if (lang !== 'nl') {
    await page.locator('#lang-select').selectOption(lang);
    await expect(page.locator('html')).toHaveAttribute('lang', lang);
  }
  await page.getByRole('button', { name: t.menu.selfCheck, exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: t.menu.selfCheck })).toBeFocused();
  const s = (await t.planTexts()).default.selfCheck;
  await expect(page.getByText(s.intro)).toBeVisible();
  return s;
}

for (const lang of LANGS) {
  test(`the self-check in ${lang}: axe clean, 112 first in the advice, nothing stored`, async ({ page }) => {
    const s = await openSelfCheck(page, lang);
    await expect(page.locator('html')).toHaveAttribute('dir', lang === 'ar' ? 'rtl' : 'ltr');
    const before = await storageOf(page);
    await expectAxeClean(page);

    await page.getByRole('group', { name: s.questions.now }).getByLabel(s.answers.no, { exact: true }).check();
    await page.getByRole('group', { name: s.questions.neck }).getByLabel(s.answers.yes, { exact: true }).check();
    await page.getByRole('group', { name: s.questions.leaving }).getByLabel(s.answers.unsure, { exact: true }).check();
    await page.getByRole('button', { name: s.show }).click();

    const result = page.locator('[data-advice]');
    await expect(page.getByRole('heading', { level: 2, name: s.resultTitle })).toBeFocused();
    await expect(result).toHaveAttribute('data-advice', 'serious');
    await expect(result.locator('[data-advice-text]')).toHaveText(s.advice.serious);
    const calls = await result.locator('[data-emergency-numbers] a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    expect(calls[0]).toBe('tel:112');
    expect(calls).toEqual(['tel:112', 'tel:101', 'tel:1712', 'tel:080030030']);
    // Without a space there is nothing to save into.
    await expect(page.getByRole('button', { name: s.save })).toHaveCount(0);
    await expectAxeClean(page);

    // Her answers went nowhere: every store is as before she answered; no database, no cache of hers.
    const after = await storageOf(page);
    expect(after.local).toEqual([]);
    expect(after.session).toEqual(before.session);
    expect(after.databases).toEqual([]);
    const ours = (entry: string) =>
      entry.startsWith(appConfig.precachePrefix) || appConfig.offlineApiPaths.some((p) => entry === `${appConfig.dataCache} ${p}`);
    expect(after.cached.filter((entry) => !ours(entry))).toEqual([]);
  });
}

test('danger right now: the call to 112 shows at once, and the advice says to call now', async ({ page }) => {
  const s = await openSelfCheck(page, 'nl');
  await page.getByRole('group', { name: s.questions.now }).getByLabel(s.answers.yes, { exact: true }).check();
  const alert = page.getByRole('alert');
  await expect(alert).toContainText(s.nowAlert);
  await expect(alert.getByRole('link')).toHaveAttribute('href', 'tel:112');
  await page.getByRole('button', { name: s.show }).click();
  await expect(page.locator('[data-advice]')).toHaveAttribute('data-advice', 'now');
  await expect(page.locator('[data-advice-text]')).toHaveText(s.advice.now);
});

test('usable at 320×640: no sideways scrolling, the emergency call and the answers within reach, axe clean', async ({ page }) => {
  await page.setViewportSize({ width: 320, height: 640 });
  const s = await openSelfCheck(page, 'ar');
  await expect(page.locator('[data-emergency-call]')).toBeInViewport();
  const yes = page.getByRole('group', { name: s.questions.now }).getByLabel(s.answers.yes, { exact: true });
  const box = await yes.locator('xpath=..').boundingBox();
  expect(box?.height ?? 0).toBeGreaterThanOrEqual(44);
  await page.getByRole('button', { name: s.show }).click();
  await expect(page.locator('[data-advice]')).toHaveAttribute('data-advice', 'listen');
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
  await expectAxeClean(page);
});

test('printing the plan: only its page is drawn, the quick exit, the header and the form are not', async ({ page }) => {
  // The built stylesheet that holds the print rules, on a small page with the shell's parts around the plan's page.
  const assets = resolve('dist/pwa/assets');
  const css = readdirSync(assets)
    .filter((f) => f.endsWith('.css'))
    .map((f) => readFileSync(resolve(assets, f), 'utf8'))
    .find((c) => c.includes('.print-page'));
  expect(css).toBeDefined();
  await page.setContent(
    `<!doctype html><html lang="nl"><head><title>${appConfig.title}</title><style>${css}</style></head><body>
      <div class="quick-exit" id="exit"><button>Snel weg</button></div>
      <header class="top" id="top"><a href="tel:112">Bel 112</a></header>
      <main><h1 id="heading">Mijn ruimte</h1><form id="form"><textarea></textarea></form>
        <div class="printable-plan"><button class="button no-print" id="print">Afdrukken</button>
          <article class="print-page"><h2>Mijn lijstje</h2><p id="mine">Bij mijn zus</p></article></div>
      </main></body></html>`,
  );
  await expect(page.locator('#exit')).toBeVisible();
  await page.emulateMedia({ media: 'print' });
  for (const hidden of ['#exit', '#top', '#heading', '#form', '#print']) await expect(page.locator(hidden), hidden).toBeHidden();
  await expect(page.locator('#mine')).toBeVisible();
  await expect(page.locator('.print-page h2')).toHaveText('Mijn lijstje');
});
