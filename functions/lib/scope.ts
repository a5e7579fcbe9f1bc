import { ForbiddenError } from '../../shared/errors.js';
import { isDistrictId, isZoneId, zoneOfDistrict } from '../../shared/zones-list.js';
import type { Principal } from './auth.js';

/**
 * Staff see only their patch. The token names one zone (`zone:<id>`) and the districts the person
 * covers (`district:<id>`): cases, follow-ups and the officer directory are scoped to the zone;
 * orders, their positions and alerts to the zone and, for police, to their districts.
 * Something outside the caller's patch is answered as if it did not exist (404), never with its data.
 */

/** The caller's zone; a token without exactly one zone reaches nothing zone-scoped. */
export function zoneOf(principal: Principal): string {
  if (!principal.zone) throw new ForbiddenError('Your account has no zone; ask for one to be assigned');
  return principal.zone;
}

export function inZone(principal: Principal, zone: string | undefined): boolean {
  return zone !== undefined && principal.zone !== undefined && principal.zone === zone;
}

/**
 * The zone an order (or its alert) belongs to: the zone stored with it (its creator's), else the one
 * its district names (a declared zone, or a declared district's zone). Undeclared and unstored: none.
 */
export function zoneOfPlace(place: { zone?: string | undefined; district: string }): string | undefined {
  if (place.zone) return place.zone;
  if (isZoneId(place.district)) return place.district;
  if (isDistrictId(place.district)) return zoneOfDistrict(place.district);
  return undefined;
}

/**
 * The zone the monthly report counts a place's figures under (breaches, acknowledgement times, order
 * counters): its police zone, else (undeclared and unstored) its district.
 */
export function reportZoneOf(place: { zone?: string | undefined; district: string }): string {
  return zoneOfPlace(place) ?? place.district;
}

/**
 * May this caller see an order or alert of this place? Its zone must be theirs; a police officer
 * (not a supervisor) must also cover its district when it is a declared district. An order for the
 * whole zone (its district is the zone, or a local label) is seen by the zone's police.
 */
export function coversPlace(principal: Principal, place: { zone?: string | undefined; district: string }): boolean {
  if (!inZone(principal, zoneOfPlace(place))) return false;
  if (principal.roles.includes('supervisor')) return true;
  if (!isDistrictId(place.district)) return true;
  return (principal.districts ?? []).includes(place.district);
}
