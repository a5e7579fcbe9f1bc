import { expect, test } from '@playwright/test';
import nl from '../../pwa/src/i18n/nl.js';
import planNl from '../../pwa/src/i18n/plan-nl.js';
import { fjcText } from '../../pwa/staff/src/screens/fjc-text.js';
import { caseBody } from '../support/bodies.js';
import { expectAxeClean, signIn, staffPost, staffTokenFor } from './staff-helpers.js';
import { EXIT_PAGE_TEXT, openApp, routeNeutralSites } from './victim-helpers.js';

/**
 * Her space linked to her case, in Chromium against the local stack. A police case is referred to the
 * FJC and its case director gives her a case code (through the staff API). She links her space with
 * the code, writes her plan and shares it, and sends her safe-contact choices for the police. The
 * officer then reads those choices on the police case, said to be hers; the case director reads the
 * shared plan on the family case under "Shared by her". The quick exit leaves nothing of it in storage.
 */
const t = planNl.space;
const b = nl.booking;
const PASSPHRASE = `rivier brug en ${Date.now().toString(36)} peren`;
const CODE_WORD = `Klaproos${Date.now() % 1000}`;
const PLAN_WORD = `pruimenboom${Date.now() % 1000}`;

test('linked to her case: her safe-contact choices reach the officer, her shared plan the case director', async ({ page, context, request }) => {
  // Two front ends, three sign-ins and axe checks on two shared cores: a guard, not a speed goal.
  test.setTimeout(240_000);
  const officer = await staffTokenFor('olivia.officer');
  const director = await staffTokenFor('dina.director');
  const now = Date.now();
  const police = await staffPost<{ id: string }>(
    request,
    '/api/cases',
    officer,
    caseBody('ruppel', { victimRef: `V-SPL-${now}`, interventionDate: new Date(now - 86_400_000).toISOString().slice(0, 10), riskLevel: 'high' }),
  );
  const family = await staffPost<{ id: string }>(request, '/api/fjc/referrals-from-police', officer, { policeCaseId: police.id });
  const { code } = await staffPost<{ code: string }>(request, `/api/fjc/cases/${family.id}/victim-code`, director);

  // Her space: created, linked with the code; the police item appears in its menu.
  await routeNeutralSites(context);
  await openApp(page);
  await page.getByRole('button', { name: nl.menu.space }).click();
  await page.getByLabel(t.passphraseLabel).fill(PASSPHRASE);
  await page.getByRole('button', { name: t.create }).click();
  await expect(page.getByRole('heading', { level: 2, name: t.menuTitle })).toBeVisible({ timeout: 30_000 });
  await expect(page.getByRole('button', { name: t.menu.safeContact })).toHaveCount(0);
  await page.getByRole('button', { name: t.menu.share }).click();
  await page.getByLabel(t.share.code).fill(code);
  await page.getByRole('button', { name: t.share.link }).click();
  await expect(page.getByRole('status').filter({ hasText: t.share.linked })).toBeVisible({ timeout: 20_000 });
  await page.getByRole('button', { name: t.backToSpace }).click();

  // Her plan, written and shared with the case.
  await page.getByRole('button', { name: t.menu.plan }).click();
  await page.locator('#plan-codeWord-word').fill(PLAN_WORD);
  await page.getByRole('button', { name: t.plan.save }).click();
  await expect(page.getByRole('status').filter({ hasText: t.plan.saved })).toBeVisible({ timeout: 20_000 });
  await page.getByRole('button', { name: t.backToSpace }).click();
  await page.getByRole('button', { name: t.menu.share }).click();
  await page.getByLabel(t.share.code).fill(code);
  await page.getByLabel(t.share.sharePlan).check();
  await page.getByRole('button', { name: t.share.send }).click();
  await expect(page.getByRole('status').filter({ hasText: t.share.shared })).toBeVisible({ timeout: 20_000 });
  await page.getByRole('button', { name: t.backToSpace }).click();

  // Her safe-contact choices for the police: the booking form's fields, checked the same way.
  await page.getByRole('button', { name: t.menu.safeContact }).click();
  const form = page.locator('form[data-space-safe-contact]');
  await expect(form.getByLabel(b.shareWithPolice)).toHaveCount(0);
  await form.getByLabel(b.mayContactYes).check();
  await form.getByRole('button', { name: t.safeContact.save }).click();
  await expect(page.locator('#b-phone')).toBeFocused();
  await form.getByLabel(b.phone).fill('0470 55 66 77');
  await form.getByLabel(b.safeFrom).fill('14:00');
  await form.getByLabel(b.safeTo).fill('16:00');
  await form.locator('#b-code').fill(CODE_WORD);
  await expectAxeClean(page);
  await form.getByRole('button', { name: t.safeContact.save }).click();
  await expect(page.getByRole('status').filter({ hasText: t.safeContact.saved })).toBeVisible({ timeout: 20_000 });
  await expect(form.getByLabel(b.phone)).toHaveCount(0);

  // The quick exit: nothing of it stays in the browser's storage.
  await page.getByRole('button', { name: nl.exit.button }).click();
  await expect(page.getByRole('heading', { name: EXIT_PAGE_TEXT })).toBeVisible();
  expect(await page.evaluate(() => localStorage.length + sessionStorage.length)).toBe(0);

  // The officer reads her choices on the police case, before the number, said to be set by her.
  const staff = await context.newPage();
  await signIn(staff, 'olivia.officer', `#/cases/${police.id}`);
  const block = staff.locator('main section[data-safe-contact]').first();
  await expect(block).toContainText(CODE_WORD, { timeout: 20_000 });
  await expect(block).toContainText('14:00–16:00');
  await expect(block).toContainText('0470 55 66 77');
  await expect(block).toContainText('Door haarzelf aangepast in haar eigen ruimte');
  await expectAxeClean(staff);
  await staff.close();

  // The case director reads the plan she shared, under "Shared by her".
  const fjc = await context.newPage();
  await signIn(fjc, 'dina.director', `#/fjc/${family.id}`);
  const shared = fjc.getByRole('region', { name: fjcText.nl.sharedByHer });
  await expect(shared).toContainText(PLAN_WORD, { timeout: 20_000 });
  await expectAxeClean(fjc);
  await fjc.close();
});
