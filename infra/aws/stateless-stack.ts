import { CfnOutput, Duration, Stack, Validations, type StackProps } from 'aws-cdk-lib';
import { Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { FilterCriteria, FilterRule, StartingPosition } from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq, SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { functions as functionDecls, type FunctionDecl, type FunctionName } from '../../shared/functions.js';
import { SubscriptionFilter } from 'aws-cdk-lib/aws-sns';
import { LambdaSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { WEB_ORIGIN_ENV } from '../../shared/links.js';
import { VAPID_SUBJECT_ENV } from '../../shared/push/config.js';
import { queues as queueDecls, visibilityTimeoutOf, type QueueDecl, type QueueName } from '../../shared/queues.js';
import { subscribers } from '../../shared/subscribers.js';
import { schedules, streamConsumers, UNTIL_DELIVERED } from '../../shared/schedules.js';
import { OneRoofApi } from './api.js';
import { warn, type DeployConfig } from './config.js';
import { OneRoofFunction } from './function.js';
import { alarmAbove, OpsAlarms } from './ops-alarms.js';
import type { ChannelName } from '../../shared/channels.js';
import { secretPath, type StatefulStack } from './stateful-stack.js';
import { Web } from './web.js';
import { STAFF_CONSOLE_PATH } from '../../shared/web-origins.js';

export interface StatelessStackProps extends StackProps {
  config: DeployConfig;
  stateful: StatefulStack;
}

/**
 * Code and wiring, safe to replace at any deploy: one function per entry of shared/functions.ts with
 * exactly the grants it declares, the HTTP API from shared/routes.ts, the schedules and stream
 * consumers from shared/schedules.ts, and the web front ends behind CloudFront.
 */
export class StatelessStack extends Stack {
  readonly functions: Record<FunctionName, OneRoofFunction>;
  readonly api: OneRoofApi;
  readonly web: Web;
  readonly opsAlarms: OpsAlarms;
  readonly queues: Record<QueueName, { queue: Queue; deadLetters: Queue }>;

  constructor(scope: Construct, id: string, props: StatelessStackProps) {
    super(scope, id, props);
    const { config, stateful } = props;

    // Absolute console links in messages, on the staff origin. Its CloudFront domain cannot be used here
    // (the distribution depends on the API, which depends on the functions): set oneroof:staffOrigin or
    // oneroof:staffDomainName.
    const webOrigin = config.staffOrigin;
    // A channel's subscriber builds console links, like a publisher.
    const channelSubscribers = new Set(subscribers.filter((s) => s.channel).map((s) => s.function));
    const fns = {} as Record<FunctionName, OneRoofFunction>;
    for (const [name, decl] of Object.entries(functionDecls) as [FunctionName, FunctionDecl][]) {
      const fn = new OneRoofFunction(this, `Fn-${name}`, {
        name,
        decl,
        logKey: stateful.key,
        logRetention: config.logRetention,
      });
      if (decl.table !== 'none') fn.bindTable(stateful.table, decl.table, decl.keys ?? {});
      for (const topic of decl.publishes) fn.bindTopic(topic, stateful.topics[topic]);
      if (decl.personalData) fn.bindKey(stateful.personalDataKey, decl.personalData);
      if ((decl.publishes.length > 0 || channelSubscribers.has(name)) && webOrigin) fn.addEnvironment(WEB_ORIGIN_ENV, webOrigin);
      for (const secret of decl.secrets) fn.bindSecret(secret, stateful.secrets[secret]);
      // The push functions read the VAPID keys; with a subject, push is configured (shared/push/config.ts).
      if (decl.secrets.includes('vapidKeys') && config.push) fn.addEnvironment(VAPID_SUBJECT_ENV, config.push.subject);
      if (name === 'auditDigest') fn.bindAuditDigests(stateful.auditDigests);
      fns[name] = fn;

      alarmAbove(this, `Fn-${name}-ErrorsAlarm`, {
        description: `OneRoof ${name} failed (${decl.description})`,
        metric: fn.metricErrors({ period: Duration.minutes(1), statistic: 'Sum' }),
        topic: stateful.opsTopic,
      });
    }
    this.functions = fns;

    // Work queues (shared/queues.ts): messages hold item keys only, so SQS-managed encryption suffices
    // and neither sender nor consumer needs a key grant.
    const workQueues = {} as Record<QueueName, { queue: Queue; deadLetters: Queue }>;
    for (const [name, decl] of Object.entries(queueDecls) as [QueueName, QueueDecl][]) {
      const deadLetters = new Queue(this, `Queue-${name}-DeadLetters`, {
        encryption: QueueEncryption.SQS_MANAGED,
        enforceSSL: true,
        retentionPeriod: Duration.days(14),
      });
      Validations.of(deadLetters).acknowledge({ id: 'AwsSolutions-SQS3', reason: `This queue IS the dead-letter queue of the ${name} work queue.` });
      const queue = new Queue(this, `Queue-${name}`, {
        encryption: QueueEncryption.SQS_MANAGED,
        enforceSSL: true,
        visibilityTimeout: Duration.seconds(visibilityTimeoutOf(name)),
        // A key left longer than this is sent again by a later tick anyway (the item stays due until finished).
        retentionPeriod: Duration.hours(1),
        deadLetterQueue: { queue: deadLetters, maxReceiveCount: decl.maxReceiveCount },
      });
      fns[decl.consumer].addEventSource(
        new SqsEventSource(queue, { batchSize: decl.batchSize, maxConcurrency: decl.maxConcurrency, reportBatchItemFailures: true }),
      );
      alarmAbove(this, `Queue-${name}-DeadLettersAlarm`, {
        description: `${name}: messages its consumer (${decl.consumer}) failed ${decl.maxReceiveCount} times; the items stay due in the table, the tick sends them again`,
        metric: deadLetters.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(1), statistic: 'Maximum' }),
        topic: stateful.opsTopic,
      });
      // A burst should be gone within the minute it was sent in: older messages mean the consumers lag.
      alarmAbove(this, `Queue-${name}-AgeAlarm`, {
        description: `${name}: a message has waited more than 60 s for ${decl.consumer}`,
        metric: queue.metricApproximateAgeOfOldestMessage({ period: Duration.minutes(1), statistic: 'Maximum' }),
        threshold: 60,
        topic: stateful.opsTopic,
      });
      workQueues[name] = { queue, deadLetters };
    }
    for (const [name, decl] of Object.entries(functionDecls) as [FunctionName, FunctionDecl][]) {
      for (const queue of decl.sends ?? []) fns[name].bindQueue(queue, workQueues[queue].queue);
    }
    this.queues = workQueues;
    // Lambda subscribers (shared/subscribers.ts): the canary receiver always, a channel's only where it is configured.
    const configured = { push: config.push !== undefined } as Partial<Record<ChannelName, boolean>>;
    for (const sub of subscribers) {
      if (sub.channel && !configured[sub.channel]) continue;
      const filterPolicy = Object.fromEntries(
        Object.entries(sub.filter).map(([attr, rule]) => [
          attr,
          SubscriptionFilter.stringFilter({
            ...(rule.allowlist ? { allowlist: [...rule.allowlist] } : {}),
            ...(rule.denylist ? { denylist: [...rule.denylist] } : {}),
          }),
        ]),
      );
      stateful.topics[sub.topic].addSubscription(new LambdaSubscription(fns[sub.function], Object.keys(filterPolicy).length ? { filterPolicy } : {}));
    }
    this.opsAlarms = new OpsAlarms(this, 'OpsAlarms', {
      functionNames: Object.keys(fns) as FunctionName[],
      opsTopic: stateful.opsTopic,
      canaryReceiver: 'canaryReceiver',
    });

    for (const schedule of schedules) {
      new Rule(this, `Schedule-${schedule.name}`, {
        description: schedule.description,
        schedule: Schedule.rate(Duration.minutes(schedule.everyMinutes)),
        targets: [new LambdaFunction(fns[schedule.function], { retryAttempts: 2, maxEventAge: Duration.minutes(schedule.everyMinutes) })],
      });
    }

    for (const consumer of streamConsumers) {
      const fn = fns[consumer.function];
      // Where a batch goes after its retries: the stream position to replay (shard, sequence numbers),
      // never the record itself, so SQS-managed encryption suffices and the function needs no key grant.
      const onFailure = new Queue(this, `Stream-${consumer.name}-Failures`, {
        encryption: QueueEncryption.SQS_MANAGED,
        enforceSSL: true,
        retentionPeriod: Duration.days(14),
      });
      Validations.of(onFailure).acknowledge({
        id: 'AwsSolutions-SQS3',
        reason: `This queue IS the dead-letter (on-failure) destination of the ${consumer.name} stream event source mapping.`,
      });
      fn.addEventSource(
        new DynamoEventSource(stateful.table, {
          startingPosition: StartingPosition.TRIM_HORIZON,
          batchSize: consumer.batchSize,
          // -1 (UNTIL_DELIVERED): retried until it succeeds, as long as the stream keeps it (24 h); the lag alarm below shows the wait.
          retryAttempts: consumer.retryAttempts,
          bisectBatchOnError: true,
          reportBatchItemFailures: true,
          onFailure: new SqsDlq(onFailure),
          filters: [
            FilterCriteria.filter({
              eventName: FilterRule.or(...consumer.eventNames),
              dynamodb: { NewImage: { type: { S: FilterRule.or(...consumer.entityTypes) } } },
            }),
          ],
        }),
      );
      alarmAbove(this, `Stream-${consumer.name}-FailuresAlarm`, {
        description:
          consumer.retryAttempts === UNTIL_DELIVERED
            ? `Stream records ${consumer.name} could not process before the stream dropped them (24 h): replay them`
            : `Stream records ${consumer.name} could not process after ${consumer.retryAttempts} retries: replay them`,
        metric: onFailure.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(1), statistic: 'Maximum' }),
        topic: stateful.opsTopic,
      });
      // The outbox must keep up: police alerts wait in the stream while the consumer lags.
      alarmAbove(this, `Stream-${consumer.name}-LagAlarm`, {
        description: `${consumer.name} is more than 60 s behind the table stream`,
        metric: fn.metric('IteratorAge', { period: Duration.minutes(1), statistic: 'Maximum' }),
        threshold: 60_000,
        topic: stateful.opsTopic,
      });
    }

    this.api = new OneRoofApi(this, 'Api', {
      functions: fns,
      userPool: stateful.identity.userPool,
      staffConsoleClient: stateful.identity.staffConsoleClient,
      monitoringClient: stateful.identity.monitoringClient,
      logKey: stateful.key,
      logRetention: config.logRetention,
      throttle: config.throttle,
      domain: config.apiDomainName && config.apiCertificateArn ? { name: config.apiDomainName, certificateArn: config.apiCertificateArn } : undefined,
    });
    if (!config.apiDomainName) {
      warn(
        this,
        'no-api-domain',
        'No API domain (context oneroof:apiDomainName + apiCertificateArn): the execute-api endpoint stays enabled; handlers refuse requests that did not come through CloudFront.',
      );
    }

    const cognitoDomainUrl = stateful.identity.domain.baseUrl();
    this.web = new Web(this, 'Web', {
      api: this.api.httpApi,
      apiDomain: this.api.domainName?.name,
      cognitoDomainUrl,
      staffAuthConfig: {
        region: this.region,
        userPoolId: stateful.identity.userPool.userPoolId,
        clientId: stateful.identity.staffConsoleClient.userPoolClientId,
        domain: cognitoDomainUrl,
        issuer: stateful.identity.userPool.userPoolProviderUrl,
        ...(config.mapTiles ? { mapTileUrl: config.mapTiles.template, mapAttribution: config.mapTiles.attribution } : {}),
      },
      mapTiles: config.mapTiles,
      pwaDist: config.pwaDist,
      domainName: config.domainName,
      certificateArn: config.certificateArn,
      staffDomainName: config.staffDomainName,
      staffCertificateArn: config.staffCertificateArn,
      webAclArn: config.webAclArn,
      originVerifySecretName: secretPath('originVerify'),
    });

    new CfnOutput(this, 'WebUrl', {
      description: 'The victim app (its distribution serves the public routes only)',
      value: `https://${config.domainName ?? this.web.distribution.distributionDomainName}`,
    });
    new CfnOutput(this, 'StaffUrl', {
      description: `The staff console's own origin (the console at ${STAFF_CONSOLE_PATH}): set oneroof:staffOrigin to it, or use oneroof:staffDomainName`,
      value: `https://${config.staffDomainName ?? this.web.staffDistribution.distributionDomainName}`,
    });
    new CfnOutput(this, 'ApiEndpoint', { value: this.api.domainName ? `https://${this.api.domainName.name}` : this.api.httpApi.apiEndpoint });
  }
}
