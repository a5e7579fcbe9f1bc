import { expect, test, type Page } from '@playwright/test';
import { issuerUrl, loadIssuerKeys, mintAccessToken, subjectFor } from '../../infra/local/tokens.js';
import { expectAxeClean, signIn, signOut, STAFF_ORIGIN, staffApi, staffUrl } from './staff-helpers.js';

/**
 * Police at the scene: paula.police records an intervention with two children and a home ban on the
 * console; the first answer is lost on the way back (the tablet's connection drops), the form sends
 * again with the same Idempotency-Key and one intervention is recorded. The case officer then sees the
 * case with its follow-ups, the two children and the FJC introduction. Nothing typed is kept in browser
 * storage. Axe clean on each screen.
 */
test('police record an intervention with two children and a home ban; the officer sees the case, its follow-ups and the children', async ({ page }) => {
  // Two sign-ins, five axe runs and a 30-field form: on two shared, busy cores it can pass two minutes.
  test.setTimeout(240_000);
  const victimRef = `V-E2E-IV-${Date.now()}`;
  const reportNumber = `AN.55.L7.${String(Date.now()).slice(-6)}/2026`;
  await signIn(page, 'paula.police');
  await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Interventie' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Interventie registreren' })).toBeVisible();
  await expectAxeClean(page);

  // "Is it safe to talk now?" comes first; the DASH questions appear only once it is.
  await expect(page.getByRole('checkbox', { name: /^1\. / })).toHaveCount(0);
  await page.getByRole('group', { name: 'Kan er nu veilig gepraat worden?' }).getByLabel('Ja').check();
  await page.getByLabel('Gemeente').selectOption('boom');
  await page.getByLabel('Nummer proces-verbaal').fill(reportNumber);
  await page.getByLabel('Referentie slachtoffer').fill(victimRef);
  await page.getByLabel('Relatie van de pleger tot het slachtoffer').selectOption('partner');
  await page.getByRole('button', { name: 'Kind toevoegen' }).click();
  await page.getByRole('button', { name: 'Kind toevoegen' }).click();
  const rows = page.getByTestId('child-row');
  await expect(rows).toHaveCount(2);
  await rows.nth(0).getByLabel('Leeftijd').selectOption('3-5');
  await rows.nth(1).getByLabel('Leeftijd').selectOption('6-11');
  await rows.nth(1).getByLabel('Aanwezig of getuige').selectOption('witness');
  await rows.nth(1).getByLabel('Waar het kind nu is').selectOption('with_family');
  await page.getByLabel('Fysiek geweld').check();
  await page.getByLabel('Psychisch geweld').check();
  await page.getByLabel('Pleger gebruikte').selectOption('alcohol');
  await page.getByLabel('Tijdelijk huisverbod').check();
  await expect(page.getByLabel('Huisverbod tot (wettelijk einde)')).not.toHaveValue('');
  await page.getByLabel('Kinderen in veiligheid gebracht').check();
  await page.getByLabel('Parket ingelicht').check();
  await page.getByLabel(/^3\. /).check();
  await expectAxeClean(page);

  // Nothing typed is in browser storage.
  const stored = await page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }));
  expect(stored).not.toContain(victimRef);
  expect(stored).not.toContain(reportNumber);

  // The first answer is lost after the server recorded it: the form sends again with the same key.
  const keys: string[] = [];
  let caseId = '';
  await page.route('**/api/interventions', async (route) => {
    keys.push(route.request().headers()['idempotency-key'] ?? '');
    const res = await route.fetch();
    if (keys.length === 1) {
      await route.abort('connectionreset');
      return;
    }
    caseId = ((await res.json()) as { caseId: string }).caseId;
    await route.fulfill({ response: res });
  });
  await page.getByRole('button', { name: 'Interventie opslaan' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Interventie opgeslagen' })).toBeVisible({ timeout: 20_000 });
  await expect(page.getByText('Opgeslagen. Het dossier en de opvolgingen liggen bij olivia.officer.')).toBeVisible();
  expect(keys).toHaveLength(2);
  expect(keys[0]).toMatch(/^[A-Za-z0-9_-]{16,}$/);
  expect(keys[1]).toBe(keys[0]);
  expect(caseId).toMatch(/^C-/);
  await expectAxeClean(page);
  await page.unroute('**/api/interventions');
  await signOut(page);

  // The case officer: the case, its follow-ups, the two children and the FJC introduction.
  await signIn(page, 'olivia.officer');
  await page.goto(staffUrl(`#/cases/${caseId}`));
  await expect(page.getByRole('heading', { level: 2, name: 'De interventie' })).toBeVisible({ timeout: 30_000 });
  const children = page.getByTestId('case-children').getByRole('listitem');
  await expect(children).toHaveCount(2);
  await expect(children.nth(0)).toContainText('3–5 jaar');
  await expect(children.nth(1)).toContainText('Getuige');
  await expect(page.getByText(victimRef)).toBeVisible();
  const fjc = page.locator('dt', { hasText: /^Kennismaking FJC$/ }).first();
  await expect(fjc.locator('xpath=following-sibling::dd[1]')).toHaveText('Aangeboden');
  await expect(page.locator('li.card').first()).toBeVisible();
  await expectAxeClean(page);

  // One case for this victim, whatever the retry: the officer's list has it once.
  await page.goto(staffUrl('#/cases'));
  await expect(page.locator(`a[href="#/cases/${caseId}"]`)).toHaveCount(1);
});

test("a missed programme session shows on the demo order's compliance timeline, as a violation with its low alert", async ({ page }) => {
  await page.goto(staffUrl());
  const orderId = 'RO-000000000000000000000DEMO1';
  const today = new Date().toISOString().slice(0, 10);
  const missed = await page.request.fetch(staffApi(`/api/orders/${orderId}/attendance`), {
    method: 'POST',
    headers: { authorization: `Bearer ${await partnerToken(page)}`, 'content-type': 'application/json' },
    data: { condition: 'programme', session: today, status: 'missed' },
  });
  expect(missed.status()).toBe(201);
  await signIn(page, 'paula.police', `#/orders/${orderId}`);
  const timeline = page.getByRole('region', { name: `Tijdlijn van de voorwaarden — ${orderId}` });
  await expect(timeline.getByRole('listitem').filter({ hasText: 'Programmasessie' }).filter({ hasText: 'gemist' })).toBeVisible({ timeout: 30_000 });
  await expect(timeline.getByRole('listitem').filter({ hasText: 'Voorwaarde niet nageleefd' })).toBeVisible();
  await expectAxeClean(page);
});

/** An access token for the programme's partner worker, minted as `npm run token -- pieter.programme` does (the stack's data folder, its issuer). */
async function partnerToken(page: Page): Promise<string> {
  const port = Number(process.env.E2E_PORT ?? 3100);
  const keys = await loadIssuerKeys(`.data/e2e-${port}`);
  const subject = subjectFor('pieter.programme');
  if (!subject) throw new Error('pieter.programme is not a demo user');
  expect(page.url()).toContain(STAFF_ORIGIN);
  return mintAccessToken(keys, subject, { issuer: issuerUrl(STAFF_ORIGIN) });
}
