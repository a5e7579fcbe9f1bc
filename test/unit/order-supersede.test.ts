import { describe, expect, it } from 'vitest';
import { supersededByChange, type OrderRecord } from '../../shared/zones/index.js';

const base: OrderRecord = {
  id: 'RO-1',
  version: 1,
  status: 'active',
  district: 'ruppel',
  respondentDeviceId: 'DEV-R',
  protectedPersonRef: 'CASE-1',
  shareProtectedPosition: false,
  validFrom: '2026-01-01T00:00:00.000Z',
  validUntil: '2027-01-01T00:00:00.000Z',
  zones: [{ id: 'home-1', label: 'home', centre: { lat: 51, lon: 4 }, alertRadiusM: 500, preAlertRadiusM: 1000 }],
  curfews: [{ id: 'curfew-1', start: '22:00', end: '06:00', centre: { lat: 51, lon: 4 }, radiusM: 200 }],
  noContact: true,
  device: { signalLossMinutes: 10, batteryLowPercent: 15 },
  fixRetentionDays: 90,
  createdAt: '2026-01-01T00:00:00.000Z',
  createdBy: 'p',
  updatedAt: '2026-01-01T00:00:00.000Z',
  updatedBy: 'p',
};

describe('which alerts a new version of an order supersedes', () => {
  it('those of a removed or changed condition; not those of an unchanged one', () => {
    const moved = { ...base, version: 2, zones: [{ ...base.zones[0]!, centre: { lat: 51.1, lon: 4 } }] };
    expect(supersededByChange(base, moved, { kind: 'zone', conditionId: 'home-1' })).toBe(true);
    expect(supersededByChange(base, moved, { kind: 'preAlert', conditionId: 'home-1' })).toBe(true);
    expect(supersededByChange(base, moved, { kind: 'curfew', conditionId: 'curfew-1' })).toBe(false);
    expect(supersededByChange(base, { ...base, curfews: [] }, { kind: 'curfew', conditionId: 'curfew-1' })).toBe(true);
  });

  it('device alerts only when the respondent device was replaced; panic and contact never', () => {
    const newDevice = { ...base, respondentDeviceId: 'DEV-R2' };
    for (const kind of ['tamper', 'batteryLow', 'signalLoss']) {
      expect(supersededByChange(base, newDevice, { kind })).toBe(true);
      expect(supersededByChange(base, { ...base, zones: [] }, { kind })).toBe(false);
    }
    expect(supersededByChange(base, { ...newDevice, zones: [], curfews: [] }, { kind: 'panic' })).toBe(false);
    expect(supersededByChange(base, { ...newDevice, zones: [], curfews: [] }, { kind: 'contact' })).toBe(false);
  });
});
