import { rmSync } from 'node:fs';
import type { LocalStack } from '../../infra/local/stack.js';
import { loadIssuerKeys, mintAccessToken } from '../../infra/local/tokens.js';
import { DEMO_ZONE } from '../../shared/identity.js';
import { STAFF_ROLES, type StaffRole } from '../../shared/roles.js';
import { startTestStack } from './stack.js';
import { districtsOfZone } from '../../shared/zones-list.js';

/**
 * The local stack in-process against the test run's DynamoDB Local (no background timers, no seed),
 * with one access token per staff role (a user holding only that role) and the monitoring client's.
 * Requests go through the real gateway: token verification, event building, the real handlers.
 */
export interface LocalApi {
  stack: LocalStack;
  /** Token for a staff role, or 'monitoring' for the provider's client. */
  token(who: StaffRole | 'monitoring'): string;
  /** Token for a staff role working in another zone (tests that keep their data apart by zone). */
  tokenIn(role: StaffRole, zone: string): Promise<string>;
  call(method: string, path: string, init?: { token?: string; body?: string | unknown; headers?: Record<string, string> }): Promise<Response>;
  stop(): Promise<void>;
}

export async function startLocalApi(name: string): Promise<LocalApi> {
  const { stack, dataDir } = await startTestStack(name);
  const keys = await loadIssuerKeys(dataDir);
  const tokens = new Map<string, string>();
  for (const role of STAFF_ROLES) {
    const user = { username: `${name}-${role}`, displayName: role, roles: [role], zone: DEMO_ZONE, districts: districtsOfZone(DEMO_ZONE) };
    tokens.set(role, await mintAccessToken(keys, { kind: 'user', user }, { issuer: stack.issuer.url }));
  }
  tokens.set('monitoring', await stack.issuer.tokenFor('monitoring'));
  return {
    stack,
    token: (who) => tokens.get(who) as string,
    tokenIn: (role, zone) =>
      mintAccessToken(
        keys,
        { kind: 'user', user: { username: `${name}-${role}`, displayName: role, roles: [role], zone, districts: [] } },
        { issuer: stack.issuer.url },
      ),
    call: (method, path, init = {}) => {
      const headers = new Headers(init.headers);
      if (init.token) headers.set('authorization', `Bearer ${init.token}`);
      let body: string | undefined;
      if (init.body !== undefined) {
        body = typeof init.body === 'string' ? init.body : JSON.stringify(init.body);
        if (!headers.has('content-type')) headers.set('content-type', 'application/json');
      }
      return fetch(`${stack.urlFor(method, path)}${path}`, { method, headers, redirect: 'manual', ...(body !== undefined ? { body } : {}) });
    },
    stop: async () => {
      await stack.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
