import { tileCorner, tilesCovering, tileUrl, type TileSource } from '../../../../shared/map-tiles.js';
import type { LatLon } from '../../../../shared/zones/geo.js';

/**
 * A picture of where, drawn as inline SVG: the order's protected zones (alert radius solid, pre-alert
 * radius dashed), curfew places, the last positions of the respondent with their accuracy discs and
 * the path between them, and the position that raised the alert. No external request, no inline style:
 * it works offline and under the console's CSP. North is up; a scale bar gives metres. When the
 * deployment configures a tile source (shared/map-tiles.ts, which also extends the CSP), map tiles are
 * laid under the same drawing; offline or refused, they are simply missing and the picture still reads.
 */
export interface MapZone {
  id: string;
  label: string;
  centre: LatLon;
  alertRadiusM: number;
  preAlertRadiusM?: number | undefined;
}
export interface MapFix extends LatLon {
  at: string;
  accuracy: number;
}

export interface AlertMapProps {
  zones: readonly MapZone[];
  fixes: readonly MapFix[];
  /** The position that raised the alert, drawn on top. */
  trigger?: MapFix | undefined;
  title: string;
  /** Text alternative: what the picture shows, in words. */
  description: string;
  labels: { scale: (m: number) => string; trigger: string; north: string };
  /** A map tile layer under the drawing, when configured. */
  tiles?: TileSource | undefined;
}

const SIZE = 400;
const PAD = 24;
const M_PER_DEG_LAT = 110_540;

/** Local metres east/north of an origin (equirectangular; exact enough over a few kilometres). */
function project(origin: LatLon, p: LatLon): { x: number; y: number } {
  const k = Math.cos((origin.lat * Math.PI) / 180) * 111_320;
  return { x: (p.lon - origin.lon) * k, y: (p.lat - origin.lat) * M_PER_DEG_LAT };
}

/** A round scale length near a quarter of the picture's width. */
function niceLength(metres: number): number {
  const target = metres / 4;
  const pow = 10 ** Math.floor(Math.log10(Math.max(target, 1)));
  const step = [1, 2, 5, 10].find((s) => s * pow >= target) ?? 10;
  return step * pow;
}

/** From local metres back to a position (the inverse of `project`). */
function unproject(origin: LatLon, x: number, y: number): LatLon {
  const k = Math.cos((origin.lat * Math.PI) / 180) * 111_320;
  return { lat: origin.lat + y / M_PER_DEG_LAT, lon: origin.lon + x / k };
}

export function AlertMap({ zones, fixes, trigger, title, description, labels, tiles }: AlertMapProps) {
  const points = [...zones.map((z) => z.centre), ...fixes, ...(trigger ? [trigger] : [])];
  const origin = points[0];
  if (!origin) return null;
  const discs = [
    ...zones.map((z) => ({ c: project(origin, z.centre), r: Math.max(z.preAlertRadiusM ?? 0, z.alertRadiusM) })),
    ...fixes.map((f) => ({ c: project(origin, f), r: f.accuracy })),
    ...(trigger ? [{ c: project(origin, trigger), r: trigger.accuracy }] : []),
  ];
  const minX = Math.min(...discs.map((d) => d.c.x - d.r));
  const maxX = Math.max(...discs.map((d) => d.c.x + d.r));
  const minY = Math.min(...discs.map((d) => d.c.y - d.r));
  const maxY = Math.max(...discs.map((d) => d.c.y + d.r));
  const span = Math.max(maxX - minX, maxY - minY, 200);
  const scale = (SIZE - 2 * PAD) / span;
  const cx = (minX + maxX) / 2;
  const cy = (minY + maxY) / 2;
  const sx = (x: number) => SIZE / 2 + (x - cx) * scale;
  const sy = (y: number) => SIZE / 2 - (y - cy) * scale;
  const at = (p: LatLon) => {
    const q = project(origin, p);
    return { x: sx(q.x), y: sy(q.y) };
  };
  const bar = niceLength(span);
  // The tiles under the whole picture: its corners back to positions, each tile placed by its own corners.
  const half = SIZE / 2 / scale;
  const nw = unproject(origin, cx - half, cy + half);
  const se = unproject(origin, cx + half, cy - half);
  const layer = tiles ? tilesCovering({ north: nw.lat, west: nw.lon, south: se.lat, east: se.lon }) : undefined;
  const ordered = [...fixes].sort((a, b) => a.at.localeCompare(b.at));
  const path = ordered
    .map((f) => at(f))
    .map((p, i) => `${i === 0 ? 'M' : 'L'}${p.x.toFixed(1)} ${p.y.toFixed(1)}`)
    .join(' ');
  return (
    <figure class="alert-map">
      <svg
        viewBox={`0 0 ${SIZE} ${SIZE}`}
        width={SIZE}
        height={SIZE}
        role="img"
        aria-labelledby="alert-map-title alert-map-desc"
        xmlns="http://www.w3.org/2000/svg"
      >
        <title id="alert-map-title">{title}</title>
        <desc id="alert-map-desc">{description}</desc>
        <rect x="0" y="0" width={SIZE} height={SIZE} fill="#f4f6f8" stroke="#6b7280" />
        {tiles && layer ? (
          <g data-tiles={layer.z} opacity="0.8">
            {layer.tiles.map(({ x, y }) => {
              const a = at(tileCorner(x, y, layer.z));
              const b = at(tileCorner(x + 1, y + 1, layer.z));
              return (
                <image key={`${x}-${y}`} href={tileUrl(tiles, layer.z, x, y)} x={a.x} y={a.y} width={b.x - a.x} height={b.y - a.y} preserveAspectRatio="none" />
              );
            })}
          </g>
        ) : null}
        {zones.map((z) => {
          const c = at(z.centre);
          return (
            <g key={z.id} data-zone={z.id}>
              {z.preAlertRadiusM ? (
                <circle cx={c.x} cy={c.y} r={z.preAlertRadiusM * scale} fill="#fde68a" fill-opacity="0.35" stroke="#92400e" stroke-dasharray="6 4" />
              ) : null}
              <circle cx={c.x} cy={c.y} r={z.alertRadiusM * scale} fill="#fca5a5" fill-opacity="0.45" stroke="#991b1b" stroke-width="2" />
              <circle cx={c.x} cy={c.y} r="3" fill="#991b1b" />
              <text x={c.x + 6} y={c.y - 6} font-size="13" fill="#111827">
                {z.label}
              </text>
            </g>
          );
        })}
        {path ? <path d={path} fill="none" stroke="#1d4ed8" stroke-width="1.5" stroke-dasharray="3 3" /> : null}
        {ordered.map((f, i) => {
          const p = at(f);
          const last = i === ordered.length - 1;
          return (
            <g key={`${f.at}-${i}`} data-fix={f.at}>
              <circle cx={p.x} cy={p.y} r={Math.max(f.accuracy * scale, 2)} fill="#93c5fd" fill-opacity="0.35" stroke="#1d4ed8" stroke-width="0.75" />
              <circle cx={p.x} cy={p.y} r={last ? 5 : 3} fill="#1d4ed8" />
            </g>
          );
        })}
        {trigger
          ? (() => {
              const p = at(trigger);
              return (
                <g data-trigger="">
                  <circle cx={p.x} cy={p.y} r={Math.max(trigger.accuracy * scale, 2)} fill="none" stroke="#111827" stroke-width="2" />
                  <path d={`M${p.x - 7} ${p.y - 7} L${p.x + 7} ${p.y + 7} M${p.x - 7} ${p.y + 7} L${p.x + 7} ${p.y - 7}`} stroke="#111827" stroke-width="3" />
                  <text x={p.x + 9} y={p.y + 16} font-size="13" fill="#111827">
                    {labels.trigger}
                  </text>
                </g>
              );
            })()
          : null}
        <g>
          <line x1={PAD} y1={SIZE - PAD / 2} x2={PAD + bar * scale} y2={SIZE - PAD / 2} stroke="#111827" stroke-width="3" />
          <text x={PAD} y={SIZE - PAD / 2 - 6} font-size="12" fill="#111827">
            {labels.scale(bar)}
          </text>
          <text x={SIZE - PAD} y={PAD} font-size="14" fill="#111827" text-anchor="middle">
            {labels.north}
          </text>
          <path d={`M${SIZE - PAD} ${PAD + 4} L${SIZE - PAD - 5} ${PAD + 16} L${SIZE - PAD + 5} ${PAD + 16} Z`} fill="#111827" />
        </g>
      </svg>
      {tiles ? <figcaption class="muted">{tiles.attribution}</figcaption> : null}
    </figure>
  );
}
