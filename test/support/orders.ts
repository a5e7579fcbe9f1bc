import type { OrderRecord } from '../../shared/zones/index.js';

/**
 * An active order as the orders capability stores it (version 1, district ruppel, respondent device
 * DEV-R, no zones or curfews, no-contact on), for the unit tests of what reads one; a test overrides
 * only the fields its rule looks at.
 */
export function orderRecord(overrides: Partial<OrderRecord> = {}): OrderRecord {
  return {
    id: 'RO-1',
    version: 1,
    status: 'active',
    district: 'ruppel',
    respondentDeviceId: 'DEV-R',
    protectedPersonRef: 'CASE-1',
    shareProtectedPosition: false,
    validFrom: '2026-01-01T00:00:00Z',
    validUntil: '2027-01-01T00:00:00Z',
    zones: [],
    curfews: [],
    noContact: true,
    device: { signalLossMinutes: 10, batteryLowPercent: 15 },
    fixRetentionDays: 30,
    createdAt: '2026-01-01T00:00:00Z',
    createdBy: 'paula.police',
    updatedAt: '2026-01-01T00:00:00Z',
    updatedBy: 'paula.police',
    ...overrides,
  };
}
