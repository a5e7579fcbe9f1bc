import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient, GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, LOCAL_AWS_ENV } from '../../infra/local/dynamodb.js';
import { repoRoot } from '../../infra/local/handlers.js';
import { PWA_ROOT } from '../../infra/local/stack.js';
import { localStaffPort } from '../../shared/web-origins.js';

/**
 * `npm start` for real: the local stack as a child process on a free port with a fresh data folder.
 * It answers, refuses what it must, stops on SIGINT with its Java child, and keeps its data across a
 * restart on the same folder.
 */
interface Running {
  child: ChildProcess;
  output: () => string;
  url: string;
  /** The staff origin: the console, the local issuer and the staff API. */
  staffUrl: string;
  dynamoEndpoint: string;
}

const tsxCli = join(repoRoot, 'node_modules', 'tsx', 'dist', 'cli.mjs');
const pwaBuilt = existsSync(join(PWA_ROOT, 'index.html'));
let dataDir: string;
let port: number;
let first: Running | undefined;

async function start(): Promise<Running> {
  let out = '';
  // The tsx CLI relays SIGINT to the Node process running main.ts, as a terminal's Ctrl-C would reach it.
  const child = spawn(process.execPath, [tsxCli, 'infra/local/main.ts'], {
    cwd: repoRoot,
    env: { ...process.env, PORT: String(port), DATA_DIR: dataDir, BUILD_PWA: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`The local stack exited with ${child.exitCode}:\n${out}`);
    const res = await fetch(`${url}/api/health`).catch(() => undefined);
    if (res?.status === 200 && /DynamoDB Local\s+(http:\S+)/.test(out)) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`The local stack did not answer /api/health within 90 s:\n${out}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  const dynamoEndpoint = (/DynamoDB Local\s+(http:\S+)/.exec(out) as RegExpExecArray)[1] as string;
  return { child, output: () => out, url, staffUrl: `http://127.0.0.1:${localStaffPort(port)}`, dynamoEndpoint };
}

async function stopWithSigint(running: Running): Promise<number | null> {
  const exited = new Promise<number | null>((resolve) => running.child.once('exit', (code) => resolve(code)));
  running.child.kill('SIGINT');
  const timeout = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), 30_000).unref());
  const result = await Promise.race([exited, timeout]);
  if (result === 'timeout') {
    running.child.kill('SIGKILL');
    throw new Error(`The local stack did not stop within 30 s of SIGINT:\n${running.output()}`);
  }
  return result;
}

async function answers(url: string): Promise<boolean> {
  return fetch(url, { signal: AbortSignal.timeout(2_000) }).then(
    () => true,
    () => false,
  );
}

const dynamo = (endpoint: string) =>
  new DynamoDBClient({ endpoint, region: LOCAL_AWS_ENV.AWS_REGION, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'oneroof-smoke-'));
  port = await freePort();
  first = await start();
});

afterAll(async () => {
  if (first?.child.exitCode === null) first.child.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

describe('local stack (npm start)', () => {
  it('serves /api/health with the version and prints what it serves', async () => {
    const res = await fetch(`${first!.url}/api/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'ok', version: expect.stringMatching(/^\d+\.\d+\.\d+/) });
    expect(first!.output()).toContain(`Staff console      ${first!.staffUrl}/staff/`);
    expect(first!.output()).toContain('npm run token');
    // The banner names where the monitoring client's secret is, never the secret (terminals are logged).
    const secret = readFileSync(join(dataDir, 'keys', 'monitoring-secret'), 'utf8').trim();
    expect(secret.length).toBeGreaterThan(16);
    expect(first!.output()).not.toContain(secret);
  });

  it('answers an unknown route with 404 JSON and a wrong method with 405', async () => {
    const notFound = await fetch(`${first!.url}/api/no-such-thing`);
    expect(notFound.status).toBe(404);
    expect(notFound.headers.get('content-type')).toMatch(/application\/json/);
    expect(await notFound.json()).toMatchObject({ error: 'not_found' });
    const wrongMethod = await fetch(`${first!.url}/api/health`, { method: 'DELETE' });
    expect(wrongMethod.status).toBe(405);
  });

  it('refuses a staff route without a token (401 JSON)', async () => {
    const res = await fetch(`${first!.staffUrl}/api/cases`);
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ error: 'unauthorized' });
  });

  it('keeps staff routes off the victim origin (the unknown path’s 404, not a 401 that names the route)', async () => {
    const res = await fetch(`${first!.url}/api/cases`);
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ error: 'not_found' });
  });

  it.skipIf(!pwaBuilt)('serves the PWA shell at / with the security headers (skipped when dist/pwa is not built)', async () => {
    const res = await fetch(`${first!.url}/`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/html/);
    expect(res.headers.get('cache-control')).toBe('no-cache');
    expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(await res.text()).toMatch(/<html/i);
  });

  it('stops on SIGINT, Java child included, and keeps its data across a restart', async () => {
    const running = first!;
    const client = dynamo(running.dynamoEndpoint);
    const key = { pk: { S: 'SMOKE#restart' }, sk: { S: 'SMOKE' } };
    await client.send(new PutItemCommand({ TableName: 'oneroof', Item: { ...key, note: { S: 'written before the restart' } } }));
    client.destroy();

    expect(await stopWithSigint(running)).toBe(0);
    expect(await answers(`${running.url}/api/health`)).toBe(false);
    expect(await answers(`${running.staffUrl}/api/health`)).toBe(false);
    expect(await answers(running.dynamoEndpoint)).toBe(false); // DynamoDB Local (Java) is gone too

    const second = await start();
    try {
      const again = dynamo(second.dynamoEndpoint);
      const item = await again.send(new GetItemCommand({ TableName: 'oneroof', Key: key, ConsistentRead: true }));
      again.destroy();
      expect(item.Item?.note?.S).toBe('written before the restart');
      expect((await fetch(`${second.url}/api/health`)).status).toBe(200);
    } finally {
      expect(await stopWithSigint(second)).toBe(0);
    }
    expect(await answers(second.dynamoEndpoint)).toBe(false);
  });
});
