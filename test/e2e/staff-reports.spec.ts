import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import { expectAxeClean, signIn, signOut } from './staff-helpers.js';

/** Authorities: the monthly report as a table and charts with text equivalents, and the CSV download. */
test('authority: monthly report table, charts with text, CSV download; in French too', async ({ page }) => {
  await signIn(page, 'alex.authority');
  await expect(page.getByRole('heading', { level: 1, name: 'Maandrapport' })).toBeVisible();
  const totals = page.getByRole('table', { name: /Maandrapport: \d{4}-\d{2} – \d{4}-\d{2}/ });
  await expect(totals).toBeVisible();
  await expect(totals.getByRole('rowheader', { name: 'Geopende dossiers' })).toBeVisible();
  await expect(page.getByRole('figure').first()).toBeVisible();
  await expectAxeClean(page);

  // Text equivalent of a chart opens with the keyboard.
  const summary = page.getByText('Dezelfde cijfers als tekst').first();
  await summary.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('figure').first().getByRole('listitem').first()).toBeVisible();

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'CSV downloaden' }).click()]);
  expect(download.suggestedFilename()).toMatch(/^oneroof-monthly-\d{4}-\d{2}_\d{4}-\d{2}\.csv$/);
  const csv = await readFile(await download.path(), 'utf8');
  expect(csv.split(/\r?\n/)[0]).toBe('month,zone,measure,breakdown,category,value');

  await page.getByLabel('Taal').selectOption('fr');
  await expect(page.getByRole('heading', { level: 1, name: 'Rapport mensuel' })).toBeVisible();
  await expectAxeClean(page);
  await page.getByLabel('Langue').selectOption('nl');
  await signOut(page);
});

test('report: a bad range shows the API message and clears the previous table', async ({ page }) => {
  await signIn(page, 'alex.authority');
  const totals = page.getByRole('table', { name: /Maandrapport: \d{4}-\d{2} – \d{4}-\d{2}/ });
  await expect(totals).toBeVisible();
  await page.getByLabel('Van maand').fill('2026-05');
  await page.getByLabel('Tot maand').fill('2025-01');
  await page.getByRole('button', { name: 'Tonen' }).click();
  await expect(page.getByRole('alert').filter({ hasText: /Fout 400/ })).toBeVisible();
  // The old table would read as the answer to the refused range.
  await expect(totals).toHaveCount(0);
  await expectAxeClean(page);
});
