import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { FolderDigestStore, S3DigestStore, verifyAudit } from '../../functions/audit/digest.js';
import { table } from '../../shared/table.js';
import { LOCAL_AWS_ENV } from './dynamodb.js';

/**
 * `npm run audit:verify`: recomputes every digested day's audit hash chains from the table and reports
 * the first broken link (exit code 1). Locally: the running stack's DynamoDB Local and
 * `DATA_DIR/audit-digests`; in AWS: `AUDIT_DIGEST_BUCKET=<bucket> TABLE_NAME=<table>` with credentials.
 */
const bucket = process.env.AUDIT_DIGEST_BUCKET;
// Locally: DynamoDB Local at the address the start banner prints (AWS_ENDPOINT_URL_DYNAMODB), any credentials.
if (!bucket) for (const [k, v] of Object.entries(LOCAL_AWS_ENV)) process.env[k] ??= v;
const store = bucket ? new S3DigestStore(bucket) : new FolderDigestStore(join(process.env.DATA_DIR?.trim() || '.data', 'audit-digests'));
const tableName = process.env.TABLE_NAME ?? table.localName;
const client = DynamoDBDocumentClient.from(new DynamoDBClient({}));
const verdict = await verifyAudit(client, tableName, store);
if (verdict.ok) {
  console.log(`Audit chains hold: ${verdict.records} records over ${verdict.days} digested day(s).`);
} else {
  console.error(`First broken link: ${verdict.pk} ${verdict.sk} (digest of ${verdict.day}): ${verdict.problem}`);
  process.exitCode = 1;
}
client.destroy();
