/**
 * An optional map tile layer under the staff console's alert picture, for a deployment that has a tile
 * source it may use (a police GIS server, a licensed provider). Declared once, as a URL template
 * `https://<host>/…/{z}/{x}/{y}.png` (standard XYZ / "slippy map" tiles, Web Mercator), and read by both
 * sides: the console draws the tiles, and the web stack adds the template's origin to the CSP's
 * `img-src` — only when one is configured, so without it the policy stays `'self' data:` and the
 * picture stays the inline SVG alone. Pure: the console imports it.
 *
 * A tile request tells the tile server which area an officer is looking at (not who is in it): choose
 * a source the deployment trusts, the same as any other processor of police data.
 */
export interface TileSource {
  /** `https://tiles.example.be/{z}/{x}/{y}.png` */
  template: string;
  /** `https://tiles.example.be`: what the CSP allows. */
  origin: string;
  /** The attribution the source's licence asks for, shown under the picture. */
  attribution: string;
}

const PLACEHOLDERS = ['{z}', '{x}', '{y}'] as const;

/**
 * A tile source from configuration, or undefined when it is absent or unsafe: https only, no user or
 * password in it, each of `{z}`, `{x}`, `{y}` once in the path, nothing else in braces, no quote,
 * space or semicolon (it ends up in a CSP header). A bad value is refused, never half used.
 */
export function parseTileSource(template: unknown, attribution: unknown): TileSource | undefined {
  if (typeof template !== 'string' || template.length > 300 || /[\s'";,]/.test(template)) return undefined;
  for (const p of PLACEHOLDERS) if (template.split(p).length !== 2) return undefined;
  if (/[{}]/.test(PLACEHOLDERS.reduce((s, p) => s.replace(p, ''), template))) return undefined;
  let url: URL;
  try {
    url = new URL(template.replace('{z}', '0').replace('{x}', '0').replace('{y}', '0'));
  } catch {
    return undefined;
  }
  if (url.protocol !== 'https:' || url.username !== '' || url.password !== '' || url.hash !== '') return undefined;
  const text = typeof attribution === 'string' ? attribution.trim() : '';
  // biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point of this pattern
  if (text === '' || text.length > 200 || /[<>\u0000-\u001f]/.test(text)) return undefined;
  return { template, origin: url.origin, attribution: text };
}

/** The shared CSP with the tile source's origin allowed as an image source; unchanged without one. */
export function cspWithTiles(policy: string, source: TileSource | undefined): string {
  if (!source) return policy;
  return policy
    .split(';')
    .map((d) => d.trim())
    .filter((d) => d !== '')
    .map((d) => (d.split(/\s+/)[0] === 'img-src' ? `${d} ${source.origin}` : d))
    .join('; ');
}

export const tileUrl = (source: TileSource, z: number, x: number, y: number): string =>
  source.template.replace('{z}', String(z)).replace('{x}', String(x)).replace('{y}', String(y));

/** Web Mercator tile coordinates (fractional) of a position at zoom `z`. */
export function tileOf(lat: number, lon: number, z: number): { x: number; y: number } {
  const n = 2 ** z;
  const rad = (lat * Math.PI) / 180;
  return { x: ((lon + 180) / 360) * n, y: ((1 - Math.log(Math.tan(rad) + 1 / Math.cos(rad)) / Math.PI) / 2) * n };
}

/** The north-west corner of tile (x, y) at zoom `z`. */
export function tileCorner(x: number, y: number, z: number): { lat: number; lon: number } {
  const n = 2 ** z;
  return { lat: (Math.atan(Math.sinh(Math.PI * (1 - (2 * y) / n))) * 180) / Math.PI, lon: (x / n) * 360 - 180 };
}

/**
 * The tiles that cover a box, at the deepest zoom (≤ 19) where at most `maxTiles` are needed: a picture
 * of a few hundred metres gets street-level tiles, a wide one fewer, coarser ones.
 */
export function tilesCovering(
  box: { south: number; west: number; north: number; east: number },
  maxTiles = 16,
): { z: number; tiles: { x: number; y: number }[] } {
  for (let z = 19; z >= 0; z--) {
    const nw = tileOf(box.north, box.west, z);
    const se = tileOf(box.south, box.east, z);
    const x0 = Math.floor(nw.x);
    const x1 = Math.floor(se.x);
    const y0 = Math.floor(nw.y);
    const y1 = Math.floor(se.y);
    if ((x1 - x0 + 1) * (y1 - y0 + 1) > maxTiles && z > 0) continue;
    const tiles: { x: number; y: number }[] = [];
    for (let x = x0; x <= x1; x++) for (let y = y0; y <= y1; y++) tiles.push({ x, y });
    return { z, tiles };
  }
  return { z: 0, tiles: [{ x: 0, y: 0 }] };
}
