// The demo seed writes sealed items through the repositories, before any handler (which loads it) is imported.
import '../../functions/lib/encryption-sdk.js';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { CreateTopicCommand, SNSClient } from '@aws-sdk/client-sns';
import { WEB_ORIGIN_ENV } from '../../shared/links.js';
import { BOOKINGS_PER_CLIENT_ENV } from '../../shared/catalog/booking.js';
import { identity } from '../../shared/identity.js';
import { AUDIT_DIGEST_DIR_ENV } from '../../shared/schedules.js';
import { TABLE_ENV, table } from '../../shared/table.js';
import { TOPIC_NAMES, topics } from '../../shared/topics.js';
import { ensureTable, LOCAL_AWS_ENV, startDynamo } from './dynamodb.js';
import { createGateway, type GatewayOptions, type RequestListener } from './gateway.js';
import type { DevSources } from './dev-routes.js';
import { passesEdge, WEB_ORIGINS, type WebOrigin } from '../../shared/routes.js';
import { localStaffPort, STAFF_CONSOLE_PATH } from '../../shared/web-origins.js';
import { repoRoot } from './handlers.js';
import { sendJson } from './http-util.js';
import { createLocalIssuer, type LocalIssuer } from './issuer.js';
import { startScheduler, type RunningScheduler } from './scheduler.js';
import { seedDemoData, type SeedReport } from './seed.js';
import { startLocalSns, type LocalMessage } from './sns.js';
import { startLocalSqs, type LocalSqs } from './sqs.js';
import { QUEUE_NAMES, queues } from '../../shared/queues.js';
import { ensureLocalPersonalKey, ensureLocalRoundingKey, ensureLocalSpaceSigningKey } from './personal-key.js';
import { PERSONAL_DATA_LOCAL_KEY_ENV } from '../../shared/personal-data.js';
import { REPORT_ROUNDING_KEY_LOCAL_ENV, SPACE_SIGNING_KEY_LOCAL_ENV } from '../../shared/secrets.js';
import { staticFiles } from './static-files.js';
import { PUSH_ENDPOINT_PATH } from './dev-routes.js';
import { createLocalPushEndpoint, type LocalPushEndpoint } from './push-endpoint.js';
import { startLocalSubscribers } from './subscribers.js';
import { ensureLocalVapidKeys } from './vapid-keys.js';
import { PUSH_LOCAL_ENDPOINT_ENV, VAPID_LOCAL_KEYS_ENV, VAPID_SUBJECT_ENV } from '../../shared/push/config.js';
import { startStreamPoller, type DeadLetter } from './stream-poller.js';

/** The file in the data dir that names the running DynamoDB Local endpoint. */
export const DYNAMO_ENDPOINT_FILE = 'dynamodb-endpoint';

/**
 * The local stack, assembled from the same declarations as the CDK app: DynamoDB Local (data on disk),
 * the local SNS endpoint with every declared topic, demo data, the gateway (API, issuer, front ends),
 * the schedules and the stream consumers. The handlers run in this process with the real SDK clients,
 * pointed at the local endpoints through the environment, exactly as they run in Lambda.
 */
export interface LocalStackOptions {
  /** The victim app's port; 0 picks a free port. */
  port: number;
  /** The staff console's port (default `localStaffPort(port)`: the next one, or a free one for 0). */
  staffPort?: number;
  dataDir: string;
  /** Print nothing (tests). */
  quiet?: boolean;
  /** Use this DynamoDB (e.g. the test run's) instead of starting DynamoDB Local. */
  dynamoEndpoint?: string;
  tableName?: string;
  /** Seconds between ticks of every schedule (default: each schedule's own period). */
  tickSeconds?: number;
  /** Run the schedules and the stream consumers (default true). */
  background?: boolean;
  /** Seed the demo data (default true). */
  seed?: boolean;
  /** Build the front ends with Vite when `dist/pwa/index.html` is missing (default true). */
  buildPwa?: boolean;
  /** Sees each API event before its handler runs (tests). */
  onInvoke?: GatewayOptions['onInvoke'];
}

export interface LocalStack {
  /** The victim app's origin: the victim app and the API routes it uses, nothing of the staff's. */
  url: string;
  /** The staff console's origin: the console, the local issuer (its sign-in) and the staff API. */
  staffUrl: string;
  /** The origin whose API serves a route (`url` or `staffUrl`); `staffUrl` for a path no origin serves. */
  urlFor(method: string, path: string): string;
  issuer: LocalIssuer;
  /** Every SNS message published locally, oldest first. */
  notifications(): LocalMessage[];
  deadLetters(): DeadLetter[];
  tableName: string;
  dynamoEndpoint: string;
  snsEndpoint: string;
  /** The work queues of shared/queues.ts, each feeding its consumer (infra/local/sqs.ts). */
  sqs: LocalSqs;
  seed: SeedReport | undefined;
  /** Where the front ends are served from, and whether they are built. */
  pwa: { root: string; built: boolean };
  scheduler: RunningScheduler | undefined;
  /** The local push service: subscriptions it hands out, and the pushes that arrived (decrypted). */
  push: LocalPushEndpoint;
  /** Process id of DynamoDB Local's Java child, when this stack started it. */
  dynamoPid: number | undefined;
  stop(): Promise<void>;
}

const HOST = '127.0.0.1';
const starting: RequestListener = (_req, res) => sendJson(res, 503, { message: 'Starting' });
export const PWA_ROOT = join(repoRoot, 'dist', 'pwa');

export async function startLocalStack(options: LocalStackOptions): Promise<LocalStack> {
  const dataDir = resolve(options.dataDir);
  mkdirSync(dataDir, { recursive: true });
  const say = (line: string) => {
    if (!options.quiet) console.log(line);
  };
  const tableName = options.tableName ?? table.localName;
  const cleanups: (() => Promise<void> | void)[] = [];
  const stopAll = async () => {
    for (const cleanup of cleanups.splice(0).reverse()) {
      try {
        await cleanup();
      } catch (err) {
        console.error('[local] while stopping:', err);
      }
    }
  };

  // Handlers read their configuration from the environment; restore it on stop (tests run in-process).
  const saved = new Map<string, string | undefined>();
  const setEnv = (name: string, value: string) => {
    if (!saved.has(name)) saved.set(name, process.env[name]);
    process.env[name] = value;
  };
  cleanups.push(() => {
    for (const [name, value] of saved) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  });

  try {
    for (const [name, value] of Object.entries(LOCAL_AWS_ENV)) setEnv(name, value);
    // Follow-ups are assigned only to officers the directory knows: locally, the demo users.
    setEnv('STAFF_DIRECTORY', 'demo');

    let dynamoEndpoint = options.dynamoEndpoint;
    let dynamoPid: number | undefined;
    if (!dynamoEndpoint) {
      say('Starting DynamoDB Local (Java)…');
      const dynamo = await startDynamo({ path: join(dataDir, 'dynamodb') });
      cleanups.push(() => dynamo.stop());
      dynamoEndpoint = dynamo.endpoint;
      dynamoPid = dynamo.pid;
    }
    setEnv('AWS_ENDPOINT_URL_DYNAMODB', dynamoEndpoint);
    // Where the table is, for tools and browser tests that read what is really stored (test/e2e/victim-space.spec.ts).
    writeFileSync(join(dataDir, DYNAMO_ENDPOINT_FILE), dynamoEndpoint);
    setEnv(TABLE_ENV, tableName);
    // Personal fields are sealed with a key kept in the data dir (a test run may have bound its own already).
    if (!process.env[PERSONAL_DATA_LOCAL_KEY_ENV]) setEnv(PERSONAL_DATA_LOCAL_KEY_ENV, ensureLocalPersonalKey(dataDir));
    if (!process.env[REPORT_ROUNDING_KEY_LOCAL_ENV]) setEnv(REPORT_ROUNDING_KEY_LOCAL_ENV, ensureLocalRoundingKey(dataDir));
    if (!process.env[SPACE_SIGNING_KEY_LOCAL_ENV]) setEnv(SPACE_SIGNING_KEY_LOCAL_ENV, ensureLocalSpaceSigningKey(dataDir));
    setEnv(BOOKINGS_PER_CLIENT_ENV, '10000');
    setEnv(AUDIT_DIGEST_DIR_ENV, resolve(dataDir, 'audit-digests'));
    const client = new DynamoDBClient({ endpoint: dynamoEndpoint });
    try {
      await ensureTable(client, tableName);
    } finally {
      client.destroy();
    }

    // Web Push: the push channel is configured locally, with VAPID keys kept in the data dir.
    setEnv(VAPID_SUBJECT_ENV, 'mailto:push@oneroof.invalid');
    setEnv(VAPID_LOCAL_KEYS_ENV, ensureLocalVapidKeys(dataDir));
    // SNS delivers to the Lambda subscribers of shared/subscribers.ts (the canary receiver, the push sender).
    const localSubscribers = startLocalSubscribers({ channels: new Set(['push']), log: say });
    cleanups.push(() => localSubscribers.stop());
    const sns = await startLocalSns({
      onPublish: (m) => {
        say(`[sns] ${m.topic}: ${m.subject ?? '(no subject)'} ${JSON.stringify(m.attributes)}`);
        localSubscribers.deliver(m);
      },
    });
    cleanups.push(() => sns.stop());
    setEnv('AWS_ENDPOINT_URL_SNS', sns.endpoint);
    const snsClient = new SNSClient({ endpoint: sns.endpoint });
    try {
      for (const name of TOPIC_NAMES) {
        const out = await snsClient.send(new CreateTopicCommand({ Name: `oneroof-${name}` }));
        setEnv(topics[name].envVar, out.TopicArn as string);
      }
    } finally {
      snsClient.destroy();
    }

    // The work queues feed their consumers in this process, as the SQS event sources do in AWS.
    const sqs = await startLocalSqs({ log: say });
    cleanups.push(() => sqs.stop());
    setEnv('AWS_ENDPOINT_URL_SQS', sqs.endpoint);
    for (const name of QUEUE_NAMES) setEnv(queues[name].envVar, sqs.urlOf(name));

    const seed = options.seed === false ? undefined : await seedDemoData({ tableName, endpoint: dynamoEndpoint });
    const pwa = { root: PWA_ROOT, built: await ensurePwaBuilt(options.buildPwa !== false, say) };

    // Listen first: the issuer's URL (the tokens' `iss`) needs the staff origin's port.
    const listeners: Record<WebOrigin, RequestListener> = { victim: starting, staff: starting };
    const listen = async (origin: WebOrigin, port: number): Promise<string> => {
      const server: Server = createServer((req, res) => listeners[origin](req, res));
      server.requestTimeout = 30_000;
      await new Promise<void>((ok, fail) => {
        server.once('error', fail);
        server.listen(port, HOST, () => {
          server.off('error', fail);
          ok();
        });
      });
      cleanups.push(
        () =>
          new Promise<void>((ok) => {
            server.closeAllConnections();
            server.close(() => ok());
          }),
      );
      return `http://${HOST}:${(server.address() as AddressInfo).port}`;
    };
    const url = await listen('victim', options.port);
    const staffUrl = await listen('staff', options.staffPort ?? localStaffPort(options.port));
    // Console links in messages lead to the staff origin.
    setEnv(WEB_ORIGIN_ENV, staffUrl);
    const push = createLocalPushEndpoint(url, PUSH_ENDPOINT_PATH);
    setEnv(PUSH_LOCAL_ENDPOINT_ENV, push.prefix);
    const issuer = await createLocalIssuer({ dataDir, origin: staffUrl });

    let scheduler: RunningScheduler | undefined;
    let deadLetters: () => DeadLetter[] = () => [];
    if (options.background !== false) {
      scheduler = startScheduler({ ...(options.tickSeconds ? { tickSeconds: options.tickSeconds } : {}), log: say });
      const running = scheduler;
      cleanups.push(() => running.stop());
      const poller = startStreamPoller({ tableName, endpoint: dynamoEndpoint, dataDir, log: say });
      cleanups.push(() => poller.stop());
      deadLetters = () => poller.deadLetters();
    }

    const dev: DevSources = {
      notifications: () => sns.messages(),
      deadLetters: () => deadLetters(),
      faults: { publish: () => sns.pendingFailures(), failPublishes: (n) => sns.failPublishes(n) },
      push,
    };
    for (const origin of WEB_ORIGINS) {
      listeners[origin] = createGateway({
        origin,
        issuer,
        staticFiles:
          origin === 'staff'
            ? // The console's sign-in settings, as infra/aws/web.ts deploys them (here: the local issuer).
              staticFiles(PWA_ROOT, 'staff', {
                [`${STAFF_CONSOLE_PATH}auth-config.json`]: { authBase: identity.localIssuerPath, clientId: identity.localClients.staffConsole },
              })
            : staticFiles(PWA_ROOT, 'victim'),
        dev,
        ...(options.onInvoke ? { onInvoke: options.onInvoke } : {}),
        log: (line) => {
          // Reads that succeed are the bulk (the console polls); print changes and failures.
          if (!/^GET .* → [23]\d\d /.test(line)) say(`[api${origin === 'staff' ? ' staff' : ''}] ${line}`);
        },
      });
    }

    return {
      url,
      staffUrl,
      urlFor: (method, path) => (passesEdge('victim', method, new URL(path, url).pathname) ? url : staffUrl),
      issuer,
      notifications: () => sns.messages(),
      deadLetters: () => deadLetters(),
      tableName,
      dynamoEndpoint,
      snsEndpoint: sns.endpoint,
      sqs,
      seed,
      pwa,
      scheduler,
      push,
      dynamoPid,
      stop: stopAll,
    };
  } catch (err) {
    await stopAll();
    throw err;
  }
}

/** Builds the front ends with Vite's JS API when they are missing (the PWA's own config decides how). */
async function ensurePwaBuilt(build: boolean, say: (line: string) => void): Promise<boolean> {
  if (existsSync(join(PWA_ROOT, 'index.html'))) return true;
  const configFile = join(repoRoot, 'pwa', 'vite.config.ts');
  if (!build || !existsSync(configFile)) return false;
  say('Building the front ends (first start)…');
  try {
    const vite = await import('vite');
    await vite.build({ configFile, logLevel: 'warn' });
  } catch (err) {
    console.error('[local] the front-end build failed; the API still runs:', err);
  }
  return existsSync(join(PWA_ROOT, 'index.html'));
}
