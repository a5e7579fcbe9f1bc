import { expect, test, type APIRequestContext } from '@playwright/test';
import { caseBody, orderBody } from '../support/bodies.js';
import { expectAxeClean, signIn, staffPost, staffTokenFor, staffUrl } from './staff-helpers.js';

/**
 * The officer records her safe-contact preferences on the case page; every follow-up card then shows
 * them before the number. A panic on an order linked to the case reaches it, and the officer raises the
 * case's risk from there with one confirmation (never lowered, never changed by itself).
 * The case and order are made through the staff API with tokens of the stack's own issuer.
 */
async function caseWithOrder(request: APIRequestContext) {
  const police = await staffTokenFor('paula.police');
  const now = Date.now();
  const { order, protectionCode } = await staffPost<{ order: { id: string }; protectionCode: string }>(
    request,
    '/api/orders',
    police,
    orderBody({
      district: 'boom',
      respondentDeviceId: `DEV-SC-${now.toString(36)}`,
      zones: [{ label: 'home', centre: { lat: 51.09, lon: 4.37 }, alertRadiusM: 500 }],
      noContact: false,
      device: { signalLossMinutes: 24 * 60, batteryLowPercent: 15 },
    }),
  );
  const officer = await staffTokenFor('olivia.officer');
  const c = await staffPost<{ id: string }>(
    request,
    '/api/cases',
    officer,
    caseBody('ruppel', {
      victimRef: `V-SC-${now}`,
      interventionDate: new Date(now - 86_400_000).toISOString().slice(0, 10),
      children: false,
      riskLevel: 'medium',
      orderIds: [order.id],
    }),
  );
  return { caseId: c.id, protectionCode };
}

test('safe contact: recorded on the case, shown before the number on every follow-up card', async ({ page, request }) => {
  const { caseId } = await caseWithOrder(request);
  await signIn(page, 'olivia.officer', `#/cases/${caseId}`);
  const block = page.locator('main section[data-safe-contact]').first();
  await expect(block).toContainText('Nog geen afspraken over veilig contact');

  await page.getByRole('button', { name: 'Veilig contact wijzigen' }).click();
  const form = page.getByRole('form', { name: 'Veilig contact wijzigen' });
  await form.getByLabel(/^Van/).fill('09:00');
  await form.getByLabel(/^Tot/).fill('11:00');
  await form.getByLabel(/^Codewoord/).fill('Tulp');
  await form.getByLabel(/^Taal/).fill('ar');
  await form.getByLabel('Tolk nodig').check();
  await form.getByLabel(/^Telefoonnummer/).fill('+32 470 12 34 56');
  await form.getByRole('button', { name: 'Veilig contact bewaren' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Veilig contact bewaard.' })).toBeVisible();
  await expect(block).toContainText('Tulp');
  await expect(block).toContainText('09:00–11:00');
  await expectAxeClean(page);

  // Every follow-up card of the case, on the case page and in the follow-ups list: how first, then the number.
  const cards = page.locator('li.card[data-followup-id]');
  await expect(cards.first()).toBeVisible();
  for (const card of await cards.all()) {
    const text = await card.innerText();
    expect(text).toContain('Tulp');
    expect(text.indexOf('Codewoord')).toBeLessThan(text.indexOf('Telefoonnummer'));
    expect(text.indexOf('Veilig contact')).toBeLessThan(text.indexOf('Telefoonnummer'));
  }
  await page.goto(staffUrl('#/followups'));
  const listed = page.locator('li.card[data-followup-id]').filter({ has: page.locator(`a[href$="${caseId}"]`) });
  await expect(listed.first()).toBeVisible();
  const listedText = await listed.first().innerText();
  expect(listedText).toContain('Tulp');
  expect(listedText.indexOf('Wanneer bellen')).toBeLessThan(listedText.indexOf('Telefoonnummer'));
});

test('a panic on a linked order: the officer raises the risk with one confirmation', async ({ page, request }) => {
  const { caseId, protectionCode } = await caseWithOrder(request);
  const panic = await page.request.post('/api/panic', { data: { protectionCode } });
  expect(panic.status()).toBeLessThan(300);

  await signIn(page, 'olivia.officer', `#/cases/${caseId}`);
  const raise = page.getByRole('button', { name: 'Risico verhogen naar Hoog' });
  // The alert reaches the case through the table's stream (polled locally): reload until it has.
  await expect(async () => {
    await page.reload();
    await expect(raise).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 30_000 });
  await expect(page.getByText(/Een alarm \(inbreuk of paniek\)/)).toBeVisible();
  // Still medium: nothing changed by itself.
  await expect(page.locator('dl.facts').first()).toContainText('Gemiddeld');
  await raise.click();
  await page.getByRole('button', { name: 'Bevestigen: risico naar Hoog' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Risico verhoogd.' })).toBeVisible();
  await expect(page.locator('dl.facts').first()).toContainText('Hoog');
  await expect(raise).toHaveCount(0);
  await expectAxeClean(page);
});
