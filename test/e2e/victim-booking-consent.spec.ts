import { expect, test } from '@playwright/test';
import nl from '../../pwa/src/i18n/nl.js';
import { caseBody } from '../support/bodies.js';
import { VICTIM_ORIGIN } from './origins.js';
import { signIn, staffPost, staffTokenFor } from './staff-helpers.js';
import { bookUpToDetails, openApp, routeNeutralSites } from './victim-helpers.js';

/**
 * Her booking's contact choices reach the police social service only with her consent: she books with
 * choices and ticks the consent, "my appointment" shows them; the officer takes them over on the case
 * page from the booking reference, and the case's safe-contact block (and every follow-up card) shows them.
 */
const t = nl.booking;

test.beforeEach(async ({ context }) => {
  await routeNeutralSites(context);
});

test('booking with contact choices and consent → the officer takes them over → the case shows them', async ({ page, browser, request }) => {
  await page.goto(VICTIM_ORIGIN);
  await openApp(page);
  await bookUpToDetails(page, 'Leyla', 'beforeLast');
  await page.getByLabel(t.mayContactYes).check();
  await page.getByLabel(t.phone).fill('0470 98 76 54');
  await page.getByLabel(t.safeFrom).fill('10:00');
  await page.getByLabel(t.safeTo).fill('12:00');
  await page.getByLabel(t.codeWord).fill('Zonnebloem');
  await page.getByLabel(t.shareWithPolice).check();
  await page.getByRole('button', { name: t.book }).click();
  await expect(page.getByRole('heading', { name: t.doneTitle })).toBeVisible({ timeout: 30_000 });
  const reference = (await page.locator('[data-reference]').innerText()).trim();
  // The confirmation shows what she chose (kept from what she sent, the form being emptied by then).
  const sent = page.locator('[data-contact-choices]');
  await expect(sent).toContainText('Zonnebloem');
  await expect(sent).toContainText('10:00–12:00');
  await expect(sent).toContainText(t.sharedWithPolice);
  await expect(sent).not.toContainText(t.mayContactNo);

  // And offers to change them: that is done from "my appointment".
  await page.getByRole('button', { name: t.contactChange }).click();
  const choices = page.locator('[data-contact-choices]');
  await expect(choices).toContainText('Zonnebloem');
  await expect(choices).toContainText(t.sharedWithPolice);

  const now = Date.now();
  const officer = await staffTokenFor('olivia.officer');
  const { id: caseId } = await staffPost<{ id: string }>(
    request,
    '/api/cases',
    officer,
    caseBody('ruppel', { victimRef: `V-BC-${now}`, interventionDate: new Date(now - 86_400_000).toISOString().slice(0, 10), children: false }),
  );

  const staff = await browser.newPage();
  await signIn(staff, 'olivia.officer', `#/cases/${caseId}`);
  const block = staff.locator('main section[data-safe-contact]').first();
  await expect(block).toContainText('Nog geen afspraken over veilig contact');
  const form = staff.getByRole('form', { name: 'Uit haar afspraak overnemen' });
  await form.getByLabel(/^Referentie van de afspraak/).fill(reference);
  await form.getByRole('button', { name: 'Keuzes overnemen' }).click();
  await expect(staff.getByRole('status').filter({ hasText: 'Haar keuzes zijn overgenomen.' })).toBeVisible();
  await expect(block).toContainText('Zonnebloem');
  await expect(block).toContainText('10:00–12:00');
  await expect(block).toContainText(`Overgenomen uit haar afspraak ${reference}`);
  const card = staff.locator('li.card[data-followup-id]').first();
  await expect(card).toContainText('Zonnebloem');

  // She withdraws the consent from "my appointment": taking over again is refused.
  await page.getByRole('button', { name: t.withdrawConsent }).click();
  await expect(page.getByRole('status').filter({ hasText: t.consentWithdrawn })).toBeVisible();
  await expect(choices).toContainText(t.notSharedWithPolice);
  await form.getByLabel(/^Referentie van de afspraak/).fill(reference);
  await form.getByRole('button', { name: 'Keuzes overnemen' }).click();
  await expect(form.getByRole('alert')).toBeVisible();
  await staff.close();
});
