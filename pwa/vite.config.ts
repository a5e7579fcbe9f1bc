/// <reference types="node" />
import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';
import { build, defineConfig, type Plugin } from 'vite';
import preact from '@preact/preset-vite';
import { VitePWA } from 'vite-plugin-pwa';
import { appConfig } from './src/config.js';
import { identityPlugin } from './build/identity.js';

/**
 * `npm run build:pwa` → dist/pwa:
 *   /             the victim app (pwa/index.html), its manifest, icons and ONE service worker (/sw.js)
 *   /staff/       the staff console (pwa/staff/index.html), built as a separate Vite build right after,
 *                 so the two front ends share no chunk and the worker's precache never lists a staff file.
 * The worker (pwa/src/sw.ts, Workbox through vite-plugin-pwa's injectManifest) precaches the victim
 * app only, denies navigations to /staff/ and /api/, and caches only `appConfig.offlineApiPaths`.
 */
const pwaDir = fileURLToPath(new URL('.', import.meta.url));
const repoRoot = resolve(pwaDir, '..');
const outDir = resolve(repoRoot, 'dist/pwa');
const isStaffBuild = process.env.ONEROOF_STAFF_BUILD === '1';

/** Builds the staff console into dist/pwa/staff once the victim app is written. */
function staffConsole(): Plugin {
  return {
    name: 'oneroof:staff-console',
    apply: 'build',
    closeBundle: {
      sequential: true,
      order: 'post',
      async handler() {
        if (isStaffBuild) return;
        process.env.ONEROOF_STAFF_BUILD = '1';
        try {
          await build({
            configFile: false,
            root: resolve(pwaDir, 'staff'),
            base: '/staff/',
            envDir: repoRoot,
            logLevel: 'warn',
            plugins: [preact()],
            build: { outDir: resolve(outDir, 'staff'), emptyOutDir: true, reportCompressedSize: false },
          });
        } finally {
          delete process.env.ONEROOF_STAFF_BUILD;
        }
      },
    },
  };
}

export default defineConfig({
  root: pwaDir,
  base: '/',
  envDir: repoRoot,
  publicDir: false,
  plugins: [
    preact(),
    identityPlugin(appConfig),
    VitePWA({
      strategies: 'injectManifest',
      srcDir: 'src',
      filename: 'sw.ts',
      // Registered by pwa/src/sw-register.ts (no inline script: the CSP forbids it); the manifest is
      // written by the identity plugin from pwa/src/config.ts.
      injectRegister: false,
      manifest: false,
      injectManifest: {
        globPatterns: ['index.html', 'assets/**/*.{js,css,woff2}', 'manifest.webmanifest', '*.{png,svg}'],
        globIgnores: ['staff/**', 'sw.js', '**/*.map'],
        // A classic worker script (lib/iife build): no module-worker support needed, no deprecated rollup option.
        rollupFormat: 'iife',
      },
      devOptions: { enabled: false },
    }),
    staffConsole(),
  ],
  build: {
    outDir,
    emptyOutDir: true,
    target: 'es2020',
    reportCompressedSize: false,
    modulePreload: { polyfill: false },
  },
});
