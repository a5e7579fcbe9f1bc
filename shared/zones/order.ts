import type { CurfewRule, DeviceRules, MovingZoneRule, OrderRules, ZoneRule } from './types.js';

/** A restraining order as stored (`ORDER#id`/`ORDER`) and returned to police. */
export interface OrderRecord {
  id: string;
  version: number;
  status: 'active' | 'ended';
  district: string;
  respondentDeviceId: string;
  /** Pseudonymous reference to the protected person (e.g. the case id) — never a name. */
  protectedPersonRef: string;
  protectedDeviceId?: string;
  /** Consent of the protected person to share their device's position (moving zone). */
  shareProtectedPosition: boolean;
  validFrom: string;
  validUntil: string;
  zones: ZoneRule[];
  movingZone?: MovingZoneRule;
  curfews: CurfewRule[];
  noContact: boolean;
  device: DeviceRules;
  /** Position fixes not attached to an alert expire after this many days. */
  fixRetentionDays: number;
  createdAt: string;
  createdBy: string;
  updatedAt: string;
  updatedBy: string;
  endedAt?: string;
  endedBy?: string;
  endReason?: string;
}

export function rulesOf(o: OrderRecord): OrderRules {
  return {
    orderId: o.id,
    district: o.district,
    validFrom: o.validFrom,
    validUntil: o.validUntil,
    active: o.status === 'active',
    respondentDeviceId: o.respondentDeviceId,
    ...(o.protectedDeviceId ? { protectedDeviceId: o.protectedDeviceId } : {}),
    shareProtectedPosition: o.shareProtectedPosition,
    zones: o.zones,
    ...(o.movingZone ? { movingZone: o.movingZone } : {}),
    curfews: o.curfews,
    noContact: o.noContact,
    device: o.device,
  };
}
