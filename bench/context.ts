/**
 * What every bench section shares: the command line (`--quick`, `--only=`), the rows of the table and
 * the JSON beside it, figure formatting, and `section()`, which turns a failure into its row's result.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Row } from './stats.js';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const QUICK = process.argv.includes('--quick');
/** `--only=2,5`: run just these sections (development); the results then go to stdout only. */
export const ONLY = process.argv
  .find((a) => a.startsWith('--only='))
  ?.slice('--only='.length)
  .split(',');
export const wanted = (n: string): boolean => !ONLY || ONLY.includes(n);
export const rows: Row[] = [];
export const json: Record<string, unknown> = { quick: QUICK };
export const kb = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KB`;
export const ms = (v: number): string => (Number.isFinite(v) ? `${v.toFixed(1)} ms` : 'n/a');
export const errText = (e: unknown): string => `error: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`.slice(0, 200);
/** The built victim app (sections 5 and 6). */
export const DIST = join(ROOT, 'dist', 'pwa');

export async function section(name: string, fn: () => Promise<void>): Promise<void> {
  if (!wanted(name[0] ?? '')) return;
  const t0 = performance.now();
  try {
    await fn();
  } catch (e) {
    rows.push({ section: name, item: '(section failed)', result: errText(e) });
  }
  console.error(`[bench] ${name} done in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}
