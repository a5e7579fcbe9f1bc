import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { buildOneRoof, cdkJsonContext } from './oneroof.js';

/**
 * `npm run nag`: synthesizes both stacks with cdk-nag's AwsSolutions pack and exits non-zero on any
 * finding that is not acknowledged (every acknowledgement sits next to its resource, with a reason).
 * Bundling is skipped: nag reads templates, not code.
 */
interface Report {
  pluginReports: { pluginName: string; conclusion: string; violations: { ruleName: string; severity: string; violatingConstructs: { constructPath: string }[] }[] }[];
}

export function runNag(extraContext: Record<string, unknown> = {}): { ok: boolean; findings: string[] } {
  const outdir = mkdtempSync(join(tmpdir(), 'oneroof-nag-'));
  try {
    const app = new App({ outdir, context: { ...cdkJsonContext(), 'aws:cdk:bundling-stacks': [], ...extraContext } });
    buildOneRoof(app);
    Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
    let failed = false;
    try {
      app.synth();
    } catch (err) {
      if (!(err instanceof Error) || !/Validation failed/i.test(err.message)) throw err;
      failed = true;
    }
    const report = JSON.parse(readFileSync(join(outdir, 'validation-report.json'), 'utf8')) as Report;
    const findings = report.pluginReports.flatMap((p) =>
      p.violations.flatMap((v) => v.violatingConstructs.map((c) => `${v.severity.toUpperCase()} ${v.ruleName} at ${c.constructPath}`)),
    );
    return { ok: !failed && report.pluginReports.every((p) => p.conclusion === 'success'), findings };
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { ok, findings } = runNag();
  for (const f of findings) console.error(f);
  if (!ok) {
    console.error(`cdk-nag: ${findings.length} unacknowledged finding(s)`);
    process.exit(1);
  }
  console.log('cdk-nag (AwsSolutions): no unacknowledged findings');
}
