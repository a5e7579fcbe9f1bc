/**
 * Section 6, the quick exit in Debian's Chromium (playwright-core), for each exit path: the button,
 * Escape, Shift pressed three times. Per run, in a fresh tab of one browser context per path (so the
 * service worker is installed after the first run, as on a victim's phone):
 *   1. a neutral page (the "search results" someone came from), then the victim app: history [neutral, app];
 *   2. the press; the app exits with `location.replace(appConfig.exitUrl)` (pwa/src/config.ts);
 *   3. the exit site (served locally through routing: no internet needed) loads;
 *   4. Back: does it show the app's content again? It must never.
 *
 * Times are taken by the browser's own clock, not through the automation channel: the press is the
 * event's time stamp (`performance.timeOrigin + event.timeStamp`) in the app; navigation start is the
 * exit page's `performance.timeOrigin` (Chromium stamps it when the app calls `location.replace`); the
 * exit page is loaded at its `loadEventEnd`.
 */
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../test/e2e/chromium.js';
import { ROOT } from './context.js';

export type ExitPath = 'button' | 'Escape' | 'Shift×3';
export const EXIT_PATHS: readonly ExitPath[] = ['button', 'Escape', 'Shift×3'];
/** GOV.UK Frontend's Exit this page answers the button and Shift pressed three times (not Escape). */
export const GOVUK_PATHS: readonly ExitPath[] = ['button', 'Shift×3'];

/** Where a run exits from: the victim app, or a page with GOV.UK Frontend's real component. */
interface ExitSite {
  url: string;
  button: string;
  /** The victim app: wait for its service worker to take control first (production's path). */
  app: boolean;
}

/**
 * GOV.UK Frontend's own component (the `govuk-frontend` dev dependency, 6.6.0): its stylesheet, its
 * Exit this page script and the markup of its default example, exiting to the same site as the app.
 */
const GOVUK_ORIGIN = 'https://govuk.bench.invalid';
const GOVUK_DIST = join(ROOT, 'node_modules', 'govuk-frontend', 'dist', 'govuk');
const govukPage = (exitUrl: string) => `<!doctype html><html lang="en" class="govuk-template"><head><meta charset="utf-8"><title>Support</title>
<link rel="stylesheet" href="/govuk-frontend.min.css"></head>
<body class="govuk-template__body"><script>document.body.className += ' js-enabled' + ('noModule' in HTMLScriptElement.prototype ? ' govuk-frontend-supported' : '');</script>
<div class="govuk-exit-this-page" data-module="govuk-exit-this-page"><a href="${exitUrl}" role="button" draggable="false" class="govuk-button govuk-button--warning govuk-exit-this-page__button govuk-js-exit-this-page-button" data-module="govuk-button" rel="nofollow noreferrer"><span class="govuk-visually-hidden">Emergency</span> Exit this page</a></div>
<main class="govuk-main-wrapper"><h1 class="govuk-heading-l">Help and support</h1><p class="govuk-body">A page someone may need to leave quickly.</p></main>
<script src="/exit-this-page.bundle.js"></script><script>new GOVUKFrontend.ExitThisPage(document.querySelector('[data-module="govuk-exit-this-page"]'));</script>
</body></html>`;

export interface ExitRun {
  toNavigationStart: number;
  toLoaded: number;
  backShowsContent: boolean;
  /** Where Back landed. */
  backUrl: string;
  /** A service worker controlled the app when it exited: the exit handed the device stores to it and navigated at once (pwa/src/exit). */
  controlled: boolean;
}

/** The neutral page a person was on before opening the app (served locally by routing). */
const BEFORE_URL = 'https://start.bench.invalid/search';
const NEUTRAL_HTML = (title: string) =>
  `<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>${title}</title></head><body><h1>${title}</h1><p>Neutral page served by the bench.</p></body></html>`;

async function preparedContext(browser: Browser, appOrigin: string, exitUrl: string, onPress: (t: number) => void): Promise<BrowserContext> {
  const context = await browser.newContext();
  const exitOrigin = new URL(exitUrl).origin;
  // Nothing leaves the machine: the app's origin is served by the stack, two neutral sites by routing.
  await context.route(
    (url) => url.origin !== appOrigin,
    (route) => {
      const u = new URL(route.request().url());
      if (u.origin === exitOrigin) return route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: NEUTRAL_HTML('Weer') });
      if (u.origin === new URL(BEFORE_URL).origin) return route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: NEUTRAL_HTML('Zoeken') });
      if (u.origin === GOVUK_ORIGIN) {
        if (u.pathname === '/govuk-frontend.min.css') return route.fulfill({ path: join(GOVUK_DIST, 'govuk-frontend.min.css') });
        if (u.pathname.startsWith('/assets/')) return route.fulfill({ path: join(GOVUK_DIST, u.pathname) });
        if (u.pathname === '/exit-this-page.bundle.js')
          return route.fulfill({ path: join(GOVUK_DIST, 'components', 'exit-this-page', 'exit-this-page.bundle.js'), contentType: 'text/javascript' });
        return route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: govukPage(exitUrl) });
      }
      return route.abort();
    },
  );
  await context.exposeBinding('__benchPress', (_source, t: number) => onPress(t));
  // In the app (and GOV.UK's page): the time stamp of the press that exits (a click on the exit button, Escape, the third Shift).
  await context.addInitScript(`(() => {
    if (location.origin !== ${JSON.stringify(appOrigin)} && location.origin !== ${JSON.stringify(GOVUK_ORIGIN)}) return;
    let shifts = 0;
    const stamp = (e) => window.__benchPress(performance.timeOrigin + e.timeStamp);
    addEventListener('keydown', (e) => {
      if (e.key === 'Escape') stamp(e);
      else if (e.key === 'Shift' && !e.repeat) { if (++shifts === 3) stamp(e); }
      else shifts = 0;
    }, true);
    addEventListener('click', (e) => { if (e.target instanceof Element && e.target.closest('[data-quick-exit] button, .govuk-exit-this-page__button')) stamp(e); }, true);
  })();`);
  return context;
}

async function oneRun(context: BrowserContext, site: ExitSite, exitUrl: string, path: ExitPath, press: () => Promise<number>): Promise<ExitRun> {
  const page: Page = await context.newPage();
  try {
    await page.goto(BEFORE_URL, { waitUntil: 'domcontentloaded' });
    await page.goto(site.url, { waitUntil: 'load' });
    const button = page.locator(site.button);
    await button.waitFor({ state: 'visible', timeout: 15_000 });
    // Production's path: the worker controls the app (only a first visit before it took over waits for the device stores).
    const controlled =
      site.app &&
      (await page
        .waitForFunction(() => !!navigator.serviceWorker?.controller, undefined, { timeout: 5_000 })
        .then(
          () => true,
          () => false,
        ));
    const exitOrigin = new URL(exitUrl).origin;
    const landed = page.waitForURL((u) => u.origin === exitOrigin, { waitUntil: 'load', timeout: 15_000 });
    const pressed = press();
    if (path === 'button') await button.click();
    else if (path === 'Escape') await page.keyboard.press('Escape');
    else for (let i = 0; i < 3; i++) await page.keyboard.press('Shift');
    await landed;
    const pressAt = await pressed;
    const nav = await page.evaluate(() => {
      const entry = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
      return { origin: performance.timeOrigin, loadEnd: entry?.loadEventEnd ?? Number.NaN };
    });
    // A page restored from the back/forward cache fires no load event: wait for the commit only, then
    // let a back/forward-cache guard run, then look at what is on screen.
    await page.goBack({ waitUntil: 'commit', timeout: 10_000 }).catch(() => null);
    await page.waitForTimeout(300);
    const backUrl = page.url();
    const backShowsContent =
      new URL(backUrl).origin === new URL(site.url).origin &&
      (await page
        // Shown: the page is displayed with text, and not under GOV.UK's hide-content class.
        .evaluate(
          () =>
            getComputedStyle(document.documentElement).display !== 'none' &&
            !document.body?.classList.contains('govuk-exit-this-page-hide-content') &&
            (document.body?.innerText ?? '').trim().length > 0,
        )
        .catch(() => false));
    return {
      toNavigationStart: nav.origin - pressAt,
      toLoaded: nav.origin + nav.loadEnd - pressAt,
      backShowsContent,
      backUrl: new URL(backUrl).origin,
      controlled,
    };
  } finally {
    await page.close();
  }
}

/**
 * `exitUrl`: the app's `appConfig.exitUrl` (pwa/src/config.ts). Each of the app's paths, then GOV.UK
 * Frontend's component on the same browser, exiting to the same site (`GOV.UK <path>` in the result).
 */
export async function benchQuickExit(options: { appUrl: string; exitUrl: string; runs: number }): Promise<Record<string, ExitRun[]>> {
  // With the back/forward cache on, as people's browsers have it (Playwright turns it off by default).
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_ARGS,
    ignoreDefaultArgs: ['--disable-back-forward-cache'],
  });
  const appOrigin = new URL(options.appUrl).origin;
  const results: Record<string, ExitRun[]> = {};
  const app: ExitSite = { url: options.appUrl, button: '[data-quick-exit] button', app: true };
  const govuk: ExitSite = { url: `${GOVUK_ORIGIN}/support`, button: '.govuk-exit-this-page__button', app: false };
  const runs = [...EXIT_PATHS.map((path) => ({ site: app, path, name: path })), ...GOVUK_PATHS.map((path) => ({ site: govuk, path, name: `GOV.UK ${path}` }))];
  try {
    for (const { site, path, name } of runs) {
      let resolvePress: ((t: number) => void) | undefined;
      const context = await preparedContext(browser, appOrigin, options.exitUrl, (t) => resolvePress?.(t));
      const press = () =>
        new Promise<number>((resolve, reject) => {
          resolvePress = resolve;
          setTimeout(() => reject(new Error(`no ${path} press seen in the app`)), 15_000);
        });
      const list: ExitRun[] = [];
      results[name] = list;
      try {
        for (let i = 0; i < options.runs; i++) list.push(await oneRun(context, site, options.exitUrl, path, press));
      } finally {
        await context.close();
      }
    }
  } finally {
    await browser.close();
  }
  return results;
}

/**
 * The JavaScript a first visit really loads: a fresh browser context opens the app and waits until
 * the network is idle; every script response of the page (entry, preloads, chunks imported by the
 * first screen) is counted, raw and gzipped. The service worker's own precache fetches are not the
 * page's and are not counted.
 */
export async function firstVisitScripts(appUrl: string): Promise<{ files: { url: string; bytes: number }[] }> {
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
  try {
    const context = await browser.newContext();
    const page = await context.newPage();
    const pending: Promise<{ url: string; bytes: number } | undefined>[] = [];
    page.on('response', (res) => {
      if (res.request().resourceType() !== 'script') return;
      pending.push(
        res.body().then(
          (b) => ({ url: new URL(res.url()).pathname, bytes: b.length }),
          () => undefined,
        ),
      );
    });
    await page.goto(appUrl, { waitUntil: 'networkidle' });
    await page.locator('[data-quick-exit] button').waitFor({ state: 'visible', timeout: 15_000 });
    const files = (await Promise.all(pending)).filter((f): f is { url: string; bytes: number } => f !== undefined);
    await context.close();
    return { files };
  } finally {
    await browser.close();
  }
}
