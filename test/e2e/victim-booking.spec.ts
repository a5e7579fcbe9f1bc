import { expect, test, type Page } from '@playwright/test';
import { demoServices } from '../../infra/local/demo/catalog.js';
import nl from '../../pwa/src/i18n/nl.js';
import { textIn } from '../../pwa/src/catalog-types.js';
import { DEFAULT_LANG, LANGS, type Lang } from '../../pwa/src/i18n/lang.js';
import { expectAxeClean } from './staff-helpers.js';
import { messagesOf, openApp, routeNeutralSites } from './victim-helpers.js';
import { PROOF_HEADER, solveProof } from '../../shared/catalog/booking-proof.js';

/**
 * Booking from the victim app, against the seeded Zone Ruppel catalogue: choose a service, a
 * free time, minimal details and safe contact; reference + PIN shown once and nothing kept on the
 * device; then "my appointment" by reference + PIN: see, cancel, erase. The last place: a second
 * person gets a clear message. In all four languages, axe clean at each step.
 */
test.beforeEach(async ({ context }) => {
  await routeNeutralSites(context);
});

async function startBooking(page: Page, lang: Lang): Promise<void> {
  await openApp(page);
  if (lang !== 'nl') {
    await page.locator('#lang-select').selectOption(lang);
    await expect(page.locator('html')).toHaveAttribute('lang', lang);
  }
  const t = (await messagesOf(lang)).booking;
  await page.getByRole('button', { name: t.title }).click();
  await expect(page.getByRole('heading', { level: 1, name: t.title })).toBeVisible();
  await expect(page.getByText(t.noTrail)).toBeVisible();
}

async function storedText(page: Page): Promise<string> {
  return page.evaluate(() => JSON.stringify({ local: { ...localStorage }, session: { ...sessionStorage } }));
}

test('book, see it, move it, cancel it (Dutch): reference and PIN shown once, nothing kept on the device', async ({ page }) => {
  test.setTimeout(180_000); // eight axe runs and the whole flow on a shared machine
  const t = nl.booking;
  await startBooking(page, 'nl');
  await expectAxeClean(page);
  await page.getByRole('button', { name: t.startNew }).click();
  await expect(page.getByRole('heading', { level: 2, name: t.chooseService })).toBeFocused();
  await page.getByRole('button', { name: `${t.chooseTime}: Psychologische begeleiding` }).click();
  await expect(page.getByRole('heading', { level: 2, name: `${t.chooseTime} — Psychologische begeleiding` })).toBeVisible();
  const first = page.getByRole('radio').first();
  await expect(first).toBeVisible();
  await expectAxeClean(page);
  // Continuing without a choice says what is missing.
  await page.getByRole('button', { name: t.next }).click();
  await expect(page.getByRole('alert')).toHaveText(t.errors.slotMissing);
  await first.check();
  await page.getByRole('button', { name: t.next }).click();

  await expect(page.getByRole('heading', { level: 2, name: t.detailsTitle })).toBeFocused();
  // What is wrong is said at the field, with its rule; focus goes there; the message goes once it is right.
  await page.getByRole('button', { name: t.book }).click();
  const alias = page.getByLabel(t.alias);
  await expect(alias).toBeFocused();
  await expect(alias).toHaveAttribute('aria-invalid', 'true');
  await expect(alias).toHaveAccessibleDescription(`${t.aliasHint} ${t.errors.aliasMissing}`);
  await alias.fill('Mira');
  await expect(page.locator('[data-field-error]')).toHaveCount(0);
  await expect(alias).not.toHaveAttribute('aria-invalid', 'true');
  await page.getByLabel(t.interpreter).check();
  await page.getByLabel(t.mayContactYes).check();
  const phone = page.getByLabel(t.phone);
  await phone.fill('0470 12');
  await page.getByRole('button', { name: t.book }).click();
  await expect(phone).toBeFocused();
  await expect(page.locator('[data-field-error]')).toHaveText(t.errors.phoneRule);
  await phone.fill('0470 12 34 56');
  await expect(page.locator('[data-field-error]')).toHaveCount(0);
  await page.getByLabel(t.safeFrom).fill('10:00');
  await page.getByLabel(t.safeTo).fill('12:00');
  await page.getByLabel(t.codeWord).fill('tulp');
  await expectAxeClean(page);
  const booked = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/bookings' && r.request().method() === 'POST');
  await page.getByRole('button', { name: t.book }).click();
  const res = await booked;
  expect(res.status()).toBe(201);
  expect(res.request().headers()['idempotency-key']).toMatch(/^[0-9a-f-]{36}$/);

  await expect(page.getByRole('heading', { level: 2, name: t.doneTitle })).toBeFocused();
  const reference = (await page.locator('[data-reference]').innerText()).trim();
  const pin = (await page.locator('[data-pin]').innerText()).trim();
  expect(reference).toMatch(/^[2-9A-Z]{4}-[2-9A-Z]{4}$/);
  expect(pin).toMatch(/^\d{6}$/);
  await expect(page.getByText(t.doneNotice)).toBeVisible();
  // Where to go and how: the service's place from the catalogue.
  const place = demoServices.find((x) => x.id === 'counselling')!.location;
  await expect(page.locator('[data-where]')).toContainText(place.label);
  await expect(page.locator('[data-address]')).toHaveText(place.address ?? '');
  await expect(page.locator('[data-where]')).toContainText(t.howToGo);
  await expect(page.getByLabel(t.remember)).not.toBeChecked();
  await expectAxeClean(page);
  // Nothing personal on the device without the opt-in; the URL never changed.
  const stored = await storedText(page);
  for (const secret of [reference, pin, 'Mira', '0470', 'tulp']) expect(stored).not.toContain(secret);
  expect(new URL(page.url()).pathname + new URL(page.url()).search + new URL(page.url()).hash).toBe('/');

  await page.getByRole('button', { name: t.viewBooking }).click();
  await expect(page.getByRole('heading', { level: 2, name: t.yourBooking })).toBeVisible();
  await expect(page.locator('[data-booking-view]')).toContainText(reference);
  await expect(page.locator('[data-status]')).toHaveText(t.statuses.booked);
  await expect(page.locator('[data-booking-view] [data-address]')).toHaveText(place.address ?? '');
  await expectAxeClean(page);

  // Move it to another free time.
  const before = await page.locator('[data-booking-view] dd').nth(2).innerText();
  await page.getByRole('button', { name: t.move }).click();
  await expect(page.getByRole('heading', { level: 3, name: t.moveTitle })).toBeVisible();
  await page.getByRole('radio').nth(1).check();
  await expectAxeClean(page);
  const moved = page.waitForResponse((r) => new URL(r.url()).pathname.endsWith('/reschedule'));
  await page.getByRole('button', { name: t.moveConfirm }).click();
  expect((await moved).status()).toBe(200);
  await expect(page.getByRole('status').filter({ hasText: t.moved })).toBeVisible();
  await expect(page.locator('[data-booking-view] dd').nth(2)).not.toHaveText(before);

  await page.getByRole('button', { name: t.cancel, exact: true }).click();
  await expect(page.getByText(t.cancelConfirm)).toBeVisible();
  await page.getByRole('button', { name: t.cancelYes }).click();
  await expect(page.locator('[data-status]')).toHaveText(t.statuses.cancelled);
  await expect(page.getByRole('status').filter({ hasText: t.cancelled })).toBeVisible();
  await expectAxeClean(page);
});

test('the last place: someone else books it first, the second person gets a clear message and other times', async ({ page, request }) => {
  const t = nl.booking;
  await startBooking(page, 'nl');
  await page.getByRole('button', { name: t.startNew }).click();
  await page.getByRole('button', { name: `${t.chooseTime}: Woonadvies` }).click();
  const first = page.getByRole('radio').first();
  const start = (await first.getAttribute('value')) as string;
  await first.check();
  await page.getByRole('button', { name: t.next }).click();
  await page.getByLabel(t.alias).fill('Noor');
  await page.getByLabel(t.mayContactNo).check();

  // Meanwhile somebody else takes the only place at that time.
  const other = await request.post('/api/bookings', {
    headers: { [PROOF_HEADER]: await solveProof('housing', start) },
    data: { serviceId: 'housing', start, alias: 'Other', language: 'nl', safeContact: { mayContact: false } },
  });
  expect(other.status()).toBe(201);

  const attempt = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/bookings' && r.request().method() === 'POST');
  await page.getByRole('button', { name: t.book }).click();
  expect((await attempt).status()).toBe(409);
  await expect(page.getByRole('alert')).toHaveText(t.errors.full);
  await expect(page.getByRole('heading', { level: 2, name: `${t.chooseTime} — Woonadvies` })).toBeVisible();
  await expect(page.getByRole('radio').first()).toBeVisible();
  await expect(page.locator(`input[type="radio"][value="${start}"]`)).toHaveCount(0);
  await expectAxeClean(page);
});

for (const lang of LANGS.filter((l) => l !== DEFAULT_LANG)) {
  test(`book a group session, open it by reference + PIN, erase it (${lang})`, async ({ page }) => {
    const t = (await messagesOf(lang)).booking;
    await startBooking(page, lang);
    await page.getByRole('button', { name: t.startNew }).click();
    const group = demoServices.find((x) => x.id === 'peer-group')!;
    // The demo names services in nl/fr/en/ar; German and Turkish read the Dutch name.
    await page.getByRole('button', { name: `${t.chooseTime}: ${textIn(group.name, lang)}` }).click();
    const radios = page.getByRole('radio');
    await expect(radios.first()).toBeVisible();
    await radios.first().check();
    await expectAxeClean(page);
    await page.getByRole('button', { name: t.next }).click();
    await page.getByLabel(t.alias).fill('Lina');
    await page.getByLabel(t.childcare).check();
    await page.getByLabel(t.mayContactNo).check();
    await expectAxeClean(page);
    await page.getByRole('button', { name: t.book }).click();
    await expect(page.getByRole('heading', { level: 2, name: t.doneTitle })).toBeVisible();
    const reference = (await page.locator('[data-reference]').innerText()).trim();
    const pin = (await page.locator('[data-pin]').innerText()).trim();
    await expectAxeClean(page);

    // Later: "I already have an appointment", typed in.
    await page.getByRole('button', { name: t.viewBooking }).click();
    await expect(page.locator('[data-status]')).toHaveText(t.statuses.booked);
    await page.getByRole('button', { name: t.erase }).click();
    await page.getByRole('button', { name: t.eraseYes }).click();
    await expect(page.getByRole('status').filter({ hasText: t.erased })).toBeVisible();
    await page.getByLabel(t.reference).fill(reference.toLowerCase());
    await page.getByLabel(t.pin).fill(pin);
    await page.getByRole('button', { name: t.manageOpen }).click();
    await expect(page.getByRole('alert')).toHaveText(t.errors.notFound);
    await expectAxeClean(page);
  });
}
