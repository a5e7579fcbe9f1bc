import type { StaffRole } from './roles.js';

/**
 * Identity facts shared by the CDK stack (Cognito) and the local stack (local token issuer).
 * Access tokens have Cognito's shape: sub, iss, client_id, token_use "access", scope, exp, iat,
 * username, cognito:groups (the staff roles).
 */
export const identity = {
  /** Cognito resource server identifier; the monitoring scope is `${resourceServer}/monitoring.events`. */
  resourceServer: 'oneroof',
  /** Local issuer's client ids (in AWS the Cognito app client ids, passed to the authorizer as audience). */
  localClients: {
    staffConsole: 'oneroof-staff-console',
    monitoring: 'oneroof-monitoring',
  },
  /** Local issuer mount point on the local gateway (JWKS at `/auth/.well-known/jwks.json`). */
  localIssuerPath: '/auth',
  /** Access (and ID) token lifetime: short, renewed with a rotating refresh token. */
  accessTokenMinutes: 15,
  /** Refresh token lifetime from sign-in (one shift): after it, staff sign in again. */
  refreshTokenHours: 10,
} as const;

export interface DemoUser {
  username: string;
  displayName: string;
  roles: StaffRole[];
  /** The police zone they work in (shared/zones-list.ts). */
  zone: string;
  /** The districts they cover within it (police: alerts; officers: their patch). */
  districts: readonly string[];
  /** A partner worker's organisation (shared/partners.ts). */
  partner?: string;
}

/** Demo staff users, seeded in the local stack only (password `demo`), one or more per role. */
export const demoUsers: readonly DemoUser[] = [
  { username: 'olivia.officer', displayName: 'Olivia (officer)', roles: ['officer'], zone: 'ruppel', districts: ['boom', 'niel'] },
  { username: 'omar.officer', displayName: 'Omar (officer)', roles: ['officer'], zone: 'ruppel', districts: ['rumst', 'schelle'] },
  {
    username: 'paula.police',
    displayName: 'Paula (police)',
    roles: ['police'],
    zone: 'ruppel',
    districts: ['aartselaar', 'boom', 'hemiksem', 'niel', 'rumst', 'schelle'],
  },
  { username: 'chris.coordinator', displayName: 'Chris (FJC coordinator)', roles: ['coordinator'], zone: 'ruppel', districts: [] },
  { username: 'alex.authority', displayName: 'Alex (authority)', roles: ['authority'], zone: 'ruppel', districts: [] },
  { username: 'sam.supervisor', displayName: 'Sam (supervisor)', roles: ['supervisor', 'officer'], zone: 'ruppel', districts: [] },
  { username: 'dina.director', displayName: 'Dina (FJC case director)', roles: ['case_director'], zone: 'ruppel', districts: [] },
  {
    username: 'wanda.womensaid',
    displayName: 'Wanda (women’s aid)',
    roles: ['partner'],
    zone: 'ruppel',
    districts: [],
    partner: 'vrouwenhulp-rupel',
  },
  { username: 'yara.youthcare', displayName: 'Yara (youth care)', roles: ['partner'], zone: 'ruppel', districts: [], partner: 'jeugdhulp-antwerpen' },
  {
    username: 'pieter.programme',
    displayName: 'Pieter (perpetrator programme)',
    roles: ['partner'],
    zone: 'ruppel',
    districts: [],
    partner: 'context-daderhulp',
  },
  { username: 'hilde.housing', displayName: 'Hilde (housing)', roles: ['partner'], zone: 'ruppel', districts: [], partner: 'sociaal-huis-boom' },
  { username: 'jan.justicehouse', displayName: 'Jan (justice house)', roles: ['partner'], zone: 'ruppel', districts: [], partner: 'justitiehuis-mechelen' },
];

/**
 * The groups a user's access token carries: the roles, then `zone:<id>` and `district:<id>`
 * (shared/zones-list.ts), and a partner worker's `partner:<id>` (shared/partners.ts).
 */
export function groupsOf(user: Pick<DemoUser, 'roles' | 'zone' | 'districts' | 'partner'>): string[] {
  return [...user.roles, `zone:${user.zone}`, ...user.districts.map((d) => `district:${d}`), ...(user.partner ? [`partner:${user.partner}`] : [])];
}

/** The demo police zone. */
export const DEMO_ZONE = 'ruppel';
