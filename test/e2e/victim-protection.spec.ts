import { expect, test, type Page } from '@playwright/test';
import { LANGS } from '../../pwa/src/i18n/lang.js';
import { expectAxeClean, staffApi, staffTokenFor } from './staff-helpers.js';
import { messagesOf } from './victim-helpers.js';

/**
 * The protected person's screen in the victim app, against the real local stack: a police order is
 * created through the API (its protection code is what the person was given), then the panic alarm
 * (confirmation step, slow network, position if allowed) and a contact report reach police as alerts.
 * The code is never written to the device unless the person opts in.
 */
const HOME = { lat: 51.0899, lon: 4.3712 };

let policeToken: string;
async function police(): Promise<string> {
  if (!policeToken) {
    policeToken = await staffTokenFor('police');
  }
  return policeToken;
}

async function createOrder(page: Page): Promise<{ id: string; code: string; district: string }> {
  const district = `e2e-${Date.now().toString(36)}`;
  const now = Date.now();
  const res = await page.request.post(staffApi('/api/orders'), {
    headers: { authorization: `Bearer ${await police()}` },
    data: {
      district,
      respondentDeviceId: `BR-VP-${now}`,
      protectedPersonRef: 'CASE-VP-1',
      validFrom: new Date(now - 3_600_000).toISOString(),
      validUntil: new Date(now + 30 * 86_400_000).toISOString(),
      zones: [{ label: 'home', centre: HOME, alertRadiusM: 500 }],
      noContact: true,
      device: { signalLossMinutes: 24 * 60, batteryLowPercent: 15 },
    },
  });
  expect(res.status()).toBe(201);
  const json = (await res.json()) as { order: { id: string }; protectionCode: string };
  return { id: json.order.id, code: json.protectionCode, district };
}

async function alertsOf(page: Page, district: string): Promise<{ id: string; kind: string; severity: string; orderId: string }[]> {
  const res = await page.request.get(staffApi(`/api/alerts?district=${district}`), { headers: { authorization: `Bearer ${await police()}` } });
  return ((await res.json()) as { alerts: { id: string; kind: string; severity: string; orderId: string }[] }).alerts;
}

async function openProtection(page: Page): Promise<void> {
  await page.goto('/');
  const proceed = page.getByRole('button', { name: 'Verder', exact: true });
  if (await proceed.isVisible().catch(() => false)) await proceed.click();
  await page.getByRole('button', { name: 'Bescherming', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Bescherming' })).toBeVisible();
}

async function deviceStorage(page: Page): Promise<string> {
  return page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }));
}

test.use({ permissions: ['geolocation'], geolocation: { latitude: 51.0871, longitude: 4.3705, accuracy: 12 } });

test('panic: asks for the code, confirms before sending, survives a slow network, reaches police as critical with the position; the screen follows it until an officer has seen it', async ({
  page,
}) => {
  // Two axe checks, a slow network and the alert's way to an officer: more than the default budget.
  test.setTimeout(120_000);
  const order = await createOrder(page);
  await openProtection(page);
  await expectAxeClean(page);

  // No code yet: pointed at the field, nothing sent.
  const panicRequests: string[] = [];
  page.on('request', (r) => {
    if (new URL(r.url()).pathname === '/api/panic') panicRequests.push(r.method());
  });
  await page.getByRole('button', { name: 'Alarm slaan' }).click();
  await expect(page.getByText('Vul eerst je beschermingscode in.')).toBeVisible();
  await expect(page.getByLabel('Beschermingscode')).toBeFocused();

  await page.getByLabel('Beschermingscode').fill(order.code.toLowerCase());
  // A press by accident: the confirmation step, then "no" — nothing is sent.
  await page.getByRole('button', { name: 'Alarm slaan' }).click();
  await expect(page.getByRole('heading', { name: 'Alarm nu naar de politie sturen?' })).toBeFocused();
  await expectAxeClean(page);
  await page.getByRole('button', { name: 'Nee, niet sturen' }).click();
  await expect(page.getByRole('button', { name: 'Alarm slaan' })).toBeVisible();
  expect(panicRequests).toEqual([]);

  // A slow network: the answer takes 2 s; the person sees that it is being sent.
  await page.route('**/api/panic', async (route) => {
    await new Promise((r) => setTimeout(r, 2_000));
    await route.continue();
  });
  await page.getByRole('button', { name: 'Alarm slaan' }).click();
  await page.getByRole('button', { name: 'Ja, alarm sturen' }).click();
  await expect(page.getByText('Alarm wordt verstuurd…')).toBeVisible();
  // Never more than has happened: stored first, then (polled, in memory) sent to police, then seen.
  const sent = page.getByText(/^Alarm ontvangen om \d{2}:\d{2}\.$/);
  await expect(sent).toBeVisible({ timeout: 15_000 });
  await expect(sent.locator('xpath=ancestor-or-self::*[@tabindex="-1"][1]')).toBeFocused();
  await expectAxeClean(page);
  expect(panicRequests).toEqual(['POST']);

  // Police see it: critical, with the position the person allowed.
  const panic = (await alertsOf(page, order.district)).find((a) => a.kind === 'panic');
  expect(panic).toMatchObject({ severity: 'critical', orderId: order.id });
  const detail = await page.request.get(staffApi(`/api/alerts/${panic?.id}`), { headers: { authorization: `Bearer ${await police()}` } });
  expect(((await detail.json()) as { evidence: { fix: { lat: number; lon: number } } }).evidence.fix).toMatchObject({ lat: 51.0871, lon: 4.3705 });

  // The screen follows the alert: published to the police topic, then acknowledged by an officer.
  await expect(page.getByText(/^Doorgestuurd naar de politie om \d{2}:\d{2}\.$/)).toBeVisible({ timeout: 20_000 });
  await expect(page.getByText('Nog niet gezien door een agent.')).toBeVisible();
  const ack = await page.request.post(staffApi(`/api/alerts/${panic?.id}/acknowledge`), { headers: { authorization: `Bearer ${await police()}` } });
  expect(ack.status()).toBe(200);
  const seenAt = ((await ack.json()) as { acknowledgedAt: string }).acknowledgedAt;
  const brussels = new Intl.DateTimeFormat('nl-BE', { timeZone: 'Europe/Brussels', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(
    new Date(seenAt),
  );
  await expect(page.getByText(`Gezien door een agent om ${brussels}.`)).toBeVisible({ timeout: 15_000 });

  // The code was never written to the device.
  const stored = await deviceStorage(page);
  expect(stored.toUpperCase()).not.toContain(order.code);
  expect(stored.toUpperCase()).not.toContain(order.code.replace(/-/g, ''));
});

test('a wrong code is said clearly at the field, with 112 at hand', async ({ page }) => {
  await openProtection(page);
  await page.getByLabel('Beschermingscode').fill('AAAA-BBBB-CCCC');
  await page.getByLabel('Mijn locatie meesturen (je toestel vraagt toestemming)').uncheck();
  await page.getByRole('button', { name: 'Alarm slaan' }).click();
  await page.getByRole('button', { name: 'Ja, alarm sturen' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Deze beschermingscode is niet gekend. Kijk ze na.' })).toBeVisible();
  await expect(page.getByLabel('Beschermingscode')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByRole('main').getByRole('link', { name: 'Bel 112' })).toHaveAttribute('href', 'tel:112');
  await expectAxeClean(page);
});

test('report contact: received, and police see a high contact alert', async ({ page }) => {
  const order = await createOrder(page);
  await openProtection(page);
  await page.getByLabel('Beschermingscode').fill(order.code);
  await page.getByRole('button', { name: 'Contact melden' }).click();
  await expect(page.getByText(/^Je melding is ontvangen om \d{2}:\d{2}\./)).toBeVisible();
  await expectAxeClean(page);
  expect((await alertsOf(page, order.district)).map((a) => `${a.kind}:${a.severity}`)).toEqual(['contact:high']);
});

/**
 * Every record in the origin's IndexedDB databases, read in the page: its key, and its value as text
 * (bytes as characters, so a code kept in clear would show).
 */
async function indexedRecords(page: Page): Promise<{ key: string; text: string }[]> {
  return page.evaluate(async () => {
    const bytes = (b: ArrayBuffer | Uint8Array) => [...new Uint8Array(b instanceof Uint8Array ? b.buffer : b)].map((x) => String.fromCharCode(x)).join('');
    const dump = (v: unknown): string => {
      if (v instanceof ArrayBuffer || v instanceof Uint8Array) return bytes(v);
      if (v && typeof v === 'object')
        return Object.values(v as Record<string, unknown>)
          .map(dump)
          .join('|');
      return String(v);
    };
    const records: { key: string; text: string }[] = [];
    for (const info of await indexedDB.databases()) {
      const db = await new Promise<IDBDatabase>((ok, fail) => {
        const r = indexedDB.open(info.name ?? '');
        r.onsuccess = () => ok(r.result);
        r.onerror = () => fail(r.error);
      });
      for (const store of [...db.objectStoreNames]) {
        const read = <T>(all: (s: IDBObjectStore) => IDBRequest<T>) =>
          new Promise<T>((ok) => {
            const r = all(db.transaction(store).objectStore(store));
            r.onsuccess = () => ok(r.result);
          });
        const [keys, values] = await Promise.all([read((s) => s.getAllKeys()), read((s) => s.getAll())]);
        records.push(...keys.map((key, i) => ({ key: String(key), text: dump(values[i]) })));
      }
      db.close();
    }
    return records;
  });
}

/** The keys of every record kept in the origin's IndexedDB databases. */
async function keptNames(page: Page): Promise<string[]> {
  return (await indexedRecords(page)).map((r) => r.key);
}

/** Everything readable in the origin's storage as text: Web Storage and every IndexedDB value. */
async function allStorage(page: Page): Promise<string> {
  const webStorage = await page.evaluate(() => [JSON.stringify({ ...localStorage }), JSON.stringify({ ...sessionStorage })]);
  return [...webStorage, ...(await indexedRecords(page)).map((r) => r.text)].join('\n');
}

test('the code is kept on the device only after opting in, sealed (never in clear), and forgotten when the opt-in is removed', async ({ page }) => {
  const order = await createOrder(page);
  await openProtection(page);
  await page.getByLabel('Beschermingscode').fill(order.code);
  expect(await deviceStorage(page)).not.toContain(order.code);
  await page.getByLabel('Code onthouden op dit toestel').check();
  await expect.poll(async () => (await page.evaluate(() => indexedDB.databases())).length).toBeGreaterThan(0);
  const kept = await allStorage(page);
  expect(kept.toUpperCase()).not.toContain(order.code);
  expect(kept.toUpperCase()).not.toContain(order.code.replace(/-/g, ''));

  await page.reload();
  await openProtection(page);
  await expect(page.getByLabel('Beschermingscode')).toHaveValue(order.code);
  await expect(page.getByLabel('Code onthouden op dit toestel')).toBeChecked();
  await page.getByLabel('Code onthouden op dit toestel').uncheck();
  // Forgetting is an IndexedDB delete that commits a moment after the click: wait for it to land.
  await expect.poll(() => keptNames(page)).not.toContain('protection-code');
  await page.reload();
  await openProtection(page);
  await expect(page.getByLabel('Beschermingscode')).toHaveValue('');

  // Arabic: the screen is translated and mirrored.
  await page.getByLabel('Taal').selectOption('ar');
  await expect(page.getByRole('heading', { level: 1, name: 'الحماية' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await expectAxeClean(page);
});

test('at 320×640, in every language, the alarm is above the fold, two taps from help, well apart from "Call 112"; how to get a new code is said', async ({
  page,
}) => {
  await page.setViewportSize({ width: 320, height: 640 });
  await page.goto('/');
  await page.getByRole('button', { name: 'Verder', exact: true }).click();
  for (const lang of LANGS) {
    const menu = (await messagesOf(lang)).menu.protection;
    await page.locator('#lang-select').selectOption(lang);
    await expect(page.locator('html')).toHaveAttribute('lang', lang);
    // Tap 1: the menu entry (help is open); tap 2: the alarm.
    await page.getByRole('button', { name: menu, exact: true }).click();
    await expect(page.getByRole('heading', { level: 1, name: menu })).toBeVisible();
    await page.evaluate(() => window.scrollTo(0, 0));
    const alarm = await page.locator('.panic-button').boundingBox();
    const call = await page.locator('.panic .call-112 a').boundingBox();
    expect(alarm, lang).not.toBeNull();
    expect((alarm?.y ?? 0) + (alarm?.height ?? 0), `${lang}: alarm bottom`).toBeLessThanOrEqual(640);
    expect((call?.y ?? 0) - ((alarm?.y ?? 0) + (alarm?.height ?? 0)), `${lang}: room between alarm and 112`).toBeGreaterThanOrEqual(40);
    await expect(page.locator('.protection .notice')).toContainText('101');
    await page.locator('.protection').getByRole('button').last().click();
  }
});

test('times she is shown are Belgian time, whatever the zone of her device', async ({ browser }) => {
  const context = await browser.newContext({ timezoneId: 'America/New_York', locale: 'en-US' });
  const page = await context.newPage();
  try {
    const order = await createOrder(page);
    await openProtection(page);
    await page.getByLabel('Beschermingscode').fill(order.code);
    await page.getByRole('button', { name: 'Contact melden' }).click();
    const text = await page.getByText(/^Je melding is ontvangen om \d{2}:\d{2}\./).innerText();
    const shown = /(\d{2}):(\d{2})/.exec(text)?.slice(1).map(Number) ?? [];
    const brussels = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Brussels', hourCycle: 'h23', hour: '2-digit', minute: '2-digit' })
      .format(new Date())
      .split(':')
      .map(Number);
    const minutes = (hm: number[]) => (hm[0] ?? 0) * 60 + (hm[1] ?? 0);
    expect(Math.abs(minutes(shown) - minutes(brussels)) % (24 * 60)).toBeLessThanOrEqual(2);
  } finally {
    await context.close();
  }
});

test("duress code: set on the protection screen; typed into the installed app's notes it raises a silent panic, the screen stays the notes", async ({
  page,
}) => {
  const order = await createOrder(page);
  await openProtection(page);
  await page.getByLabel('Beschermingscode').fill(order.code);
  await page.getByLabel('Stille alarmcode', { exact: true }).fill('12ab');
  await page.getByRole('button', { name: 'Code bewaren' }).click();
  await expect(page.getByText('Gebruik 6 tot 8 cijfers.')).toBeVisible();
  await expect(page.getByLabel('Stille alarmcode', { exact: true })).toBeFocused();
  const duress = String(Date.now()).slice(-7);
  await page.getByLabel('Stille alarmcode', { exact: true }).fill(duress);
  await page.getByRole('button', { name: 'Code bewaren' }).click();
  await expect(page.getByText('Je stille alarmcode is bewaard.')).toBeVisible();
  expect(await deviceStorage(page)).not.toContain(duress);

  await page.goto('/?notities');
  await expect(page.getByRole('heading', { level: 1, name: 'Notities' })).toBeVisible();
  const sent = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/duress');
  await page.getByLabel('Nieuwe notitie').fill(duress);
  await page.getByLabel('Nieuwe notitie').press('Enter');
  expect((await sent).status()).toBe(202);
  await expect(page.getByRole('heading', { level: 1, name: 'Notities' })).toBeVisible();
  await expect(page.getByText(duress, { exact: true })).toBeVisible();
  await expect(page.locator('[role=alert], [role=status]')).toHaveCount(0);
  await expect.poll(async () => (await alertsOf(page, order.district)).map((a) => `${a.kind}:${a.severity}`)).toEqual(['panic:critical']);

  // An ordinary note (not 6–8 digits) never leaves the device.
  const requests: string[] = [];
  page.on('request', (r) => requests.push(new URL(r.url()).pathname));
  await page.getByLabel('Nieuwe notitie').fill('0470 12 34 56 bellen');
  await page.getByLabel('Nieuwe notitie').press('Enter');
  await expect(page.getByText('0470 12 34 56 bellen', { exact: true })).toBeVisible();
  expect(requests.filter((p) => p.startsWith('/api/'))).toEqual([]);
});
