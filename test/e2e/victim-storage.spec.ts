import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium, expect, test } from '@playwright/test';
import nl from '../../pwa/src/i18n/nl.js';
import { bookUpToDetails } from './victim-helpers.js';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './chromium.js';

/**
 * What a booking "kept on this device" leaves in Chromium's profile: the files themselves (leveldb of
 * IndexedDB, Local Storage, Session Storage… also the parts a "clear" leaves behind until compaction)
 * never hold the PIN or the reference in clear, only ciphertext under a non-extractable key.
 */
function filesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    const st = statSync(path, { throwIfNoEntry: false });
    if (!st) continue;
    if (st.isDirectory()) out.push(...filesUnder(path));
    else if (st.isFile()) out.push(path);
  }
  return out;
}

test('a kept booking: reference and PIN never in clear in the profile files, yet "my booking" finds it again', async ({ baseURL }) => {
  const t = nl.booking;
  const profile = mkdtempSync(join(tmpdir(), 'victim-profile-'));
  const launch = () =>
    chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM_PATH,
      args: CHROMIUM_ARGS,
      baseURL,
      locale: 'nl-BE',
      timezoneId: 'Europe/Brussels',
    });
  // Closed before the profile is removed, so that a failing step reports itself, not a busy folder.
  let context: BrowserContext | undefined;
  try {
    context = await launch();
    let page = context.pages()[0] ?? (await context.newPage());
    await page.goto('/');
    await page.getByRole('button', { name: 'Verder' }).click();
    await bookUpToDetails(page);
    await page.getByLabel(t.mayContactNo).check();
    await page.getByRole('button', { name: t.book }).click();
    await expect(page.getByRole('heading', { level: 2, name: t.doneTitle })).toBeVisible();
    const reference = (await page.locator('[data-reference]').innerText()).trim();
    const pin = (await page.locator('[data-pin]').innerText()).trim();

    // Kept, forgotten, kept again: the leveldb logs then hold every version written.
    await page.getByLabel(t.remember).check();
    await page.getByLabel(t.remember).uncheck();
    await page.getByLabel(t.remember).check();
    await expect.poll(async () => (await page.evaluate(() => indexedDB.databases())).length).toBeGreaterThan(0);
    expect(await page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }))).not.toContain(pin);
    await context.close();

    const leaks: string[] = [];
    for (const file of filesUnder(profile)) {
      const bytes = readFileSync(file);
      for (const secret of [reference, reference.replace('-', ''), '"pin"', `"${pin}"`]) {
        if (bytes.includes(Buffer.from(secret)) || bytes.includes(Buffer.from(secret, 'utf16le'))) leaks.push(`${file.slice(profile.length)}: ${secret}`);
      }
      // The bare PIN: where Web Storage and IndexedDB keep their data.
      if (/IndexedDB|Local Storage|Session Storage/.test(file) && (bytes.includes(Buffer.from(pin)) || bytes.includes(Buffer.from(pin, 'utf16le'))))
        leaks.push(`${file.slice(profile.length)}: pin`);
    }
    expect(leaks).toEqual([]);

    // Opened again: "my booking" shows it without typing anything.
    context = await launch();
    page = context.pages()[0] ?? (await context.newPage());
    await page.goto('/');
    await page.getByRole('button', { name: 'Verder' }).click();
    await page.getByRole('button', { name: t.title }).click();
    await page.getByRole('button', { name: t.startManage }).click();
    await expect(page.locator('input').first()).toHaveValue(reference);
    // Back and in again, now that the kept booking has certainly been read: the same filled form, which
    // waits for her to open it (it does not open by itself, whichever came first, the screen or the key).
    await page.getByRole('button', { name: t.back, exact: true }).click();
    await page.getByRole('button', { name: t.startManage }).click();
    await expect(page.locator('input').first()).toHaveValue(reference);
    await page.getByRole('button', { name: t.manageOpen }).click();
    await expect(page.locator('[data-booking-view]')).toContainText(reference);
  } finally {
    await context?.close();
    rmSync(profile, { recursive: true, force: true });
  }
});
