/** Section 1: every declared Lambda bundled as the CDK construct bundles it; size and cold import time. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build, type Metafile } from 'esbuild';
import { LAMBDA_BUNDLING } from '../../infra/aws/bundling.js';
import { functions } from '../../shared/functions.js';
import { PERSONAL_DATA_KEY_ENV } from '../../shared/personal-data.js';
import { AUDIT_DIGEST_BUCKET_ENV } from '../../shared/schedules.js';
import { secrets } from '../../shared/secrets.js';
import { topics } from '../../shared/topics.js';
import { errText, json, kb, ms, QUICK, ROOT, rows } from '../context.js';
import { median } from '../stats.js';

const dummyEnv = (): NodeJS.ProcessEnv => {
  // AWS_LAMBDA_FUNCTION_NAME: the clients take the environment's credentials, as in Lambda (functions/lib/credentials.ts).
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    TABLE_NAME: 'bench-table',
    AWS_REGION: 'eu-west-1',
    AWS_ACCESS_KEY_ID: 'x',
    AWS_SECRET_ACCESS_KEY: 'x',
    AWS_LAMBDA_FUNCTION_NAME: 'bench',
  };
  for (const t of Object.values(topics) as { envVar: string }[]) env[t.envVar] = 'arn:aws:sns:eu-west-1:000000000000:bench';
  // What CDK sets in AWS, where the functions fail fast without it (no local-stack fallbacks at import).
  for (const s of Object.values(secrets) as { envVar: string }[]) env[s.envVar] = `arn:aws:secretsmanager:eu-west-1:000000000000:secret:bench-${s.envVar}`;
  env[PERSONAL_DATA_KEY_ENV] = 'arn:aws:kms:eu-west-1:000000000000:key/00000000-0000-0000-0000-000000000000';
  env[AUDIT_DIGEST_BUCKET_ENV] = 'bench-audit-digests';
  return env;
};

/** The biggest contributors to a bundle, grouped by npm package (or "own code"). */
function topInputs(meta: Metafile, out: string): string {
  const output = Object.entries(meta.outputs).find(([k]) => k.endsWith('.mjs') && k.includes(out))?.[1];
  if (!output) return '';
  const byPkg = new Map<string, number>();
  for (const [path, { bytesInOutput }] of Object.entries(output.inputs)) {
    const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path);
    const key = m?.[1] ?? 'own code';
    byPkg.set(key, (byPkg.get(key) ?? 0) + bytesInOutput);
  }
  return [...byPkg.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 3)
    .map(([k, v]) => `${k} ${kb(v)}`)
    .join(', ');
}

interface BundleFigures {
  bytes: number;
  gzip: number;
  importMs: number;
  top: string;
}

/** Bundles one entry exactly as the CDK construct does and times `import()` in fresh node processes. */
async function measureBundle(entry: string, outfile: string, runs: number): Promise<BundleFigures & { times: number[] }> {
  const result = await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    format: 'esm',
    target: LAMBDA_BUNDLING.target,
    platform: 'node',
    mainFields: LAMBDA_BUNDLING.mainFields,
    minify: LAMBDA_BUNDLING.minify,
    sourcemap: LAMBDA_BUNDLING.sourceMap ? 'external' : false,
    sourcesContent: LAMBDA_BUNDLING.sourcesContent,
    banner: { js: LAMBDA_BUNDLING.banner },
    external: LAMBDA_BUNDLING.externalModules,
    nodePaths: [join(ROOT, 'node_modules')],
    metafile: true,
    logLevel: 'silent',
  });
  const code = readFileSync(outfile);
  const times: number[] = [];
  const probe = `const t=performance.now();await import(${JSON.stringify(pathToFileURL(outfile).href)});console.log(performance.now()-t);`;
  for (let i = 0; i < runs; i++) {
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', probe], { env: dummyEnv(), encoding: 'utf8', timeout: 30_000 });
    if (r.status !== 0) {
      // Node prints the failing source line first; the error's own line is the one that names it.
      const lines = (r.stderr || '').split('\n');
      const reason = lines.find((l) => /^\w*Error\b|^\w+: /.test(l)) ?? lines.find((l) => l.trim()) ?? String(r.status);
      throw new Error(`import failed: ${reason}`);
    }
    times.push(Number(r.stdout.trim()));
  }
  return {
    bytes: code.length,
    gzip: gzipSync(code).length,
    importMs: median(times),
    times,
    top: topInputs(result.metafile ?? { inputs: {}, outputs: {} }, outfile.split('/').slice(-2).join('/')),
  };
}

export const FLOOR = 'ref: handler floor (document client, middy, Powertools Logger + Metrics, zod)';
export const FLOOR_MINI = 'ref: handler floor with zod/mini';
export const FLOOR_SEALING = 'ref: handler floor + Encryption SDK (KMS keyring)';

const HANDLER_FLOOR = `import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import middy from '@middy/core';
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import * as z from 'zod';
export const dynamo = DynamoDBDocumentClient.from(new DynamoDBClient({}));
export const logger = new Logger({ serviceName: 'bench' });
export const metrics = new Metrics({ namespace: 'bench', serviceName: 'bench' });
export const schema = z.strictObject({ a: z.string().min(1), b: z.number() });
export const handler = middy().handler(async () => schema.parse({ a: 'x', b: 1 }));
`;
const ENCRYPTION_SDK = `import { buildClient, CommitmentPolicy, KmsKeyringNode } from '@aws-crypto/client-node';
export const client = buildClient(CommitmentPolicy.REQUIRE_ENCRYPT_REQUIRE_DECRYPT);
export const keyring = new KmsKeyringNode({ generatorKeyId: 'arn:aws:kms:eu-west-1:000000000000:key/00000000-0000-0000-0000-000000000000' });
`;

/**
 * Reference bundles: what a handler cannot go below while it uses these libraries as bundled today
 * (same bundling definition). They explain the handlers over budget.
 */
const REFERENCES = {
  'ref: DynamoDB client alone': "import { DynamoDBClient } from '@aws-sdk/client-dynamodb';\nexport const client = new DynamoDBClient({});\n",
  'ref: zod alone (one schema)': "import * as z from 'zod';\nexport const schema = z.strictObject({ a: z.string().min(1), b: z.number() });\n",
  // Measured before any schema moves to it: zod/mini keeps the same issues and paths, in a smaller core.
  'ref: zod/mini alone (one schema)':
    "import * as z from 'zod/mini';\nexport const schema = z.strictObject({ a: z.string().check(z.minLength(1)), b: z.number() });\n",
  'ref: empty module': 'export const nothing = 0;\n',
  // What every handler carries by the house rules, before its own code: the floor of the ratio.
  [FLOOR]: HANDLER_FLOOR,
  [FLOOR_MINI]: HANDLER_FLOOR.replace("from 'zod'", "from 'zod/mini'").replace('z.string().min(1)', 'z.string().check(z.minLength(1))'),
  // A function declared with personalData also carries the Encryption SDK and its KMS keyring.
  [FLOOR_SEALING]: `${HANDLER_FLOOR}${ENCRYPTION_SDK}`,
} as const;

export async function bundles(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'oneroof-bench-bundles-'));
  const runs = QUICK ? 3 : 7;
  const out: Record<string, unknown> = {};
  const coldStart: Record<string, number> = {};
  const budget = '≤ 150 KB, ≤ 60 ms';
  try {
    const refs: Record<string, BundleFigures> = {};
    for (const [name, code] of Object.entries(REFERENCES)) {
      try {
        const src = join(dir, `${name.replace(/\W+/g, '-')}.ts`);
        writeFileSync(src, code);
        const f = await measureBundle(src, join(dir, name.replace(/\W+/g, '-'), 'index.mjs'), runs);
        refs[name] = f;
        out[name] = f;
      } catch (e) {
        rows.push({ section: '1 Lambda bundle', item: name, result: errText(e) });
      }
    }
    const ddb = refs['ref: DynamoDB client alone'];
    const zod = refs['ref: zod alone (one schema)'];
    for (const [name, decl] of Object.entries(functions) as [string, { entry: string }][]) {
      try {
        const f = await measureBundle(join(ROOT, decl.entry), join(dir, name, 'index.mjs'), runs);
        const over = f.bytes > 150 * 1024 || f.importMs > 60;
        const why: string[] = [];
        if (over && ddb && f.top.includes('@smithy/core'))
          why.push(
            `needs more: it bundles the AWS SDK v3 on purpose (infra/aws/bundling.ts); the DynamoDB client alone is ${kb(ddb.bytes)} / ${ms(ddb.importMs)}`,
          );
        if (over && zod && f.top.includes('zod')) why.push(`zod alone ${kb(zod.bytes)} / ${ms(zod.importMs)}`);
        rows.push({
          section: '1 Lambda bundle',
          item: name,
          result: `${kb(f.bytes)} min, ${kb(f.gzip)} gzip, import ${ms(f.importMs)}${over ? ' **OVER BUDGET**' : ''}`,
          budget,
          note: `largest: ${f.top}${why.length ? `. ${why.join('; ')}` : ''}`,
        });
        out[name] = { bytes: f.bytes, gzip: f.gzip, importMs: f.times };
        coldStart[name] = f.importMs;
      } catch (e) {
        rows.push({ section: '1 Lambda bundle', item: name, result: errText(e), budget });
      }
    }
    for (const [name, f] of Object.entries(refs)) {
      rows.push({
        section: '1 Lambda bundle',
        item: name,
        result: `${kb(f.bytes)} min, ${kb(f.gzip)} gzip, import ${ms(f.importMs)}`,
        note: name.includes('empty') ? 'the cost of starting any import in a fresh node process' : `largest: ${f.top}`,
      });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  json.bundles = out;
  json.coldStart = coldStart;
}
