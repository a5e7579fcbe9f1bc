import { expect, test } from '@playwright/test';
import { expectAxeClean, openScreen, signIn, signOut } from './staff-helpers.js';

/**
 * Officers: open a case, see its follow-ups, record an outcome; supervisors reassign a follow-up of the
 * team. Against the cases API (functions/cases) and the demo cases seed (infra/local/demo/cases.ts).
 */
test('officer: follow-ups screen → open a case → its follow-ups → record an outcome', async ({ page }) => {
  await signIn(page, 'olivia.officer');
  const { built } = await openScreen(page, '#/followups', '/api/followups');
  expect(built).toBe(true);
  await expect(page.getByRole('heading', { level: 1, name: 'Mijn opvolgingen' })).toBeVisible();
  // The demo seed gives each officer an overdue follow-up and one next week.
  await expect(page.locator('section.bucket-overdue li.card[data-followup-id]').first()).toBeVisible();
  await expect(page.locator('section.bucket-week li.card[data-followup-id]').first()).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: /Te laat/ })).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: /Vandaag/ })).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: /Volgende 7 dagen/ })).toBeVisible();
  await expectAxeClean(page);

  await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Dossiers' }).click();
  await page.getByRole('link', { name: 'Dossier openen' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Nieuw dossier' })).toBeVisible();
  await expectAxeClean(page);
  await page.getByLabel('Referentie slachtoffer (pseudoniem, geen naam)').fill(`V-E2E-${Date.now()}`);
  await page.getByLabel('Zone', { exact: true }).selectOption('ruppel');
  await page.getByRole('group', { name: 'Soort geweld' }).getByLabel('Fysiek').check();
  await page.getByRole('group', { name: 'Kinderen in het gezin' }).getByLabel('Ja').check();
  await page.getByRole('group', { name: 'Middelengebruik bij de pleger' }).getByLabel('Nee').check();
  await page.getByLabel(/Professioneel oordeel/).selectOption('high');
  await page.getByRole('button', { name: 'Dossier openen' }).click();
  await expect(page.getByRole('heading', { level: 1, name: /^Dossier / })).toBeVisible();
  await expect(page.getByText('Je toegang tot deze gegevens wordt geregistreerd.')).toBeVisible();
  const first = page.locator('li.card[data-followup-id]').first();
  await expect(first).toBeVisible();
  await expectAxeClean(page);

  await first.getByRole('button', { name: 'Uitkomst noteren' }).click();
  await first.getByLabel('Uitkomst').selectOption('reached');
  await first.getByRole('button', { name: 'Opslaan' }).click();
  await expect(first.getByRole('button', { name: 'Opslaan' })).toHaveCount(0);
  await expect(first.getByRole('definition').filter({ hasText: /^Bereikt$/ })).toBeVisible();
  await expect(first.getByRole('button', { name: 'Uitkomst noteren' })).toHaveCount(0);
  await signOut(page);
});

test('officer: the new-case form scores the DASH-style checklist; judgement may only raise the level', async ({ page }) => {
  await signIn(page, 'olivia.officer', '#/cases/new');
  await expect(page.getByRole('heading', { level: 1, name: 'Nieuw dossier' })).toBeVisible();
  const checklist = page.getByRole('group', { name: 'Risicovragen (DASH)' });
  await expect(checklist.getByRole('checkbox')).toHaveCount(24);
  await expect(page.getByText('Risiconiveau van het dossier: Standaard')).toBeVisible();
  // Judgement can raise standard to medium or high.
  await expect(page.getByLabel(/Professioneel oordeel/).locator('option')).toHaveText(['Zoals de vragenlijst', 'Gemiddeld', 'Hoog']);
  const boxes = checklist.getByRole('checkbox');
  for (let i = 0; i < 10; i++) await boxes.nth(i).check();
  await expect(page.getByText('10 van 24 keer ja')).toBeVisible();
  await expect(page.getByText('Risiconiveau van het dossier: Gemiddeld')).toBeVisible();
  // Now nothing below medium can be chosen.
  await expect(page.getByLabel(/Professioneel oordeel/).locator('option')).toHaveText(['Zoals de vragenlijst', 'Hoog']);
  await page.getByLabel(/Professioneel oordeel/).selectOption('high');
  await expect(page.getByText('Risiconiveau van het dossier: Hoog')).toBeVisible();
  for (let i = 10; i < 14; i++) await boxes.nth(i).check();
  await expect(page.getByText('14 van 24 keer ja')).toBeVisible();
  await expect(page.getByText('Risiconiveau van het dossier: Hoog')).toBeVisible();
  await expectAxeClean(page);
  await page.getByLabel('Taal').selectOption('fr');
  await expect(page.getByRole('group', { name: 'Questions de risque (DASH)' })).toBeVisible();
  await expectAxeClean(page);
  await page.getByLabel('Langue').selectOption('nl');
});

test('supervisor: reassign a follow-up of the team', async ({ page }) => {
  await signIn(page, 'sam.supervisor');
  const { built } = await openScreen(page, '#/followups', '/api/followups');
  expect(built).toBe(true);
  await expect(page.getByRole('heading', { level: 1, name: 'Opvolgingen van het team' })).toBeVisible();
  // The team's follow-ups (the demo seed's): pick one of Olivia's and give it to Omar.
  const card = page.locator('li.card[data-followup-id]').filter({ hasText: 'olivia.officer' }).first();
  await expect(card).toBeVisible();
  const id = await card.getAttribute('data-followup-id');
  await card.getByRole('button', { name: 'Toewijzen' }).click();
  // Chosen from the directory's officers of the case's zone, not typed.
  await card.getByLabel('Naar medewerker').selectOption('omar.officer');
  await card.getByRole('button', { name: 'Opslaan' }).click();
  await expect(page.locator(`li.card[data-followup-id="${id}"]`)).toContainText('omar.officer');
  await expectAxeClean(page);
  await signOut(page);
});
