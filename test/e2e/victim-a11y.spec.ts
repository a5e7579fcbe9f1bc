import { expect, test, type Page } from '@playwright/test';
import { LANGS } from '../../pwa/src/i18n/lang.js';
import { expectAxeClean } from './staff-helpers.js';
import { openApp, routeNeutralSites } from './victim-helpers.js';

/**
 * WCAG 2.2 AA: axe finds nothing on every screen in every language, also at 320 px wide;
 * the screens are reached with the keyboard only.
 */
test.beforeEach(async ({ context }) => {
  await routeNeutralSites(context);
});

const MENU_INDEX = { services: 0, book: 1, protection: 2, safety: 3 } as const;

async function openByKeyboard(page: Page, item: keyof typeof MENU_INDEX): Promise<void> {
  const button = page.locator('.menu-item').nth(MENU_INDEX[item]);
  await button.focus();
  await page.keyboard.press('Enter');
  await expect(page.locator('main [data-screen-heading]')).toBeFocused();
}

for (const lang of LANGS) {
  test(`axe is clean on every screen in ${lang}`, async ({ page }) => {
    test.setTimeout(180_000); // six axe runs on a shared machine
    await openApp(page, { stayOnFirstVisit: true });
    await page.locator('#lang-select').selectOption(lang);
    await expect(page.locator('html')).toHaveAttribute('lang', lang);
    await expectAxeClean(page); // first visit
    await page.locator('.interruption .button.primary').click();
    await expect(page.locator('[data-contact-point]').first()).toBeVisible();
    await expectAxeClean(page); // home with contact points
    for (const item of ['services', 'book', 'protection', 'safety'] as const) {
      await openByKeyboard(page, item);
      if (item === 'services') await expect(page.locator('[data-service]').first()).toBeVisible();
      await expectAxeClean(page);
      // Back to the start: a reload in the same tab opens it (language and first-visit flag kept).
      await page.reload();
      await expect(page.locator('html')).toHaveAttribute('lang', lang);
      await expect(page.locator('.menu-item').first()).toBeVisible();
    }
  });
}

test('axe is clean at 320 px wide', async ({ page }) => {
  await page.setViewportSize({ width: 320, height: 700 });
  await openApp(page);
  await expect(page.locator('[data-contact-point]').first()).toBeVisible();
  await expectAxeClean(page);
});
