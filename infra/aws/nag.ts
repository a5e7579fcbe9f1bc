import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { noDeliveryFlag } from '../../shared/channels.js';
import { buildOneRoof, cdkJsonContext } from './oneroof.js';

/**
 * `npm run nag`: synthesizes both stacks with cdk-nag's AwsSolutions pack and exits non-zero on any
 * finding that is not acknowledged (every acknowledgement sits next to its resource, with a reason).
 * Bundling is skipped: nag reads templates, not code.
 */
interface Report {
  pluginReports: {
    pluginName: string;
    conclusion: string;
    violations: { ruleName: string; severity: string; violatingConstructs: { constructPath: string }[] }[];
  }[];
}

/** Adds the AwsSolutions checks to an app whose stacks are built, synthesizes it, and lists what is not acknowledged. */
export function checkNag(app: App): { ok: boolean; findings: string[] } {
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  let failed = false;
  let outdir: string;
  try {
    outdir = app.synth().directory;
  } catch (err) {
    if (!(err instanceof Error) || !/Validation failed/i.test(err.message)) throw err;
    failed = true;
    outdir = app.outdir;
  }
  const report = JSON.parse(readFileSync(join(outdir, 'validation-report.json'), 'utf8')) as Report;
  const findings = report.pluginReports.flatMap((p) =>
    p.violations.flatMap((v) => v.violatingConstructs.map((c) => `${v.severity.toUpperCase()} ${v.ruleName} at ${c.constructPath}`)),
  );
  const errors = report.pluginReports.flatMap((p) => p.violations.filter((v) => v.severity === 'error'));
  return { ok: !failed && errors.length === 0, findings };
}

/** The whole app as `cdk deploy` would build it (cdk.json's context), without bundling: nag reads templates, not code. */
export function runNag(extraContext: Record<string, unknown> = {}): { ok: boolean; findings: string[] } {
  const outdir = mkdtempSync(join(tmpdir(), 'oneroof-nag-'));
  try {
    const app = new App({ outdir, context: { ...cdkJsonContext(), 'aws:cdk:bundling-stacks': [], ...extraContext } });
    buildOneRoof(app);
    return checkNag(app);
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  // Templates without subscriptions are a demo account's: nag reads what is built, not who receives it.
  const { ok, findings } = runNag({ [noDeliveryFlag]: true });
  for (const f of findings) console.error(f);
  if (!ok) {
    console.error(`cdk-nag: ${findings.length} unacknowledged finding(s)`);
    process.exit(1);
  }
  console.log('cdk-nag (AwsSolutions): no unacknowledged findings');
}
