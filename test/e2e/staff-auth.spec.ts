import { expect, test } from '@playwright/test';
import { expectAxeClean, navLinks, signIn, signOut, staffUrl } from './staff-helpers.js';

/**
 * Staff console sign-in (authorization code + PKCE against the local issuer), the session (access token
 * in memory, the rotating refresh token in this tab across a reload), the idle timeout, and role separation: each role sees its own screens and no other.
 */
test('the sign-in screen is neutral, in Dutch by default, and axe clean; French and English work', async ({ page }) => {
  await page.goto(staffUrl());
  await expect(page).toHaveTitle('Aanmelden – OneRoof staff');
  await expect(page.locator('html')).toHaveAttribute('lang', 'nl');
  await expectAxeClean(page);
  await page.getByLabel('Taal').selectOption('fr');
  await expect(page.getByRole('button', { name: 'Se connecter' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
  await page.getByLabel('Langue').selectOption('en');
  await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
  await page.getByLabel('Language').selectOption('nl');
});

test('sign-in round trip leaves nothing behind: no code in the URL, no token in storage; sign-out ends it', async ({ page }) => {
  await signIn(page, 'paula.police');
  const stored = await page.evaluate(() => JSON.stringify({ s: { ...sessionStorage }, l: { ...localStorage } }));
  expect(stored).not.toMatch(/eyJ/); // no JWT anywhere in Web Storage
  expect(stored).not.toContain('pkce');
  await signOut(page);
  // A reload after sign-out does not bring the session back.
  await page.reload();
  await expect(page.getByRole('button', { name: 'Aanmelden' })).toBeVisible();
});

test('a reload within the idle limit keeps the session (one rotated refresh token, nothing personal kept); no request answers 404', async ({ page }) => {
  const missing: string[] = [];
  page.on('response', (r) => {
    if (r.status() === 404) missing.push(new URL(r.url()).pathname);
  });
  const config = page.waitForResponse((r) => r.url().endsWith(staffUrl('auth-config.json')));
  await signIn(page, 'olivia.officer', '#/cases');
  expect((await config).status()).toBe(200);
  await expect(page.getByRole('heading', { level: 1, name: 'Mijn dossiers' })).toBeVisible();
  const before = await page.evaluate(() => ({ ...sessionStorage }));
  expect(Object.keys(before)).toEqual(['oneroof-staff.refresh']);

  const renewed = page.waitForResponse((r) => new URL(r.url()).pathname === '/auth/token' && r.request().method() === 'POST');
  await page.reload();
  expect((await renewed).status()).toBe(200);
  await expect(page.getByText('Aangemeld als olivia.officer')).toBeVisible();
  await expect(page.getByRole('heading', { level: 1, name: 'Mijn dossiers' })).toBeVisible();
  // The screen's own API call works with the renewed access token.
  await expect(page.getByRole('alert')).toHaveCount(0);
  const after = await page.evaluate(() => ({ s: { ...sessionStorage }, l: { ...localStorage } }));
  // Rotated at its use: the copy read before the reload is spent.
  expect(after.s['oneroof-staff.refresh']).not.toBe(before['oneroof-staff.refresh']);
  const stored = JSON.stringify(after);
  expect(stored).not.toMatch(/eyJ/); // no access token in Web Storage
  expect(stored).not.toMatch(/olivia|officer|ruppel/i); // no name, role or patch either
  expect(missing).toEqual([]);

  // Signed out, a reload brings nothing back.
  await signOut(page);
  await page.reload();
  await expect(page.getByRole('button', { name: 'Aanmelden' })).toBeVisible();
  expect(await page.evaluate(() => sessionStorage.getItem('oneroof-staff.refresh'))).toBeNull();
});

test('a tampered state is refused', async ({ page }) => {
  await page.goto(staffUrl());
  await page.getByRole('button', { name: 'Aanmelden' }).click();
  await expect(page).toHaveURL(/\/auth\/authorize\?/);
  const url = new URL(page.url());
  url.searchParams.set('state', 'forged-state-value');
  await page.goto(url.toString());
  await page.getByLabel('Password').fill('demo');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByText('Aanmelden is niet gelukt. Probeer opnieuw.')).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Hoofdmenu' })).toHaveCount(0);
});

const expectedNav: Record<string, string[]> = {
  'olivia.officer': ['Opvolgingen', 'Dossiers', 'Meldingen'],
  'paula.police': ['Alarmen', 'Contactverboden', 'Meldingen', 'Interventie'],
  'chris.coordinator': ['Afspraken', 'Diensten', 'Contactpunten', 'Rapport'],
  'alex.authority': ['Rapport'],
  'sam.supervisor': ['Escalaties', 'Opvolgingen', 'Dossiers', 'Alarmen', 'Contactverboden', 'Rapport', 'Meldingen'],
};

for (const [user, nav] of Object.entries(expectedNav)) {
  test(`${user} sees exactly their screens`, async ({ page }) => {
    await signIn(page, user);
    expect(await navLinks(page)).toEqual(nav);
  });
}

test('authority: no alerts or cases, and a direct link says "not allowed" without calling the API', async ({ page }) => {
  const apiCalls: string[] = [];
  page.on('request', (r) => {
    const path = new URL(r.url()).pathname;
    if (path.startsWith('/api/')) apiCalls.push(`${r.method()} ${path}`);
  });
  // A link straight to another role's screen (as in a reminder) lands on "not allowed" after sign-in.
  await signIn(page, 'alex.authority', '#/alerts');
  await expect(page.getByRole('heading', { level: 1, name: 'Niet toegestaan' })).toBeVisible();
  await expectAxeClean(page);
  expect(await navLinks(page)).toEqual(['Rapport']);
  for (const hash of ['#/cases/CASE-1', '#/followups', '#/orders', '#/orders/new', '#/bookings', '#/services', '#/contact-points', '#/cases/new']) {
    await page.goto(staffUrl(hash));
    await expect(page.getByRole('heading', { level: 1, name: 'Niet toegestaan' })).toBeVisible();
  }
  await page.goto(staffUrl('#/reports'));
  await expect(page.getByRole('heading', { level: 1, name: 'Maandrapport' })).toBeVisible();
  expect(apiCalls.filter((c) => /alerts|cases|followups|orders|bookings/.test(c))).toEqual([]);
  await signOut(page);
});

test('idle timeout warns, then signs out', async ({ page }) => {
  await page.route(
    (url) => url.href.endsWith(staffUrl('auth-config.json')),
    (route) => route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify({ idleMinutes: 0.1 }) }),
  );
  await signIn(page, 'alex.authority');
  await expect(page.getByRole('alert').filter({ hasText: 'binnen een minuut afgemeld' })).toBeVisible({ timeout: 10_000 });
  await expect(page.getByText('Je bent afgemeld omdat je een tijd niets deed.')).toBeVisible({ timeout: 15_000 });
  await expect(page.getByRole('navigation', { name: 'Hoofdmenu' })).toHaveCount(0);
});

test('keyboard only: skip link, menu, focus moves to each screen heading', async ({ page }) => {
  await signIn(page, 'paula.police');
  await expect(page.getByRole('heading', { level: 1, name: 'Open alarmen' })).toBeFocused();
  // From the top of the page (the header), the skip link is the stop before it.
  await page.mouse.click(2, 2);
  await page.keyboard.press('Shift+Tab');
  const skip = page.getByRole('link', { name: 'Naar de inhoud' });
  await expect(skip).toBeFocused();
  await expect(skip).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(page.locator('main')).toBeFocused();
  const orders = page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Contactverboden' });
  await orders.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Actieve contactverboden' })).toBeFocused();
  await expect(orders).toHaveAttribute('aria-current', 'page');
  await expect(page).toHaveTitle('Actieve contactverboden – OneRoof staff');
});

for (const width of [320, 768]) {
  test(`usable at ${width} px: no sideways scrolling, targets at least 44 px`, async ({ page }) => {
    await page.setViewportSize({ width, height: 900 });
    await signIn(page, 'sam.supervisor');
    for (const hash of ['#/followups', '#/cases/new', '#/alerts', '#/orders', '#/reports']) {
      await page.goto(staffUrl(hash));
      await expect(page.locator('h1')).toBeFocused();
      await page.waitForLoadState('networkidle');
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow, hash).toBeLessThanOrEqual(0);
      const small = await page.evaluate(
        () =>
          [...document.querySelectorAll('button, .button, nav a, select, input:not([type=checkbox]):not([type=radio]), summary')]
            .map((el) => el.getBoundingClientRect())
            .filter((r) => r.width > 0 && (r.height < 44 || r.width < 44)).length,
      );
      expect(small, hash).toBe(0);
    }
  });
}
