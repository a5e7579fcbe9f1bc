import { describe, expect, it } from 'vitest';
import { supersededByChange } from '../../shared/zones/index.js';
import { orderRecord } from '../support/orders.js';

const base = orderRecord({
  zones: [{ id: 'home-1', label: 'home', centre: { lat: 51, lon: 4 }, alertRadiusM: 500, preAlertRadiusM: 1000 }],
  curfews: [{ id: 'curfew-1', start: '22:00', end: '06:00', centre: { lat: 51, lon: 4 }, radiusM: 200 }],
});

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
