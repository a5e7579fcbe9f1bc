import { existsSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, resolve, sep } from 'node:path';
import type { WebOrigin } from '../../shared/routes.js';
import { isStaffOnlyPath, STAFF_CONSOLE_PATH } from '../../shared/web-origins.js';
import { escapeHtml, send } from './http-util.js';

/**
 * Serves the built front ends from `dist/pwa` as each CloudFront distribution serves them from S3:
 * on the victim origin the victim app at `/` (any navigation falls back to its index.html; nothing
 * under `/staff` exists there), on the staff origin the console at `/staff/` only (`/` redirects
 * there; a navigation under it falls back to its own index.html). Hashed assets are cached for a
 * year, HTML, the service worker and the manifest revalidated every time.
 */
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
};

function cacheControl(path: string): string {
  const ext = extname(path);
  if (/[/\\]assets[/\\]/.test(path) && ext !== '.html') return 'public, max-age=31536000, immutable';
  return 'no-cache';
}

export type StaticHandler = (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<void>;

/**
 * `generated`: files the local stack answers itself, path → JSON (e.g. `/staff/auth-config.json`, which
 * CDK deploys next to the bundle in AWS), so the front ends load the same way in both.
 */
export function staticFiles(root: string, origin: WebOrigin, generated: Record<string, unknown> = {}): StaticHandler {
  const base = resolve(root);

  const serveFile = async (req: IncomingMessage, res: ServerResponse, file: string, status = 200): Promise<void> => {
    const body = await readFile(file);
    send(res, status, req.method === 'HEAD' ? undefined : body, {
      'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
      'content-length': String(body.length),
      'cache-control': cacheControl(file),
    });
  };

  return async (req, res, url) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      return send(res, 405, 'Method not allowed', { allow: 'GET, HEAD', 'content-type': 'text/plain; charset=utf-8' });
    }
    let path: string;
    try {
      path = decodeURIComponent(url.pathname);
    } catch {
      return send(res, 400, 'Bad request', { 'content-type': 'text/plain; charset=utf-8' });
    }
    const staffPath = isStaffOnlyPath(path);
    if (origin === 'staff' && path === '/') return send(res, 302, undefined, { location: STAFF_CONSOLE_PATH, 'cache-control': 'no-cache' });
    if (origin === 'victim' ? staffPath : !staffPath) return send(res, 404, 'Not found', { 'content-type': 'text/plain; charset=utf-8' });
    if (Object.hasOwn(generated, path)) {
      const body = JSON.stringify(generated[path]);
      return send(res, 200, req.method === 'HEAD' ? undefined : body, { 'content-type': TYPES['.json'] as string, 'cache-control': 'no-cache' });
    }
    const file = resolve(base, `.${path}`);
    if (path.includes('\0') || (file !== base && !file.startsWith(base + sep))) {
      return send(res, 404, 'Not found', { 'content-type': 'text/plain; charset=utf-8' });
    }
    const info = await stat(file).catch(() => undefined);
    if (info?.isFile()) return serveFile(req, res, file);
    if (info?.isDirectory() && existsSync(join(file, 'index.html'))) return serveFile(req, res, join(file, 'index.html'));
    if (extname(path) === '') {
      const shell = origin === 'staff' ? join(base, 'staff', 'index.html') : join(base, 'index.html');
      if (existsSync(shell)) return serveFile(req, res, shell);
      return send(res, 404, notBuilt(base), { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-cache' });
    }
    send(res, 404, 'Not found', { 'content-type': 'text/plain; charset=utf-8' });
  };
}

function notBuilt(root: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Front end not built – OneRoof (local)</title></head>
<body><main><h1>The front end is not built</h1><p>Nothing was found in <code>${escapeHtml(root)}</code>. Run <code>npm run build:pwa</code> and reload.</p></main></body></html>`;
}
