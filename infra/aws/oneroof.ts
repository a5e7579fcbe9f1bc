import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Tags, type App } from 'aws-cdk-lib';
import { REPO_ROOT } from './function.js';
import { readConfig } from './config.js';
import { EdgeStack } from './edge.js';
import { StatefulStack } from './stateful-stack.js';
import { StatelessStack } from './stateless-stack.js';

export interface OneRoofStacks {
  /** The CloudFront web ACL (us-east-1); deployed first, its ARN given as context oneroof:webAclArn. */
  edge: EdgeStack;
  stateful: StatefulStack;
  stateless: StatelessStack;
}

/**
 * Both stacks, environment-agnostic: no lookups, no credentials, so `cdk synth` runs offline.
 * Used by app.ts (the CDK CLI), nag.ts and the infra tests alike.
 */
export function buildOneRoof(app: App): OneRoofStacks {
  const config = readConfig(app);
  const edge = new EdgeStack(app, 'OneRoofEdge', {
    description: 'OneRoof web ACL for CloudFront (us-east-1): managed rules, per-IP rate limits',
  });
  const stateful = new StatefulStack(app, 'OneRoofStateful', {
    description: 'OneRoof data and identity: KMS key, table, topics, dead-letter queues, Cognito (retained)',
    config,
    terminationProtection: true,
  });
  const stateless = new StatelessStack(app, 'OneRoofStateless', {
    description: 'OneRoof code and wiring: functions, HTTP API, schedules, stream consumers, CloudFront',
    config,
    stateful,
  });
  stateless.addStackDependency(stateful);
  Tags.of(app).add('project', 'oneroof');
  return { edge, stateful, stateless };
}

/**
 * The context of cdk.json (feature flags, settings). The CLI passes it to app.ts itself; nag.ts and the
 * infra tests construct their App directly and use this, so they synthesize what `cdk deploy` would.
 */
export function cdkJsonContext(): Record<string, unknown> {
  const cdkJson = JSON.parse(readFileSync(join(REPO_ROOT, 'cdk.json'), 'utf8')) as { context?: Record<string, unknown> };
  return cdkJson.context ?? {};
}
