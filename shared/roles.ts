/**
 * Staff roles are Cognito groups; `monitoring` is a machine client with an OAuth scope.
 * `partner` is a partner worker of one FJC partner organisation (group `partner:<id>`, shared/partners.ts);
 * `case_director` is FJC staff who holds a family's case.
 */
export const STAFF_ROLES = ['officer', 'police', 'coordinator', 'authority', 'supervisor', 'partner', 'case_director'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

/** The scope the electronic-monitoring provider's client-credentials client is granted. */
export const MONITORING_SCOPE = 'oneroof/monitoring.events';

export function isStaffRole(value: string): value is StaffRole {
  return (STAFF_ROLES as readonly string[]).includes(value);
}
