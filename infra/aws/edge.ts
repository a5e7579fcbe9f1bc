import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import { CfnWebACL } from 'aws-cdk-lib/aws-wafv2';
import type { Construct } from 'constructs';

/**
 * Per-IP rate rules of the CloudFront web ACL (requests per 5 minutes from one viewer address).
 * Guessing and booking routes are held tightest; the panic routes get room for a victim behind a shared
 * (carrier NAT) address, the application's own per-client budget doing the fine work; the monitoring
 * provider's batches are left to their route throttle.
 */
export const RATE_RULES = [
  { name: 'BookingWrites', limit: 100, match: { method: 'POST', prefix: '/api/bookings' } },
  { name: 'BookingPinChecks', limit: 150, match: { prefix: '/api/bookings/' } },
  { name: 'ProtectionCode', limit: 300, match: { prefixes: ['/api/panic', '/api/contact-reports'] } },
  { name: 'EveryoneElse', limit: 2000, match: { notPrefix: '/api/monitoring/events' } },
] as const;

/**
 * AWS managed rule groups, in order. No anonymous-IP list on purpose: a victim may use Tor or a VPN to
 * hide that she is looking for help; the API's own limits and tokens hold for those addresses too.
 */
export const MANAGED_RULE_GROUPS = ['AWSManagedRulesAmazonIpReputationList', 'AWSManagedRulesCommonRuleSet', 'AWSManagedRulesKnownBadInputsRuleSet'] as const;

type Statement = CfnWebACL.StatementProperty;

const startsWith = (prefix: string): Statement => ({
  byteMatchStatement: {
    fieldToMatch: { uriPath: {} },
    positionalConstraint: 'STARTS_WITH',
    searchString: prefix,
    textTransformations: [{ priority: 0, type: 'NONE' }],
  },
});
const method = (m: string): Statement => ({
  byteMatchStatement: { fieldToMatch: { method: {} }, positionalConstraint: 'EXACTLY', searchString: m, textTransformations: [{ priority: 0, type: 'NONE' }] },
});

function scopeDown(match: (typeof RATE_RULES)[number]['match']): Statement {
  if ('method' in match) return { andStatement: { statements: [method(match.method), startsWith(match.prefix)] } };
  if ('prefixes' in match) return { orStatement: { statements: match.prefixes.map(startsWith) } };
  if ('notPrefix' in match) return { notStatement: { statement: startsWith(match.notPrefix) } };
  return startsWith(match.prefix);
}

const visibility = (name: string): CfnWebACL.VisibilityConfigProperty => ({
  cloudWatchMetricsEnabled: true,
  metricName: `oneroof-${name}`,
  sampledRequestsEnabled: false,
});

/**
 * The WAFv2 web ACL of the CloudFront distribution. CloudFront web ACLs live in us-east-1 while the
 * other stacks are region-agnostic, so this is its own stack: deploy it, then give its WebAclArn output
 * to the others as context `oneroof:webAclArn`. Sampled requests are off: they would keep viewers'
 * addresses and paths (a victim's visit) in WAF's console.
 */
export class EdgeStack extends Stack {
  readonly webAcl: CfnWebACL;

  constructor(scope: Construct, id: string, props: StackProps = {}) {
    super(scope, id, { ...props, env: { ...props.env, region: 'us-east-1' } });
    const managed: CfnWebACL.RuleProperty[] = MANAGED_RULE_GROUPS.map((name, i) => ({
      name,
      priority: i,
      overrideAction: { none: {} },
      statement: {
        managedRuleGroupStatement: {
          vendorName: 'AWS',
          name,
          // Device batches may exceed the common set's 8 KB body rule; the API caps bodies at 64 KB itself.
          ...(name === 'AWSManagedRulesCommonRuleSet' ? { ruleActionOverrides: [{ name: 'SizeRestrictions_BODY', actionToUse: { count: {} } }] } : {}),
        },
      },
      visibilityConfig: visibility(name),
    }));
    const rates: CfnWebACL.RuleProperty[] = RATE_RULES.map((r, i) => ({
      name: `Rate${r.name}`,
      priority: 10 + i,
      action: { block: { customResponse: { responseCode: 429 } } },
      statement: { rateBasedStatement: { aggregateKeyType: 'IP', limit: r.limit, evaluationWindowSec: 300, scopeDownStatement: scopeDown(r.match) } },
      visibilityConfig: visibility(`rate-${r.name}`),
    }));
    this.webAcl = new CfnWebACL(this, 'WebAcl', {
      scope: 'CLOUDFRONT',
      defaultAction: { allow: {} },
      description: 'OneRoof - managed rule groups and per-IP rate limits, stricter on booking and guessing routes',
      rules: [...managed, ...rates],
      visibilityConfig: visibility('web-acl'),
    });
    new CfnOutput(this, 'WebAclArn', { value: this.webAcl.attrArn });
  }
}
