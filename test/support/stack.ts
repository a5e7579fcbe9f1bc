import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { startLocalStack, type LocalStack, type LocalStackOptions } from '../../infra/local/stack.js';
import type { Invocation } from './invoke.js';

/**
 * The local stack in-process for an integration test: on a free port, against the test run's DynamoDB
 * Local and table, in a fresh data folder (the caller removes it), unseeded, without building the PWA.
 */
export async function startTestStack(name: string, options: Partial<LocalStackOptions> = {}): Promise<{ stack: LocalStack; dataDir: string }> {
  const dataDir = mkdtempSync(join(tmpdir(), `oneroof-${name}-`));
  const stack = await startLocalStack({
    port: 0,
    dataDir,
    quiet: true,
    dynamoEndpoint: process.env.AWS_ENDPOINT_URL_DYNAMODB as string,
    tableName: process.env.TABLE_NAME as string,
    background: false,
    seed: false,
    buildPwa: false,
    ...options,
  });
  return { stack, dataDir };
}

/**
 * The stack for one test file: started before its tests (and handed to `use`), stopped after them, its
 * data folder removed.
 */
export function stackForFile(name: string, options: Partial<LocalStackOptions>, use: (stack: LocalStack) => void): void {
  let started: { stack: LocalStack; dataDir: string } | undefined;
  beforeAll(async () => {
    started = await startTestStack(name, options);
    use(started.stack);
  });
  afterAll(async () => {
    await started?.stack.stop();
    if (started) rmSync(started.dataDir, { recursive: true, force: true });
  });
}

/**
 * A JSON request to a running stack through its real gateway, on the origin that serves the route
 * (`urlFor`), optionally with a bearer token; an empty body reads as undefined.
 */
export async function stackCall(
  stack: LocalStack,
  path: string,
  init: { method?: string; token?: string; body?: unknown } = {},
): Promise<{ status: number; json: Invocation['json'] }> {
  const method = init.method ?? 'GET';
  const res = await fetch(`${stack.urlFor(method, path)}${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...(init.token ? { authorization: `Bearer ${init.token}` } : {}) },
    ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
  });
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : undefined };
}
