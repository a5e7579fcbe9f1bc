import { spawn } from 'node:child_process';
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { App, Stack } from 'aws-cdk-lib';
import type { CloudAssembly } from 'aws-cdk-lib/cx-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alertItem, newAlert } from '../../functions/alerts/model.js';
import { dynamo } from '../../functions/lib/clients.js';
import { buildOneRoof, cdkJsonContext, type OneRoofStacks } from '../../infra/aws/oneroof.js';
import { noDeliveryFlag } from '../../shared/channels.js';
import { ORIGIN_VERIFY_HEADER } from '../../shared/edge.js';
import { functions, timeoutOf, type FunctionDecl, type FunctionName } from '../../shared/functions.js';
import { WEB_ORIGIN_ENV } from '../../shared/links.js';
import { PERSONAL_DATA_KEY_ENV } from '../../shared/personal-data.js';
import { secrets, type SecretName } from '../../shared/secrets.js';
import { TABLE_ENV } from '../../shared/table.js';
import { topics, type TopicName } from '../../shared/topics.js';
import { caseBody } from '../support/bodies.js';
import { apiEvent } from '../support/events.js';
import { waitForMessages } from '../support/sns-inbox.js';
import { itemsOf, insertRecords, unique } from './monitoring-support.js';
import { removePartition } from '../support/table.js';
import { caseKeys } from '../../functions/cases/keys.js';

/**
 * The artefacts that deploy, run: the app is synthesized with bundling (esbuild, as `cdk deploy` does),
 * and a few functions' bundled assets are taken from the cloud assembly and invoked on plain Node (no
 * tsx, no TypeScript) with the template's environment variables — references resolved to this run's
 * DynamoDB Local table, local SNS topics and a local Secrets Manager stand-in — and the events Lambda
 * really delivers: an HTTP API v2 event with the claims the JWT authorizer passes (`cognito:groups` as
 * the string "[officer …]"), an EventBridge scheduled event, a DynamoDB stream record, an SNS event.
 */
const ORIGIN_SECRET = 'deploy-test-origin-verify-value-0123456789abcdef';
const SECRET_VALUES: Record<SecretName, string> = {
  caseRefHmacKey: 'deploy-test-case-ref-hmac-key-0123456789abcdefghijklmnop',
  reportRoundingKey: 'deploy-test-report-rounding-key-0123456789abcdefghijkl',
  originVerify: ORIGIN_SECRET,
  vapidKeys: 'deploy-test-vapid-seed-0123456789abcdefghijklmnopqrstuvwxyz',
  spaceSigningKey: 'deploy-test-space-signing-seed-0123456789abcdefghijklmn',
};
const secretArn = (name: SecretName) => `arn:aws:secretsmanager:eu-west-1:000000000000:secret:OneRoof/${name}-AbCdEf`;

let outdir: string;
let stacks: OneRoofStacks;
let assembly: CloudAssembly;
let secrets$: { server: Server; endpoint: string };
let kms$: { server: Server; endpoint: string };
const secretReads: string[] = [];
/** The personal-data key of the template, resolved to the KMS stand-in's one key. */
const KMS_KEY_ARN = 'arn:aws:kms:eu-west-1:000000000000:key/00000000-0000-0000-0000-000000000000';
const KMS_WRAPPING_KEY = randomBytes(32);
const kmsCalls: string[] = [];

/** A local stand-in of an AWS JSON-protocol service: the `x-amz-target` and body in, a reply (an error when it has `__type`) out. */
async function jsonService(answer: (target: string, body: Json) => Json): Promise<{ server: Server; endpoint: string }> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const reply = answer(String(req.headers['x-amz-target']), JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Json);
      res.setHeader('content-type', 'application/x-amz-json-1.1');
      if ('__type' in reply) res.statusCode = 400;
      res.end(JSON.stringify(reply));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { server, endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

type Json = Record<string, unknown>;

beforeAll(async () => {
  outdir = mkdtempSync(join(tmpdir(), 'oneroof-deploy-test-'));
  const app = new App({
    outdir,
    context: {
      ...cdkJsonContext(),
      [noDeliveryFlag]: true,
      'oneroof:push': JSON.stringify({ subject: 'mailto:ops@example.be' }),
      'oneroof:staffOrigin': 'https://staff.oneroof.example.be',
    },
  });
  stacks = buildOneRoof(app);
  assembly = app.synth();

  // Secrets Manager's JSON protocol, for GetSecretValue only.
  secrets$ = await jsonService((target, body) => {
    const name = (Object.keys(SECRET_VALUES) as SecretName[]).find((n) => secretArn(n) === body.SecretId);
    if (target !== 'secretsmanager.GetSecretValue' || !name) return { __type: 'ResourceNotFoundException', message: 'No such secret' };
    secretReads.push(name);
    return { ARN: body.SecretId, Name: name, SecretString: SECRET_VALUES[name], VersionId: 'v1', VersionStages: ['AWSCURRENT'] };
  });
  // KMS's JSON protocol for the personal-data key: GenerateDataKey and Decrypt, the two calls the
  // Encryption SDK's KMS keyring makes. A data key is wrapped with AES-256-GCM under a key of this run,
  // its encryption context bound as additional data, so Decrypt refuses it under any other context.
  kms$ = await jsonService((target, body) => {
    const context = Buffer.from(JSON.stringify(Object.entries((body.EncryptionContext ?? {}) as Record<string, string>).sort()));
    if (body.KeyId !== undefined && body.KeyId !== KMS_KEY_ARN) return { __type: 'NotFoundException', message: 'No such key' };
    kmsCalls.push(target);
    if (target === 'TrentService.GenerateDataKey') {
      const plaintext = randomBytes(Number(body.NumberOfBytes ?? 32));
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', KMS_WRAPPING_KEY, iv).setAAD(context);
      const wrapped = Buffer.concat([iv, cipher.update(plaintext), cipher.final(), cipher.getAuthTag()]);
      return { KeyId: KMS_KEY_ARN, Plaintext: plaintext.toString('base64'), CiphertextBlob: wrapped.toString('base64') };
    }
    if (target === 'TrentService.Decrypt') {
      const blob = Buffer.from(String(body.CiphertextBlob), 'base64');
      const decipher = createDecipheriv('aes-256-gcm', KMS_WRAPPING_KEY, blob.subarray(0, 12)).setAAD(context);
      decipher.setAuthTag(blob.subarray(blob.length - 16));
      try {
        const plaintext = Buffer.concat([decipher.update(blob.subarray(12, blob.length - 16)), decipher.final()]);
        return { KeyId: KMS_KEY_ARN, Plaintext: plaintext.toString('base64'), EncryptionAlgorithm: 'SYMMETRIC_DEFAULT' };
      } catch {
        return { __type: 'InvalidCiphertextException', message: 'Does not open under this key and context' };
      }
    }
    return { __type: 'UnsupportedOperationException', message: target };
  });
}, 600_000);

afterAll(async () => {
  for (const service of [secrets$, kms$]) if (service) await new Promise<void>((r) => service.server.close(() => r()));
  if (outdir) rmSync(outdir, { recursive: true, force: true });
});

/** The function's resource in the stateless template, and the folder of its bundled asset. */
function deployed(name: FunctionName): { env: Record<string, unknown>; asset: string; runtime: string; handler: string } {
  const stack = stacks.stateless;
  const fn = stack.functions[name];
  const id = Stack.of(fn).getLogicalId(fn.node.defaultChild as never);
  const artifact = assembly.getStackByName(stack.stackName);
  const resource = (artifact.template as { Resources: Record<string, { Properties: Json; Metadata?: Json }> }).Resources[id];
  if (!resource) throw new Error(`No resource for ${name}`);
  // The asset the template's Code points at (S3Key `<hash>.zip`), in the stack's asset manifest.
  const key = (resource.Properties.Code as { S3Key?: unknown }).S3Key;
  if (typeof key !== 'string') throw new Error(`${name}: Code.S3Key is not a file asset`);
  const manifest = JSON.parse(readFileSync(join(assembly.directory, `${artifact.id}.assets.json`), 'utf8')) as {
    files: Record<string, { source: { path: string } }>;
  };
  const assetPath = manifest.files[key.replace(/\.zip$/, '')]?.source.path;
  if (!assetPath) throw new Error(`${name}: asset ${key} is not in the manifest`);
  const env = ((resource.Properties.Environment as { Variables?: Json } | undefined)?.Variables ?? {}) as Record<string, unknown>;
  return { env, asset: join(assembly.directory, assetPath), runtime: resource.Properties.Runtime as string, handler: resource.Properties.Handler as string };
}

/**
 * The template's variables with every CloudFormation reference resolved to its local stand-in, by the
 * variable it is bound to (shared/ declarations); a reference this test does not know fails it.
 */
function resolveEnv(name: FunctionName, env: Record<string, unknown>): Record<string, string> {
  const byVar = new Map<string, string>([
    [TABLE_ENV, process.env.TABLE_NAME as string],
    [PERSONAL_DATA_KEY_ENV, KMS_KEY_ARN],
    ...(Object.keys(topics) as TopicName[]).map((t) => [topics[t].envVar, process.env[topics[t].envVar] as string] as [string, string]),
    ...(Object.keys(secrets) as SecretName[]).map((s) => [secrets[s].envVar, secretArn(s)] as [string, string]),
  ]);
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(env)) {
    if (typeof value === 'string') out[key] = value;
    else if (byVar.has(key)) out[key] = byVar.get(key) as string;
    else throw new Error(`${name}: no local value for ${key} = ${JSON.stringify(value)}`);
  }
  return out;
}

/** Runs the bundle's `handler` on plain Node in a child process: only the template's environment (plus AWS endpoints). */
async function invokeBundle(name: FunctionName, event: unknown): Promise<{ result: unknown; logs: string }> {
  const { env, asset, handler } = deployed(name);
  const [file, exported] = handler.split('.');
  const entry = ['mjs', 'js'].map((ext) => join(asset, `${file}.${ext}`)).find(existsSync);
  if (!entry) throw new Error(`${name}: no ${file}.mjs in ${asset}`);
  const dir = mkdtempSync(join(tmpdir(), `oneroof-invoke-${name}-`));
  const eventFile = join(dir, 'event.json');
  const runner = join(dir, 'run.mjs');
  writeFileSync(eventFile, JSON.stringify(event));
  writeFileSync(
    runner,
    `import { readFileSync } from 'node:fs';
const mod = await import(${JSON.stringify(`file://${entry}`)});
const deadline = Date.now() + ${timeoutOf(name)} * 1000;
const context = { functionName: 'oneroof-${name}', functionVersion: '$LATEST', invokedFunctionArn: 'arn:aws:lambda:eu-west-1:000000000000:function:oneroof-${name}', memoryLimitInMB: '512', awsRequestId: 'deploy-test', logGroupName: '/aws/lambda/oneroof-${name}', logStreamName: 'deploy-test', callbackWaitsForEmptyEventLoop: false, getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()) };
const out = await mod[${JSON.stringify(exported)}](JSON.parse(readFileSync(${JSON.stringify(eventFile)}, 'utf8')), context);
process.stdout.write('\\n@@RESULT@@' + JSON.stringify(out ?? null) + '\\n');
`,
  );
  const childEnv: Record<string, string> = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    AWS_REGION: 'eu-west-1',
    // Set by the Lambda runtime: the clients then take the credentials below from the environment (functions/lib/credentials.ts).
    AWS_LAMBDA_FUNCTION_NAME: `oneroof-${name}`,
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    AWS_ENDPOINT_URL_DYNAMODB: process.env.AWS_ENDPOINT_URL_DYNAMODB as string,
    AWS_ENDPOINT_URL_SNS: process.env.AWS_ENDPOINT_URL_SNS as string,
    AWS_ENDPOINT_URL_SECRETS_MANAGER: secrets$.endpoint,
    AWS_ENDPOINT_URL_KMS: kms$.endpoint,
    ...resolveEnv(name, env),
  };
  try {
    const child = spawn(process.execPath, [runner], { env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const code = await new Promise<number | null>((r) => child.on('close', r));
    const marker = stdout.lastIndexOf('@@RESULT@@');
    if (code !== 0 || marker < 0) throw new Error(`${name} exited ${code}:\n${stderr}\n${stdout}`);
    return { result: JSON.parse(stdout.slice(marker + '@@RESULT@@'.length).trim()), logs: stdout.slice(0, marker) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('the deployed bundles on plain Node', () => {
  it('the template runs Node 24 ESM bundles, and each function has exactly the variables its shared/ declaration binds', () => {
    for (const name of ['cases', 'alertTick', 'alertPublisher', 'pushSender'] as const) {
      const { env, runtime, handler } = deployed(name);
      expect(runtime).toBe('nodejs24.x');
      expect(handler).toBe('index.handler');
      const decl: FunctionDecl = functions[name];
      const expected = [
        'POWERTOOLS_SERVICE_NAME',
        ...(decl.table !== 'none' ? [TABLE_ENV] : []),
        ...decl.publishes.map((t) => topics[t].envVar),
        ...decl.secrets.map((s) => secrets[s].envVar),
        ...(decl.personalData ? [PERSONAL_DATA_KEY_ENV] : []),
      ];
      expect(
        Object.keys(env)
          .filter((k) => k !== WEB_ORIGIN_ENV && k !== 'VAPID_SUBJECT')
          .sort(),
        name,
      ).toEqual([...new Set(expected)].sort());
    }
  });

  it('a bundle carries the Encryption SDK exactly when its function is declared with personalData', () => {
    // An enum key of the algorithm suites: minifying keeps property names, and only the SDK defines it.
    const SDK_MARK = 'ALG_AES256_GCM_IV12_TAG16_HKDF_SHA512_COMMIT_KEY';
    const carries = (Object.keys(functions) as FunctionName[]).filter((name) =>
      readFileSync(join(deployed(name).asset, 'index.mjs'), 'utf8').includes(SDK_MARK),
    );
    const declared = (Object.keys(functions) as FunctionName[]).filter((name) => (functions[name] as FunctionDecl).personalData !== undefined);
    expect(carries.sort()).toEqual(declared.sort());
    expect(carries).not.toContain('alertPublisher');
  });

  it('cases opens a case and lists its follow-up with her safe-contact block, sealed and opened through KMS, for the claims as API Gateway passes them', async () => {
    // An officer of this test only: the demo officers' follow-ups left by other files are sealed under the local key, not KMS.
    const claims = {
      sub: 'u-deploy-officer',
      username: unique('deploy-test.officer'),
      token_use: 'access',
      client_id: 'staff',
      scope: 'openid',
      'cognito:groups': '[officer zone:ruppel district:boom]',
    };
    const call = async (method: string, path: string, body?: unknown) => {
      const headers = { [ORIGIN_VERIFY_HEADER]: ORIGIN_SECRET };
      const { result } = await invokeBundle('cases', apiEvent({ method, path, headers, claims, body }));
      const reply = result as { statusCode: number; body: string };
      return { status: reply.statusCode, json: JSON.parse(reply.body) as Json };
    };
    const opened = await call('POST', '/api/cases', caseBody('ruppel'));
    expect(opened.status).toBe(201);
    const caseId = opened.json.id as string;
    try {
      const safeContact = { mayCall: true, phone: '+32 470 12 34 56', codeWord: 'tulip' };
      expect((await call('PATCH', `/api/cases/${caseId}`, { safeContact })).status).toBe(200);
      expect(kmsCalls).toContain('TrentService.GenerateDataKey');

      // A fresh process (no cached data key): listing opens the sealed case with a KMS Decrypt.
      kmsCalls.length = 0;
      const listed = await call('GET', '/api/followups');
      expect(listed.status).toBe(200);
      const due = [
        ...(listed.json.overdue as { caseId: string }[]),
        ...(listed.json.today as { caseId: string }[]),
        ...(listed.json.next7Days as { caseId: string }[]),
      ];
      expect(due.map((f) => f.caseId)).toContain(caseId);
      expect((listed.json.safeContacts as Record<string, unknown>)[caseId]).toMatchObject(safeContact);
      expect(kmsCalls).toContain('TrentService.Decrypt');

      // The same call without CloudFront's origin header is refused: the bundle read the secret.
      const direct = await invokeBundle('cases', { ...apiEvent({ method: 'GET', path: '/api/followups', claims }), headers: {} });
      expect(direct.result).toMatchObject({ statusCode: 403 });
      expect(secretReads).toContain('originVerify');
    } finally {
      // Sealed under this test's KMS stand-in, the case would not open for the local key: a supervisor's
      // list of every zone's follow-ups in a later file would fail on it.
      await removePartition(caseKeys.casePk(caseId));
    }
  }, 240_000);

  it('the escalation tick runs on an EventBridge scheduled event', async () => {
    const event = {
      version: '0',
      id: 'deploy-test',
      'detail-type': 'Scheduled Event',
      source: 'aws.events',
      account: '000000000000',
      time: new Date().toISOString(),
      region: 'eu-west-1',
      resources: ['arn:aws:events:eu-west-1:000000000000:rule/oneroof-alert-escalation'],
      detail: {},
    };
    // It read every escalation shard of this run's table (other files may have left due alerts); a failure exits non-zero.
    const { result } = await invokeBundle('alertTick', event);
    expect(result).toEqual({ escalated: expect.any(Number) });
  }, 120_000);

  it('the outbox publisher publishes a stream INSERT of an alert to the police topic', async () => {
    const at = new Date();
    const alert = newAlert({ kind: 'zone', severity: 'high', at: at.toISOString(), zoneLabel: 'home' }, { id: unique('ORD'), district: unique('d') }, at);
    await dynamo.send(new PutCommand({ TableName: process.env.TABLE_NAME as string, Item: alertItem(alert) }));
    const records = insertRecords(await itemsOf(`ALERT#${alert.id}`));
    const { result } = await invokeBundle('alertPublisher', { Records: records });
    expect(result).toEqual({ batchItemFailures: [] });
    const messages = await waitForMessages((m) => m.some((x) => x.attributes.alertId === alert.id), { topic: 'policeAlerts' });
    const message = messages.find((x) => x.attributes.alertId === alert.id);
    expect(message?.message).toContain(`https://staff.oneroof.example.be/staff/#/alerts/${alert.id}`);
  }, 120_000);

  it('the push sender takes an SNS event (web-push and http_ece inside an ESM bundle), deriving its VAPID key from the secret', async () => {
    const event = {
      Records: [
        {
          EventSource: 'aws:sns',
          EventVersion: '1.0',
          EventSubscriptionArn: `${process.env[topics.policeAlerts.envVar]}:deploy-test`,
          Sns: {
            Type: 'Notification',
            MessageId: 'deploy-test',
            TopicArn: process.env[topics.policeAlerts.envVar],
            Subject: 'x',
            Message: 'x',
            Timestamp: new Date().toISOString(),
            SignatureVersion: '2',
            Signature: '',
            SigningCertUrl: '',
            UnsubscribeUrl: '',
            MessageAttributes: {
              kind: { Type: 'String', Value: 'zone' },
              severity: { Type: 'String', Value: 'high' },
              district: { Type: 'String', Value: unique('d') },
              alertId: { Type: 'String', Value: 'AL-01M8SX4T7Q0RKV95ZV81NPQ7WH' },
            },
          },
        },
      ],
    };
    const { result, logs } = await invokeBundle('pushSender', event);
    expect(result).toBeNull();
    expect(logs).toContain('"message":"Pushed"');
    expect(secretReads).toContain('vapidKeys');
  }, 120_000);
});
