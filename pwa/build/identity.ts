/// <reference types="node" />
import { deflateSync } from 'node:zlib';
import type { Plugin } from 'vite';
import type { AppConfig } from '../src/config.js';
import nl from '../src/i18n/nl.js';

/**
 * The victim app's public face, generated at build time from pwa/src/config.ts (one place):
 * index.html's title, theme colour and no-JS exit link; manifest.webmanifest; a neutral icon (a sun
 * behind a cloud, as SVG and PNG 192/512). Nothing here names violence, help or the police.
 */
export function identityPlugin(config: AppConfig): Plugin {
  return {
    name: 'oneroof:identity',
    apply: 'build',
    transformIndexHtml: {
      order: 'pre',
      handler(html, ctx) {
        if (!ctx.filename.endsWith('/pwa/index.html') && !ctx.filename.endsWith('\\pwa\\index.html')) return html;
        return html
          .replaceAll('__APP_TITLE__', escapeHtml(config.title))
          .replaceAll('__THEME_COLOR__', escapeHtml(config.themeColor))
          .replaceAll('__EXIT_URL__', escapeHtml(config.exitUrl))
          .replaceAll('__EXIT_TEXT__', escapeHtml(nl.exit.button))
          .replaceAll('__NOSCRIPT__', escapeHtml(config.description));
      },
    },
    generateBundle() {
      this.emitFile({ type: 'asset', fileName: 'manifest.webmanifest', source: JSON.stringify(webManifest(config), null, 2) });
      this.emitFile({ type: 'asset', fileName: 'icon.svg', source: iconSvg(config.themeColor) });
      for (const size of [192, 512]) this.emitFile({ type: 'asset', fileName: `icon-${size}.png`, source: iconPng(size, config.themeColor) });
    },
  };
}

export function webManifest(config: AppConfig): Record<string, unknown> {
  return {
    name: config.name,
    short_name: config.shortName,
    description: config.description,
    lang: 'nl',
    dir: 'auto',
    // A neutral marker: a launch from the icon opens the notes screen (src/disguise.ts).
    start_url: `/?${config.startMarker}`,
    scope: '/',
    id: '/',
    display: 'standalone',
    orientation: 'any',
    theme_color: config.themeColor,
    background_color: config.backgroundColor,
    icons: [
      { src: '/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
      { src: '/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
      { src: '/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
      { src: '/icon.svg', sizes: 'any', type: 'image/svg+xml' },
    ],
  };
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

// ── the icon: theme-coloured square, a sun at upper left, a cloud in front (inside the maskable safe zone)

const SUN = '#f6c453';
const CLOUD = '#ffffff';
/** Shapes in a 0..1 square: circles [cx, cy, r] and the cloud's flat bottom [x0, y0, x1, y1]. */
const SUN_CIRCLE = [0.4, 0.4, 0.16] as const;
const CLOUD_CIRCLES = [
  [0.44, 0.6, 0.12],
  [0.58, 0.52, 0.15],
  [0.7, 0.62, 0.1],
] as const;
const CLOUD_RECT = [0.32, 0.6, 0.8, 0.72] as const;

function iconSvg(background: string): string {
  const c = (x: number) => Math.round(x * 512);
  const circle = ([cx, cy, r]: readonly [number, number, number], fill: string) => `<circle cx="${c(cx)}" cy="${c(cy)}" r="${c(r)}" fill="${fill}"/>`;
  const [x0, y0, x1, y1] = CLOUD_RECT;
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 512 512"><rect width="512" height="512" fill="${background}"/>${circle(SUN_CIRCLE, SUN)}${CLOUD_CIRCLES.map((k) => circle(k, CLOUD)).join('')}<rect x="${c(x0)}" y="${c(y0)}" width="${c(x1 - x0)}" height="${c(y1 - y0)}" rx="${c(0.06)}" fill="${CLOUD}"/></svg>\n`;
}

function hexRgb(hex: string): [number, number, number] {
  const m = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!m) return [43, 88, 118];
  return [parseInt(m[1] ?? '0', 16), parseInt(m[2] ?? '0', 16), parseInt(m[3] ?? '0', 16)];
}

function iconPng(size: number, background: string): Uint8Array {
  const bg = hexRgb(background);
  const sun = hexRgb(SUN);
  const cloud = hexRgb(CLOUD);
  const inCircle = (x: number, y: number, [cx, cy, r]: readonly [number, number, number]) => (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
  const [x0, y0, x1, y1] = CLOUD_RECT;
  const raw = Buffer.alloc((size * 3 + 1) * size);
  for (let py = 0; py < size; py++) {
    const row = py * (size * 3 + 1);
    raw[row] = 0; // filter: none
    for (let px = 0; px < size; px++) {
      const x = (px + 0.5) / size;
      const y = (py + 0.5) / size;
      let color = bg;
      if (inCircle(x, y, SUN_CIRCLE)) color = sun;
      if (CLOUD_CIRCLES.some((k) => inCircle(x, y, k)) || (x >= x0 && x <= x1 && y >= y0 && y <= y1)) color = cloud;
      raw.set(color, row + 1 + px * 3);
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // truecolour RGB
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = (CRC_TABLE[(c ^ b) & 0xff] ?? 0) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length, 0);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body), 0);
  return Buffer.concat([length, body, crc]);
}
