import { afterEach, describe, expect, it, vi } from 'vitest';

/** The SDK clients' credentials: the environment's in Lambda (never the default chain), the default chain elsewhere. */
const saved = { ...process.env };
afterEach(() => {
  process.env = { ...saved };
  vi.resetModules();
});

describe('clientCredentials', () => {
  it('in Lambda: the role credentials the runtime put in the environment', async () => {
    Object.assign(process.env, {
      AWS_LAMBDA_FUNCTION_NAME: 'oneroof-monitoring',
      AWS_ACCESS_KEY_ID: 'AKIDLAMBDA',
      AWS_SECRET_ACCESS_KEY: 'secret',
      AWS_SESSION_TOKEN: 'token',
    });
    const { clientCredentials } = await import('../../functions/lib/credentials.js');
    expect(clientCredentials.credentials).toBeTypeOf('function');
    await expect(clientCredentials.credentials?.()).resolves.toMatchObject({ accessKeyId: 'AKIDLAMBDA', secretAccessKey: 'secret', sessionToken: 'token' });
  });

  it('outside Lambda (local stack, tests): nothing set, so the SDK keeps its default chain', async () => {
    delete process.env.AWS_LAMBDA_FUNCTION_NAME;
    const { clientCredentials } = await import('../../functions/lib/credentials.js');
    expect(clientCredentials).toEqual({});
  });
});
