import { OutputFormat, type BundlingOptions } from 'aws-cdk-lib/aws-lambda-nodejs';

/**
 * How every Lambda is bundled (esbuild, run locally by the CDK). One definition: the construct in
 * function.ts and the bundle benchmark (bench/) both use it, so the bench measures what ships.
 */
export const LAMBDA_BUNDLING = {
  format: OutputFormat.ESM,
  target: 'node24',
  platform: 'node',
  mainFields: ['module', 'main'],
  minify: true,
  // No source maps: production does not run with --enable-source-maps (its cold-start cost), so a map would be dead weight.
  sourceMap: false,
  sourcesContent: false,
  // ESM output still meets CommonJS dependencies that call require().
  banner: "import { createRequire as __oneroofCreateRequire } from 'node:module'; const require = __oneroofCreateRequire(import.meta.url);",
  // Bundle the AWS SDK too: the functions run the exact versions the tests ran (package-lock.json),
  // not whatever v3 release the managed runtime carries that week.
  externalModules: [] as string[],
  forceDockerBundling: false,
} satisfies BundlingOptions;
