import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { staticFiles } from '../../infra/local/static-files.js';

/**
 * The built front ends served as each CloudFront distribution serves them: the victim origin and the
 * staff origin, fallbacks, content types, caching, headers.
 */
let root: string;
let server: Server;
let staffServer: Server;
let url: string;
let staffUrl: string;

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
  writeFileSync(join(root, 'staff', 'manifest.webmanifest'), '{}');
  const listen = async (serve: ReturnType<typeof staticFiles>): Promise<[Server, string]> => {
    const s = createServer((req, res) => void serve(req, res, new URL(req.url ?? '/', 'http://x')));
    await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
    return [s, `http://127.0.0.1:${(s.address() as AddressInfo).port}`];
  };
  [server, url] = await listen(staticFiles(root, 'victim'));
  [staffServer, staffUrl] = await listen(staticFiles(root, 'staff', { '/staff/auth-config.json': { authBase: '/auth' } }));
});

afterAll(async () => {
  await new Promise((r) => server.close(r));
  await new Promise((r) => staffServer.close(r));
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

  it('serves nothing of the staff console on the victim origin', async () => {
    for (const path of [
      '/staff/',
      '/staff',
      '/staff/cases/42',
      '/staff/index.html',
      '/staff/manifest.webmanifest',
      '/staff/auth-config.json',
      '/auth/authorize',
    ]) {
      const res = await fetch(`${url}${path}`);
      expect(res.status, path).toBe(404);
      expect(await res.text(), path).not.toContain('staff console');
    }
  });

  it('serves the staff console on the staff origin, falling back to it under /staff/, and nothing of the victim app', async () => {
    for (const path of ['/staff/', '/staff', '/staff/cases/42']) {
      const res = await fetch(`${staffUrl}${path}`);
      expect(res.status, path).toBe(200);
      expect(await res.text()).toContain('staff console');
    }
    expect(await (await fetch(`${staffUrl}/staff/auth-config.json`)).json()).toEqual({ authBase: '/auth' });
    const root = await fetch(`${staffUrl}/`, { redirect: 'manual' });
    expect(root.status).toBe(302);
    expect(root.headers.get('location')).toBe('/staff/');
    for (const path of ['/index.html', '/sw.js', '/manifest.webmanifest', '/book/service-1', '/assets/app-abc123.js']) {
      expect((await fetch(`${staffUrl}${path}`)).status, path).toBe(404);
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
