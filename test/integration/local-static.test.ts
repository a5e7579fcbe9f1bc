import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { staticFiles } from '../../infra/local/static-files.js';

/** The built front ends served as CloudFront serves them: fallbacks, content types, caching, headers. */
let root: string;
let server: Server;
let url: string;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'oneroof-static-'));
  mkdirSync(join(root, 'staff'), { recursive: true });
  mkdirSync(join(root, 'assets'), { recursive: true });
  writeFileSync(join(root, 'index.html'), '<!doctype html><html><title>victim app</title></html>');
  writeFileSync(join(root, 'staff', 'index.html'), '<!doctype html><html><title>staff console</title></html>');
  writeFileSync(join(root, 'sw.js'), 'self.addEventListener("fetch", () => {});');
  writeFileSync(join(root, 'manifest.webmanifest'), '{}');
  writeFileSync(join(root, 'assets', 'app-abc123.js'), 'console.log(1)');
  writeFileSync(join(tmpdir(), 'outside-secret.txt'), 'secret');
  const serve = staticFiles(root);
  server = createServer((req, res) => void serve(req, res, new URL(req.url ?? '/', 'http://x')));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((r) => server.close(r));
  rmSync(root, { recursive: true, force: true });
  rmSync(join(tmpdir(), 'outside-secret.txt'), { force: true });
});

describe('static front ends', () => {
  it('serves the victim app at / and falls back to it for its own navigations', async () => {
    for (const path of ['/', '/book/service-1']) {
      const res = await fetch(`${url}${path}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(res.headers.get('cache-control')).toBe('no-cache');
      expect(await res.text()).toContain('victim app');
    }
  });

  it('falls back to the staff console for navigations under /staff/', async () => {
    for (const path of ['/staff/', '/staff', '/staff/cases/42']) {
      const res = await fetch(`${url}${path}`);
      expect(res.status).toBe(200);
      expect(await res.text()).toContain('staff console');
    }
  });

  it('revalidates the service worker and the manifest, caches hashed assets for good', async () => {
    const sw = await fetch(`${url}/sw.js`);
    expect(sw.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(sw.headers.get('cache-control')).toBe('no-cache');
    const manifest = await fetch(`${url}/manifest.webmanifest`);
    expect(manifest.headers.get('content-type')).toBe('application/manifest+json; charset=utf-8');
    const asset = await fetch(`${url}/assets/app-abc123.js`);
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
  });

  it('sends the security headers CloudFront sends', async () => {
    const res = await fetch(`${url}/`);
    expect(res.headers.get('content-security-policy')).toMatch(/default-src 'self'.*frame-ancestors 'none'/);
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-frame-options')).toBe('DENY');
  });

  it('answers 404 for a missing file and never serves outside its folder', async () => {
    expect((await fetch(`${url}/assets/missing.js`)).status).toBe(404);
    expect((await fetch(`${url}/..%2foutside-secret.txt`)).status).toBe(404);
    expect((await fetch(`${url}/%2e%2e/outside-secret.txt`)).status).toBe(404);
    expect((await fetch(`${url}/sw.js`, { method: 'POST' })).status).toBe(405);
  });
});
