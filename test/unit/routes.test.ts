import { describe, expect, it } from 'vitest';
import { functions } from '../../shared/functions.js';
import { matchRoute, routeKey, routes } from '../../shared/routes.js';
import { schedules, streamConsumers, UNTIL_DELIVERED } from '../../shared/schedules.js';
import { STAFF_ROLES } from '../../shared/roles.js';

describe('route table', () => {
  it('declares each method + path once', () => {
    const keys = routes.map(routeKey);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('sends every route to a declared function and keeps every path under /api/', () => {
    for (const r of routes) {
      expect(functions).toHaveProperty(r.function);
      expect(r.path.startsWith('/api/')).toBe(true);
    }
  });

  it('gives every non-public route at least one known role or a scope: nothing is reachable by default', () => {
    for (const r of routes.filter((x) => x.access.kind !== 'public')) {
      if (r.access.kind === 'staff') {
        expect(r.access.roles.length, routeKey(r)).toBeGreaterThan(0);
        for (const role of r.access.roles) expect(STAFF_ROLES).toContain(role);
      }
      if (r.access.kind === 'machine') expect(r.access.scope).toMatch(/\w+\/\w+/);
    }
  });

  it('keeps personal data out of paths: PINs and codes travel in headers or bodies', () => {
    // No value of that kind in a path; `protection-code` (and `victim-code`) is the name of a resource (its value is in the answer body).
    for (const r of routes) expect(r.path.replace(/\/(protection|duress|victim)-code$/, '')).not.toMatch(/pin|code|phone|name/i);
  });

  it('matches literal segments before parameters and extracts decoded parameters', () => {
    const m = matchRoute('GET', '/api/services/svc%201/slots');
    expect(m).toMatchObject({ kind: 'found', route: { path: '/api/services/{id}/slots' }, pathParameters: { id: 'svc 1' } });
    expect(matchRoute('GET', '/api/staff/bookings')).toMatchObject({ kind: 'found', route: { path: '/api/staff/bookings' } });
  });

  it('tells a wrong method (405 with the allowed ones) from an unknown path (404)', () => {
    expect(matchRoute('DELETE', '/api/health')).toEqual({ kind: 'method-not-allowed', allowed: ['GET'] });
    expect(matchRoute('GET', '/api/nothing/here')).toEqual({ kind: 'not-found' });
    expect(matchRoute('GET', '/api/health/')).toEqual({ kind: 'not-found' });
  });
});

describe('schedules and stream consumers', () => {
  it('point at declared functions with sane rates', () => {
    for (const s of schedules) {
      expect(functions).toHaveProperty(s.function);
      expect(s.everyMinutes).toBeGreaterThanOrEqual(1);
    }
    for (const c of streamConsumers) {
      expect(functions).toHaveProperty(c.function);
      // A finite budget, or none at all (retried until delivered); never 0 (one failure would drop it).
      expect(c.retryAttempts === UNTIL_DELIVERED || c.retryAttempts > 0).toBe(true);
      expect(c.eventNames.length).toBeGreaterThan(0);
    }
  });
});

describe('matchRoute and bad escapes', () => {
  it('refuses a malformed %-escape in a path parameter with a ValidationError naming it', () => {
    for (const [path, field] of [
      ['/api/services/%E0%A4%A', 'id'],
      ['/api/bookings/%', 'reference'],
      ['/api/cases/C-1/followups/%/complete', 'followupId'],
    ] as const) {
      expect(() => matchRoute(path.includes('complete') ? 'POST' : 'GET', path)).toThrow(expect.objectContaining({ status: 400, field }));
    }
    expect(matchRoute('GET', '/api/services/caf%C3%A9')).toMatchObject({ kind: 'found', pathParameters: { id: 'café' } });
  });
});
