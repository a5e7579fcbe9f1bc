import { districtsOfZone, isZoneId } from '../../../shared/zones-list.js';
import type { StaffRole } from '../../../shared/roles.js';

/** The zone and districts an account works in, as its token says (the API enforces them; the console only chooses what to ask for). */
export interface Patch {
  zone: string | undefined;
  districts: readonly string[];
}

/**
 * The alert lists to watch: the zone's own (orders for the whole zone) and each district covered;
 * a supervisor watches every district of the zone.
 */
export function alertDistricts(patch: Patch, roles: readonly StaffRole[]): string[] {
  if (!patch.zone) return [];
  const districts = roles.includes('supervisor') && isZoneId(patch.zone) ? districtsOfZone(patch.zone) : patch.districts;
  return [...new Set([patch.zone, ...districts])];
}
