import { expect, test } from '@playwright/test';
import { expectAxeClean, signIn, STAFF_ORIGIN, staffUrl } from './staff-helpers.js';

/**
 * The console's push control in Chromium: installable (manifest, service worker at /staff/), a police
 * officer turns notifications on for this browser and removes the device again. Headless Chromium has
 * no push service, so `PushManager.subscribe` is answered with a subscription made by the local stack's
 * push service (real keys, `POST /api/dev/push/subscriptions`); everything after it is the real console
 * and API.
 */
test('installable console; a police officer registers this browser for pushes and removes it', async ({ page, context }) => {
  const made = await (await page.request.post('/api/dev/push/subscriptions', { data: {} })).json();
  await context.grantPermissions(['notifications'], { origin: STAFF_ORIGIN });
  await page.addInitScript((json) => {
    let current: unknown = null;
    const fake = {
      endpoint: json.endpoint,
      expirationTime: null,
      toJSON: () => json,
      unsubscribe: async () => {
        current = null;
        return true;
      },
    };
    PushManager.prototype.subscribe = async () => {
      current = fake;
      return fake as unknown as PushSubscription;
    };
    PushManager.prototype.getSubscription = async () => current as PushSubscription | null;
  }, made.subscription);

  await signIn(page, 'paula.police', '#/devices');
  await expect(page.getByRole('heading', { level: 1, name: 'Meldingen op dit toestel' })).toBeVisible();
  await expect(page.getByText('Nog geen toestellen.')).toBeVisible();
  await expectAxeClean(page);

  const manifest = await (await page.request.get(staffUrl('manifest.webmanifest'))).json();
  expect(manifest).toMatchObject({ scope: '/staff/', start_url: '/staff/', display: 'standalone' });
  const worker = await page.evaluate(
    async () => (await navigator.serviceWorker.getRegistration('/staff/'))?.active?.scriptURL ?? (await navigator.serviceWorker.ready).active?.scriptURL,
  );
  expect(new URL(worker as string).pathname).toBe('/staff/sw.js');

  await page.getByLabel('Naam van het toestel').fill('werkgsm');
  await page.getByLabel('Alarmen vanaf').selectOption('high');
  const registered = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/push/devices' && r.request().method() === 'POST');
  await page.getByRole('button', { name: 'Meldingen aanzetten op dit toestel' }).click();
  expect((await registered).status()).toBe(201);
  const item = page.getByRole('listitem').filter({ hasText: 'werkgsm' });
  await expect(item).toContainText('(dit toestel)');
  await expect(item).toContainText('politiealarmen (≥ hoog)');

  await item.getByRole('button', { name: 'Verwijderen: werkgsm' }).click();
  await expect(page.getByText('Nog geen toestellen.')).toBeVisible();
});
