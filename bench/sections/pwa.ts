/** Section 5: the victim app's first-visit JavaScript (static and in Chromium), precache, Lighthouse. */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { LocalStack } from '../../infra/local/stack.js';
import { DIST, errText, json, kb, ms, QUICK, rows } from '../context.js';
import { LIGHTHOUSE_VERSION, lighthouseOnce, type LighthouseRun } from '../lighthouse.js';
import { firstVisitScripts } from '../quick-exit.js';
import { median } from '../stats.js';

export async function pwa(stack: LocalStack | undefined): Promise<void> {
  const indexPath = join(DIST, 'index.html');
  if (!existsSync(indexPath)) {
    rows.push({ section: '5 Victim PWA', item: 'first-visit JS', result: 'not measured: dist/pwa not built (npm run build:pwa)' });
    return;
  }
  const builtAt = statSync(indexPath).mtime.toISOString();
  const html = readFileSync(indexPath, 'utf8');
  const srcs = new Set<string>();
  for (const m of html.matchAll(/<script[^>]*type="module"[^>]*src="([^"]+)"/g)) if (m[1]) srcs.add(m[1]);
  for (const m of html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+)"/g)) if (m[1]) srcs.add(m[1]);
  let raw = 0,
    gz = 0;
  for (const s of srcs) {
    const b = readFileSync(join(DIST, s.replace(/^\//, '')));
    raw += b.length;
    gz += gzipSync(b).length;
  }
  rows.push({
    section: '5 Victim PWA',
    item: 'first-visit JS (module scripts + modulepreloads in index.html)',
    result: `${kb(raw)} raw, ${kb(gz)} gzip${gz > 20 * 1024 ? ' **OVER BUDGET**' : ''}`,
    budget: '≤ 20 KB gzip',
    note: `${srcs.size} files; dist/pwa built ${builtAt}`,
  });
  const sw = join(DIST, 'sw.js');
  if (existsSync(sw)) {
    // Workbox's precache manifest, inlined in sw.js: {url:"…",revision:…} or {"url":"…","revision":…}.
    const urls = new Set([...readFileSync(sw, 'utf8').matchAll(/"?url"?:\s*"([^"]+)"/g)].map((m) => m[1] ?? ''));
    let bytes = 0;
    for (const u of urls) {
      const p = join(DIST, u.replace(/^\//, ''));
      if (existsSync(p)) bytes += statSync(p).size;
    }
    rows.push({
      section: '5 Victim PWA',
      item: 'service-worker precache',
      result: `${urls.size} entries, ${kb(bytes)}`,
      note: `${[...urls].filter((u) => u.endsWith('.js')).length} JS files; fetched once by the worker after the first visit, not by the first visit itself`,
    });
  } else rows.push({ section: '5 Victim PWA', item: 'service-worker precache', result: 'not measured: no dist/pwa/sw.js' });
  json.pwa = { raw, gz, files: [...srcs], builtAt };
  if (stack) {
    try {
      const { files } = await firstVisitScripts(`${stack.url}/`);
      let fraw = 0,
        fgz = 0;
      for (const f of files) {
        const p = join(DIST, f.url.replace(/^\//, ''));
        const b = existsSync(p) ? readFileSync(p) : undefined;
        fraw += f.bytes;
        fgz += b ? gzipSync(b).length : f.bytes;
      }
      rows.push({
        section: '5 Victim PWA',
        item: 'first-visit JS (measured in Chromium: every script the first screen loads)',
        result: `${kb(fraw)} raw, ${kb(fgz)} gzip${fgz > 20 * 1024 ? ' **OVER BUDGET**' : ''}`,
        budget: '≤ 20 KB gzip',
        note: `${files.length} files: ${files.map((f) => f.url.replace(/^\/assets\//, '')).join(', ')}`,
      });
      json.pwaFirstVisit = files;
    } catch (e) {
      rows.push({ section: '5 Victim PWA', item: 'first-visit JS (measured in Chromium)', result: errText(e) });
    }
  }
  const lhItem = `Lighthouse ${LIGHTHOUSE_VERSION} (mobile) performance / accessibility`;
  if (!stack) {
    rows.push({ section: '5 Victim PWA', item: lhItem, result: 'not measured: the local stack did not start' });
    return;
  }
  if (QUICK) {
    rows.push({ section: '5 Victim PWA', item: lhItem, result: 'skipped in --quick (≈ 20 s per run)' });
    return;
  }
  try {
    const runs: LighthouseRun[] = [];
    for (let i = 0; i < (QUICK ? 1 : 3); i++) runs.push(await lighthouseOnce(`${stack.url}/`));
    const errored = [...new Set(runs.flatMap((r) => r.erroredAudits))];
    rows.push({
      section: '5 Victim PWA',
      item: lhItem,
      result: `performance ${median(runs.map((r) => r.performance))}, accessibility ${median(runs.map((r) => r.accessibility))}`,
      note: `median of ${runs.length} (${runs.map((r) => `${r.performance}/${r.accessibility}`).join(', ')}); Debian Chromium, simulated mobile throttling; LCP ${ms(median(runs.map((r) => r.lcpMs ?? Number.NaN)))}, TBT ${ms(median(runs.map((r) => r.tbtMs ?? Number.NaN)))}${errored.length ? `; audits that errored on this Chromium: ${errored.join(', ')}` : ''}`,
    });
    json.lighthouse = runs;
  } catch (e) {
    rows.push({ section: '5 Victim PWA', item: lhItem, result: errText(e) });
  }
}
