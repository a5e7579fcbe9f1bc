import { expect, test } from '@playwright/test';
import { STAFF_ORIGIN, staffUrl } from './staff-helpers.js';
import { VICTIM_ORIGIN } from './origins.js';
import { appConfig } from '../../pwa/src/config.js';

/**
 * The staff console is a separate front end on its own origin: the victim app's origin serves nothing
 * with a staff name (no console, no sign-in, no staff API route, not even a 405 naming one's methods),
 * the victim app never links to the console, and its service worker never precaches or serves it (not
 * even offline). `npm test` builds both front ends first, so a missing app or worker is a failure.
 */
test('the victim origin serves no staff path; the staff origin serves the console and the staff API', async ({ request }) => {
  expect(new URL(VICTIM_ORIGIN).origin).not.toBe(new URL(STAFF_ORIGIN).origin);
  const victim = (path: string, method = 'GET') => request.fetch(`${VICTIM_ORIGIN}${path}`, { method, maxRedirects: 0 });
  const staff = (path: string, method = 'GET') => request.fetch(`${STAFF_ORIGIN}${path}`, { method, maxRedirects: 0 });

  expect((await victim('/')).status()).toBe(200);
  for (const path of ['/staff', '/staff/', '/staff/index.html', '/staff/auth-config.json', '/staff/manifest.webmanifest', '/staff/sw.js', '/staff/#/cases']) {
    const res = await victim(path);
    expect(res.status(), path).toBe(404);
    expect(await res.text(), path).not.toMatch(/staff|Aanmelden/i);
  }
  // The local issuer's sign-in and keys live on the staff origin only.
  for (const path of ['/auth/authorize?response_type=code&client_id=oneroof-staff-console', '/auth/.well-known/jwks.json', '/auth/token']) {
    expect((await victim(path)).status(), path).toBe(404);
  }
  // Staff and machine routes do not exist here: 404 as for an unknown path, never 401 or a 405 with their methods.
  for (const [method, path] of [
    ['GET', '/api/cases'],
    ['DELETE', '/api/cases/C-1'],
    ['GET', '/api/staff/bookings'],
    ['POST', '/api/orders'],
    ['POST', '/api/monitoring/events'],
    ['GET', '/api/openapi.json'],
    ['PUT', '/api/services/counselling'],
  ] as const) {
    const res = await victim(path, method);
    expect(res.status(), `${method} ${path}`).toBe(404);
    expect(await res.json(), `${method} ${path}`).toEqual({ error: 'not_found', message: 'No such route' });
    expect(res.headers().allow, `${method} ${path}`).toBeUndefined();
  }
  // The routes the victim app uses are there.
  expect((await victim('/api/contact-points')).status()).toBe(200);
  expect((await victim('/api/services')).status()).toBe(200);

  // The staff origin: the console and its sign-in, the staff routes (behind a token), no victim app.
  const console = await staff('/staff/');
  expect(console.status()).toBe(200);
  expect(await console.text()).toContain('OneRoof staff');
  expect((await staff('/')).headers().location).toBe('/staff/');
  expect((await staff('/auth/.well-known/jwks.json')).status()).toBe(200);
  expect((await staff('/api/cases')).status()).toBe(401);
  expect((await staff('/api/services')).status()).toBe(200);
  for (const path of ['/index.html', '/sw.js', '/manifest.webmanifest']) expect((await staff(path)).status(), path).toBe(404);
  expect((await staff('/api/panic', 'POST')).status()).toBe(404);
  expect((await staff('/api/bookings', 'POST')).status()).toBe(404);
});

test('the victim app neither links, precaches nor serves the staff console', async ({ page, context }) => {
  const home = await page.goto('/');
  expect(home?.status(), 'the victim app is served at /').toBe(200);
  expect(await (await page.request.get('/')).text()).not.toContain('/staff');

  const registered = await page.evaluate(async () => {
    if (!('serviceWorker' in navigator)) return false;
    const ready = await Promise.race([navigator.serviceWorker.ready, new Promise((ok) => setTimeout(() => ok(null), 10_000))]);
    return ready !== null;
  });
  expect(registered, 'the victim app registers its service worker').toBe(true);
  // Let the precache finish.
  await page.waitForTimeout(1500);
  const cached = await page.evaluate(async () => {
    const urls: string[] = [];
    for (const name of await caches.keys()) {
      const cache = await caches.open(name);
      for (const req of await cache.keys()) urls.push(new URL(req.url).pathname);
    }
    return urls;
  });
  expect(cached.filter((u) => u.startsWith('/staff'))).toEqual([]);

  await page.goto(staffUrl());
  await expect(page.getByRole('button', { name: 'Aanmelden' })).toBeVisible();

  // Offline, /staff/ on the victim origin must not come from its service worker (no fallback to its shell).
  await page.goto('/');
  await context.setOffline(true);
  try {
    await page.goto('/staff/', { timeout: 10_000 }).catch(() => undefined);
    await expect(page.getByRole('button', { name: 'Aanmelden' })).toHaveCount(0);
    expect(await page.title()).not.toBe(appConfig.title);
  } finally {
    await context.setOffline(false);
  }
});
