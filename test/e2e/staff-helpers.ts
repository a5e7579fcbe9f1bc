import AxeBuilder from '@axe-core/playwright';
import { expect, type APIRequestContext, type Page } from '@playwright/test';
import { issuerUrl, loadIssuerKeys, mintAccessToken, subjectFor } from '../../infra/local/tokens.js';
import { STAFF_CONSOLE_PATH } from '../../shared/web-origins.js';
import { E2E_PORT, STAFF_ORIGIN } from './origins.js';

/**
 * Helpers for the staff console's browser tests: sign in through the local issuer's own page (the
 * real authorization code + PKCE round trip), sign out, and an axe check for WCAG 2.2 AA.
 */
export const DEMO_PASSWORD = 'demo';

/**
 * Every staff console URL the browser tests open comes from here: the console on its own origin (the
 * staff port, never the victim app's), a path within it (`#/orders/new`, `auth-config.json`) → URL.
 */
export { STAFF_ORIGIN };
export const STAFF_BASE = STAFF_CONSOLE_PATH;
export function staffUrl(path = ''): string {
  return `${STAFF_ORIGIN}${STAFF_BASE}${path.replace(/^\//, '')}`;
}

/** A staff API path on the staff origin (`/api/orders` → its URL), for `page.request` calls with a token. */
export function staffApi(path: string): string {
  return `${STAFF_ORIGIN}${path}`;
}

/** A demo user's access token from the stack's own issuer, for staff API calls that set up a walk. */
export async function staffTokenFor(who: string): Promise<string> {
  const keys = await loadIssuerKeys(`.data/e2e-${E2E_PORT}`);
  const subject = subjectFor(who);
  if (!subject) throw new Error(`No demo user ${who}`);
  return mintAccessToken(keys, subject, { issuer: issuerUrl(STAFF_ORIGIN) });
}

/** A staff API POST with a token that must answer 201; its JSON body. */
export async function staffPost<T = Record<string, unknown>>(request: APIRequestContext, path: string, token: string, data?: unknown): Promise<T> {
  const res = await request.fetch(staffApi(path), { method: 'POST', headers: { authorization: `Bearer ${token}` }, ...(data !== undefined ? { data } : {}) });
  expect(res.status(), `${path}: ${await res.text()}`).toBe(201);
  return (await res.json()) as T;
}

/** Signs in at the staff origin's /staff/ (optionally straight to a screen), through the issuer's sign-in page. */
export async function signIn(page: Page, username: string, hash = ''): Promise<void> {
  await page.goto(staffUrl(hash));
  await page.getByRole('button', { name: 'Aanmelden' }).click();
  // The local issuer's page (infra/local/issuer.ts).
  await expect(page).toHaveURL(/\/auth\/authorize\?/);
  await page.getByLabel(new RegExp(`— ${username.replace('.', '\\.')}$`)).check();
  await page.getByLabel('Password').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByText(`Aangemeld als ${username}`)).toBeVisible();
  // The authorization code never stays in the address bar.
  expect(new URL(page.url()).search).toBe('');
}

export async function signOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Afmelden' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Aanmelden' })).toBeVisible();
  await expect(page.getByText('Je bent afgemeld.')).toBeVisible();
}

/** No WCAG 2.0/2.1/2.2 A or AA violation on the page as it is now. */
export async function expectAxeClean(page: Page): Promise<void> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
  const summary = result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
  expect(summary).toEqual([]);
}

/** The main menu's link names, in order. */
export async function navLinks(page: Page): Promise<string[]> {
  return page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link').allInnerTexts();
}

/**
 * Navigates to a staff screen and waits for the API call it loads; `built` is false when that call
 * answers 501 (not implemented). Every capability is built, so callers assert it is true.
 */
export async function openScreen(page: Page, hash: string, apiPath: string): Promise<{ built: boolean }> {
  // Leave the screen first, so opening it (even the current one) loads it afresh.
  await page.goto(staffUrl('#/-'));
  const response = page.waitForResponse((r) => new URL(r.url()).pathname === apiPath && r.request().method() === 'GET', { timeout: 15_000 });
  await page.goto(staffUrl(hash));
  const res = await response;
  return { built: res.status() !== 501 };
}

/** Signs in and opens a screen, which must be built (its API call does not answer 501). */
export async function signInAndOpen(page: Page, username: string, hash: string, apiPath: string): Promise<void> {
  await signIn(page, username);
  const { built } = await openScreen(page, hash, apiPath);
  expect(built).toBe(true);
}
