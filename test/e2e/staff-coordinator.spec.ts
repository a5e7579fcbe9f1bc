import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { PROOF_HEADER, solveProof } from '../../shared/catalog/booking-proof.js';
import { expectAxeClean, openScreen, signIn, signInAndOpen, signOut } from './staff-helpers.js';

/**
 * FJC coordinators: bookings of a service on a day (needs, safe contact, confirm), services and contact
 * points added and edited in every catalogue language, confidential places — against the seeded Zone
 * Ruppel catalogue of the local stack, all through the console (the page's own fetch only reads back
 * what the victim app would see).
 */
/** Removes a contact point the test added (the second press confirms), leaving the demo list as it was. */
async function removeContactPoint(page: Page, id: string): Promise<void> {
  const point = page.locator(`[data-contact-point="${id}"]`);
  await point.getByRole('button', { name: 'Verwijderen' }).click();
  await point.getByRole('button', { name: 'Verwijderen' }).click();
  await expect(point).toHaveCount(0);
}

async function bookCounselling(request: APIRequestContext, alias: string): Promise<{ reference: string; date: string }> {
  const slots = await request.get('/api/services/counselling/slots');
  expect(slots.status()).toBe(200);
  // The last free time of the fortnight: the victim specs book the first ones through the app, and the
  // public list only shows a change at the next quarter hour, so a slot taken here would still look free.
  const free = ((await slots.json()) as { slots: { start: string; date: string; remaining: number }[] }).slots.filter((s) => s.remaining > 0);
  const slot = free[free.length - 1]!;
  const res = await request.post('/api/bookings', {
    headers: { [PROOF_HEADER]: await solveProof('counselling', slot.start) },
    data: {
      serviceId: 'counselling',
      start: slot.start,
      alias,
      language: 'fr',
      interpreter: true,
      childcare: false,
      safeContact: {
        mayContact: true,
        method: 'phone',
        phone: '+32 470 00 00 42',
        windows: [{ days: [1, 3], start: '10:00', end: '12:00' }],
        voicemail: false,
        codeWord: 'lavender',
      },
    },
  });
  expect(res.status()).toBe(201);
  return { reference: ((await res.json()) as { reference: string }).reference, date: slot.date };
}

test('coordinator: bookings of a service and day, with needs and safe contact; confirm', async ({ page, request }) => {
  const { reference, date } = await bookCounselling(request, 'Demo Dana');
  await signIn(page, 'chris.coordinator');
  await expect(page.getByRole('heading', { level: 1, name: 'Afspraken per dienst en dag' })).toBeVisible();
  await expect(page.getByText('Je toegang tot deze gegevens wordt geregistreerd.')).toBeVisible();
  await expectAxeClean(page);

  await page.getByLabel('Dienst').selectOption('counselling');
  await page.getByLabel('Dag', { exact: true }).fill(date);
  const listed = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/staff/bookings');
  await page.getByRole('button', { name: 'Tonen' }).click();
  expect((await listed).status()).toBe(200);
  expect(new URL(page.url()).hash).toBe(`#/bookings?service=counselling&date=${date}`);
  const card = page.locator(`[data-booking="${reference}"]`);
  await expect(card.getByRole('heading', { level: 2 })).toContainText('Demo Dana');
  await expect(card).toContainText('+32 470 00 00 42');
  await expect(card).toContainText('lavender');
  await expect(card).toContainText('maandag, woensdag 10:00–12:00');
  await expect(card).toContainText('Geboekt');
  await expect(page.getByRole('alert')).toHaveCount(0);
  await expectAxeClean(page);

  await card.getByRole('button', { name: 'Bevestigen' }).click();
  await expect(card).toContainText('Bevestigd');
  await expect(card.getByRole('button', { name: 'Bevestigen' })).toHaveCount(0);

  // The booking's access trail, in the console.
  await card.getByRole('button', { name: 'Toegangsregister tonen' }).click();
  const trail = card.getByRole('region', { name: 'Toegangsregister' }).getByRole('table');
  await expect(trail).toContainText('chris.coordinator');
  await expectAxeClean(page);

  // The day across every service: the counselling booking is counted there.
  await page.getByLabel('Dienst').selectOption('');
  await page.getByRole('button', { name: 'Tonen' }).click();
  const overview = page.getByRole('region', { name: `Dagoverzicht ${date}` });
  await expect(overview.getByRole('table')).toBeVisible();
  const row = overview.locator('tr[data-service="counselling"]');
  await expect(row).toBeVisible();
  await expect(row.getByRole('link')).toHaveAttribute('href', `#/bookings?service=counselling&date=${date}`);
  await expectAxeClean(page);
  await signOut(page);
});

test('coordinator: add a contact point with its name and description in every language, and change any of them', async ({ page }) => {
  await signInAndOpen(page, 'chris.coordinator', '#/contact-points', '/api/contact-points');
  const id = `e2e-${Date.now().toString(36)}`;
  await page.getByRole('button', { name: 'Contactpunt toevoegen' }).click();
  const form = page.getByRole('region', { name: 'Contactpunt toevoegen' });
  await form.getByLabel('Id (voor de link)').fill(id);
  await form.getByLabel('Soort hulp').selectOption('legal');
  await form.getByLabel('Naam (Nederlands)').fill('Juridisch advies E2E');
  await form.getByLabel(/^Naam \(Français\)/).fill('Conseil juridique E2E');
  await form.getByLabel(/^Naam \(English\)/).fill('Legal advice E2E');
  await form.getByLabel(/^Naam \(العربية\)/).fill('استشارة قانونية');
  await expect(form.getByLabel(/^Naam \(العربية\)/)).toHaveAttribute('dir', 'rtl');
  await form.getByLabel('Wat ze doen, voor wie (Nederlands)').fill('Gratis eerste juridisch advies.');
  await form.getByLabel(/^Wat ze doen, voor wie \(Français\)/).fill('Premier conseil juridique gratuit.');
  await form.getByLabel(/^Telefoon/).fill('+32 3 000 00 11');
  // Not a confidential kind: the address may be given, and nothing warns.
  await expect(form.getByLabel(/^Vertrouwelijke plaats/)).not.toBeChecked();
  await expect(form.getByLabel(/^Adres/)).toBeVisible();
  await expectAxeClean(page);
  await form.getByRole('button', { name: 'Contactpunt toevoegen' }).click();
  await expect(page.getByText('Het contactpunt is toegevoegd.')).toBeVisible();
  const card = page.locator(`[data-contact-point="${id}"]`);
  await expect(card.getByRole('heading', { level: 2, name: 'Juridisch advies E2E' })).toBeVisible();
  // Every language of the name and the description can be changed, not only Dutch.
  await card.getByRole('button', { name: 'Wijzigen' }).click();
  await expect(card.getByLabel(/^Naam \(العربية\)/)).toHaveValue('استشارة قانونية');
  await card.getByLabel(/^Naam \(Français\)/).fill('Conseil juridique gratuit E2E');
  await card.getByLabel(/^Wat ze doen, voor wie \(English\)/).fill('Free first legal advice.');
  await card.getByLabel(/^Wat ze doen, voor wie \(العربية\)/).fill('استشارة قانونية أولى مجانية.');
  await card.getByRole('button', { name: 'Opslaan' }).click();
  await expect(page.getByText('Opgeslagen.')).toBeVisible();
  await page.getByLabel('Taal').selectOption('fr');
  await expect(page.locator(`[data-contact-point="${id}"]`).getByRole('heading', { level: 2, name: 'Conseil juridique gratuit E2E' })).toBeVisible();
  await page.getByLabel('Langue').selectOption('nl');
  // What the victim app reads: every language as saved.
  const published = await page.evaluate(async (pointId) => {
    const list = (await (await fetch('/api/contact-points')).json()) as { contactPoints: { id: string; name: unknown; description: unknown }[] };
    return list.contactPoints.find((c) => c.id === pointId);
  }, id);
  expect(published?.name).toEqual({ nl: 'Juridisch advies E2E', fr: 'Conseil juridique gratuit E2E', en: 'Legal advice E2E', ar: 'استشارة قانونية' });
  expect(published?.description).toEqual({
    nl: 'Gratis eerste juridisch advies.',
    fr: 'Premier conseil juridique gratuit.',
    en: 'Free first legal advice.',
    ar: 'استشارة قانونية أولى مجانية.',
  });
  // Leave the demo list as it was.
  await removeContactPoint(page, id);
});

test('coordinator: a shelter is confidential by default; publishing its address is a warned, audited choice', async ({ page }) => {
  await signIn(page, 'chris.coordinator');
  await openScreen(page, '#/contact-points', '/api/contact-points');
  const id = `e2e-shelter-${Date.now().toString(36)}`;
  await page.getByRole('button', { name: 'Contactpunt toevoegen' }).click();
  const form = page.getByRole('region', { name: 'Contactpunt toevoegen' });
  await form.getByLabel('Id (voor de link)').fill(id);
  await form.getByLabel('Soort hulp').selectOption('shelter');
  await expect(form.getByLabel(/^Vertrouwelijke plaats/)).toBeChecked();
  await expect(form.getByLabel(/^Adres/)).toHaveCount(0);
  await form.getByLabel('Naam (Nederlands)').fill('Opvang E2E');
  await form.getByLabel('Wat ze doen, voor wie (Nederlands)').fill('Vluchthuis, dag en nacht.');
  await form.getByLabel(/^Telefoon/).fill('+32 3 000 00 12');
  await form.getByRole('button', { name: 'Contactpunt toevoegen' }).click();
  const card = page.locator(`[data-contact-point="${id}"]`);
  await expect(card.getByText('Vertrouwelijke plaats: geen adres, nergens.')).toBeVisible();

  // A public office of a shelter organisation: the coordinator unticks it on purpose, and is told what that means.
  await card.getByRole('button', { name: 'Wijzigen' }).click();
  await card.getByLabel(/^Vertrouwelijke plaats/).uncheck();
  await expect(card.getByRole('note')).toContainText('het bewust publiceren van een vertrouwelijk adres');
  await card.getByLabel(/^Adres/).fill('Kerkstraat 1, 2850 Boom');
  await expectAxeClean(page);
  await card.getByRole('button', { name: 'Opslaan' }).click();
  await expect(page.locator(`[data-contact-point="${id}"]`)).toContainText('Kerkstraat 1, 2850 Boom');
  await expect(page.locator(`[data-contact-point="${id}"]`)).toContainText('Adres bewust gepubliceerd');
  // The trail says so, in the console.
  await page.locator(`[data-contact-point="${id}"]`).getByRole('button', { name: 'Toegangsregister tonen' }).click();
  const trail = page.locator(`[data-contact-point="${id}"]`).getByRole('region', { name: 'Toegangsregister' }).getByRole('table');
  await expect(trail).toContainText('vertrouwelijk adres bewust gepubliceerd');
  await expect(trail).toContainText('toegevoegd');
  await expectAxeClean(page);

  // Ticked again: the address is gone from the form, from what is sent and from the public list.
  await page.locator(`[data-contact-point="${id}"]`).getByRole('button', { name: 'Wijzigen' }).click();
  await page
    .locator(`[data-contact-point="${id}"]`)
    .getByLabel(/^Vertrouwelijke plaats/)
    .check();
  await page.locator(`[data-contact-point="${id}"]`).getByRole('button', { name: 'Opslaan' }).click();
  await expect(page.locator(`[data-contact-point="${id}"]`).getByText('Vertrouwelijke plaats: geen adres, nergens.')).toBeVisible();
  await expect(page.locator(`[data-contact-point="${id}"]`)).not.toContainText('Kerkstraat');
  await removeContactPoint(page, id);
});

test('coordinator: add a service with its texts in every language, then open it for bookings', async ({ page }) => {
  await signIn(page, 'chris.coordinator');
  await openScreen(page, '#/services', '/api/services');
  await page.getByRole('link', { name: 'Dienst toevoegen' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Dienst toevoegen' })).toBeVisible();
  const id = `e2e-${Date.now().toString(36)}`;
  await page.getByLabel('Id (voor de link)').fill(id);
  await expect(page.getByLabel('Politiezone')).toHaveValue('ruppel');
  await page.getByLabel('Naam (Nederlands)').fill('Budgetadvies E2E');
  await page.getByLabel(/^Naam \(Français\)/).fill('Conseil budgétaire E2E');
  await page.getByLabel(/^Naam \(English\)/).fill('Budget advice E2E');
  await page.getByLabel(/^Naam \(العربية\)/).fill('استشارة الميزانية');
  await page.getByLabel('Wat de dienst is (Nederlands)').fill('Hulp bij schulden en een eigen budget.');
  await page.getByLabel(/^Wat de dienst is \(Français\)/).fill('Aide pour les dettes et un budget à soi.');
  await page.getByLabel('Voor wie (Nederlands)').fill('Wie na geweld financieel opnieuw start.');
  await page.getByLabel('Partnerorganisatie').selectOption('caw-bml');
  await expect(page.getByLabel('Naam van de partner zoals getoond')).toHaveValue('CAW Boom Mechelen Lier');
  await page.getByLabel(/^Waar/).fill('FJC Ruppel, eerste verdieping');
  await page.getByLabel('Adres', { exact: true }).fill('Kerkstraat 1, 2850 Boom');
  await expect(page.getByLabel(/^Online te boeken/)).not.toBeChecked();
  await expectAxeClean(page);
  const added = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/services' && r.request().method() === 'POST');
  await page.getByRole('button', { name: 'Dienst toevoegen' }).click();
  expect((await added).status()).toBe(201);
  await expect(page.getByRole('heading', { level: 1, name: 'Budgetadvies E2E wijzigen' })).toBeVisible();
  await expect(page.getByText('De dienst is toegevoegd.')).toBeVisible();

  // Hours, then open it for bookings: the victim app offers its slots.
  await page.getByRole('button', { name: 'Openingsuur toevoegen' }).click();
  await page.getByLabel(/^Online te boeken/).check();
  await page.getByLabel(/^Naam \(English\)/).fill('Money advice E2E');
  await page.getByRole('button', { name: 'Opslaan' }).click();
  await expect(page.getByText('Opgeslagen.')).toBeVisible();
  // What the victim app reads, on its own origin (Playwright's baseURL): the service and its slots.
  const service = (await (await page.request.get(`/api/services/${id}`)).json()) as { name: unknown; bookable: boolean; partnerId: string };
  const slots = (await (await page.request.get(`/api/services/${id}/slots`)).json()) as { slots: unknown[] };
  const published = { ...service, slots: slots.slots.length };
  expect(published.name).toEqual({ nl: 'Budgetadvies E2E', fr: 'Conseil budgétaire E2E', en: 'Money advice E2E', ar: 'استشارة الميزانية' });
  expect(published.bookable).toBe(true);
  expect(published.partnerId).toBe('caw-bml');
  expect(published.slots).toBeGreaterThan(0);
  await page.getByRole('button', { name: 'Toegangsregister tonen' }).click();
  await expect(page.getByRole('region', { name: 'Toegangsregister' }).getByRole('table')).toContainText('toegevoegd');
  await expectAxeClean(page);
});

test('coordinator: services list and editor (capacity, opening rules) save through PUT /api/services/{id}', async ({ page, request }) => {
  await signInAndOpen(page, 'chris.coordinator', '#/services', '/api/services');
  await expect(page.getByRole('heading', { level: 1, name: 'Diensten' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: 'Weerbaarheidstraining' })).toBeVisible();
  await expectAxeClean(page);

  await page.getByRole('link', { name: 'Weerbaarheidstraining wijzigen' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Weerbaarheidstraining wijzigen' })).toBeVisible();
  await page.getByLabel('Plaatsen per afspraak').fill('10');
  const saved = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/services/self-defence-course' && r.request().method() === 'PUT');
  await page.getByRole('button', { name: 'Opslaan' }).click();
  expect((await saved).status()).toBe(200);
  await expect(page.getByText('Opgeslagen.')).toBeVisible();
  await expectAxeClean(page);
  const after = (await (await request.get('/api/services/self-defence-course')).json()) as { capacity: number };
  expect(after.capacity).toBe(10);
});

test('coordinator: contact points screen', async ({ page }) => {
  await signInAndOpen(page, 'chris.coordinator', '#/contact-points', '/api/contact-points');
  await expect(page.getByRole('heading', { level: 1, name: 'Contactpunten' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: '1712 — hulplijn geweld' })).toBeVisible();
  await expectAxeClean(page);

  // Change a local partner's number, then remove another point (each through the API, audited there).
  const housing = page.locator('[data-contact-point="housing-boom"]');
  await housing.getByRole('button', { name: 'Wijzigen' }).click();
  await housing.getByLabel('Telefoon').fill('+32 3 000 00 88');
  await expectAxeClean(page);
  await housing.getByRole('button', { name: 'Opslaan' }).click();
  await expect(page.locator('[data-contact-point="housing-boom"]')).toContainText('+32 3 000 00 88');
  const town = page.locator('[data-contact-point="municipality-boom"]');
  await town.getByRole('button', { name: 'Verwijderen' }).click();
  await expect(town.getByText('echt verwijderen?')).toBeVisible();
  await town.getByRole('button', { name: 'Verwijderen' }).click();
  await expect(page.locator('[data-contact-point="municipality-boom"]')).toHaveCount(0);
  await expectAxeClean(page);
});
