/**
 * The police zones OneRoof serves and their districts (municipalities), declared once: the API
 * validates every zone and district against this list, the staff console offers it as a choice, the
 * identity (Cognito groups `zone:<id>`, `district:<id>`; the local issuer alike) scopes staff to it,
 * and the report publishes only these zones.
 *
 * Zone Ruppel is PZ Rupel (police zone 5347), whose municipalities are Aartselaar, Boom, Hemiksem,
 * Niel, Rumst and Schelle. The id stays `ruppel`, the id the stored data already uses.
 * Pure data: the staff console imports it.
 */
export interface District {
  id: string;
  name: string;
}

export interface Zone {
  id: string;
  name: string;
  districts: readonly District[];
}

export const ZONES = [
  {
    id: 'ruppel',
    name: 'Zone Ruppel',
    districts: [
      { id: 'aartselaar', name: 'Aartselaar' },
      { id: 'boom', name: 'Boom' },
      { id: 'hemiksem', name: 'Hemiksem' },
      { id: 'niel', name: 'Niel' },
      { id: 'rumst', name: 'Rumst' },
      { id: 'schelle', name: 'Schelle' },
    ],
  },
] as const satisfies readonly Zone[];

export type ZoneId = (typeof ZONES)[number]['id'];
export type DistrictId = (typeof ZONES)[number]['districts'][number]['id'];

export const ZONE_IDS = ZONES.map((z) => z.id) as [ZoneId, ...ZoneId[]];
export const DISTRICT_IDS = ZONES.flatMap((z) => z.districts.map((d) => d.id)) as [DistrictId, ...DistrictId[]];

export const isZoneId = (v: unknown): v is ZoneId => typeof v === 'string' && (ZONE_IDS as readonly string[]).includes(v);
export const isDistrictId = (v: unknown): v is DistrictId => typeof v === 'string' && (DISTRICT_IDS as readonly string[]).includes(v);

/** The zone a district belongs to. */
export function zoneOfDistrict(district: DistrictId): ZoneId {
  const zone = ZONES.find((z) => z.districts.some((d) => d.id === district));
  if (!zone) throw new Error(`Unknown district ${district}`);
  return zone.id;
}

export function districtsOfZone(zone: ZoneId): DistrictId[] {
  return (ZONES.find((z) => z.id === zone)?.districts ?? []).map((d) => d.id);
}

/** Cognito group names that carry a staff member's zone and districts (next to the role groups). */
export const zoneGroup = (zone: ZoneId) => `zone:${zone}`;
export const districtGroup = (district: DistrictId) => `district:${district}`;
