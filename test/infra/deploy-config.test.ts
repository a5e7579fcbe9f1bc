import { afterAll, describe, expect, it } from 'vitest';
import { App } from 'aws-cdk-lib';
import { buildOneRoof, cdkJsonContext } from '../../infra/aws/oneroof.js';
import { functions } from '../../shared/functions.js';
import { WEB_ORIGIN_ENV } from '../../shared/links.js';
import { VAPID_SUBJECT_ENV } from '../../shared/push/config.js';
import { secrets } from '../../shared/secrets.js';
import { subscribers } from '../../shared/subscribers.js';
import type { TopicName } from '../../shared/topics.js';
import { statementsOfRole, synthesize } from './synth.js';

/**
 * A production-like deployment: every context key set (cdk.json or `-c`), a built PWA (a small
 * fixture), subscriptions with filters. One synthesis, with cdk-nag.
 */
const s = synthesize(
  {
    'oneroof:staffDomainName': 'staff.oneroof.example.be',
    'oneroof:cognitoDomainPrefix': 'oneroof-ruppel',
    'oneroof:opsEmail': 'ops@example.be',
    'oneroof:domainName': 'oneroof.example.be',
    'oneroof:certificateArn': 'arn:aws:acm:us-east-1:111111111111:certificate/00000000-0000-0000-0000-000000000000',
    'oneroof:webAclArn': 'arn:aws:wafv2:us-east-1:111111111111:global/webacl/oneroof/00000000-0000-0000-0000-000000000000',
    'oneroof:pwaDist': 'test/infra/fixtures/pwa',
    // As `-c` passes it: a JSON string.
    'oneroof:subscriptions': JSON.stringify({
      policeAlerts: [{ protocol: 'sms', endpoint: '+32470000000', filter: { zone: ['ruppel'] } }],
      officerReminders: [{ protocol: 'email', endpoint: 'officers@social.example.be', filter: { zone: ['ruppel'] } }],
      partnerIntake: [{ protocol: 'email', endpoint: 'intake@partner.example.be' }],
    }),
    'oneroof:dispatchWebhook': JSON.stringify({ url: 'https://dispatch.example.be/oneroof', topics: ['policeAlerts', 'supervisorEscalations'] }),
    'oneroof:smsSenderId': 'OneRoof',
    'oneroof:push': JSON.stringify({ subject: 'mailto:ops@example.be' }),
  },
  { nag: true },
);
afterAll(() => s.dispose());

type Resource = { Properties: Record<string, unknown> };

describe('subscriptions from context', () => {
  const subs = Object.values(s.statefulTemplate.findResources('AWS::SNS::Subscription') as Record<string, Resource>).map((r) => r.Properties);

  it('subscribes each endpoint with a dead-letter queue and its filter', () => {
    const police = subs.find((p) => p.Endpoint === '+32470000000');
    expect(police).toMatchObject({ Protocol: 'sms', TopicArn: { Ref: s.logicalId(s.stateful.topics.policeAlerts) }, FilterPolicy: { zone: ['ruppel'] } });
    expect(JSON.stringify(police?.RedrivePolicy)).toContain('deadLetterTargetArn');
    const partner = subs.find((p) => p.Endpoint === 'intake@partner.example.be');
    expect(partner).toMatchObject({ Protocol: 'email', TopicArn: { Ref: s.logicalId(s.stateful.topics.partnerIntake) } });
    expect(JSON.stringify(partner?.RedrivePolicy)).toContain('deadLetterTargetArn');
  });

  it('lets only that topic write into its dead-letter queue, and SNS use the key for it', () => {
    const police = subs.find((p) => p.Endpoint === '+32470000000')!;
    const queueId = (police.RedrivePolicy as { deadLetterTargetArn: { 'Fn::GetAtt': [string, string] } }).deadLetterTargetArn['Fn::GetAtt'][0];
    const policy = Object.values(s.statefulTemplate.findResources('AWS::SQS::QueuePolicy') as Record<string, Resource>).find(
      (p) => JSON.stringify(p.Properties.Queues) === JSON.stringify([{ Ref: queueId }]),
    );
    expect((policy!.Properties.PolicyDocument as { Statement: unknown[] }).Statement).toContainEqual(
      expect.objectContaining({
        Effect: 'Allow',
        Action: 'sqs:SendMessage',
        Principal: { Service: 'sns.amazonaws.com' },
        Condition: { ArnEquals: { 'aws:SourceArn': { Ref: s.logicalId(s.stateful.topics.policeAlerts) } } },
      }),
    );
    const [key] = Object.values(s.statefulTemplate.findResources('AWS::KMS::Key') as Record<string, Resource>);
    const sid = (key!.Properties.KeyPolicy as { Statement: { Sid?: string; Principal?: { Service?: string[] } }[] }).Statement.find(
      (st) => st.Sid === 'ServicesUseKeyForOwnAccountOnly',
    );
    expect(sid?.Principal?.Service).toEqual(expect.arrayContaining(['sns.amazonaws.com', 'cloudwatch.amazonaws.com']));
  });

  it('sends operational alarms to the operations e-mail', () => {
    expect(subs.find((p) => p.Endpoint === 'ops@example.be')).toMatchObject({ Protocol: 'email', TopicArn: { Ref: s.logicalId(s.stateful.opsTopic) } });
  });

  it("keeps the staff console off the victim app's origin: the old webOrigin key and a shared domain are refused", () => {
    const demo = { 'oneroof:allowNoDelivery': true };
    expect(build({ ...demo, 'oneroof:webOrigin': 'https://oneroof.example.be' })).toThrow(/now oneroof:staffOrigin/);
    const cert = 'arn:aws:acm:us-east-1:111111111111:certificate/00000000-0000-0000-0000-000000000000';
    expect(
      build({ ...demo, 'oneroof:domainName': 'oneroof.example.be', 'oneroof:certificateArn': cert, 'oneroof:staffDomainName': 'oneroof.example.be' }),
    ).toThrow(/staffDomainName must differ/);
    expect(
      build({ ...demo, 'oneroof:domainName': 'oneroof.example.be', 'oneroof:certificateArn': cert, 'oneroof:staffOrigin': 'https://oneroof.example.be' }),
    ).toThrow(/must not be the victim app's origin/);
    expect(build({ ...demo, 'oneroof:staffDomainName': 'staff.oneroof.example.be' })).toThrow(/staffDomainName needs/);
  });

  it('rejects an unknown topic name', () => {
    const app = new App({ context: { ...cdkJsonContext(), 'aws:cdk:bundling-stacks': [], 'oneroof:subscriptions': { nosuchTopic: [] } } });
    expect(() => buildOneRoof(app)).toThrow(/unknown topic "nosuchTopic"/);
  });

  it('keeps the pipeline canary away from people on the police topic', () => {
    const police = subs.filter((p) => JSON.stringify(p.TopicArn) === JSON.stringify({ Ref: s.logicalId(s.stateful.topics.policeAlerts) }));
    expect(police.length).toBeGreaterThanOrEqual(2);
    for (const p of police) expect((p.FilterPolicy as Record<string, unknown>).kind).toEqual([{ 'anything-but': ['canary'] }]);
  });

  it('subscribes the dispatch webhook over HTTPS with retries and the dead-letter queue; topics sign with SHA256', () => {
    const hooks = subs.filter((p) => p.Endpoint === 'https://dispatch.example.be/oneroof');
    expect(hooks.map((h) => h.TopicArn)).toEqual(
      expect.arrayContaining([{ Ref: s.logicalId(s.stateful.topics.policeAlerts) }, { Ref: s.logicalId(s.stateful.topics.supervisorEscalations) }]),
    );
    for (const h of hooks) {
      expect(h.Protocol).toBe('https');
      expect(JSON.stringify(h.RedrivePolicy)).toContain('deadLetterTargetArn');
      expect(h.DeliveryPolicy).toMatchObject({ healthyRetryPolicy: { numRetries: 30, backoffFunction: 'EXPONENTIAL' } });
    }
    for (const topic of Object.values(s.stateful.topics)) {
      expect((s.statefulTemplate.findResources('AWS::SNS::Topic') as Record<string, Resource>)[s.logicalId(topic)]?.Properties.SignatureVersion).toBe('2');
    }
  });

  it('sets the account SMS settings: transactional, sender id, delivery status logged through a role SNS assumes', () => {
    const [settings] = Object.values(s.statefulTemplate.findResources('Custom::AWS') as Record<string, Resource>);
    const create = JSON.stringify(settings?.Properties.Create);
    expect(create).toContain('setSMSAttributes');
    expect(create).toContain('Transactional');
    expect(create).toContain('OneRoof');
    expect(create).toContain('DeliveryStatusIAMRole');
    s.statefulTemplate.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: { Statement: [{ Action: 'sts:AssumeRole', Effect: 'Allow', Principal: { Service: 'sns.amazonaws.com' } }] },
    });
  });
});

describe('console links in messages', () => {
  it('gives every publishing function the web origin, and no other', () => {
    const fns = s.statelessTemplate.findResources('AWS::Lambda::Function') as Record<string, Resource>;
    for (const [name, decl] of Object.entries(functions)) {
      const vars = (fns[s.logicalId(s.stateless.functions[name as keyof typeof functions])]!.Properties.Environment as { Variables: Record<string, unknown> })
        .Variables;
      const buildsLinks = decl.publishes.length > 0 || subscribers.some((sub) => sub.function === name && sub.channel);
      expect(vars[WEB_ORIGIN_ENV], name).toBe(buildsLinks ? 'https://staff.oneroof.example.be' : undefined);
    }
  });
});

describe('staff console push', () => {
  const fns = () => s.statelessTemplate.findResources('AWS::Lambda::Function') as Record<string, Resource>;
  const vars = (name: 'push' | 'pushSender') =>
    (fns()[s.logicalId(s.stateless.functions[name])]!.Properties.Environment as { Variables: Record<string, unknown> }).Variables;

  it('subscribes the push sender to police alerts (no canaries), officer reminders and supervisor escalations', () => {
    const subs = Object.values(s.statelessTemplate.findResources('AWS::SNS::Subscription') as Record<string, Resource>).filter(
      (r) => r.Properties.Protocol === 'lambda' && JSON.stringify(r.Properties.Endpoint).includes(s.logicalId(s.stateless.functions.pushSender)),
    );
    const byTopic = (t: TopicName) =>
      subs.find((r) => JSON.stringify(s.imported(r.Properties.TopicArn)) === JSON.stringify({ Ref: s.logicalId(s.stateful.topics[t]) }));
    expect(subs).toHaveLength(3);
    expect(byTopic('policeAlerts')?.Properties.FilterPolicy).toEqual({ kind: [{ 'anything-but': ['canary'] }] });
    expect(byTopic('officerReminders')?.Properties.FilterPolicy).toEqual({ kind: ['followupReminder'] });
    expect(byTopic('supervisorEscalations')?.Properties.FilterPolicy).toBeUndefined();
    // SNS may invoke it: one permission per topic.
    const perms = Object.values(s.statelessTemplate.findResources('AWS::Lambda::Permission') as Record<string, Resource>).filter(
      (p) =>
        p.Properties.Principal === 'sns.amazonaws.com' && JSON.stringify(p.Properties.FunctionName).includes(s.logicalId(s.stateless.functions.pushSender)),
    );
    expect(perms).toHaveLength(3);
  });

  it('gives both push functions the VAPID subject and the vapidKeys secret (read only, that secret only); the sender the web origin', () => {
    for (const name of ['push', 'pushSender'] as const) {
      expect(vars(name)[VAPID_SUBJECT_ENV]).toBe('mailto:ops@example.be');
      expect(s.imported(vars(name)[secrets.vapidKeys.envVar])).toEqual({ Ref: s.logicalId(s.stateful.secrets.vapidKeys) });
      const statements = statementsOfRole(s.statelessTemplate, s.logicalId(s.stateless.functions[name].role!));
      const read = statements.find((st) => st.Sid === 'ReadSecretVapidKeys');
      expect(read?.Action).toBe('secretsmanager:GetSecretValue');
      expect(s.imported(read?.Resource)).toEqual({ Ref: s.logicalId(s.stateful.secrets.vapidKeys) });
      expect(statements.some((st) => st.Sid?.startsWith('Publish'))).toBe(false);
    }
    expect(vars('pushSender')[WEB_ORIGIN_ENV]).toBe('https://staff.oneroof.example.be');
  });

  it('counts as the delivery channel of police alerts and officer reminders', () => {
    expect(build({ 'oneroof:push': JSON.stringify({ subject: 'mailto:ops@example.be' }) })).not.toThrow();
    expect(build({ 'oneroof:push': JSON.stringify({ subject: 'ops@example.be' }) })).toThrow(/oneroof:push needs/);
  });
});

const build = (context: Record<string, unknown>) => () =>
  buildOneRoof(new App({ context: { ...cdkJsonContext(), 'aws:cdk:bundling-stacks': [], ...context } }));

describe('a deploy that would deliver to nobody', () => {
  it('fails without a channel for police alerts and officer reminders, naming the context keys', () => {
    expect(build({})).toThrow(/policeAlerts and officerReminders.*oneroof:subscriptions.*oneroof:dispatchWebhook.*oneroof:allowNoDelivery=true/s);
  });

  it('fails when only one of the two has a channel', () => {
    const sms = JSON.stringify({ policeAlerts: [{ protocol: 'sms', endpoint: '+32470000000' }] });
    expect(build({ 'oneroof:subscriptions': sms })).toThrow(/No delivery channel for officerReminders/);
    expect(build({ 'oneroof:dispatchWebhook': JSON.stringify({ url: 'https://dispatch.example.be/x' }) })).toThrow(/officerReminders/);
  });

  it('synthesizes a demo account when the flag says so on purpose', () => {
    expect(build({ 'oneroof:allowNoDelivery': 'true' })).not.toThrow();
  });

  it('rejects a webhook that is not https or names a topic it may not carry', () => {
    expect(build({ 'oneroof:allowNoDelivery': true, 'oneroof:dispatchWebhook': JSON.stringify({ url: 'http://dispatch.example.be' }) })).toThrow(
      /dispatchWebhook needs/,
    );
    expect(
      build({ 'oneroof:allowNoDelivery': true, 'oneroof:dispatchWebhook': JSON.stringify({ url: 'https://d.example.be', topics: ['partnerIntake'] }) }),
    ).toThrow(/dispatchWebhook.topics/);
  });
});

describe('staff sign-in and the custom domain', () => {
  it('redirects the staff console to the configured origin and uses the configured Cognito domain', () => {
    const client = (s.statefulTemplate.findResources('AWS::Cognito::UserPoolClient') as Record<string, Resource>)[
      s.logicalId(s.stateful.identity.staffConsoleClient)
    ];
    // The staff console's own origin, never the victim app's.
    expect(client?.Properties.CallbackURLs).toEqual(['https://staff.oneroof.example.be/staff/']);
    expect(client?.Properties.LogoutURLs).toEqual(['https://staff.oneroof.example.be/staff/']);
    s.statefulTemplate.hasResourceProperties('AWS::Cognito::UserPoolDomain', { Domain: 'oneroof-ruppel' });
  });

  it('serves each origin on its own domain with TLS 1.2+ and the web ACL', () => {
    const dists = s.statelessTemplate.findResources('AWS::CloudFront::Distribution') as Record<string, Resource>;
    for (const [construct, alias] of [
      [s.stateless.web.distribution, 'oneroof.example.be'],
      [s.stateless.web.staffDistribution, 'staff.oneroof.example.be'],
    ] as const) {
      const dc = dists[s.logicalId(construct)]!.Properties.DistributionConfig as Record<string, unknown>;
      expect(dc.Aliases).toEqual([alias]);
      expect(dc.ViewerCertificate).toMatchObject({ MinimumProtocolVersion: 'TLSv1.2_2021', SslSupportMethod: 'sni-only' });
      expect(dc.WebACLId).toMatch(/^arn:aws:wafv2:us-east-1:/);
    }
  });
});

describe('the built PWA', () => {
  it('is uploaded: hashed assets cached for a year, documents and the service worker revalidated', () => {
    const deployments = Object.values(s.statelessTemplate.findResources('Custom::CDKBucketDeployment') as Record<string, Resource>).map((r) => r.Properties);
    expect(deployments).toHaveLength(3);
    const assets = deployments.find((d) => JSON.stringify(d.SystemMetadata).includes('immutable'));
    const documents = deployments.find((d) => JSON.stringify(d.SystemMetadata).includes('no-cache'));
    expect(assets?.Exclude).toEqual(expect.arrayContaining(['*.html', 'sw.js']));
    expect(documents?.Include).toEqual(expect.arrayContaining(['*.html', 'sw.js']));
    expect(documents?.DistributionPaths).toEqual(['/*']);
    // The console's sign-in settings, then the staff distribution's own invalidation.
    const staffConfig = deployments.find((d) => JSON.stringify(d.DistributionId) === JSON.stringify({ Ref: s.logicalId(s.stateless.web.staffDistribution) }));
    expect(staffConfig?.DistributionPaths).toEqual(['/staff/*']);
  });
});

describe('cdk-nag (AwsSolutions) with every option on', () => {
  it('has no unacknowledged finding', () => {
    expect(s.nag?.findings.filter((f) => f.startsWith('ERROR'))).toEqual([]);
    expect(s.nag?.ok).toBe(true);
  });
});
