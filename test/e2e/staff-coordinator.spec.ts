import { expect, test } from '@playwright/test';
import { expectAxeClean, openScreen, signIn, signOut } from './staff-helpers.js';

/**
 * FJC coordinators: bookings of a service on a day, services, contact points. Each test skips itself
 * (with the reason) while the catalogue or bookings API still answers 501 (not built).
 */
test('coordinator: bookings of a service and day, with needs and safe contact', async ({ page }) => {
  await signIn(page, 'chris.coordinator');
  await expect(page.getByRole('heading', { level: 1, name: 'Afspraken per dienst en dag' })).toBeVisible();
  await expect(page.getByText('Je toegang tot deze gegevens wordt geregistreerd.')).toBeVisible();
  await expectAxeClean(page);
  const { built } = await openScreen(page, '#/services', '/api/services');
  test.skip(!built, 'GET /api/services is not built yet (501)');
  await expect(page.getByRole('heading', { level: 1, name: 'Diensten' })).toBeVisible();
  await expectAxeClean(page);

  await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Afspraken' }).click();
  const service = page.getByLabel('Dienst');
  const first = await service.locator('option').nth(1).getAttribute('value');
  test.skip(!first, 'no service seeded');
  await service.selectOption(first as string);
  const listed = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/staff/bookings');
  await page.getByRole('button', { name: 'Tonen' }).click();
  const res = await listed;
  test.skip(res.status() === 501, 'GET /api/staff/bookings is not built yet (501)');
  expect(new URL(page.url()).hash).toMatch(/^#\/bookings\?service=[^&]+&date=\d{4}-\d{2}-\d{2}$/);
  await expect(page.getByRole('alert')).toHaveCount(0);
  await expectAxeClean(page);
  await signOut(page);
});

test('coordinator: contact points screen', async ({ page }) => {
  await signIn(page, 'chris.coordinator');
  const { built } = await openScreen(page, '#/contact-points', '/api/contact-points');
  test.skip(!built, 'GET /api/contact-points is not built yet (501)');
  await expect(page.getByRole('heading', { level: 1, name: 'Contactpunten' })).toBeVisible();
  await expectAxeClean(page);
});
