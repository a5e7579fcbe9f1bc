/** Section 6: the quick exit's three paths in Chromium, and whether Back ever shows the app again. */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { LocalStack } from '../../infra/local/stack.js';
import { appConfig } from '../../pwa/src/config.js';
import { DIST, json, ms, QUICK, rows } from '../context.js';
import { benchQuickExit } from '../quick-exit.js';
import { median, percentile, ratio } from '../stats.js';

export async function quickExit(stack: LocalStack | undefined): Promise<void> {
  const item = (path: string) => `${path}: press → navigation start / neutral page loaded`;
  if (!existsSync(join(DIST, 'index.html'))) {
    rows.push({ section: '6 Quick exit', item: item('all paths'), result: 'not measured: dist/pwa not built (npm run build:pwa)' });
    return;
  }
  if (!stack) {
    rows.push({ section: '6 Quick exit', item: item('all paths'), result: 'not measured: the local stack did not start' });
    return;
  }
  const runs = QUICK ? 2 : 30;
  const results = await benchQuickExit({ appUrl: `${stack.url}/`, exitUrl: appConfig.exitUrl, runs });
  const navP50 = (name: string) => median((results[name] ?? []).map((r) => r.toNavigationStart));
  for (const [path, list] of Object.entries(results)) {
    const nav = list.map((r) => r.toNavigationStart);
    const loaded = list.map((r) => r.toLoaded);
    const back = list.filter((r) => r.backShowsContent).length;
    const backTo = [...new Set(list.map((r) => r.backUrl))].join(', ');
    const govuk = path.startsWith('GOV.UK ');
    const reference = results[`GOV.UK ${path}`]
      ? `; GOV.UK's ${path} in this run: p50 ${ms(navP50(`GOV.UK ${path}`))} → ours ${ratio(median(nav), navP50(`GOV.UK ${path}`))}`
      : '';
    rows.push({
      section: '6 Quick exit',
      item: item(path),
      result: `p50 ${ms(median(nav))} / ${ms(median(loaded))}, p99 ${ms(percentile(nav, 99))} / ${ms(percentile(loaded, 99))}; Back shows content: ${back}/${list.length}${back > 0 && !govuk ? ' **FAIL**' : ''}`,
      budget: govuk ? 'reference (location.href)' : 'Back shows content: never',
      note: `${list.length} runs${govuk ? " (GOV.UK Frontend 6.6.0's Exit this page, its own script and markup)" : ` (${list.filter((r) => r.controlled).length} with the service worker in control: device stores handed over, navigation at once)`}; back/forward cache on; the exit page itself (served by Playwright routing) loads in p50 ${ms(median(list.map((r) => r.toLoaded - r.toNavigationStart)))} of that; Back landed on ${backTo}${reference}`,
    });
  }
  json.exitGoal = { ours: navP50('button'), govuk: navP50('GOV.UK button'), oursShift: navP50('Shift×3'), govukShift: navP50('GOV.UK Shift×3') };
  json.quickExit = results;
}
