import { defineConfig } from 'vitest/config';
import preact from '@preact/preset-vite';

// The SDK's Node 20 end-of-support notice is known (see README); keep test output readable.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

/**
 * Three projects, all run by `npm test`:
 * - unit: pure rules, adapters with aws-sdk-client-mock, PWA components (happy-dom);
 * - integration: handlers and repositories against a real DynamoDB Local (global setup) and the local SNS;
 * - infra: CDK assertions and cdk-nag, plus the local-stack smoke test.
 * Browser tests (Playwright on Debian's Chromium) run after, from playwright.config.ts.
 */
export default defineConfig({
  test: {
    projects: [
      {
        plugins: [preact()],
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.{ts,tsx}', 'pwa/src/**/*.test.{ts,tsx}', 'shared/**/*.test.ts'],
          environment: 'node',
          // Property tests run hundreds of cases; on two shared cores beside DynamoDB Local that takes seconds.
          testTimeout: 20_000,
        },
      },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          globalSetup: ['test/setup/dynamodb.ts'],
          setupFiles: ['test/setup/encryption-sdk.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
          fileParallelism: false,
        },
      },
      {
        test: {
          name: 'infra',
          include: ['test/infra/**/*.test.ts', 'test/smoke/**/*.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
