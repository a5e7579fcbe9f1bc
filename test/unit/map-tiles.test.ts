import { describe, expect, it } from 'vitest';
import { defaultConfig, mergeConfig } from '../../pwa/staff/src/config.js';
import { cspWithTiles, parseTileSource, tileCorner, tileOf, tilesCovering, tileUrl } from '../../shared/map-tiles.js';
import { contentSecurityPolicy } from '../../shared/security-headers.js';

/** The staff console's optional map tile layer: what configuration is accepted, and what it does to the CSP. */
const OSM = 'https://tile.example.be/osm/{z}/{x}/{y}.png';
const ATTRIBUTION = '© OpenStreetMap contributors';

describe('tile source configuration', () => {
  it('takes an https XYZ template with its attribution, and allows exactly its origin', () => {
    expect(parseTileSource(OSM, ATTRIBUTION)).toEqual({ template: OSM, origin: 'https://tile.example.be', attribution: ATTRIBUTION });
    expect(parseTileSource('https://gis.police.example:8443/wmts/{z}/{y}/{x}', 'PZ Rupel GIS')?.origin).toBe('https://gis.police.example:8443');
  });

  it('refuses anything unsafe or incomplete, as a whole', () => {
    const bad: [unknown, unknown][] = [
      [undefined, ATTRIBUTION],
      [OSM, undefined],
      [OSM, '   '],
      [OSM, '<script>'],
      ['http://tile.example.be/{z}/{x}/{y}.png', ATTRIBUTION],
      ['https://user:pw@tile.example.be/{z}/{x}/{y}.png', ATTRIBUTION],
      ['https://tile.example.be/{z}/{x}.png', ATTRIBUTION],
      ['https://tile.example.be/{z}/{x}/{y}/{y}.png', ATTRIBUTION],
      ['https://tile.example.be/{z}/{x}/{y}.png?key={key}', ATTRIBUTION],
      ["https://tile.example.be/{z}/{x}/{y}.png; script-src 'unsafe-inline'", ATTRIBUTION],
      ['https://tile.example.be/{z}/{x}/{y}.png https://evil.example', ATTRIBUTION],
      ['javascript:{z}{x}{y}', ATTRIBUTION],
      [42, ATTRIBUTION],
    ];
    for (const [template, attribution] of bad) expect(parseTileSource(template, attribution), String(template)).toBeUndefined();
  });
});

describe('CSP', () => {
  it('is the shared policy unchanged when no tile source is configured', () => {
    expect(cspWithTiles(contentSecurityPolicy, undefined)).toBe(contentSecurityPolicy);
    expect(contentSecurityPolicy).toContain("img-src 'self' data:");
  });

  it("adds the tile origin to img-src only: scripts, styles and connections stay 'self'", () => {
    const source = parseTileSource(OSM, ATTRIBUTION);
    const csp = cspWithTiles(contentSecurityPolicy, source);
    const directives = new Map(csp.split('; ').map((d) => [d.split(' ')[0], d] as const));
    expect(directives.get('img-src')).toBe("img-src 'self' data: https://tile.example.be");
    for (const name of ['default-src', 'script-src', 'style-src', 'connect-src', 'frame-ancestors'])
      expect(directives.get(name), name).toBe(contentSecurityPolicy.split('; ').find((d) => d.startsWith(`${name} `)));
    expect(csp.split('; ')).toHaveLength(contentSecurityPolicy.split('; ').length);
  });
});

describe('the console configuration', () => {
  it('has no tile layer by default (the inline SVG alone)', () => {
    expect(defaultConfig().mapTiles).toBeUndefined();
  });

  it('takes a tile source from auth-config.json, both values or none, and drops an unsafe one', () => {
    expect(mergeConfig(defaultConfig(), { mapTileUrl: OSM, mapAttribution: ATTRIBUTION }).mapTiles?.origin).toBe('https://tile.example.be');
    expect(mergeConfig(defaultConfig(), { mapTileUrl: OSM }).mapTiles).toBeUndefined();
    expect(mergeConfig(defaultConfig(), { mapTileUrl: 'http://tile.example.be/{z}/{x}/{y}.png', mapAttribution: ATTRIBUTION }).mapTiles).toBeUndefined();
  });
});

describe('tiles covering the picture', () => {
  it('places positions in Web Mercator tiles and back', () => {
    // Boom (Zone Ruppel) at zoom 16.
    const t = tileOf(51.0875, 4.3667, 16);
    const corner = tileCorner(Math.floor(t.x), Math.floor(t.y), 16);
    expect(corner.lat).toBeGreaterThanOrEqual(51.0875);
    expect(corner.lon).toBeLessThanOrEqual(4.3667);
    expect(tileCorner(t.x, t.y, 16).lat).toBeCloseTo(51.0875, 6);
    expect(tileCorner(t.x, t.y, 16).lon).toBeCloseTo(4.3667, 6);
  });

  it('chooses the deepest zoom that covers the box with a bounded number of tiles', () => {
    const street = tilesCovering({ north: 51.09, west: 4.36, south: 51.085, east: 4.37 });
    expect(street.tiles.length).toBeLessThanOrEqual(16);
    expect(street.z).toBeGreaterThanOrEqual(15);
    const wide = tilesCovering({ north: 51.2, west: 4.2, south: 50.9, east: 4.6 });
    expect(wide.tiles.length).toBeLessThanOrEqual(16);
    expect(wide.z).toBeLessThan(street.z);
    const source = parseTileSource(OSM, ATTRIBUTION);
    if (!source) throw new Error('the template is valid');
    const first = street.tiles[0];
    if (!first) throw new Error('at least one tile');
    expect(tileUrl(source, street.z, first.x, first.y)).toBe(`https://tile.example.be/osm/${street.z}/${first.x}/${first.y}.png`);
  });
});
