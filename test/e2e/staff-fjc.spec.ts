import { expect, test } from '@playwright/test';
import { expectAxeClean, openScreen, signIn, signOut, staffUrl } from './staff-helpers.js';
import { openApp } from './victim-helpers.js';

/**
 * The FJC family case across partners, in the console, against the demo seed (infra/local/demo/fjc.ts:
 * a police FJC referral that became a family case; the victim's consent for women's aid to have her
 * contact details). The case director refers it to women's aid and to youth care; women's aid sees the
 * contact details and nothing else; youth care, without consent, sees only the referral. Then the victim,
 * with the case code the director gives her, withdraws that consent in the victim app, and women's aid
 * loses the contact details at its next read.
 */
test("case director refers the police referral to women's aid and youth care; each partner sees only what consent allows", async ({ page }) => {
  // Six sign-ins and two front ends in one walk, with axe checks, on two shared cores: a guard, not a speed goal.
  test.setTimeout(360_000);
  await signIn(page, 'dina.director');
  const { built } = await openScreen(page, '#/fjc/dashboard', '/api/fjc/dashboard');
  expect(built).toBe(true);
  await expect(page.getByRole('heading', { level: 1, name: 'Gezinnen (casusregie)' })).toBeVisible();
  const family = page.locator('li[data-family]').first();
  await expect(family).toContainText('doorverwijzing politie');
  const caseId = (await family.getAttribute('data-family')) as string;
  expect(caseId).toMatch(/^FJ-/);
  await expectAxeClean(page);

  await family.getByRole('link', { name: caseId }).click();
  await expect(page.getByRole('heading', { level: 1, name: `Gezinsdossier ${caseId}` })).toBeVisible();
  // The director holds the case: every section, and the consent the victim gave.
  await expect(page.locator('[data-section="contact"]')).toContainText('+32 470 00 00 01');
  await expect(page.locator('[data-section="children"]')).toBeVisible();
  await expect(page.getByRole('region', { name: 'Toestemmingen' })).toContainText('Vrouwenhulp Rupelstreek: Contact');
  for (const partner of ['vrouwenhulp-rupel', 'jeugdhulp-antwerpen']) {
    await page.getByLabel('Partner', { exact: true }).first().selectOption(partner);
    await page.getByRole('button', { name: 'Doorverwijzen' }).click();
    await expect(page.locator(`li[data-referral="${partner}"]`)).toContainText('wacht op antwoord');
  }
  await expectAxeClean(page);
  await signOut(page);

  // Women's aid: consent for contact details only.
  await signIn(page, 'wanda.womensaid');
  await openScreen(page, '#/fjc/inbox', '/api/fjc/inbox');
  await expect(page.locator(`li[data-referral="${caseId}"]`)).toContainText('Vrouwenhulp Rupelstreek');
  await page.locator(`li[data-referral="${caseId}"]`).getByRole('link', { name: caseId }).click();
  await expect(page.getByRole('heading', { level: 1, name: `Gezinsdossier ${caseId}` })).toBeVisible();
  await expect(page.locator('[data-section="contact"]')).toContainText('+32 470 00 00 01');
  await expect(page.locator('[data-section="contact"]')).toContainText('zonnebloem');
  for (const hidden of ['risk', 'children', 'orders', 'notes']) await expect(page.locator(`[data-section="${hidden}"]`)).toHaveCount(0);
  await expect(page.locator('[data-held]')).toContainText('Risico, Kinderen');
  await expect(page.getByRole('region', { name: 'Toestemmingen' })).toHaveCount(0);
  await expect(page.locator('li[data-referral]')).toHaveCount(1);
  await expectAxeClean(page);
  await signOut(page);

  // Youth care: no consent, so only the referral.
  await signIn(page, 'yara.youthcare', `#/fjc/${caseId}`);
  await expect(page.getByRole('heading', { level: 1, name: `Gezinsdossier ${caseId}` })).toBeVisible();
  await expect(page.locator('[data-only-referral]')).toBeVisible();
  await expect(page.locator('[data-section]')).toHaveCount(0);
  await expect(page.locator('li[data-referral="jeugdhulp-antwerpen"]')).toContainText('wacht op antwoord');
  await expect(page.getByText('+32 470 00 00 01')).toHaveCount(0);
  await expect(page.locator('li[data-referral="vrouwenhulp-rupel"]')).toHaveCount(0);
  await expectAxeClean(page);
  await signOut(page);

  // Housing was not referred: the case does not exist for it.
  await signIn(page, 'hilde.housing');
  await page.goto(staffUrl('#/-'));
  const res = page.waitForResponse((r) => new URL(r.url()).pathname === `/api/fjc/cases/${caseId}`);
  await page.goto(staffUrl(`#/fjc/${caseId}`));
  expect((await res).status()).toBe(404);
  await expect(page.locator('[data-section]')).toHaveCount(0);
  await signOut(page);

  // The director gives the victim a case code (shown once).
  await signIn(page, 'dina.director', `#/fjc/${caseId}`);
  await page.getByRole('button', { name: 'Nieuwe dossiercode geven' }).click();
  const code = (await page.locator('[data-victim-code] strong').innerText()).trim();
  expect(code).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
  await signOut(page);

  // The victim app: who knows about her; she withdraws women's aid's consent for her contact details.
  await openApp(page);
  await page.getByRole('button', { name: 'Wie weet van mij' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Wie weet van mij' })).toBeVisible();
  await page.getByLabel('Dossiercode').fill(code);
  await page.getByRole('button', { name: 'Tonen' }).click();
  const aid = page.locator('[data-partner="vrouwenhulp-rupel"]');
  await expect(aid).toContainText('Mag zien: hoe en wanneer ze je kunnen bereiken');
  await expect(page.locator('[data-partner="jeugdhulp-antwerpen"]')).toContainText('Mag niets over je zien.');
  await aid.getByRole('button', { name: /Toestemming intrekken/ }).click();
  await aid.getByRole('button', { name: 'Ja, intrekken' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Ingetrokken' })).toBeVisible();
  await expect(aid).toContainText('Mag niets over je zien.');
  // Nothing of it is kept in the browser's storage.
  expect(await page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }))).not.toContain(code.slice(0, 4));

  // Women's aid, at its next read: the contact details are gone.
  await signIn(page, 'wanda.womensaid', `#/fjc/${caseId}`);
  await expect(page.getByRole('heading', { level: 1, name: `Gezinsdossier ${caseId}` })).toBeVisible();
  await expect(page.locator('[data-only-referral]')).toBeVisible();
  await expect(page.locator('[data-section="contact"]')).toHaveCount(0);
  await expect(page.getByText('+32 470 00 00 01')).toHaveCount(0);
});

/**
 * The demo intervention (infra/local/demo/interventions.ts, FJC introduction offered) wrote a police FJC
 * referral with it: the case director finds it on her dashboard, opens the family case from it, refers it
 * to women's aid, and closes it with a reason; women's aid then reaches nothing of it.
 */
test("an intervention's police FJC referral becomes a family case; closing it takes it from the partner", async ({ page }) => {
  test.setTimeout(240_000);
  await signIn(page, 'dina.director');
  await openScreen(page, '#/fjc/dashboard', '/api/fjc/dashboard');
  const waiting = page.locator('li[data-police-referral]').first();
  await expect(waiting).toContainText('introductie aangeboden');
  await expect(waiting).toContainText('2 kind(eren)');
  const policeCaseId = (await waiting.getAttribute('data-police-referral')) as string;
  await expectAxeClean(page);
  await waiting.getByRole('button', { name: 'Gezinsdossier openen' }).click();
  await expect(page.getByRole('heading', { level: 1, name: /^Gezinsdossier FJ-/ })).toBeVisible();
  const caseId = (await page.getByRole('heading', { level: 1 }).innerText()).replace('Gezinsdossier ', '').trim();
  await expect(page.locator('[data-section="risk"]')).toContainText(policeCaseId);
  await page.getByLabel('Partner', { exact: true }).first().selectOption('vrouwenhulp-rupel');
  await page.getByRole('button', { name: 'Doorverwijzen' }).click();
  await expect(page.locator('li[data-referral="vrouwenhulp-rupel"]')).toContainText('wacht op antwoord');

  await page.getByLabel('Reden van afsluiten').fill('Gezin verhuisd buiten de zone');
  await page.getByRole('button', { name: 'Dossier afsluiten' }).click();
  await expect(page.locator('[data-closed]')).toContainText('Gezin verhuisd buiten de zone');
  await expect(page.getByRole('button', { name: 'Dossier afsluiten' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Doorverwijzen' })).toHaveCount(0);
  await expectAxeClean(page);
  // The referral left the dashboard's waiting list.
  await openScreen(page, '#/fjc/dashboard', '/api/fjc/dashboard');
  await expect(page.locator(`li[data-police-referral="${policeCaseId}"]`)).toHaveCount(0);
  await signOut(page);

  // Women's aid: the closed case is gone from its inbox and its page answers as if it never existed.
  await signIn(page, 'wanda.womensaid');
  await openScreen(page, '#/fjc/inbox', '/api/fjc/inbox');
  await expect(page.locator(`li[data-referral="${caseId}"]`)).toHaveCount(0);
  const res = page.waitForResponse((r) => new URL(r.url()).pathname === `/api/fjc/cases/${caseId}`);
  await page.goto(staffUrl(`#/fjc/${caseId}`));
  expect((await res).status()).toBe(404);
  await expect(page.locator('[data-section]')).toHaveCount(0);
});
