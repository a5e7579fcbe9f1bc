import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import type { IConstruct } from 'constructs';
import { checkNag } from '../../infra/aws/nag.js';
import { buildOneRoof, cdkJsonContext, type OneRoofStacks } from '../../infra/aws/oneroof.js';
import { noDeliveryFlag } from '../../shared/channels.js';

export interface Synthesized extends OneRoofStacks {
  stateful: OneRoofStacks['stateful'];
  stateless: OneRoofStacks['stateless'];
  statefulTemplate: Template;
  statelessTemplate: Template;
  /** Removes the synthesized assembly. */
  dispose(): void;
  /** cdk-nag's verdict, when asked for. */
  nag: { ok: boolean; findings: string[] } | undefined;
  /** The logical id of a construct's CloudFormation resource. */
  logicalId(construct: IConstruct): string;
  /** What an `Fn::ImportValue` in the stateless stack refers to in the stateful stack (e.g. `{ Ref: 'TableXYZ' }`). */
  imported(value: unknown): unknown;
}

type Json = Record<string, unknown>;

/**
 * Synthesizes both stacks once, with cdk.json's feature flags and without bundling (the functions'
 * code is not under test here). Call it once per test file.
 */
export function synthesize(extraContext: Record<string, unknown> = {}, options: { nag?: boolean } = {}): Synthesized {
  const outdir = mkdtempSync(join(tmpdir(), 'oneroof-infra-test-'));
  // Tests that are not about delivery synthesize a demo account (no channel, on purpose).
  const app = new App({ outdir, context: { ...cdkJsonContext(), 'aws:cdk:bundling-stacks': [], [noDeliveryFlag]: true, ...extraContext } });
  const stacks = buildOneRoof(app);
  // cdk-nag runs in the same (one) synthesis; the templates below come from the cached assembly.
  const nag = options.nag ? checkNag(app) : undefined;
  const statefulTemplate = Template.fromStack(stacks.stateful);
  const statelessTemplate = Template.fromStack(stacks.stateless);
  const outputs = (statefulTemplate.toJSON() as { Outputs?: Record<string, { Value: unknown; Export?: { Name: string } }> }).Outputs ?? {};
  const exports = new Map<string, unknown>();
  for (const output of Object.values(outputs)) if (output.Export) exports.set(output.Export.Name, output.Value);

  return {
    ...stacks,
    nag,
    dispose: () => rmSync(outdir, { recursive: true, force: true }),
    statefulTemplate,
    statelessTemplate,
    logicalId(construct) {
      const resource = (construct.node.defaultChild ?? construct) as IConstruct;
      return Stack.of(resource).getLogicalId(resource as never);
    },
    imported(value) {
      if (value && typeof value === 'object' && 'Fn::ImportValue' in (value as Json)) {
        const name = (value as Json)['Fn::ImportValue'] as string;
        if (!exports.has(name)) throw new Error(`No export ${name} in the stateful stack`);
        return exports.get(name);
      }
      return value;
    },
  };
}

export interface Statement {
  Effect: 'Allow' | 'Deny';
  Action: string | string[];
  Resource: unknown;
  Condition?: Json;
  Sid?: string;
}

export const actionsOf = (s: Statement): string[] => (Array.isArray(s.Action) ? s.Action : [s.Action]);
export const resourcesOf = (s: Statement): unknown[] => (Array.isArray(s.Resource) ? s.Resource : [s.Resource]);

/** Every statement of every IAM policy attached to a role (by the role's logical id). */
export function statementsOfRole(template: Template, roleLogicalId: string): Statement[] {
  const policies = template.findResources('AWS::IAM::Policy') as Record<
    string,
    { Properties: { Roles: unknown[]; PolicyDocument: { Statement: Statement[] } } }
  >;
  const inline =
    (template.findResources('AWS::IAM::Role') as Record<string, { Properties: { Policies?: { PolicyDocument: { Statement: Statement[] } }[] } }>)[roleLogicalId]
      ?.Properties.Policies ?? [];
  return [
    ...Object.values(policies)
      .filter((p) => p.Properties.Roles.some((r) => JSON.stringify(r) === JSON.stringify({ Ref: roleLogicalId })))
      .flatMap((p) => p.Properties.PolicyDocument.Statement),
    ...inline.flatMap((p) => p.PolicyDocument.Statement),
  ];
}
