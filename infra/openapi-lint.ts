import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { version } from '../package.json';
import { openApiDocument } from '../shared/openapi.js';

/**
 * `npm run lint:openapi`: writes the OpenAPI document the API serves to a temporary file and lints it
 * with Redocly CLI and the repository's redocly.yaml. `--out <file>` writes the document and stops
 * (to import it into API Gateway or read it).
 */
const document = JSON.stringify(openApiDocument({ version }), null, 2);
const outAt = process.argv.indexOf('--out');
if (outAt >= 0) {
  const file = process.argv[outAt + 1];
  if (!file) throw new Error('--out needs a file name');
  writeFileSync(file, document);
  process.exit(0);
}
const dir = mkdtempSync(join(tmpdir(), 'oneroof-openapi-'));
const file = join(dir, 'openapi.json');
try {
  writeFileSync(file, document);
  const run = spawnSync('npx', ['redocly', 'lint', file, '--config', 'redocly.yaml'], { stdio: 'inherit' });
  process.exitCode = run.status ?? 1;
} finally {
  rmSync(dir, { recursive: true, force: true });
}
