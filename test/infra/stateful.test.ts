import { afterAll, describe, expect, it } from 'vitest';
import { Match } from 'aws-cdk-lib/assertions';
import { identity } from '../../shared/identity.js';
import { PARTNERS, partnerGroup } from '../../shared/partners.js';
import { localStaffPort } from '../../shared/web-origins.js';
import { MONITORING_SCOPE, STAFF_ROLES } from '../../shared/roles.js';
import { table } from '../../shared/table.js';
import { districtGroup, zoneGroup, ZONES } from '../../shared/zones-list.js';
import { TOPIC_NAMES } from '../../shared/topics.js';
import { synthesize } from './synth.js';

// One synthesis for the whole file.
const s = synthesize();
const t = s.statefulTemplate;
const keyId = s.logicalId(s.stateful.key);
const keyArn = { 'Fn::GetAtt': [keyId, 'Arn'] };
afterAll(() => s.dispose());

type Resource = { Properties: Record<string, unknown>; DeletionPolicy?: string; UpdateReplacePolicy?: string };
const only = (type: string): [string, Resource] => {
  const all = Object.entries(t.findResources(type) as Record<string, Resource>);
  expect(all, type).toHaveLength(1);
  return all[0] as [string, Resource];
};

describe('customer-managed key', () => {
  it('rotates and is retained', () => {
    t.hasResource('AWS::KMS::Key', {
      Properties: Match.objectLike({ EnableKeyRotation: true }),
      DeletionPolicy: 'Retain',
    });
  });

  it('lets CloudWatch Logs use it only for log groups of this account and region', () => {
    const key = t.findResources('AWS::KMS::Key')[keyId] as Resource;
    const statements = (key.Properties.KeyPolicy as { Statement: { Sid?: string; Condition?: unknown }[] }).Statement;
    const logs = statements.find((st) => st.Sid === 'CloudWatchLogsEncryptLogGroups');
    expect(JSON.stringify(logs?.Condition)).toContain('kms:EncryptionContext:aws:logs:arn');
  });
});

describe('personal-data key', () => {
  const personalKey = t.findResources('AWS::KMS::Key')[s.logicalId(s.stateful.personalDataKey)] as Resource;

  it('is its own key, rotated yearly and retained', () => {
    expect(Object.keys(t.findResources('AWS::KMS::Key'))).toHaveLength(2);
    expect(personalKey.Properties).toMatchObject({ EnableKeyRotation: true, RotationPeriodInDays: 365 });
    expect(personalKey.DeletionPolicy).toBe('Retain');
  });

  it('grants no AWS service anything (only the account root, for IAM policies to delegate)', () => {
    const statements = (personalKey.Properties.KeyPolicy as { Statement: { Principal?: unknown }[] }).Statement;
    expect(JSON.stringify(statements.map((st) => st.Principal))).not.toContain('Service');
  });
});

describe('the one table, from shared/table.ts', () => {
  const [, tbl] = only('AWS::DynamoDB::Table');
  const p = tbl.Properties;

  it('has the declared keys and both indexes with ALL projection', () => {
    expect(p.KeySchema).toEqual([
      { AttributeName: table.partitionKey, KeyType: 'HASH' },
      { AttributeName: table.sortKey, KeyType: 'RANGE' },
    ]);
    expect(p.GlobalSecondaryIndexes).toEqual(
      table.indexes.map((i) => ({
        IndexName: i.name,
        KeySchema: [
          { AttributeName: i.partitionKey, KeyType: 'HASH' },
          { AttributeName: i.sortKey, KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'ALL' },
      })),
    );
  });

  it('expires items on the declared TTL attribute and streams the declared view', () => {
    expect(p.TimeToLiveSpecification).toEqual({ AttributeName: table.ttlAttribute, Enabled: true });
    expect(p.StreamSpecification).toEqual({ StreamViewType: table.streamView });
  });

  it('is encrypted with the customer-managed key, recoverable to any point in time, protected from deletion', () => {
    expect(p.SSESpecification).toEqual({ SSEEnabled: true, SSEType: 'KMS', KMSMasterKeyId: keyArn });
    expect(p.PointInTimeRecoverySpecification).toEqual({ PointInTimeRecoveryEnabled: true });
    expect(p.DeletionProtectionEnabled).toBe(true);
    expect(p.BillingMode).toBe('PAY_PER_REQUEST');
    expect(tbl.DeletionPolicy).toBe('Retain');
    expect(tbl.UpdateReplacePolicy).toBe('Retain');
  });
});

describe('topics from shared/topics.ts', () => {
  it('creates every declared topic, encrypted with the key and refusing plain HTTP', () => {
    for (const name of TOPIC_NAMES) {
      const id = s.logicalId(s.stateful.topics[name]);
      const topic = t.findResources('AWS::SNS::Topic')[id] as Resource | undefined;
      expect(topic?.Properties.KmsMasterKeyId, name).toEqual(keyArn);
      t.hasResourceProperties('AWS::SNS::TopicPolicy', {
        Topics: [{ Ref: id }],
        PolicyDocument: {
          Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]),
        },
      });
    }
  });

  it('gives every topic an encrypted dead-letter queue, refusing plain HTTP, with an alarm', () => {
    const queues = t.findResources('AWS::SQS::Queue') as Record<string, Resource>;
    expect(Object.keys(queues).length).toBeGreaterThanOrEqual(TOPIC_NAMES.length);
    for (const [id, queue] of Object.entries(queues)) {
      expect(queue.Properties.KmsMasterKeyId, id).toEqual(keyArn);
      t.hasResourceProperties('AWS::SQS::QueuePolicy', {
        Queues: [{ Ref: id }],
        PolicyDocument: {
          Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]),
        },
      });
      t.hasResourceProperties('AWS::CloudWatch::Alarm', {
        MetricName: 'ApproximateNumberOfMessagesVisible',
        Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [id, 'QueueName'] } }],
        Threshold: 0,
        ComparisonOperator: 'GreaterThanThreshold',
        AlarmActions: [{ Ref: s.logicalId(s.stateful.opsTopic) }],
      });
    }
  });
});

describe('staff identity (Cognito)', () => {
  const [poolId, pool] = only('AWS::Cognito::UserPool');
  const p = pool.Properties;

  it('requires MFA by authenticator app only, and nobody signs themselves up', () => {
    expect(p.MfaConfiguration).toBe('ON');
    expect(p.EnabledMfas).toEqual(['SOFTWARE_TOKEN_MFA']);
    expect(p.AdminCreateUserConfig).toMatchObject({ AllowAdminCreateUserOnly: true });
  });

  it('has a strong password policy and recovers accounts by e-mail only', () => {
    expect(p.Policies).toEqual({
      PasswordPolicy: {
        MinimumLength: 14,
        RequireLowercase: true,
        RequireUppercase: true,
        RequireNumbers: true,
        RequireSymbols: true,
        TemporaryPasswordValidityDays: 3,
      },
    });
    expect(p.AccountRecoverySetting).toEqual({ RecoveryMechanisms: [{ Name: 'verified_email', Priority: 1 }] });
  });

  it('enforces threat protection and cannot be deleted', () => {
    expect(p.UserPoolTier).toBe('PLUS');
    expect(p.UserPoolAddOns).toEqual({ AdvancedSecurityMode: 'ENFORCED' });
    expect(p.DeletionProtection).toBe('ACTIVE');
    expect(pool.DeletionPolicy).toBe('Retain');
  });

  it('has exactly one group per staff role, declared zone, district and partner (staff scope travels as groups)', () => {
    const groups = Object.values(t.findResources('AWS::Cognito::UserPoolGroup') as Record<string, Resource>);
    const scopes = [...ZONES.flatMap((z) => [zoneGroup(z.id), ...z.districts.map((d) => districtGroup(d.id))]), ...PARTNERS.map((p) => partnerGroup(p.id))];
    expect(groups.map((g) => g.Properties.GroupName).sort()).toEqual([...STAFF_ROLES, ...scopes].sort());
    for (const g of groups) expect(g.Properties.UserPoolId).toEqual({ Ref: poolId });
  });

  it('serves the monitoring scope from a resource server named in shared/identity.ts', () => {
    const [serverId, server] = only('AWS::Cognito::UserPoolResourceServer');
    expect(server.Properties.Identifier).toBe(identity.resourceServer);
    const scopes = server.Properties.Scopes as { ScopeName: string }[];
    expect(scopes.map((sc) => `${identity.resourceServer}/${sc.ScopeName}`)).toEqual([MONITORING_SCOPE]);

    const monitoring = t.findResources('AWS::Cognito::UserPoolClient')[s.logicalId(s.stateful.identity.monitoringClient)] as Resource;
    expect(monitoring.Properties).toMatchObject({
      AllowedOAuthFlows: ['client_credentials'],
      GenerateSecret: true,
      ExplicitAuthFlows: ['ALLOW_REFRESH_TOKEN_AUTH'],
      AllowedOAuthScopes: [{ 'Fn::Join': ['', [{ Ref: serverId }, `/${MONITORING_SCOPE.split('/')[1]}`]] }],
    });
  });

  it('lets the staff console sign in with the authorization code flow only, without a secret, short-lived tokens', () => {
    const console = t.findResources('AWS::Cognito::UserPoolClient')[s.logicalId(s.stateful.identity.staffConsoleClient)] as Resource;
    expect(console.Properties).toMatchObject({
      AllowedOAuthFlows: ['code'],
      GenerateSecret: false,
      ExplicitAuthFlows: ['ALLOW_REFRESH_TOKEN_AUTH'],
      AccessTokenValidity: identity.accessTokenMinutes,
      IdTokenValidity: identity.accessTokenMinutes,
      PreventUserExistenceErrors: 'ENABLED',
      EnableTokenRevocation: true,
    });
    // With no staff origin configured: the local stack's staff origin (its own port), never the victim app's.
    expect(console.Properties.CallbackURLs).toEqual([`http://localhost:${localStaffPort(3000)}/staff/`]);
    t.resourceCountIs('AWS::Cognito::UserPoolDomain', 1);
  });

  it('names the hosted sign-in domain after the account by default (prefixes are global per region)', () => {
    const [, domain] = only('AWS::Cognito::UserPoolDomain');
    expect(domain.Properties.Domain).toEqual({ 'Fn::Join': ['', ['oneroof-staff-', { Ref: 'AWS::AccountId' }]] });
  });
});

describe('exports', () => {
  it('are the same whether or not the PWA is built, so a deploy without the build cannot break the stateless stack', () => {
    const exportsOf = (pwaDist: string) => {
      const other = synthesize({ 'oneroof:pwaDist': pwaDist });
      try {
        const outputs = (other.statefulTemplate.toJSON() as { Outputs: Record<string, { Export?: { Name: string } }> }).Outputs;
        return Object.values(outputs)
          .flatMap((o) => (o.Export ? [o.Export.Name] : []))
          .sort();
      } finally {
        other.dispose();
      }
    };
    const built = exportsOf('test/infra/fixtures/pwa');
    expect(built.some((n) => /UserPool/.test(n))).toBe(true);
    expect(exportsOf('test/infra/fixtures/no-such-build')).toEqual(built);
  });
});
