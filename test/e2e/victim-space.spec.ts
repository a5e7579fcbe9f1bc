import { readFileSync } from 'node:fs';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, QueryCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { expect, test, type Page } from '@playwright/test';
import { spaceKeys } from '../../functions/space/keys.js';
import { DYNAMO_ENDPOINT_FILE } from '../../infra/local/stack.js';
import { LANGS } from '../../pwa/src/i18n/lang.js';
import { table as table_ } from '../../shared/table.js';
import nl from '../../pwa/src/i18n/nl.js';
import planNl from '../../pwa/src/i18n/plan-nl.js';
import { aadOf, deriveSpaceKeys, fromBase64, openBytes } from '../../shared/space/crypto.js';
import { E2E_PORT, VICTIM_ORIGIN } from './origins.js';
import { callbackText } from '../../pwa/staff/src/screens/callback-text.js';
import { expectAxeClean, signIn } from './staff-helpers.js';
import { EXIT_PAGE_TEXT, messagesOf, openApp, routeNeutralSites } from './victim-helpers.js';
import { forgeEntry } from '../support/space.js';

/**
 * Her own space, the walk of its "Done when" in Chromium against the local stack: she creates her
 * space, writes a plan and two journal entries (one with a photo carrying EXIF and a GPS position),
 * asks for a call-back, leaves with the quick exit, opens her space again with her passphrase and finds
 * everything. Then what is really stored is read from DynamoDB Local (no readable text of hers; the
 * photo, decrypted, has no EXIF), the zone's officers have the call-back reminder, and an entry edited
 * in the table is named by the chain check. The screens are axe-clean in every language.
 */
const PASSPHRASE = `zon zee en ${Date.now().toString(36)} appels`;
const WORDS = { code: 'kiwikoekje', first: 'Hij gooide de asbak naar mijn hoofd', second: 'Hij wachtte me op aan de schoolpoort', witness: 'buurman Rachid' };
const GPS_MARK = 'OneRoofGpsMarker';
const t = planNl.space;

const table = () => {
  const endpoint = readFileSync(`.data/e2e-${E2E_PORT}/${DYNAMO_ENDPOINT_FILE}`, 'utf8').trim();
  const client = new DynamoDBClient({ endpoint, region: 'eu-west-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  return DynamoDBDocumentClient.from(client);
};
const TABLE = table_.localName;

/** A JPEG drawn by the browser, with an APP1 EXIF segment spliced in: a GPS IFD (latitude ref N) and a marker. */
async function jpegWithGps(page: Page): Promise<Buffer> {
  const b64 = await page.evaluate(() => {
    const c = document.createElement('canvas');
    c.width = 320;
    c.height = 240;
    const g = c.getContext('2d') as CanvasRenderingContext2D;
    g.fillStyle = '#c33';
    g.fillRect(0, 0, 320, 240);
    g.fillStyle = '#36c';
    g.fillRect(40, 40, 120, 80);
    return c.toDataURL('image/jpeg', 0.9).split(',')[1] as string;
  });
  const jpeg = Buffer.from(b64, 'base64');
  const tiff = Buffer.alloc(44);
  tiff.write('II', 0, 'latin1');
  tiff.writeUInt16LE(42, 2);
  tiff.writeUInt32LE(8, 4);
  /** An IFD of one 12-byte entry (tag, type, count, then the value or its offset) and no next IFD. */
  const ifdOfOne = (at: number, tag: number, type: number, count: number, value: (offset: number) => void) => {
    tiff.writeUInt16LE(1, at);
    tiff.writeUInt16LE(tag, at + 2);
    tiff.writeUInt16LE(type, at + 4);
    tiff.writeUInt32LE(count, at + 6);
    value(at + 10);
    tiff.writeUInt32LE(0, at + 14);
  };
  // IFD0: GPSInfo (0x8825, LONG) → the GPS IFD at 26.
  ifdOfOne(8, 0x8825, 4, 1, (o) => tiff.writeUInt32LE(26, o));
  // GPS IFD: GPSLatitudeRef (0x0001, ASCII) = "N".
  ifdOfOne(26, 0x0001, 2, 2, (o) => tiff.write('N\0', o, 'latin1'));
  const payload = Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), tiff, Buffer.from(GPS_MARK, 'latin1')]);
  const app1 = Buffer.concat([Buffer.from([0xff, 0xe1]), Buffer.from([(payload.length + 2) >> 8, (payload.length + 2) & 0xff]), payload]);
  return Buffer.concat([jpeg.subarray(0, 2), app1, jpeg.subarray(2)]);
}

async function openSpace(page: Page, create: boolean): Promise<void> {
  await page.getByRole('button', { name: nl.menu.space }).click();
  await expect(page.getByRole('heading', { level: 1, name: t.title })).toBeVisible();
  await page.getByLabel(t.passphraseLabel).fill(PASSPHRASE);
  await page.getByRole('button', { name: create ? t.create : t.open }).click();
  await expect(page.getByRole('heading', { level: 2, name: t.menuTitle })).toBeVisible({ timeout: 30_000 });
}

async function writeEntry(page: Page, what: string, photo?: Buffer): Promise<void> {
  await page.getByLabel(t.journal.when).fill('zaterdag, rond 22 uur');
  await page.getByLabel(t.journal.what).fill(what);
  await page.getByLabel(t.journal.witnesses).fill(WORDS.witness);
  if (photo) await page.locator('#entry-photo').setInputFiles({ name: 'photo.jpg', mimeType: 'image/jpeg', buffer: photo });
  await page.getByRole('button', { name: t.journal.save }).click();
  await expect(page.getByRole('status').filter({ hasText: t.journal.saved })).toBeVisible({ timeout: 20_000 });
}

test.describe.configure({ mode: 'serial' });

test('her space: create, plan, two entries with a photo, call-back, quick exit, open again and find everything; stored is ciphertext only; the officer is reminded; an edited entry is found', async ({
  page,
  context,
}) => {
  test.setTimeout(240_000);
  await routeNeutralSites(context);
  await openApp(page);
  await openSpace(page, true);

  // The plan.
  await page.getByRole('button', { name: t.menu.plan }).click();
  await page.locator('#plan-codeWord-word').fill(WORDS.code);
  await page.getByRole('button', { name: t.plan.save }).click();
  await expect(page.getByRole('status').filter({ hasText: t.plan.saved })).toBeVisible({ timeout: 20_000 });
  await page.getByRole('button', { name: t.backToSpace }).click();

  // Two journal entries, the first with a photo that carries EXIF and GPS.
  await page.getByRole('button', { name: t.menu.journal }).click();
  await writeEntry(page, WORDS.first, await jpegWithGps(page));
  await writeEntry(page, WORDS.second);
  await expect(page.locator('[data-entry]')).toHaveCount(2);
  await expect(page.locator('img[data-photo]')).toHaveCount(1);
  await page.getByRole('button', { name: t.backToSpace }).click();

  // A call-back from the police social service of her zone.
  await page.getByRole('button', { name: t.menu.callback }).click();
  await page.getByLabel(t.callback.phone).fill('+32 470 11 22 33');
  await page.getByLabel(t.callback.evening).check();
  await page.getByRole('button', { name: t.callback.send }).click();
  await expect(page.getByRole('status').filter({ hasText: t.callback.sent })).toBeVisible({ timeout: 20_000 });

  // The quick exit: everything in memory is gone.
  await page.getByRole('button', { name: nl.exit.button }).click();
  await expect(page.getByRole('heading', { name: EXIT_PAGE_TEXT })).toBeVisible();
  expect(await page.evaluate(() => localStorage.length + sessionStorage.length)).toBe(0);

  // Back again: with her passphrase she finds everything.
  await openApp(page);
  await openSpace(page, false);
  await page.getByRole('button', { name: t.menu.plan }).click();
  await expect(page.locator('#plan-codeWord-word')).toHaveValue(WORDS.code);
  await page.getByRole('button', { name: t.backToSpace }).click();
  await page.getByRole('button', { name: t.menu.journal }).click();
  await expect(page.locator('[data-entry="1"]')).toContainText(WORDS.first);
  await expect(page.locator('[data-entry="2"]')).toContainText(WORDS.second);
  const img = page.locator('[data-entry="1"] img[data-photo]');
  await expect(img).toBeVisible();
  await expect.poll(() => img.evaluate((el) => (el as HTMLImageElement).naturalWidth)).toBeGreaterThan(0);
  await page.getByRole('button', { name: t.backToSpace }).click();
  await page.getByRole('button', { name: t.menu.callback }).click();
  await expect(page.locator('[data-callbacks] li')).toHaveCount(1);
  await page.getByRole('button', { name: t.backToSpace }).click();

  // What DynamoDB Local holds: no readable text of hers anywhere in the table.
  const db = table();
  const keys = await deriveSpaceKeys(PASSPHRASE);
  const all: Record<string, unknown>[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const out = await db.send(new ScanCommand({ TableName: TABLE, ...(start ? { ExclusiveStartKey: start } : {}) }));
    all.push(...(out.Items ?? []));
    start = out.LastEvaluatedKey;
  } while (start);
  const dump = JSON.stringify(all);
  for (const s of [...Object.values(WORDS), 'asbak', 'schoolpoort', 'Rachid', '470 11 22 33', PASSPHRASE]) expect(dump).not.toContain(s);
  const mine =
    (
      await db.send(
        new QueryCommand({ TableName: TABLE, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': spaceKeys.pk(keys.lookupId) } }),
      )
    ).Items ?? [];
  expect(mine.filter((i) => String(i.sk).startsWith('ENTRY#'))).toHaveLength(2);

  // The stored photo, decrypted, is a JPEG without EXIF, GPS or the marker.
  const parts = mine.filter((i) => String(i.sk).startsWith('PHOTO#')).sort((a, b) => Number(a.part) - Number(b.part));
  expect(parts.length).toBeGreaterThan(0);
  const photoId = String(parts[0]?.id);
  const jpeg = Buffer.from(await openBytes(keys.contentKey, { iv: String(parts[0]?.iv), ct: parts.map((p) => String(p.ct)).join('') }, aadOf.photo(photoId)));
  expect(jpeg.subarray(0, 2).toString('hex')).toBe('ffd8');
  expect(jpeg.includes(Buffer.from('Exif\0\0', 'latin1'))).toBe(false);
  expect(jpeg.includes(Buffer.from(GPS_MARK, 'latin1'))).toBe(false);
  expect(fromBase64(String(parts[0]?.ct)).length).toBeGreaterThan(0);

  // The officers of her zone have the call-back reminder: links only.
  await expect
    .poll(
      async () => {
        const res = await page.request.get(`${VICTIM_ORIGIN}/api/dev/notifications`);
        const messages = (await res.json()) as { subject?: string; message: string; attributes: Record<string, string> }[];
        return messages
          .filter((m) => m.attributes.callbackId !== undefined)
          .map((m) => ({ officer: m.attributes.officerId, text: `${m.subject} ${m.message}` }));
      },
      { timeout: 20_000 },
    )
    .toEqual(expect.arrayContaining([expect.objectContaining({ officer: 'olivia.officer' }), expect.objectContaining({ officer: 'omar.officer' })]));
  const texts = ((await (await page.request.get(`${VICTIM_ORIGIN}/api/dev/notifications`)).json()) as { message: string }[]).map((m) => m.message).join('\n');
  expect(texts).not.toContain('470 11 22 33');

  // Olivia opens her reminder's link in the console: her choices first, then the number to call.
  const reminder = (
    (await (await page.request.get(`${VICTIM_ORIGIN}/api/dev/notifications`)).json()) as { message: string; attributes: Record<string, string> }[]
  ).find((m) => m.attributes.callbackId !== undefined && m.attributes.officerId === 'olivia.officer');
  const hash = reminder?.message.match(/#\/callbacks\/[0-9a-f]{32}/)?.[0];
  expect(hash).toBeDefined();
  const staff = await context.newPage();
  await signIn(staff, 'olivia.officer', hash);
  const card = staff.locator('[data-callback]');
  await expect(card).toBeVisible({ timeout: 20_000 });
  await expect(card.getByText(callbackText.nl.times.evening)).toBeVisible();
  await expect(card.getByText(callbackText.nl.voicemailNo)).toBeVisible();
  await expect(card.locator('[data-callback-phone]')).toHaveAttribute('href', 'tel:+32470112233');
  const terms = await card.locator('dt').allInnerTexts();
  expect(terms.indexOf(callbackText.nl.safeTimes)).toBeLessThan(terms.indexOf(callbackText.nl.phone));
  expect(terms.indexOf(callbackText.nl.voicemail)).toBeLessThan(terms.indexOf(callbackText.nl.phone));
  // Called back: she marks it done, and the card says who and when instead of offering it again.
  await card.locator('[data-callback-done]').click();
  await expect(card.getByText(callbackText.nl.done, { exact: true })).toBeVisible({ timeout: 20_000 });
  await expect(card.getByText('olivia.officer')).toBeVisible();
  await expect(card.locator('[data-callback-done]')).toHaveCount(0);
  await staff.close();

  // Someone with table access rewrites entry 2; the chain check in her space names it.
  await page.getByRole('button', { name: t.menu.export }).click();
  await page.getByRole('button', { name: t.export.check }).click();
  await expect(page.locator('[data-chain-result="intact"]')).toBeVisible({ timeout: 20_000 });
  await forgeEntry(db, TABLE, keys, 2, { when: '', what: 'Er is niets gebeurd', where: '', witnesses: '', injuries: '', photos: [] });
  await page.getByRole('button', { name: t.export.check }).click();
  await expect(page.locator('[data-chain-result="problems"] [data-problem="altered"][data-seq="2"]')).toBeVisible({ timeout: 20_000 });
  await expect(page.getByText(t.export.signed)).toBeVisible();
  db.destroy();
});

for (const lang of LANGS) {
  test(`her space's screens in ${lang}: axe clean, the emergency number on each, usable at 320×640`, async ({ page, context }) => {
    test.setTimeout(180_000);
    await routeNeutralSites(context);
    await page.setViewportSize({ width: 320, height: 640 });
    await openApp(page);
    await page.locator('#lang-select').selectOption(lang);
    const m = await messagesOf(lang);
    const space = (await m.planTexts()).default.space;
    await page.getByRole('button', { name: m.menu.space }).click();
    await expect(page.getByRole('heading', { level: 1, name: space.title })).toBeVisible();
    await expect(page.locator('[data-emergency-call]')).toBeVisible();
    await expectAxeClean(page);
    await page.getByLabel(space.passphraseLabel).fill(`${lang} ${PASSPHRASE}`);
    await page.getByRole('button', { name: space.create }).click();
    await expect(page.getByRole('heading', { level: 2, name: space.menuTitle })).toBeVisible({ timeout: 30_000 });
    for (const view of ['journal', 'callback', 'export'] as const) {
      await page.getByRole('button', { name: space.menu[view] }).click();
      await expect(page.getByRole('heading', { level: 2, name: space.menu[view] })).toBeVisible();
      await expect(page.locator('[data-emergency-call]')).toBeVisible();
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
      await expectAxeClean(page);
      await page.getByRole('button', { name: space.backToSpace }).click();
    }
  });
}
