import { expect, test, type Browser, type Page } from '@playwright/test';
import { appConfig } from '../../pwa/src/config.js';
import { LANGS, type Lang } from '../../pwa/src/i18n/lang.js';
import { PREVIOUS_URL, routeNeutralSites } from './victim-helpers.js';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './chromium.js';

/**
 * The disguise of the installed app: launched from the icon (the manifest's start URL with its
 * marker, or a standalone display mode) it opens on working notes with nothing of help on screen,
 * help opens only when an unlock word is typed as a note, and the quick exit (and a back/forward
 * cache restore) come back to the notes. In a browser tab, help is there at once, 112 included.
 */
test.use({
  launchOptions: {
    executablePath: CHROMIUM_PATH,
    ignoreDefaultArgs: ['--disable-back-forward-cache'],
    args: CHROMIUM_ARGS,
  },
});

test.beforeEach(async ({ context }) => {
  await routeNeutralSites(context);
});

const START = `/?${appConfig.startMarker}`;
const HELP_WORDS = /hulp|help|geweld|politie|police|112|snel weg|bescherming/i;

async function expectNeutral(page: Page): Promise<void> {
  await expect(page.getByRole('heading', { level: 1, name: 'Notities' })).toBeVisible();
  await expect(page.locator('[data-quick-exit]')).toHaveCount(0);
  await expect(page.locator('a[href^="tel:"]')).toHaveCount(0);
  expect(await page.locator('body').innerText()).not.toMatch(HELP_WORDS);
  await expect(page).toHaveTitle(appConfig.title);
}

test('launched from the icon: working notes, help only after the unlock word, the quick exit back to the notes', async ({ page }) => {
  await page.goto(PREVIOUS_URL);
  await page.goto(START);
  await expectNeutral(page);
  const historyLength = await page.evaluate(() => history.length);

  // The notes really work.
  await page.getByLabel('Nieuwe notitie').fill('brood en melk');
  await page.getByRole('button', { name: 'Bewaren' }).click();
  await expect(page.getByText('brood en melk', { exact: true })).toBeVisible();
  await page.getByLabel('Nieuwe notitie').fill('bellen met de garage');
  await page.getByLabel('Nieuwe notitie').press('Enter');
  await expect(page.getByText('bellen met de garage', { exact: true })).toBeVisible();
  await expectNeutral(page);

  // The deliberate step: the unlock word typed as a note (never kept among the notes).
  await page.getByLabel('Nieuwe notitie').fill('Hulp');
  await page.getByLabel('Nieuwe notitie').press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Hulp en contact' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Snel weg' })).toBeVisible();
  expect(await page.evaluate(() => JSON.stringify(sessionStorage))).not.toMatch(/hulp/i);

  // The quick exit from help shows the notes again, loaded afresh, with no Back entry to help.
  await page.getByRole('button', { name: 'Snel weg' }).click();
  await expect(page).toHaveURL(new RegExp(`${START.replace('?', '\\?')}$`));
  await expectNeutral(page);
  await expect(page.getByText('brood en melk', { exact: true })).toHaveCount(0);
  expect(await page.evaluate(() => history.length)).toBe(historyLength);
  await page.goBack({ waitUntil: 'commit' });
  await expect(page).toHaveURL(PREVIOUS_URL);
});

test.describe('on a Turkish device', () => {
  test.use({ locale: 'tr-TR' });
  test('the Turkish unlock word opens help in capitals and in small letters (dotted and dotless i folded)', async ({ page }) => {
    for (const word of ['YARDIM', 'yardım', 'HILFE']) {
      await page.goto(START);
      await expectNeutral(page);
      await page.getByLabel('Nieuwe notitie').fill(word);
      await page.getByLabel('Nieuwe notitie').press('Enter');
      await expect(page.getByRole('heading', { level: 1, name: 'Hulp en contact' }), word).toBeVisible();
    }
  });
});

/**
 * Installs the app and launches it as the operating system would (CDP's PWA domain), then reads the
 * launched window through the browser's own CDP session (Playwright does not surface app windows).
 */
async function launchInstalled(browser: Browser, origin: string): Promise<{ heading: string; quickExits: number; calls: number }> {
  const cdp = await browser.newBrowserCDPSession();
  await cdp.send('PWA.install', { manifestId: `${origin}/`, installUrlOrBundleUrl: `${origin}/` });
  await cdp.send('PWA.launch', { manifestId: `${origin}/` });
  const expression = `JSON.stringify({ url: location.href, heading: document.querySelector('h1')?.textContent ?? '', quickExits: document.querySelectorAll('[data-quick-exit]').length, calls: document.querySelectorAll('a[href^="tel:"]').length })`;
  const read = async (targetId: string): Promise<{ url: string; heading: string; quickExits: number; calls: number }> => {
    const { sessionId } = await cdp.send('Target.attachToTarget', { targetId, flatten: false });
    const answer = new Promise<string>((resolve) => {
      cdp.on('Target.receivedMessageFromTarget', (m) => {
        if (m.sessionId === sessionId) resolve(m.message);
      });
    });
    await cdp.send('Target.sendMessageToTarget', {
      sessionId,
      message: JSON.stringify({ id: 1, method: 'Runtime.evaluate', params: { expression, returnByValue: true } }),
    });
    const message = JSON.parse(await answer) as { result?: { result?: { value?: string } } };
    await cdp.send('Target.detachFromTarget', { sessionId });
    return JSON.parse(message.result?.result?.value ?? '{}');
  };
  // Bounded wait for the launched window to load the app (its heading appears once the app booted).
  for (let i = 0; i < 40; i++) {
    const { targetInfos } = await cdp.send('Target.getTargets');
    const launched = targetInfos.find((t) => t.type === 'page' && t.url.includes(`?${appConfig.startMarker}`));
    if (launched) {
      const seen = await read(launched.targetId);
      if (seen.heading) return seen;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error('the installed app did not open');
}

test('installed and launched from its icon, the app opens on the notes', async ({ page, browser, baseURL }) => {
  await page.goto('/');
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  const seen = await launchInstalled(browser, new URL(baseURL ?? '').origin);
  expect(seen).toMatchObject({ heading: 'Notities', quickExits: 0, calls: 0 });
});

test('restored from the back/forward cache, the installed app shows the notes, not the help it was on', async ({ page }) => {
  await page.goto(START);
  await page.getByLabel('Nieuwe notitie').fill('hulp');
  await page.getByLabel('Nieuwe notitie').press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Hulp en contact' })).toBeVisible();
  await page.goto(PREVIOUS_URL);
  await page.goBack();
  await expectNeutral(page);
});

test('in a browser tab, help is there at once, and 112 is on the first-visit page, online and offline', async ({ page, context }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1, name: 'Voor je begint' })).toBeVisible();
  const call = page.locator('[data-emergency-call]');
  await expect(call).toHaveAttribute('href', 'tel:112');
  expect(await call.innerText()).toBe('Bel 112');
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  await page.reload();
  await context.setOffline(true);
  try {
    await page.reload();
    await expect(page.getByRole('heading', { level: 1, name: 'Voor je begint' })).toBeVisible();
    await expect(page.locator('[data-emergency-call]')).toHaveAttribute('href', 'tel:112');
  } finally {
    await context.setOffline(false);
  }
});

test('every call button reads "Call 112" with a real space, in every language', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'Verder' }).click();
  // German and Turkish put the number first ("112 anrufen", "112 numarasını ara").
  const expected: Record<Lang, RegExp> = {
    nl: /^Bel [\d+]/,
    fr: /^Appeler le [\d+]/,
    de: /^[\d+][\d ]*\d anrufen$/,
    en: /^Call [\d+]/,
    tr: /^[\d+][\d ]*\d numarasını ara$/,
    ar: /^اتصل بالرقم [\d+]/,
  };
  for (const lang of LANGS) {
    const pattern = expected[lang];
    await page.getByRole('combobox').first().selectOption(lang);
    await expect(page.locator('html')).toHaveAttribute('lang', lang);
    const labels = await page.locator('a[href^="tel:"].button').allInnerTexts();
    expect(labels.length).toBeGreaterThan(4);
    for (const label of labels) expect(label.trim()).toMatch(pattern);
  }
});
