import { localStaffPort, STAFF_CONSOLE_PATH } from '../../shared/web-origins.js';
import { CfnOutput, Duration, RemovalPolicy, Stack, Validations, type StackProps } from 'aws-cdk-lib';
import type { Alarm } from 'aws-cdk-lib/aws-cloudwatch';
import { AttributeType, BillingMode, ProjectionType, StreamViewType, Table, TableEncryption } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import { Subscription, SubscriptionProtocol, Topic } from 'aws-cdk-lib/aws-sns';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectLockRetention } from 'aws-cdk-lib/aws-s3';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { SECRET_NAMES, secrets as secretDecls, type SecretName } from '../../shared/secrets.js';
import { table as tableDecl } from '../../shared/table.js';
import { TOPIC_NAMES, topics as topicDecls, type TopicName } from '../../shared/topics.js';
import type { DeployConfig } from './config.js';
import { warn } from './config.js';
import { DeliveryChannels } from './delivery.js';
import { StaffIdentity } from './identity.js';
import { alarmAbove } from './ops-alarms.js';

export interface StatefulStackProps extends StackProps {
  config: DeployConfig;
}

/**
 * Everything that holds data or identity and must survive a redeploy of the code: the customer-managed
 * key, the one table, the domain topics with their subscriptions' dead-letter queues, the operations
 * alarm topic and the staff user pool. Retained on stack deletion.
 */
export class StatefulStack extends Stack {
  readonly key: Key;
  /** Wraps the data keys of sealed personal fields (functions/lib/personal-crypto.ts); no service and no table grant uses it. */
  readonly personalDataKey: Key;
  readonly table: Table;
  readonly topics: Record<TopicName, Topic>;
  /** Operational alarms (dead letters, function errors, stream lag). Not a domain topic: no handler publishes here. */
  readonly opsTopic: Topic;
  readonly identity: StaffIdentity;
  readonly delivery: DeliveryChannels;
  /** The secrets of shared/secrets.ts, each with a random generated value, encrypted with the data key. */
  readonly secrets: Record<SecretName, Secret>;
  /** Daily audit digests, write-once: Object Lock in compliance mode (no one, root included, can delete or overwrite a version early). */
  readonly auditDigests: Bucket;

  constructor(scope: Construct, id: string, props: StatefulStackProps) {
    super(scope, id, props);
    const { config } = props;

    this.key = new Key(this, 'DataKey', {
      description: 'OneRoof data key: table, topics, queues and log groups',
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
      pendingWindow: Duration.days(30),
    });
    // CloudWatch Logs encrypts the functions' and the API's log groups with this key (this account and region only).
    this.key.addToResourcePolicy(
      new PolicyStatement({
        sid: 'CloudWatchLogsEncryptLogGroups',
        principals: [new ServicePrincipal(`logs.${this.region}.amazonaws.com`)],
        actions: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
        resources: ['*'],
        conditions: {
          ArnLike: { 'kms:EncryptionContext:aws:logs:arn': `arn:${this.partition}:logs:${this.region}:${this.account}:log-group:*` },
        },
      }),
    );
    // SNS (dead letters into encrypted queues) and CloudWatch (alarm notifications into encrypted topics).
    this.key.addToResourcePolicy(
      new PolicyStatement({
        sid: 'ServicesUseKeyForOwnAccountOnly',
        principals: [new ServicePrincipal('sns.amazonaws.com'), new ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        resources: ['*'],
        conditions: { StringEquals: { 'aws:SourceAccount': this.account } },
      }),
    );

    // A key of its own: every function with table access may use the data key (bindTable), so sealing
    // with it would separate nothing. This one is granted per function and per item kind (bindKey).
    this.personalDataKey = new Key(this, 'PersonalDataKey', {
      description: 'OneRoof personal data: wraps the data keys of sealed personal fields (Encryption SDK)',
      enableKeyRotation: true,
      rotationPeriod: Duration.days(365),
      removalPolicy: RemovalPolicy.RETAIN,
      pendingWindow: Duration.days(30),
    });

    this.table = new Table(this, 'Table', {
      partitionKey: { name: tableDecl.partitionKey, type: AttributeType.STRING },
      sortKey: { name: tableDecl.sortKey, type: AttributeType.STRING },
      billingMode: BillingMode.PAY_PER_REQUEST,
      timeToLiveAttribute: tableDecl.ttlAttribute,
      stream: StreamViewType[tableDecl.streamView],
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      encryption: TableEncryption.CUSTOMER_MANAGED,
      encryptionKey: this.key,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    for (const index of tableDecl.indexes) {
      this.table.addGlobalSecondaryIndex({
        indexName: index.name,
        partitionKey: { name: index.partitionKey, type: AttributeType.STRING },
        sortKey: { name: index.sortKey, type: AttributeType.STRING },
        projectionType: ProjectionType.ALL,
      });
    }

    const secrets = {} as Record<SecretName, Secret>;
    for (const name of SECRET_NAMES) {
      secrets[name] = new Secret(this, `Secret-${name}`, {
        // A fixed name, so CloudFront's origin header can resolve it without a cross-stack export.
        secretName: secretPath(name),
        description: `OneRoof ${secretDecls[name].description}`,
        encryptionKey: this.key,
        generateSecretString: { passwordLength: 64, excludePunctuation: true },
        removalPolicy: RemovalPolicy.RETAIN,
      });
      Validations.of(secrets[name]).acknowledge({
        id: 'AwsSolutions-SMG4',
        reason: `${name} is rotated by hand (put a new value, redeploy): a new case-reference key needs every victim hash recomputed, a new rounding key re-rounds published figures (two roundings of one count narrow it down), and the origin value must change in CloudFront and the handlers together.`,
      });
    }
    this.secrets = secrets;

    this.auditDigests = new Bucket(this, 'AuditDigests', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.KMS,
      encryptionKey: this.key,
      bucketKeyEnabled: true,
      enforceSSL: true,
      versioned: true,
      objectLockEnabled: true,
      objectLockDefaultRetention: ObjectLockRetention.compliance(Duration.days(AUDIT_DIGEST_RETENTION_DAYS)),
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(this.auditDigests).acknowledge({
      id: 'AwsSolutions-S1',
      reason: 'Holds only hash digests of audit records (no personal data); every object is write-once under Object Lock, and CloudTrail records the writes.',
    });

    this.opsTopic = new Topic(this, 'OpsAlarms', {
      displayName: 'OneRoof operations alarms',
      masterKey: this.key,
      enforceSSL: true,
    });
    if (config.opsEmail) {
      new Subscription(this, 'OpsAlarmsEmail', { topic: this.opsTopic, protocol: SubscriptionProtocol.EMAIL, endpoint: config.opsEmail });
    } else {
      warn(this, 'no-ops-email', 'No operations e-mail (context oneroof:opsEmail): alarms on dead letters and errors reach nobody.');
    }

    const topics = {} as Record<TopicName, Topic>;
    const deadLetters = {} as Record<TopicName, Queue>;
    for (const name of TOPIC_NAMES) {
      const topic = new Topic(this, `Topic-${name}`, {
        displayName: `OneRoof ${name}`,
        masterKey: this.key,
        enforceSSL: true,
        // HTTPS deliveries (the dispatch webhook) signed with SHA256.
        signatureVersion: '2',
      });
      topics[name] = topic;

      // Messages SNS could not deliver to a subscriber land here, visibly (alarm), never silently.
      const dlq = new Queue(this, `Topic-${name}-DeadLetters`, {
        encryption: QueueEncryption.KMS,
        encryptionMasterKey: this.key,
        dataKeyReuse: Duration.hours(1),
        enforceSSL: true,
        retentionPeriod: Duration.days(14),
      });
      Validations.of(dlq).acknowledge({
        id: 'AwsSolutions-SQS3',
        reason: `This queue IS a dead-letter queue: the redrive target of every ${name} subscription (an SNS RedrivePolicy, which cdk-nag does not trace).`,
      });
      this.alarmOnDeadLetters(`Topic-${name}-DeadLettersAlarm`, dlq, `Undelivered ${name} notifications (${topicDecls[name].purpose})`);

      deadLetters[name] = dlq;
    }
    this.topics = topics;
    this.delivery = new DeliveryChannels(this, 'Delivery', { config, topics, deadLetters });

    const origin = config.staffOrigin ?? `http://localhost:${localStaffPort(3000)}`;
    if (!config.staffOrigin) {
      warn(
        this,
        'no-staff-origin',
        `No staff origin (context oneroof:staffOrigin or oneroof:staffDomainName): the staff console sign-in only redirects to ${origin}/staff/. ` +
          'Deploy once, then set it to the staff console CloudFront URL (output StaffUrl) or its domain and deploy again.',
      );
    }
    this.identity = new StaffIdentity(this, 'StaffIdentity', {
      // Cognito domain prefixes are global per region: the account id keeps the default unique.
      domainPrefix: config.cognitoDomainPrefix ?? `oneroof-staff-${this.account}`,
      callbackUrls: [`${origin}${STAFF_CONSOLE_PATH}`],
      logoutUrls: [`${origin}${STAFF_CONSOLE_PATH}`],
    });

    // The stateless stack reads these only when it uploads the staff console's auth-config (a built
    // PWA): exported always, so every synth has the same exports and a deploy without the build works.
    for (const value of [
      this.identity.userPool.userPoolId,
      this.identity.userPool.userPoolProviderUrl,
      this.identity.staffConsoleClient.userPoolClientId,
      this.identity.domain.domainName,
    ]) {
      this.exportValue(value);
    }

    new CfnOutput(this, 'TableName', { value: this.table.tableName });
    new CfnOutput(this, 'UserPoolId', { value: this.identity.userPool.userPoolId });
    new CfnOutput(this, 'StaffConsoleClientId', { value: this.identity.staffConsoleClient.userPoolClientId });
    new CfnOutput(this, 'MonitoringClientId', { value: this.identity.monitoringClient.userPoolClientId });
    new CfnOutput(this, 'CognitoDomain', { value: this.identity.domain.baseUrl() });
    for (const name of TOPIC_NAMES) new CfnOutput(this, `TopicArn-${name}`, { value: topics[name].topicArn });
  }

  /** An alarm, to the operations topic, as soon as one message waits in a dead-letter queue. */
  alarmOnDeadLetters(id: string, queue: Queue, description: string): Alarm {
    return alarmAbove(this, id, {
      description,
      metric: queue.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(1), statistic: 'Maximum' }),
      topic: this.opsTopic,
    });
  }
}

/** The Secrets Manager name of a declared secret. */
export function secretPath(name: SecretName): string {
  return `oneroof/${name}`;
}

/** How long an audit digest cannot be deleted or changed (the audit records' own retention). */
export const AUDIT_DIGEST_RETENTION_DAYS = 7 * 365;
