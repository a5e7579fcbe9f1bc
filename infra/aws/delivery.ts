import { Duration, Stack, Validations } from 'aws-cdk-lib';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { BackoffFunction, Subscription, SubscriptionFilter, SubscriptionProtocol, type Topic } from 'aws-cdk-lib/aws-sns';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import { AwsCustomResource, AwsCustomResourcePolicy, PhysicalResourceId } from 'aws-cdk-lib/custom-resources';
import { Construct } from 'constructs';
import { CANARY_KIND } from '../../shared/canary.js';
import type { TopicName } from '../../shared/topics.js';
import type { DeployConfig } from './config.js';

export interface DeliveryChannelsProps {
  config: Pick<DeployConfig, 'subscriptions' | 'dispatchWebhook' | 'smsSenderId'>;
  topics: Record<TopicName, Topic>;
  /** Each topic's dead-letter queue: every subscription's undelivered messages land there (alarmed). */
  deadLetters: Record<TopicName, Queue>;
}

/**
 * The context's filter as an SNS filter policy. On the police topic people never receive the pipeline
 * canary (shared/canary.ts): `kind` denies it unless the filter already names the kinds it wants.
 */
const filterPolicy = (topic: TopicName, filter: Record<string, string[]> | undefined) => {
  const policy: Record<string, SubscriptionFilter> = Object.fromEntries(
    Object.entries(filter ?? {}).map(([k, v]) => [k, SubscriptionFilter.stringFilter({ allowlist: v.filter((x) => x !== CANARY_KIND) })]),
  );
  if (topic === 'policeAlerts' && !policy.kind) policy.kind = SubscriptionFilter.stringFilter({ denylist: [CANARY_KIND] });
  return Object.keys(policy).length ? { filterPolicy: policy } : {};
};

/**
 * The delivery channels of shared/channels.ts, built from context: SMS and e-mail subscriptions
 * (`oneroof:subscriptions`), the account's SMS settings with delivery-status logging, and the optional
 * dispatch webhook (`oneroof:dispatchWebhook`). Every subscription redrives to its topic's dead-letter queue.
 */
export class DeliveryChannels extends Construct {
  /** Subscriptions per topic (tests, and the check that a required topic reaches someone). */
  readonly subscriptions: Partial<Record<TopicName, Subscription[]>> = {};

  constructor(scope: Construct, id: string, props: DeliveryChannelsProps) {
    super(scope, id);
    const { config, topics, deadLetters } = props;
    const add = (topic: TopicName, sub: Subscription) => (this.subscriptions[topic] ??= []).push(sub);

    let sms = false;
    for (const [topic, list] of Object.entries(config.subscriptions) as [TopicName, NonNullable<DeployConfig['subscriptions'][TopicName]>][]) {
      list.forEach((sub, i) => {
        sms ||= sub.protocol === 'sms';
        add(
          topic,
          new Subscription(this, `${topic}-${sub.protocol}${i}`, {
            topic: topics[topic],
            protocol: sub.protocol === 'email' ? SubscriptionProtocol.EMAIL : SubscriptionProtocol.SMS,
            endpoint: sub.endpoint,
            deadLetterQueue: deadLetters[topic],
            ...filterPolicy(topic, sub.filter),
          }),
        );
      });
    }

    const hook = config.dispatchWebhook;
    if (hook) {
      for (const topic of hook.topics) {
        add(
          topic,
          // SNS signs each HTTPS delivery (SignatureVersion 2 on the topic); the receiver verifies it with
          // SNS's certificate. Retries with backoff for about 15 minutes, then the dead-letter queue.
          new Subscription(this, `${topic}-dispatchWebhook`, {
            topic: topics[topic],
            protocol: SubscriptionProtocol.HTTPS,
            endpoint: hook.url,
            deadLetterQueue: deadLetters[topic],
            deliveryPolicy: {
              healthyRetryPolicy: {
                numRetries: 30,
                numNoDelayRetries: 2,
                numMinDelayRetries: 3,
                minDelayTarget: Duration.seconds(2),
                maxDelayTarget: Duration.seconds(60),
                backoffFunction: BackoffFunction.EXPONENTIAL,
              },
              throttlePolicy: { maxReceivesPerSecond: 10 },
            },
            ...filterPolicy(topic, hook.filter),
          }),
        );
      }
    }

    if (sms) this.smsSettings(config.smsSenderId);
  }

  /**
   * SMS settings are per account and region (no CloudFormation resource): transactional messages (the
   * route for time-critical ones), delivery status of every SMS logged by SNS to CloudWatch Logs
   * (`sns/<region>/<account>/DirectPublishToPhoneNumber[/Failure]`), and the sender id where given.
   */
  private smsSettings(senderId: string | undefined): void {
    const stack = Stack.of(this);
    const logsRole = new Role(this, 'SmsDeliveryStatusRole', {
      assumedBy: new ServicePrincipal('sns.amazonaws.com'),
      description: 'SNS writes the delivery status of OneRoof SMS to CloudWatch Logs',
    });
    logsRole.addToPolicy(
      new PolicyStatement({
        actions: ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents', 'logs:PutMetricFilter', 'logs:PutRetentionPolicy'],
        resources: [
          `arn:${stack.partition}:logs:${stack.region}:${stack.account}:log-group:sns/${stack.region}/${stack.account}/DirectPublishToPhoneNumber`,
          `arn:${stack.partition}:logs:${stack.region}:${stack.account}:log-group:sns/${stack.region}/${stack.account}/DirectPublishToPhoneNumber:*`,
          `arn:${stack.partition}:logs:${stack.region}:${stack.account}:log-group:sns/${stack.region}/${stack.account}/DirectPublishToPhoneNumber/Failure`,
          `arn:${stack.partition}:logs:${stack.region}:${stack.account}:log-group:sns/${stack.region}/${stack.account}/DirectPublishToPhoneNumber/Failure:*`,
        ],
      }),
    );
    const attributes: Record<string, string> = {
      DefaultSMSType: 'Transactional',
      DeliveryStatusIAMRole: logsRole.roleArn,
      DeliveryStatusSuccessSamplingRate: '100',
      ...(senderId ? { DefaultSenderID: senderId } : {}),
    };
    const call = {
      service: 'SNS',
      action: 'setSMSAttributes',
      parameters: { attributes },
      physicalResourceId: PhysicalResourceId.of('oneroof-sms-settings'),
    };
    const settings = new AwsCustomResource(this, 'SmsSettings', {
      onCreate: call,
      onUpdate: call,
      installLatestAwsSdk: false,
      policy: AwsCustomResourcePolicy.fromStatements([
        // SetSMSAttributes has no resource-level permissions.
        new PolicyStatement({ actions: ['sns:SetSMSAttributes'], resources: ['*'] }),
        new PolicyStatement({ actions: ['iam:PassRole'], resources: [logsRole.roleArn] }),
      ]),
    });
    Validations.of(settings).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason: 'sns:SetSMSAttributes has no resource-level permissions (account-wide SMS settings).',
    });
    // The custom resource's provider is one Lambda per stack, created by CDK.
    const provider = stack.node.tryFindChild(`AWS${AwsCustomResource.PROVIDER_FUNCTION_UUID.replace(/-/g, '')}`);
    for (const group of ['DirectPublishToPhoneNumber', 'DirectPublishToPhoneNumber/Failure']) {
      Validations.of(logsRole).acknowledge({
        id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:logs:<AWS::Region>:<AWS::AccountId>:log-group:sns/<AWS::Region>/<AWS::AccountId>/${group}:*]`,
        reason: 'The log streams of the one log group SNS writes SMS delivery status to; no other log group.',
      });
    }
    const providerRole = provider?.node.tryFindChild('ServiceRole');
    if (providerRole) {
      Validations.of(providerRole).acknowledge({
        id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
        reason: "CDK's AwsCustomResource provider (applies the account's SMS settings at deploy time) uses AWSLambdaBasicExecutionRole for its own logs.",
      });
    }
    if (provider) {
      Validations.of(provider).acknowledge({ id: 'AwsSolutions-L1', reason: "The runtime of CDK's own AwsCustomResource provider is chosen by aws-cdk-lib." });
    }
  }
}
