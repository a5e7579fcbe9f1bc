import { expect, test } from '@playwright/test';
import { expectAxeClean, signIn, signOut, staffUrl } from './staff-helpers.js';

/**
 * Police: create a restraining order, see a panic from the protected person arrive as a critical alert
 * without reloading, acknowledge and resolve it, end the order. Axe clean on each screen.
 */
test('police: order → panic alert appears by itself → acknowledge → resolve → end the order', async ({ page }) => {
  // The longest path of the console (two sign-ins, eight axe runs): on a shared, busy machine it can pass 60 s.
  test.setTimeout(120_000);
  await signIn(page, 'paula.police');
  await expect(page.getByRole('heading', { level: 1, name: 'Open alarmen' })).toBeVisible();
  await expect(page.getByText('Je toegang tot deze gegevens wordt geregistreerd.')).toBeVisible();
  await expectAxeClean(page);

  // Create an order with one exclusion zone around the protected person's home.
  await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Contactverboden' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Actieve contactverboden' })).toBeVisible();
  await expectAxeClean(page);
  await page.getByRole('link', { name: 'Contactverbod aanmaken' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Nieuw contactverbod' })).toBeVisible();
  await expectAxeClean(page);
  const device = `BR-E2E-${Date.now()}`;
  await page.getByLabel('Toestel van de pleger (enkelband-id)').fill(device);
  await page.getByLabel('Referentie beschermde persoon (dossier- of gerechtsreferentie, geen naam)').fill('CASE-E2E-1');
  await page.getByLabel('Breedtegraad').fill('51.0872');
  await page.getByLabel('Lengtegraad').fill('4.3722');
  await page.getByRole('button', { name: 'Contactverbod aanmaken' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Het contactverbod is aangemaakt.' })).toBeVisible();
  const code = (await page.getByTestId('protection-code').innerText()).trim();
  expect(code.length).toBeGreaterThanOrEqual(4);
  await expectAxeClean(page);
  await page.getByRole('link', { name: /^Contactverbod RO-/ }).click();
  const orderId = /#\/orders\/(RO-[0-9A-Z]+)/.exec(page.url())?.[1];
  expect(orderId).toBeTruthy();
  await expect(page.getByText(device)).toBeVisible();
  await expectAxeClean(page);

  // The protected person presses panic (the victim app's public route), while police watch the list.
  await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Alarmen' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Open alarmen' })).toBeVisible();
  const panic = await page.request.post('/api/panic', { data: { protectionCode: code } });
  expect(panic.status()).toBeLessThan(300);
  const card = page
    .locator('li.card')
    .filter({ hasText: orderId as string })
    .filter({ hasText: 'Paniekknop' });
  await expect(card).toBeVisible({ timeout: 15_000 }); // polling, no reload
  // Announced where it cannot be missed (a banner; the chime goes with it once the page has had a click).
  const banner = page.getByRole('alert').filter({ hasText: /nieuwe? alarm/ });
  await expect(banner).toBeVisible();
  await expect(page.getByRole('button', { name: 'Geluid bij een nieuw alarm' })).toHaveAttribute('aria-pressed', 'true');
  await expectAxeClean(page);
  await banner.getByRole('button', { name: 'Gezien' }).click();
  await expect(banner).toHaveCount(0);
  await expect(card.getByRole('heading')).toContainText('Kritiek');
  const alertId = (await card.getAttribute('data-alert-id')) as string;
  expect(alertId).toMatch(/^AL-/);
  // Most severe first: the first card is critical.
  await expect(page.locator('li.card').first().locator('.badge')).toHaveText('Kritiek');
  await expectAxeClean(page);

  // Its detail page (evidence, escalations) and back.
  await card.getByRole('link', { name: /^Details/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Alarm' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: 'Bewijs' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: 'Escalaties' })).toBeVisible();
  // A picture of where: the protected zone with its radii, drawn inline (no tiles, works offline).
  await expect(page.getByRole('heading', { level: 2, name: 'Waar: beschermde zones en laatste posities' })).toBeVisible();
  const map = page.getByRole('img', { name: 'Waar: beschermde zones en laatste posities' });
  await expect(map).toBeVisible();
  await expect(map.locator('[data-zone]')).toHaveCount(1);
  await expect(page.getByText(/^woning: alarm binnen \d+ m, vooralarm binnen \d+ m$/)).toBeVisible();
  await expectAxeClean(page);
  await page.getByRole('main').getByRole('link', { name: 'Open alarmen' }).click();
  await expect(card).toBeVisible();

  await card.getByRole('button', { name: 'Bevestigen' }).click();
  await expect(card).toContainText('Bevestigd door paula.police');
  await card.getByLabel('Uitkomst').selectOption('intervened');
  await card.getByRole('button', { name: 'Afsluiten' }).click();
  await expect(card).toHaveCount(0);
  await expect(page.getByRole('heading', { level: 1, name: 'Open alarmen' })).toBeFocused();
  await expect(page.getByText('Het alarm is afgesloten.')).toBeAttached();

  // The link in an alert message opens that alert after sign-in.
  await signOut(page);
  await signIn(page, 'paula.police', `#/alerts/${alertId}`);
  await expect(page.getByRole('heading', { level: 1, name: 'Alarm' })).toBeVisible();
  await expect(page.getByText('Afgesloten door paula.police', { exact: false })).toBeVisible();

  // End the order.
  await page.goto(staffUrl(`#/orders/${orderId}`));
  await expect(page.getByRole('heading', { level: 1, name: `Contactverbod ${orderId}` })).toBeVisible();
  await page.getByRole('button', { name: 'Bewaarde posities tonen' }).click();
  await expect(page.getByText('Geen posities bewaard.')).toBeVisible();
  await page.getByLabel('Reden').selectOption('lifted_by_court');
  await page.getByRole('button', { name: 'Beëindigen' }).click();
  await expect(page.getByText('Beëindigd (Opgeheven door de rechter)')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Beëindigen' })).toHaveCount(0);
  await expect(page.getByRole('heading', { name: 'Toegangsregister' })).toHaveCount(0); // police do not read trails
  await signOut(page);

  // A supervisor reads the order's access trail: police's accesses are in it.
  await signIn(page, 'sam.supervisor', `#/orders/${orderId}`);
  await expect(page.getByRole('heading', { level: 1, name: `Contactverbod ${orderId}` })).toBeVisible();
  await page.getByRole('button', { name: 'Toegangsregister tonen' }).click();
  const trail = page.getByRole('region', { name: 'Toegangsregister' }).getByRole('table');
  await expect(trail).toContainText('paula.police');
  // Actions by name, in the console's language.
  await expect(trail).toContainText('toegevoegd');
  await expect(trail).toContainText('sam.supervisor');
  await expectAxeClean(page);
  await signOut(page);
});

test('police: an invalid order shows the API message naming the field', async ({ page }) => {
  await signIn(page, 'paula.police', '#/orders/new');
  await expect(page.getByRole('heading', { level: 1, name: 'Nieuw contactverbod' })).toBeVisible();
  await page.getByLabel('Toestel van de pleger (enkelband-id)').fill('BR-SAME');
  await page.getByLabel('Toestel van de beschermde persoon').fill('BR-SAME');
  await page.getByLabel('Referentie beschermde persoon (dossier- of gerechtsreferentie, geen naam)').fill('CASE-E2E-2');
  await page.getByLabel('Breedtegraad').fill('51.0872');
  await page.getByLabel('Lengtegraad').fill('4.3722');
  await page.getByRole('button', { name: 'Contactverbod aanmaken' }).click();
  const error = page.getByRole('alert').filter({ hasText: 'Fout 400.' });
  await expect(error).toBeVisible();
  await expect(error).toContainText('protectedDeviceId');
  await expectAxeClean(page);
});

test('supervisor sees alerts read-only (no acknowledge), police-only actions stay hidden', async ({ page }) => {
  await signIn(page, 'sam.supervisor', '#/alerts');
  await expect(page.getByRole('heading', { level: 1, name: 'Open alarmen' })).toBeVisible();
  await expect(page.getByText('Alleen politie kan alarmen bevestigen en afsluiten.')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Bevestigen' })).toHaveCount(0);
  await page.goto(staffUrl('#/orders/new'));
  await expect(page.getByRole('heading', { level: 1, name: 'Niet toegestaan' })).toBeVisible();
});
