import { Template } from 'aws-cdk-lib/assertions';
import { afterAll, describe, expect, it } from 'vitest';
import { MANAGED_RULE_GROUPS, RATE_RULES } from '../../infra/aws/edge.js';
import { ROUTE_THROTTLES } from '../../infra/aws/api.js';
import { ORIGIN_VERIFY_HEADER, VIEWER_ADDRESS_HEADER } from '../../shared/edge.js';
import { functions, type FunctionDecl, type FunctionName } from '../../shared/functions.js';
import { routes } from '../../shared/routes.js';
import { schedules } from '../../shared/schedules.js';
import { secrets } from '../../shared/secrets.js';
import { actionsOf, resourcesOf, statementsOfRole, synthesize } from './synth.js';

/** Floods and least privilege in the synthesized templates (production-like context, with cdk-nag). */
const s = synthesize(
  {
    'oneroof:webAclArn': 'arn:aws:wafv2:us-east-1:111111111111:global/webacl/oneroof/00000000-0000-0000-0000-000000000000',
    'oneroof:apiDomainName': 'api.oneroof.example.be',
    'oneroof:apiCertificateArn': 'arn:aws:acm:eu-west-1:111111111111:certificate/00000000-0000-0000-0000-000000000000',
  },
  { nag: true },
);
afterAll(() => s.dispose());
const t = s.statelessTemplate;
const edge = Template.fromStack(s.edge);
// biome-ignore lint/suspicious/noExplicitAny: CloudFormation properties of every resource type, read as the template has them
type Resource = { Properties: Record<string, any> };
const only = (tpl: Template, type: string) => Object.values(tpl.findResources(type) as Record<string, Resource>);
const entries = Object.entries(functions) as [FunctionName, FunctionDecl][];
const fnProps = (name: FunctionName) =>
  (t.findResources('AWS::Lambda::Function') as Record<string, Resource>)[s.logicalId(s.stateless.functions[name])]!.Properties;
const statements = (name: FunctionName) => statementsOfRole(t, s.logicalId(s.stateless.functions[name].role!));

describe('WAF on the CloudFront distribution', () => {
  it('a CLOUDFRONT web ACL in us-east-1 with the managed rule groups and per-IP rate rules, stricter on booking and guessing routes', () => {
    expect(s.edge.region).toBe('us-east-1');
    const [acl] = only(edge, 'AWS::WAFv2::WebACL');
    expect(acl!.Properties.Scope).toBe('CLOUDFRONT');
    const rules = acl!.Properties.Rules as { Name: string; Statement: Resource['Properties'] }[];
    expect(rules.filter((r) => r.Statement.ManagedRuleGroupStatement).map((r) => r.Statement.ManagedRuleGroupStatement.Name)).toEqual([...MANAGED_RULE_GROUPS]);
    const rates = rules
      .filter((r) => r.Statement.RateBasedStatement)
      .map((r) => [r.Name, r.Statement.RateBasedStatement.Limit, r.Statement.RateBasedStatement.AggregateKeyType]);
    expect(rates).toEqual(RATE_RULES.map((r) => [`Rate${r.name}`, r.limit, 'IP']));
    const limit = (name: string) => RATE_RULES.find((r) => r.name === name)!.limit;
    expect(limit('BookingWrites')).toBeLessThan(limit('EveryoneElse'));
    expect(limit('BookingPinChecks')).toBeLessThan(limit('EveryoneElse'));
    // no anonymous-IP list: victims may hide behind Tor or a VPN
    expect(JSON.stringify(rules)).not.toContain('AnonymousIpList');
  });

  it('both distributions (victim app, staff console) use the web ACL', () => {
    const dists = only(t, 'AWS::CloudFront::Distribution');
    expect(dists).toHaveLength(2);
    for (const dist of dists) expect(dist.Properties.DistributionConfig.WebACLId).toMatch(/^arn:aws:wafv2:us-east-1:/);
  });
});

describe('nothing bypasses CloudFront', () => {
  it('the default execute-api endpoint is disabled and CloudFront reaches the API at its own domain', () => {
    const [api] = only(t, 'AWS::ApiGatewayV2::Api');
    expect(api!.Properties.DisableExecuteApiEndpoint).toBe(true);
    const [domain] = only(t, 'AWS::ApiGatewayV2::DomainName');
    expect(domain!.Properties.DomainName).toBe('api.oneroof.example.be');
    for (const dist of only(t, 'AWS::CloudFront::Distribution')) {
      const origins = dist.Properties.DistributionConfig.Origins as {
        DomainName: unknown;
        CustomOriginConfig?: unknown;
        OriginCustomHeaders?: { HeaderName: string; HeaderValue: string }[];
      }[];
      const apiOrigin = origins.find((o) => o.CustomOriginConfig)!;
      // its own name (API Gateway matches the Host header), pointed by DNS at the regional endpoint
      expect(apiOrigin.DomainName).toEqual({ Ref: Object.keys(t.findResources('AWS::ApiGatewayV2::DomainName'))[0] });
      // the origin secret, resolved at deploy time (never in the template), which every HTTP function checks
      expect(apiOrigin.OriginCustomHeaders).toEqual([
        { HeaderName: ORIGIN_VERIFY_HEADER, HeaderValue: '{{resolve:secretsmanager:oneroof/originVerify:SecretString:::}}' },
      ]);
    }
  });

  it('every function behind a route reads the origin secret; a CloudFront function writes the viewer address on /api/*', () => {
    for (const name of new Set(routes.map((r) => r.function))) {
      expect(functions[name].secrets as readonly string[], name).toContain('originVerify');
      expect(Object.keys(fnProps(name).Environment.Variables)).toContain(secrets.originVerify.envVar);
    }
    const fns = only(t, 'AWS::CloudFront::Function');
    const viewers = fns.filter((f) => String(f.Properties.FunctionCode).includes(VIEWER_ADDRESS_HEADER));
    expect(viewers).toHaveLength(2);
    for (const viewer of viewers) expect(viewer.Properties.FunctionCode).toContain('event.viewer.ip');
    for (const dist of only(t, 'AWS::CloudFront::Distribution')) {
      const api = (dist.Properties.DistributionConfig.CacheBehaviors as { PathPattern: string; FunctionAssociations?: unknown[] }[]).find(
        (b) => b.PathPattern === '/api/*',
      )!;
      expect(api.FunctionAssociations).toHaveLength(1);
    }
  });
});

describe('the safety routes keep their own capacity', () => {
  it('route-level throttles: panic, contact reports and device events have their own buckets; booking and PIN routes are held low', () => {
    const [stage] = only(t, 'AWS::ApiGatewayV2::Stage');
    const settings = stage!.Properties.RouteSettings as Record<string, { ThrottlingRateLimit: number; ThrottlingBurstLimit: number }>;
    for (const key of ['POST /api/panic', 'POST /api/contact-reports', 'POST /api/monitoring/events']) expect(settings[key], key).toBeDefined();
    expect(settings['POST /api/bookings']!.ThrottlingRateLimit).toBeLessThan(settings['POST /api/panic']!.ThrottlingRateLimit);
    expect(Object.keys(settings).sort()).toEqual(Object.keys(ROUTE_THROTTLES).sort());
  });

  it('reserved concurrency on the police path (monitoring, alertPublisher) and a ceiling on public functions', () => {
    for (const [name, decl] of entries) {
      if (decl.reservedConcurrency) expect(fnProps(name).ReservedConcurrentExecutions, name).toBe(decl.reservedConcurrency);
      else expect(fnProps(name).ReservedConcurrentExecutions, name).toBeUndefined();
    }
    expect(functions.monitoring.reservedConcurrency).toBeGreaterThan(0);
    expect(functions.alertPublisher.reservedConcurrency).toBeGreaterThan(0);
  });
});

describe('secrets', () => {
  it('each function reads exactly the secrets it declares', () => {
    for (const [name, decl] of entries) {
      const reads = statements(name).filter((st) => actionsOf(st).includes('secretsmanager:GetSecretValue'));
      expect(reads.length, name).toBe(decl.secrets.length);
      for (const st of reads) expect(resourcesOf(st)).toHaveLength(1);
    }
    expect(Object.keys(fnProps('cases').Environment.Variables)).toContain(secrets.caseRefHmacKey.envVar);
    expect(Object.keys(fnProps('catalog').Environment.Variables)).not.toContain(secrets.caseRefHmacKey.envVar);
  });
});

describe('tamper-evident audit', () => {
  it('daily digests go to a bucket with Object Lock in compliance mode; only the digest function writes there, and cannot delete', () => {
    const [bucket] = only(s.statefulTemplate, 'AWS::S3::Bucket').filter((b) => b.Properties.ObjectLockEnabled);
    expect(bucket!.Properties.ObjectLockConfiguration).toMatchObject({ ObjectLockEnabled: 'Enabled', Rule: { DefaultRetention: { Mode: 'COMPLIANCE' } } });
    expect(bucket!.Properties.VersioningConfiguration).toEqual({ Status: 'Enabled' });
    for (const [name] of entries) {
      const s3 = statements(name)
        .flatMap(actionsOf)
        .filter((a) => a.startsWith('s3:'));
      if (name === 'auditDigest') expect(s3.sort()).toEqual(['s3:GetObject', 's3:ListBucket', 's3:PutObject']);
      else expect(s3, name).toEqual([]);
    }
    expect(schedules.find((x) => x.function === 'auditDigest')?.everyMinutes).toBe(1440);
  });

  it('no function may update or delete an audit record', () => {
    for (const [name, decl] of entries) {
      if (decl.table === 'none') continue;
      const deny = statements(name).find((st) => st.Effect === 'Deny' && JSON.stringify(st.Condition).includes('AUDIT#*'));
      expect(actionsOf(deny!), name).toEqual(expect.arrayContaining(['dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem']));
    }
  });
});

describe('cdk-nag', () => {
  it('has no unacknowledged finding', () => {
    expect(s.nag?.findings.filter((f) => !f.startsWith('WARNING Annotation::oneroof:'))).toEqual([]);
    expect(s.nag?.ok).toBe(true);
  });
});
