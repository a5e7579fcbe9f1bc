let n = 0;

/** A valid POST /api/cases body (a fresh victim reference each call); overrides change or add fields. */
export function caseBody(zone: string, overrides: Record<string, unknown> = {}) {
  return {
    victimRef: `V-${Date.now()}-${n++}`,
    zone,
    interventionDate: '2026-01-10',
    kind: 'physical',
    children: true,
    substanceAbuse: false,
    victimGender: 'female',
    aggressorGender: 'male',
    dashYes: [],
    ...overrides,
  };
}
