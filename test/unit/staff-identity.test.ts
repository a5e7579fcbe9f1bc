import { describe, expect, it } from 'vitest';
import { principalFrom } from '../../functions/lib/auth.js';
import { DemoStaffDirectory, staffDirectoryFromEnv } from '../../functions/lib/staff-directory.js';
import { demoUsers, groupsOf } from '../../shared/identity.js';
import { DISTRICT_IDS, districtsOfZone, isDistrictId, isZoneId, ZONE_IDS, zoneOfDistrict, ZONES } from '../../shared/zones-list.js';
import { apiEvent } from '../support/events.js';

describe('declared zones and districts', () => {
  it('Zone Ruppel and its six municipalities, ids clean and unique', () => {
    expect(ZONES.map((z) => z.name)).toEqual(['Zone Ruppel']);
    expect(districtsOfZone('ruppel')).toEqual(['aartselaar', 'boom', 'hemiksem', 'niel', 'rumst', 'schelle']);
    expect(new Set([...ZONE_IDS, ...DISTRICT_IDS]).size).toBe(ZONE_IDS.length + DISTRICT_IDS.length);
    for (const id of [...ZONE_IDS, ...DISTRICT_IDS]) expect(id).toMatch(/^[a-z0-9][a-z0-9-]*$/);
    expect(zoneOfDistrict('niel')).toBe('ruppel');
    expect([isZoneId('ruppel'), isZoneId('antwerpen'), isZoneId('-x'), isDistrictId('boom'), isDistrictId('ruppel')]).toEqual([
      true,
      false,
      false,
      true,
      false,
    ]);
  });

  it('every demo user works in a declared zone and covers declared districts of it', () => {
    for (const u of demoUsers) {
      expect(isZoneId(u.zone), u.username).toBe(true);
      for (const d of u.districts) expect(isZoneId(u.zone) && districtsOfZone(u.zone).includes(d as never), `${u.username} ${d}`).toBe(true);
    }
  });
});

describe('staff identity carries zone and districts', () => {
  const principal = (groups: string) =>
    principalFrom(apiEvent({ method: 'GET', path: '/api/cases', claims: { sub: 's', username: 'u', token_use: 'access', 'cognito:groups': groups } }));

  it('reads roles, the zone and the districts from the groups (API Gateway flattens arrays)', () => {
    expect(principal('[police zone:ruppel district:boom district:niel]')).toMatchObject({ roles: ['police'], zone: 'ruppel', districts: ['boom', 'niel'] });
    // Two zones: ambiguous, so no zone at all.
    expect(principal('[officer zone:ruppel zone:antwerpen]')?.zone).toBeUndefined();
    expect(principal('[officer]')).toMatchObject({ zone: undefined, districts: [] });
  });

  it('the local issuer puts the same groups in demo tokens', () => {
    const paula = demoUsers.find((u) => u.username === 'paula.police');
    expect(paula && groupsOf(paula)).toEqual([
      'police',
      'zone:ruppel',
      'district:aartselaar',
      'district:boom',
      'district:hemiksem',
      'district:niel',
      'district:rumst',
      'district:schelle',
    ]);
  });
});

describe('staff directory', () => {
  it('demo: the active officers of a zone, none elsewhere; unset: nobody (assignments refused)', async () => {
    expect((await new DemoStaffDirectory().officersOfZone('ruppel')).map((o) => o.username)).toEqual(['olivia.officer', 'omar.officer', 'sam.supervisor']);
    expect(await new DemoStaffDirectory().officersOfZone('antwerpen')).toEqual([]);
    expect(await staffDirectoryFromEnv('').officersOfZone('ruppel')).toEqual([]);
    expect(() => staffDirectoryFromEnv('cognito-typo')).toThrow(/STAFF_DIRECTORY/);
  });
});
