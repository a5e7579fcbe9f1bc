/** Geometry for the breach engine: great-circle distances on a spherical Earth (haversine). Pure. */
export interface LatLon {
  lat: number;
  lon: number;
}

/** Mean Earth radius (IUGG), metres. Haversine on this sphere is within ~0.5 % of the ellipsoid: far below GPS error. */
export const EARTH_RADIUS_M = 6_371_008.8;

const rad = (deg: number) => (deg * Math.PI) / 180;

/** Great-circle distance in metres between two WGS84 points. */
export function distanceMeters(a: LatLon, b: LatLon): number {
  const dLat = rad(b.lat - a.lat);
  const dLon = rad(b.lon - a.lon);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** The point `meters` away from `from` along `bearingDeg` (0 = north). For tests, the drive script and demos. */
export function destination(from: LatLon, bearingDeg: number, meters: number): LatLon {
  const d = meters / EARTH_RADIUS_M;
  const b = rad(bearingDeg);
  const lat1 = rad(from.lat);
  const lon1 = rad(from.lon);
  const lat2 = Math.asin(Math.sin(lat1) * Math.cos(d) + Math.cos(lat1) * Math.sin(d) * Math.cos(b));
  const lon2 = lon1 + Math.atan2(Math.sin(b) * Math.sin(d) * Math.cos(lat1), Math.cos(d) - Math.sin(lat1) * Math.sin(lat2));
  return { lat: (lat2 * 180) / Math.PI, lon: (((lon2 * 180) / Math.PI + 540) % 360) - 180 };
}

/**
 * Where a fix with an uncertainty radius can be relative to a circle: the nearest and farthest
 * points of its uncertainty disc from the centre (`distance ∓ accuracy`, never below 0).
 */
export function reach(distance: number, accuracy: number): { nearest: number; farthest: number } {
  return { nearest: Math.max(0, distance - accuracy), farthest: distance + accuracy };
}
