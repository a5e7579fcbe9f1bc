import { alertDistricts } from '../../pwa/staff/src/patch.js';
import { shortRef } from '../../pwa/staff/src/case-ref.js';
import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { can } from '../../pwa/staff/src/access.js';
import { decodeClaims } from '../../pwa/staff/src/auth/claims.js';
import { base64url, challengeOf, createVerifier } from '../../pwa/staff/src/auth/pkce.js';
import { defaultConfig, mergeConfig } from '../../pwa/staff/src/config.js';
import { allowedLevels, DASH_QUESTIONS, dashRisk, finalRisk } from '../../pwa/staff/src/dash.js';
import { parseHash } from '../../pwa/staff/src/router.js';
import { sortAlerts, type Alert } from '../../pwa/staff/src/screens/alerts.js';
import { toBuckets } from '../../pwa/staff/src/screens/followups.js';

/** Pure parts of the staff console (pwa/staff): PKCE, claims, role → screens, sorting, config. */
describe('PKCE', () => {
  it('computes the S256 challenge: base64url(SHA-256(verifier)) without padding, as the issuer checks it', async () => {
    // Arrange
    const verifier = createVerifier();
    // Act
    const challenge = await challengeOf(verifier);
    // Assert (node:crypto as the oracle, the same computation infra/local/issuer.ts makes)
    expect(challenge).toBe(createHash('sha256').update(verifier).digest('base64url'));
    expect(challenge).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('makes fresh 43-character verifiers of unreserved characters', () => {
    const a = createVerifier();
    const b = createVerifier();
    expect(a).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(a).not.toBe(b);
    expect(base64url(new Uint8Array([251, 255]))).toBe('-_8');
  });
});

describe('token claims', () => {
  const token = (claims: object) => `h.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.s`;

  it('reads the user name, the staff roles among cognito:groups, the zone and districts, and the expiry', () => {
    const claims = decodeClaims(
      token({ username: 'sam.supervisor', 'cognito:groups': ['supervisor', 'officer', 'admins', 'zone:ruppel', 'district:boom'], exp: 2_000_000_000 }),
    );
    expect(claims).toEqual({ username: 'sam.supervisor', roles: ['supervisor', 'officer'], zone: 'ruppel', districts: ['boom'], expiresAt: 2_000_000_000_000 });
    // Two zones are ambiguous: none (the API refuses such a token anything zone-scoped).
    expect(decodeClaims(token({ username: 'x', 'cognito:groups': ['police', 'zone:a', 'zone:b'] }))?.zone).toBeUndefined();
  });

  it('watches the zone list and each district; supervisors every district of the zone', () => {
    expect(alertDistricts({ zone: 'ruppel', districts: ['boom'] }, ['police'])).toEqual(['ruppel', 'boom']);
    expect(alertDistricts({ zone: 'ruppel', districts: [] }, ['supervisor'])).toEqual(['ruppel', 'aartselaar', 'boom', 'hemiksem', 'niel', 'rumst', 'schelle']);
    expect(alertDistricts({ zone: undefined, districts: ['boom'] }, ['police'])).toEqual([]);
  });

  it("short case references: C-… and the id's last six characters", () => {
    expect(shortRef('C-01M8SWRFZ24PT2DDGD0DGEFBD2')).toBe('C-…GEFBD2');
  });

  it('gives no roles without groups, and undefined for a malformed token', () => {
    expect(decodeClaims(token({ username: 'x' }))?.roles).toEqual([]);
    expect(decodeClaims('not-a-token')).toBeUndefined();
    expect(decodeClaims('a.%%%.b')).toBeUndefined();
  });
});

describe('screens follow the route table', () => {
  it.each([
    [['authority'], 'GET /api/reports/monthly', true],
    [['authority'], 'GET /api/alerts', false],
    [['authority'], 'GET /api/cases', false],
    [['supervisor'], 'GET /api/alerts', true],
    [['supervisor'], 'POST /api/alerts/{id}/acknowledge', false],
    [['police'], 'POST /api/alerts/{id}/acknowledge', true],
    [['officer'], 'GET /api/followups', true],
    [['coordinator'], 'GET /api/staff/bookings', true],
    [['coordinator'], 'GET /api/followups', false],
    [[], 'GET /api/followups', false],
    [['officer'], 'GET /api/health', false],
    [['officer'], 'GET /api/nope', false],
  ] as const)('%j may call %s: %s', (roles, key, expected) => {
    expect(can(roles, key)).toBe(expected);
  });
});

describe('alerts order', () => {
  it('puts the most severe first, then the newest', () => {
    const a = (id: string, severity: Alert['severity'], at: string): Alert => ({
      id,
      orderId: 'RO-1',
      district: 'z',
      kind: 'zone',
      severity,
      at,
      raisedAt: at,
      status: 'open',
      escalationLevel: 0,
    });
    const sorted = sortAlerts([
      a('1', 'low', '2026-01-01T10:00:00Z'),
      a('2', 'critical', '2026-01-01T08:00:00Z'),
      a('3', 'high', '2026-01-01T09:00:00Z'),
      a('4', 'high', '2026-01-01T11:00:00Z'),
    ]);
    expect(sorted.map((x) => x.id)).toEqual(['2', '4', '3', '1']);
  });
});

describe('follow-up buckets', () => {
  it('sorts a flat list into overdue / today / next days in Brussels time', () => {
    const now = new Date('2026-03-10T12:00:00Z');
    const f = (id: string, dueAt: string) => ({ id, caseId: 'C', dueAt, purpose: 'contact_victim' });
    const b = toBuckets({ followups: [f('late', '2026-03-09T08:00:00Z'), f('today', '2026-03-10T22:30:00Z'), f('tomorrow', '2026-03-10T23:30:00Z')] }, now);
    expect(b.overdue.map((x) => x.id)).toEqual(['late']);
    expect(b.today.map((x) => x.id)).toEqual(['today']); // 23:30 Brussels
    expect(b.next7Days.map((x) => x.id)).toEqual(['tomorrow']); // 00:30 next day Brussels
  });

  it('keeps buckets the API already made', () => {
    const b = toBuckets({ overdue: [], today: [{ id: 'x' }], next7Days: [] });
    expect(b.today).toHaveLength(1);
  });
});

describe('config', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('defaults to the local issuer on the same origin and a 15-minute idle timeout', () => {
    const c = defaultConfig();
    expect(c).toMatchObject({
      clientId: 'oneroof-staff-console',
      authorizeUrl: '/auth/authorize',
      tokenUrl: '/auth/token',
      logoutUrl: '/auth/logout',
      idleMinutes: 15,
    });
  });

  /** The console served from an https origin reads this config file over its defaults. */
  const fromFile = (file: Record<string, unknown>) => {
    vi.stubGlobal('location', { origin: 'https://oneroof.example' });
    return mergeConfig(defaultConfig(), file);
  };

  it('takes https endpoints and an auth base from the config file, refuses plain-http elsewhere and bad values', () => {
    const c = fromFile({
      clientId: 'abc123',
      authorizeUrl: 'https://login.example/oauth2/authorize',
      tokenUrl: 'http://evil.example/token',
      logoutUrl: 'https://login.example/logout',
      idleMinutes: 100000,
      alertPollSeconds: 'x',
    });
    expect(c.clientId).toBe('abc123');
    expect(c.authorizeUrl).toBe('https://login.example/oauth2/authorize');
    expect(c.tokenUrl).toBe('/auth/token');
    expect(c.logoutUrl).toBe('https://login.example/logout');
    expect(c.idleMinutes).toBe(15);
    expect(c.alertPollSeconds).toBe(5);
    expect(fromFile({ authBase: 'https://id.example/base/' }).tokenUrl).toBe('https://id.example/base/token');
  });

  it('reads the auth-config.json infra/aws deploys: Cognito hosted-UI endpoints from the domain, the JWT issuer ignored', () => {
    const domain = 'https://oneroof-staff.auth.eu-west-1.amazoncognito.com';
    const issuer = 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_abc';
    const c = fromFile({ region: 'eu-west-1', userPoolId: 'eu-west-1_abc', clientId: '5abcdefghij', domain, issuer });
    expect(c).toMatchObject({
      clientId: '5abcdefghij',
      authorizeUrl: `${domain}/oauth2/authorize`,
      tokenUrl: `${domain}/oauth2/token`,
      logoutUrl: `${domain}/logout`,
    });
    expect(Object.values(c)).not.toContain(issuer);
  });
});

describe('hash router', () => {
  it('reads segments and a query, decoding ids', () => {
    const loc = parseHash('#/cases/CASE%201?x=1');
    expect(loc.segments).toEqual(['cases', 'CASE 1']);
    expect(loc.query.get('x')).toBe('1');
    expect(parseHash('').segments).toEqual([]);
  });
});

describe('DASH-style checklist', () => {
  it.each([
    [0, 'standard'],
    [9, 'standard'],
    [10, 'medium'],
    [13, 'medium'],
    [14, 'high'],
    [24, 'high'],
  ] as const)('%i yes → %s', (yes, level) => {
    expect(dashRisk(yes)).toBe(level);
  });

  it('lets judgement raise the level but never lower it', () => {
    expect(allowedLevels('medium')).toEqual(['medium', 'high']);
    expect(finalRisk('standard', 'high')).toBe('high');
    expect(finalRisk('high', 'standard')).toBe('high');
    expect(finalRisk('medium', undefined)).toBe('medium');
    expect(DASH_QUESTIONS).toHaveLength(24);
  });
});
