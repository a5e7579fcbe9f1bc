import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Duration, Stack, Validations } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { Effect, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { Architecture, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { memoryOf, tableGrants, timeoutOf, type FunctionDecl, type FunctionName, type TableKeys } from '../../shared/functions.js';
import { LAMBDA_BUNDLING } from './bundling.js';
import { PERSONAL_DATA_KEY_ENV, SEALED_CONTEXT, type PersonalDataAccess } from '../../shared/personal-data.js';
import { TABLE_ENV } from '../../shared/table.js';
import { AUDIT_DIGEST_BUCKET_ENV } from '../../shared/schedules.js';
import { queues, type QueueName } from '../../shared/queues.js';
import { secrets, type SecretName } from '../../shared/secrets.js';
import { topics, type TopicName } from '../../shared/topics.js';

/** The repository root: entry files in shared/functions.ts are relative to it. */
export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** Audit records live under these partition keys; no function may update or delete them. */
export const AUDIT_KEY_PATTERN = 'AUDIT#*';

/** Writes that could alter or remove an existing item, denied on audit partitions. */
export const AUDIT_DENIED_ACTIONS = [
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
  'dynamodb:BatchWriteItem',
  'dynamodb:PartiQLUpdate',
  'dynamodb:PartiQLDelete',
] as const;

/** Item reads through keys (an index is queried under its own statement). No Scan. */
export const TABLE_READ_ACTIONS = ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query', 'dynamodb:ConditionCheckItem'] as const;

/** Item writes (TransactWriteItems is authorised per contained Put/Update/Delete/ConditionCheck). */
export const TABLE_WRITE_ACTIONS = ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem'] as const;

export interface OneRoofFunctionProps {
  name: FunctionName;
  decl: FunctionDecl;
  /** Encrypts the function's log group. */
  logKey: IKey;
  logRetention: RetentionDays;
}

/**
 * The one way OneRoof creates a Lambda function: Node 24 on ARM64, bundled by the local esbuild
 * (ESM, minified), its own encrypted log group with a retention, X-Ray tracing, and a
 * role that holds nothing until a `bind*` method grants exactly one thing and sets the variable
 * the handler reads for it, together.
 */
export class OneRoofFunction extends NodejsFunction {
  readonly functionKey: FunctionName;
  private tableBound = false;
  private readonly boundTopics = new Set<TopicName>();
  private personalKeyBound = false;
  private readonly boundSecrets = new Set<SecretName>();
  private readonly boundQueues = new Set<QueueName>();

  constructor(scope: Construct, id: string, props: OneRoofFunctionProps) {
    const { name, decl } = props;
    const logGroup = new LogGroup(scope, `${id}Logs`, {
      retention: props.logRetention,
      encryptionKey: props.logKey,
    });
    // An own role instead of AWSLambdaBasicExecutionRole: write to this log group only.
    const role = new Role(scope, `${id}Role`, {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: `OneRoof ${name}: ${decl.description}`.slice(0, 1000),
    });
    role.addToPolicy(
      new PolicyStatement({
        sid: 'WriteOwnLogGroup',
        actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        resources: [logGroup.logGroupArn],
      }),
    );

    super(scope, id, {
      description: decl.description.slice(0, 256),
      entry: join(REPO_ROOT, decl.entry),
      handler: 'handler',
      projectRoot: REPO_ROOT,
      depsLockFilePath: join(REPO_ROOT, 'package-lock.json'),
      runtime: Runtime.NODEJS_24_X,
      architecture: Architecture.ARM_64,
      memorySize: memoryOf(name),
      ...(decl.reservedConcurrency ? { reservedConcurrentExecutions: decl.reservedConcurrency } : {}),
      timeout: Duration.seconds(timeoutOf(name)),
      tracing: Tracing.ACTIVE,
      logGroup,
      role,
      // No --enable-source-maps: it costs every cold start; bundles ship without maps (bundling.ts).
      environment: {
        POWERTOOLS_SERVICE_NAME: `oneroof-${name}`,
      },
      bundling: LAMBDA_BUNDLING,
    });
    this.functionKey = name;

    Validations.of(role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'Only actions without resource-level permissions are granted on "*": X-Ray tracing (xray:PutTraceSegments, xray:PutTelemetryRecords) and, for stream consumers, dynamodb:ListStreams (added by the event source mapping; lists stream ARNs, reads no data).',
    });
  }

  /**
   * Table access and TABLE_NAME, together, spelled out action by action and confined to the partitions
   * the function declares (`keys`, shared/partitions.ts) with `dynamodb:LeadingKeys` conditions:
   * - `TableRead`: Get/BatchGet/Query/ConditionCheck on the table, for the partitions it reads or writes;
   * - `TableWrite` (readWrite only): Put/Update/Delete/BatchWrite, for the partitions it writes;
   * - `QueryGsi1`, `QueryGsi2`: Query on that index only, for the index partitions it queries.
   * `ForAllValues:StringLike` holds for every key of a batch or a transaction's items (IAM authorises each
   * item of TransactWriteItems as its Put/Update/Delete/ConditionCheck). On the table, a `Null` condition
   * also requires the key to be present, because ForAllValues holds for an empty set. No Scan, no
   * `index/*`, no DescribeTable. Partitions the local stack alone uses (LOCAL_ONLY_PARTITIONS) are never
   * granted. `readWrite` never includes altering or removing audit records: an explicit Deny on
   * update/delete for `AUDIT#*` partition keys wins over any Allow. The table's customer-managed key is
   * granted for the same use.
   */
  bindTable(table: ITable, access: 'read' | 'readWrite', keys: TableKeys): void {
    if (this.tableBound) throw new Error(`${this.functionKey}: table already bound`);
    this.tableBound = true;
    const write = access === 'readWrite';
    const grants = tableGrants(this.functionKey, access, keys);
    const leading = (patterns: readonly string[], present: boolean) => ({
      'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': [...patterns] },
      ...(present ? { Null: { 'dynamodb:LeadingKeys': 'false' } } : {}),
    });
    if (grants.read.length > 0) {
      this.addToRolePolicy(
        new PolicyStatement({ sid: 'TableRead', actions: [...TABLE_READ_ACTIONS], resources: [table.tableArn], conditions: leading(grants.read, true) }),
      );
    }
    if (grants.write.length > 0) {
      this.addToRolePolicy(
        new PolicyStatement({ sid: 'TableWrite', actions: [...TABLE_WRITE_ACTIONS], resources: [table.tableArn], conditions: leading(grants.write, true) }),
      );
    }
    for (const [index, patterns] of Object.entries(grants.query)) {
      // On an index Query, LeadingKeys carries the index's partition key value. No Null condition here:
      // were the key ever absent, the statement still holds the function to that one index.
      this.addToRolePolicy(
        new PolicyStatement({
          sid: `Query${pascal(index)}`,
          actions: ['dynamodb:Query'],
          resources: [`${table.tableArn}/index/${index}`],
          conditions: leading(patterns, false),
        }),
      );
    }
    this.addToRolePolicy(
      new PolicyStatement({
        sid: 'AuditRecordsAreAppendOnly',
        effect: Effect.DENY,
        actions: [...AUDIT_DENIED_ACTIONS],
        resources: [table.tableArn],
        conditions: { 'ForAnyValue:StringLike': { 'dynamodb:LeadingKeys': [AUDIT_KEY_PATTERN] } },
      }),
    );
    this.allowKey(
      write ? 'TableKeyEncryptDecrypt' : 'TableKeyDecrypt',
      table.encryptionKey,
      write ? ['kms:Decrypt', 'kms:DescribeKey', 'kms:Encrypt', 'kms:GenerateDataKey'] : ['kms:Decrypt', 'kms:DescribeKey'],
    );
    this.addEnvironment(TABLE_ENV, table.tableName);
  }

  /**
   * The personal-data key and its ARN in PERSONAL_DATA_KEY_ARN, together: GenerateDataKey only for the
   * item kinds the function seals, Decrypt only for the kinds it opens — a condition on the kind in the
   * encryption context the Encryption SDK sends with every call (functions/lib/personal-crypto.ts).
   */
  bindKey(key: IKey, access: PersonalDataAccess): void {
    if (this.personalKeyBound) throw new Error(`${this.functionKey}: personal-data key already bound`);
    this.personalKeyBound = true;
    const grant = (sid: string, action: string, kinds: readonly string[]) => {
      if (kinds.length === 0) return;
      this.addToRolePolicy(
        new PolicyStatement({
          sid,
          actions: [action],
          resources: [key.keyArn],
          conditions: { StringEquals: { [`kms:EncryptionContext:${SEALED_CONTEXT.kind}`]: [...kinds] } },
        }),
      );
    };
    grant('PersonalDataSeal', 'kms:GenerateDataKey', access.seal);
    grant('PersonalDataOpen', 'kms:Decrypt', access.open);
    this.addEnvironment(PERSONAL_DATA_KEY_ENV, key.keyArn);
  }

  /**
   * The KMS actions on a resource's own key, when it has one; `via` admits them only in calls that AWS
   * service makes on the function's behalf.
   */
  private allowKey(sid: string, key: IKey | undefined, actions: string[], via?: 'secretsmanager' | 's3'): void {
    if (!key) return;
    const conditions = via ? { StringEquals: { 'kms:ViaService': `${via}.${Stack.of(this).region}.amazonaws.com` } } : undefined;
    this.addToRolePolicy(new PolicyStatement({ sid, actions, resources: [key.keyArn], ...(conditions ? { conditions } : {}) }));
  }

  /** Publish to one topic (and use its key) and the topic's ARN in the variable shared/topics.ts names. */
  bindTopic(name: TopicName, topic: ITopic): void {
    if (this.boundTopics.has(name)) throw new Error(`${this.functionKey}: topic ${name} already bound`);
    this.boundTopics.add(name);
    this.addToRolePolicy(new PolicyStatement({ sid: `Publish${pascal(name)}`, actions: ['sns:Publish'], resources: [topic.topicArn] }));
    // SNS encrypts each message with the topic's key on the publisher's behalf.
    this.allowKey(`PublishKey${pascal(name)}`, topic.masterKey, ['kms:Decrypt', 'kms:GenerateDataKey']);
    this.addEnvironment(topics[name].envVar, topic.topicArn);
  }

  /**
   * Send to one queue (SendMessageBatch is authorised as SendMessage; and use its key, when it has one)
   * and the queue's URL in the variable shared/queues.ts names. No receive, no delete: the queue's
   * consumer gets those from its event source.
   */
  bindQueue(name: QueueName, queue: IQueue): void {
    if (this.boundQueues.has(name)) throw new Error(`${this.functionKey}: queue ${name} already bound`);
    this.boundQueues.add(name);
    this.addToRolePolicy(new PolicyStatement({ sid: `Send${pascal(name)}`, actions: ['sqs:SendMessage'], resources: [queue.queueArn] }));
    this.allowKey(`SendKey${pascal(name)}`, queue.encryptionMasterKey, ['kms:Decrypt', 'kms:GenerateDataKey']);
    this.addEnvironment(queues[name].envVar, queue.queueUrl);
  }

  /**
   * Read one secret (and decrypt it with its key, through Secrets Manager only) and the secret's ARN in
   * the variable shared/secrets.ts names; functions/lib/secrets.ts reads it once per cold start.
   */
  bindSecret(name: SecretName, secret: ISecret): void {
    if (this.boundSecrets.has(name)) throw new Error(`${this.functionKey}: secret ${name} already bound`);
    this.boundSecrets.add(name);
    this.addToRolePolicy(new PolicyStatement({ sid: `ReadSecret${pascal(name)}`, actions: ['secretsmanager:GetSecretValue'], resources: [secret.secretArn] }));
    this.allowKey(`SecretKey${pascal(name)}`, secret.encryptionKey, ['kms:Decrypt'], 'secretsmanager');
    this.addEnvironment(secrets[name].envVar, secret.secretArn);
  }

  /** Write (never delete) and read the audit digests, and the bucket's name in AUDIT_DIGEST_BUCKET. */
  bindAuditDigests(bucket: IBucket): void {
    this.addToRolePolicy(
      new PolicyStatement({ sid: 'AuditDigestsWriteRead', actions: ['s3:PutObject', 's3:GetObject'], resources: [bucket.arnForObjects('audit-digest-*')] }),
    );
    this.addToRolePolicy(new PolicyStatement({ sid: 'AuditDigestsList', actions: ['s3:ListBucket'], resources: [bucket.bucketArn] }));
    this.allowKey('AuditDigestsKey', bucket.encryptionKey, ['kms:Decrypt', 'kms:GenerateDataKey'], 's3');
    this.addEnvironment(AUDIT_DIGEST_BUCKET_ENV, bucket.bucketName);
    // The bucket is imported from the stateful stack: its ARN in the finding is the export CDK generates
    // for it (stable while the bucket's construct path is; cdk-nag names it if it changes).
    Validations.of(this.role!).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::OneRoofStateful:ExportsOutputFnGetAttAuditDigestsBF330578Arn43377D80/audit-digest-*]',
      reason:
        'One digest object per day (audit-digest-<day>.json): write and read those keys only, never delete; Object Lock keeps every version. X-Ray needs "*" as on every function.',
    });
  }
}

function pascal(name: string): string {
  return `${name.charAt(0).toUpperCase()}${name.slice(1)}`;
}
