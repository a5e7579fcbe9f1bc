import { describe, expect, it } from 'vitest';
import { principalFrom } from '../../functions/lib/auth.js';
import { apiEvent } from '../support/events.js';

describe('only access tokens identify a caller', () => {
  const claims = { sub: 'sub-1', username: 'paula.police', 'cognito:groups': '[police]', client_id: 'staff-console' };
  it('an ID token (token_use id, or none) passed by the JWT authorizer is no principal', () => {
    expect(principalFrom(apiEvent({ method: 'GET', path: '/api/alerts', claims: { ...claims, token_use: 'access' } }))?.roles).toEqual(['police']);
    expect(principalFrom(apiEvent({ method: 'GET', path: '/api/alerts', claims: { ...claims, token_use: 'id', aud: 'staff-console' } }))).toBeNull();
    expect(principalFrom(apiEvent({ method: 'GET', path: '/api/alerts', claims }))).toBeNull();
  });
});
