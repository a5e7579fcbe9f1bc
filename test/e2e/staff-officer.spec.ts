import { expect, test } from '@playwright/test';
import { expectAxeClean, signIn, signInAndOpen, signOut } from './staff-helpers.js';

/**
 * Officers: open a case, see its follow-ups, record an outcome; supervisors reassign a follow-up of the
 * team. Against the cases API (functions/cases) and the demo cases seed (infra/local/demo/cases.ts).
 */
test('officer: follow-ups screen → open a case → its follow-ups → record an outcome', async ({ page }) => {
  await signInAndOpen(page, 'olivia.officer', '#/followups', '/api/followups');
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

  const followupId = await first.getAttribute('data-followup-id');
  await first.getByRole('button', { name: 'Uitkomst noteren' }).click();
  await first.getByLabel('Uitkomst').selectOption('reached');
  await first.getByLabel(/^Opmerking/).fill('Bereikt bij haar zus.\nVolgende keer na 18 uur bellen.');
  await expectAxeClean(page);
  await first.getByRole('button', { name: 'Opslaan' }).click();
  await expect(first.getByRole('button', { name: 'Opslaan' })).toHaveCount(0);
  await expect(first.getByRole('definition').filter({ hasText: /^Bereikt$/ })).toBeVisible();
  await expect(first.getByRole('button', { name: 'Uitkomst noteren' })).toHaveCount(0);
  // The note is part of the case's history: there after a reload too, with who recorded it.
  await page.reload();
  const recorded = page.locator(`li.card[data-followup-id="${followupId}"]`);
  await expect(recorded.getByRole('definition').filter({ hasText: 'Bereikt bij haar zus.' })).toContainText('Volgende keer na 18 uur bellen.');
  await expect(recorded).toContainText('door olivia.officer');
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
  await signInAndOpen(page, 'sam.supervisor', '#/followups', '/api/followups');
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

test('officer: the whole job on a case in the console — risk up and down with a reason, FJC introduction, a follow-up, close', async ({ page }) => {
  test.setTimeout(90_000);
  await signIn(page, 'olivia.officer', '#/cases/new');
  await expect(page.getByRole('heading', { level: 1, name: 'Nieuw dossier' })).toBeVisible();
  await page.getByLabel('Referentie slachtoffer (pseudoniem, geen naam)').fill(`V-E2E-JOB-${Date.now()}`);
  await page.getByRole('group', { name: 'Soort geweld' }).getByLabel('Psychologisch').check();
  await page.getByRole('group', { name: 'Kinderen in het gezin' }).getByLabel('Nee').check();
  await page.getByRole('group', { name: 'Middelengebruik bij de pleger' }).getByLabel('Nee').check();
  await page.getByRole('button', { name: 'Dossier openen' }).click();
  const title = page.getByRole('heading', { level: 1, name: /^Dossier C-…[0-9A-Z]{6}$/ });
  await expect(title).toBeVisible();
  const facts = page.locator('dl.facts').first();
  await expect(facts).toContainText('Standaard');
  const actions = page.getByRole('region', { name: 'Het dossier bijwerken' });
  const status = actions.getByRole('status');

  // Raise the risk: no reason asked.
  await actions.getByRole('button', { name: 'Risiconiveau wijzigen' }).click();
  await actions.getByLabel('Nieuw risiconiveau').selectOption('high');
  await expect(actions.getByLabel('Reden om het risico te verlagen')).toHaveCount(0);
  await actions.getByRole('button', { name: 'Opslaan' }).click();
  await expect(status).toHaveText('Opgeslagen.');
  await expect(facts).toContainText('Hoog');
  await expectAxeClean(page);

  // Lower it: a reason is required, and kept.
  await actions.getByRole('button', { name: 'Risiconiveau wijzigen' }).click();
  await actions.getByLabel('Nieuw risiconiveau').selectOption('medium');
  const reason = actions.getByLabel('Reden om het risico te verlagen');
  await expect(reason).toBeVisible();
  await expect(reason).toHaveAttribute('required', '');
  await reason.fill('Pleger in voorlopige hechtenis');
  await expectAxeClean(page);
  await actions.getByRole('button', { name: 'Opslaan' }).click();
  await expect(status).toHaveText('Opgeslagen.');
  await expect(facts).toContainText('Gemiddeld');

  // The FJC introduction.
  await actions.getByRole('button', { name: 'Kennismaking FJC vastleggen' }).click();
  await actions.getByLabel('Kennismaking FJC').selectOption('done');
  await actions.getByRole('button', { name: 'Opslaan' }).click();
  await expect(status).toHaveText('Opgeslagen.');
  await expect(facts).toContainText('Gebeurd');

  // A follow-up of its own.
  const cards = page.locator('li.card[data-followup-id]');
  const before = await cards.count();
  const checks = cards.filter({ hasText: 'Voorwaarden van de pleger nagaan' });
  const checksBefore = await checks.count();
  await actions.getByRole('button', { name: 'Opvolging toevoegen' }).click();
  await actions.getByLabel('Doel').selectOption('check_conditions');
  await actions.getByRole('button', { name: 'Opslaan' }).click();
  await expect(status).toHaveText('De opvolging is gepland.');
  await expect(cards).toHaveCount(before + 1);
  await expect(checks).toHaveCount(checksBefore + 1);

  // Not reached: the card says it was saved; the risk level is on each card.
  const first = cards.first();
  await expect(first).toContainText('Gemiddeld');
  await first.getByRole('button', { name: 'Uitkomst noteren' }).click();
  await first.getByLabel('Uitkomst').selectOption('not_reached');
  await first.getByRole('button', { name: 'Opslaan' }).click();
  await expect(first.getByRole('status')).toContainText('Opgeslagen');
  await expect(first.getByRole('definition').filter({ hasText: /^Niet bereikt$/ })).toBeVisible();

  // Close the case: a confirmation step, then nothing more to change.
  await actions.getByRole('button', { name: 'Dossier afsluiten' }).click();
  await expect(actions.getByText('Afsluiten annuleert de geplande opvolgingen.', { exact: false })).toBeVisible();
  await actions.getByRole('button', { name: 'Ja, afsluiten' }).click();
  await expect(page.getByText('Dit dossier is afgesloten.')).toBeVisible();
  await expect(page.getByRole('region', { name: 'Het dossier bijwerken' })).toHaveCount(0);
  await expect(facts).toContainText('Afgesloten');
  await expectAxeClean(page);
  await signOut(page);
});

test('officer: follow-up cards show a short case reference and the risk level; a saved outcome is confirmed', async ({ page }) => {
  await signInAndOpen(page, 'omar.officer', '#/followups', '/api/followups');
  const card = page.locator('section.bucket-overdue li.card[data-followup-id]').first();
  await expect(card).toBeVisible();
  await expect(card.locator('a.case-ref')).toHaveText(/^C-…[0-9A-Z]{6}$/);
  await expect(card.getByText('Risiconiveau')).toBeVisible();
  await card.getByRole('button', { name: 'Uitkomst noteren' }).click();
  await card.getByLabel('Uitkomst').selectOption('reached');
  await card.getByRole('button', { name: 'Opslaan' }).click();
  await expect(
    page
      .getByRole('main')
      .getByRole('status')
      .filter({ hasText: /^Opgeslagen/ }),
  ).toBeVisible();
  await expectAxeClean(page);
  await signOut(page);
});

test('supervisor: escalations — unacknowledged alerts and overdue follow-ups of the zone, with their levels', async ({ page }) => {
  await signIn(page, 'sam.supervisor');
  await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Escalaties' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Escalaties' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: /^Onbevestigde alarmen/ })).toBeVisible();
  const overdue = page.getByRole('heading', { level: 2, name: /^Opvolgingen over tijd/ });
  await expect(overdue).toBeVisible();
  // The demo seed leaves follow-ups overdue in the zone: each shows its level and its officer.
  const card = page.locator('li.card[data-followup-id]').first();
  await expect(card).toBeVisible();
  await expect(card.getByText('Niveau')).toBeVisible();
  await expect(card).toContainText(/officer/);
  await expectAxeClean(page);
  // Police and officers have no escalations view.
  await signOut(page);
  await signIn(page, 'olivia.officer');
  await expect(page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Escalaties' })).toHaveCount(0);
  await signOut(page);
});
