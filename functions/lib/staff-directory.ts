import { demoUsers } from '../../shared/identity.js';
import type { StaffRole } from '../../shared/roles.js';

/** One staff member as the directory knows them (no contact details: the console needs none). */
export interface StaffMember {
  username: string;
  displayName: string;
  roles: StaffRole[];
  zone: string;
  districts: string[];
  /** Enabled and confirmed: can sign in and act now. */
  active: boolean;
}

/**
 * The staff directory (a port): who can own a follow-up. In AWS, Cognito's ListUsersInGroup on the
 * `officer` and `zone:<id>` groups (adapter not wired yet: it needs `@aws-sdk/client-cognito-identity-provider`);
 * locally, the demo users the local issuer signs in.
 */
export interface StaffDirectory {
  /** Active officers of a zone. */
  officersOfZone(zone: string): Promise<StaffMember[]>;
}

export class DemoStaffDirectory implements StaffDirectory {
  constructor(private readonly users = demoUsers) {}

  async officersOfZone(zone: string): Promise<StaffMember[]> {
    return this.users
      .filter((u) => u.roles.includes('officer') && u.zone === zone)
      .map((u) => ({ username: u.username, displayName: u.displayName, roles: [...u.roles], zone: u.zone, districts: [...u.districts], active: true }));
  }
}

/** Where no directory is configured, nobody can be chosen: an assignment is refused, never accepted blindly. */
export class NoStaffDirectory implements StaffDirectory {
  async officersOfZone(): Promise<StaffMember[]> {
    return [];
  }
}

/** `STAFF_DIRECTORY=demo` (the local stack and tests) or none. */
export function staffDirectoryFromEnv(value = process.env.STAFF_DIRECTORY): StaffDirectory {
  if (value === 'demo') return new DemoStaffDirectory();
  if (value === undefined || value.trim() === '') return new NoStaffDirectory();
  throw new Error(`STAFF_DIRECTORY must be "demo" or unset, got "${value}"`);
}
