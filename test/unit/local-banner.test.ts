import { describe, expect, it } from 'vitest';
import { banner } from '../../infra/local/banner.js';
import { DEV_PREFIX } from '../../infra/local/dev-routes.js';

const stack = {
  url: 'http://127.0.0.1:5351',
  staffUrl: 'http://127.0.0.1:5352',
  issuer: { url: 'http://127.0.0.1:5351/auth' },
  dynamoEndpoint: 'http://127.0.0.1:8000',
  tableName: 'oneroof-local',
  seed: undefined,
  pwa: { root: 'dist/pwa', built: true },
};

describe('the npm start banner', () => {
  it('lists every local-only page a developer opens: SNS messages, dead letters, the push inbox, the clock', () => {
    const text = banner(stack, { dataDir: '.data/x' });
    const addresses = new Set(text.split(/\s+/));
    for (const page of ['notifications', 'dead-letters', 'push', 'clock']) expect(addresses, page).toContain(`${stack.url}${DEV_PREFIX}${page}`);
    expect(text).toContain(`${stack.staffUrl}/staff/`);
    expect(text).toContain('.data/x');
  });
});
