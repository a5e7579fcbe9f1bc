import { defineConfig, devices } from '@playwright/test';
import { ZONE } from './shared/brussels-time.js';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './test/e2e/chromium.js';
import { E2E_PORT, STAFF_ORIGIN, VICTIM_ORIGIN } from './test/e2e/origins.js';

/**
 * Browser tests (test/e2e) on Debian's Chromium against the real local stack: `npm start`'s own entry
 * point, on its own port and a fresh data folder, so a running `npm start` (port 3000, .data) is never
 * touched. `npm test` builds the front ends first; run `npm run build:pwa` before `npx playwright test`.
 *   E2E_PORT      port of the stack's victim app (default 3100); its staff console listens on the next
 *                 port (test/e2e/origins.ts), which every staff spec opens through staffUrl()
 *   CHROMIUM_PATH the browser (default /usr/bin/chromium, Debian's package)
 */
const port = E2E_PORT;
const baseURL = VICTIM_ORIGIN;

export default defineConfig({
  testDir: 'test/e2e',
  testMatch: '**/*.spec.ts',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: !!process.env.CI,
  // A guard against a hung test, not a speed goal: the walks with axe checks take tens of seconds on two loaded cores.
  timeout: 120_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  outputDir: 'test-results/e2e',
  use: {
    baseURL,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    locale: 'nl-BE',
    timezoneId: ZONE,
  },
  projects: [
    {
      name: 'chromium',
      use: {
        ...devices['Desktop Chrome'],
        launchOptions: {
          executablePath: CHROMIUM_PATH,
          args: CHROMIUM_ARGS,
        },
      },
    },
  ],
  webServer: {
    // A fresh data folder per run: the demo seed is the starting point of every browser test.
    command: `rm -rf .data/e2e-${port} && npx tsx infra/local/main.ts`,
    // The staff origin listens after the victim one: its health answers once both are up.
    url: `${STAFF_ORIGIN}/api/health`,
    env: { PORT: String(port), DATA_DIR: `.data/e2e-${port}`, BUILD_PWA: '0', LOCAL_TICK_SECONDS: '2' },
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: 'pipe',
    stderr: 'pipe',
  },
});
