/**
 * The browser every Chromium run here uses (the browser tests, the bench): Debian's package, since
 * Playwright cannot download its own browsers on this kind of machine, with the flags that work headless
 * as root (../shared/NOTES.md). `CHROMIUM_PATH` points at another build.
 */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
