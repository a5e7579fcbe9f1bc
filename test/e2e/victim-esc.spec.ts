import { expect, test } from '@playwright/test';
import nl from '../../pwa/src/i18n/nl.js';
import { bookUpToDetails, EXIT_URL, openApp, routeNeutralSites } from './victim-helpers.js';

/**
 * Esc stays an exit path, but an accidental Esc never costs her a booking in progress without
 * warning: with a booking being filled in, the first Esc warns (visible, announced), a second one
 * leaves. The button leaves at once whatever is in progress.
 */
test.beforeEach(async ({ context }) => {
  await routeNeutralSites(context);
});

test('Esc during a booking warns first; a second Esc leaves; the button never asks', async ({ page }) => {
  const t = nl.booking;
  await openApp(page);
  await bookUpToDetails(page);

  await page.keyboard.press('Escape');
  await expect(page.locator('[data-exit-warning]')).toHaveText(/Druk nog eens op Esc/);
  await expect(page.getByLabel(t.alias)).toHaveValue('Mira');
  await page.keyboard.press('Escape');
  await expect(page).toHaveURL(EXIT_URL);
});

test('without a booking in progress Esc leaves at once', async ({ page }) => {
  await openApp(page);
  await page.keyboard.press('Escape');
  await expect(page).toHaveURL(EXIT_URL);
});
