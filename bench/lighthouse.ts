/**
 * Section 5, Lighthouse 12.2.3 (mobile: its default form factor, simulated throttling) on Debian's
 * Chromium against the victim app served by the bench's local stack. Run through
 * `npx -y lighthouse@12.2.3` (not a dependency of the project; npx needs the npm registry the first time).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../test/e2e/chromium.js';

export const LIGHTHOUSE_VERSION = '12.2.3';
export const CHROMIUM = CHROMIUM_PATH;
/** The browser tests' flags, headless (Lighthouse launches Chromium itself). */
export const CHROMIUM_FLAGS = ['--headless', ...CHROMIUM_ARGS];

export interface LighthouseRun {
  performance: number;
  accessibility: number;
  /** Audits that errored (Lighthouse 12.2.3 on recent Chromium: a few diagnostics). */
  erroredAudits: string[];
  lcpMs?: number;
  tbtMs?: number;
}

interface Lhr {
  runtimeError?: { code: string; message: string };
  categories: Record<string, { score: number | null }>;
  audits: Record<string, { errorMessage?: string; numericValue?: number }>;
}

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv, timeoutMs: number): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => {
      stderr = (stderr + d.toString()).slice(-4000);
    });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`lighthouse did not finish within ${timeoutMs / 1000} s`));
    }, timeoutMs);
    child.once('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stderr });
    });
  });
}

export async function lighthouseOnce(url: string): Promise<LighthouseRun> {
  const dir = mkdtempSync(join(tmpdir(), 'oneroof-bench-lh-'));
  try {
    const out = join(dir, 'report.json');
    const r = await run(
      'npx',
      [
        '-y',
        `lighthouse@${LIGHTHOUSE_VERSION}`,
        url,
        '--quiet',
        '--output=json',
        `--output-path=${out}`,
        '--only-categories=performance,accessibility',
        `--chrome-flags=${CHROMIUM_FLAGS.join(' ')}`,
      ],
      { ...process.env, CHROME_PATH: CHROMIUM },
      240_000,
    );
    let lhr: Lhr;
    try {
      lhr = JSON.parse(readFileSync(out, 'utf8')) as Lhr;
    } catch {
      const last =
        r.stderr
          .trim()
          .split('\n')
          .filter((l) => l.trim())
          .slice(-1)[0] ?? `exit ${r.code}`;
      throw new Error(`no report (npx lighthouse@${LIGHTHOUSE_VERSION}: ${last})`);
    }
    if (lhr.runtimeError) throw new Error(`${lhr.runtimeError.code}: ${lhr.runtimeError.message}`);
    const score = (k: string) => Math.round((lhr.categories[k]?.score ?? Number.NaN) * 100);
    return {
      performance: score('performance'),
      accessibility: score('accessibility'),
      erroredAudits: Object.entries(lhr.audits)
        .filter(([, a]) => a.errorMessage)
        .map(([k]) => k),
      ...(lhr.audits['largest-contentful-paint']?.numericValue !== undefined ? { lcpMs: lhr.audits['largest-contentful-paint'].numericValue } : {}),
      ...(lhr.audits['total-blocking-time']?.numericValue !== undefined ? { tbtMs: lhr.audits['total-blocking-time'].numericValue } : {}),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
