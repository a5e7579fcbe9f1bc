import { randomUUID } from 'node:crypto';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Context } from 'aws-lambda';
import { functions, timeoutOf, type FunctionDecl, type FunctionName } from '../../shared/functions.js';

/**
 * Loads a declared function's entry (shared/functions.ts) and calls its exported `handler`, as Lambda
 * would: one module instance per function, loaded on first use (the "cold start"), with a Lambda-like
 * context. The environment must be set before the first call (handlers read config at module load).
 */
export type Handler = (event: unknown, context: Context) => Promise<unknown>;

export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

const loaded = new Map<FunctionName, Promise<Handler>>();

export function loadHandler(name: FunctionName): Promise<Handler> {
  let pending = loaded.get(name);
  if (!pending) {
    pending = import(pathToFileURL(join(repoRoot, functions[name].entry)).href).then((mod: { handler?: unknown }) => {
      if (typeof mod.handler !== 'function') throw new Error(`${functions[name].entry} does not export a handler`);
      return mod.handler as Handler;
    });
    // A module that failed to load (e.g. missing config) is retried on the next call.
    pending.catch(() => loaded.delete(name));
    loaded.set(name, pending);
  }
  return pending;
}

export function lambdaContext(name: FunctionName): Context {
  const decl: FunctionDecl = functions[name];
  const deadline = Date.now() + timeoutOf(name) * 1000;
  const functionName = `oneroof-local-${name}`;
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:eu-west-1:000000000000:function:${functionName}`,
    memoryLimitInMB: String(decl.memoryMb ?? 256),
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: 'local',
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

export async function invoke(name: FunctionName, event: unknown): Promise<unknown> {
  const handler = await loadHandler(name);
  return handler(event, lambdaContext(name));
}
