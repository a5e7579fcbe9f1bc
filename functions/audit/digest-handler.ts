import { AUDIT_DIGEST_BUCKET_ENV, AUDIT_DIGEST_DIR_ENV } from '../../shared/schedules.js';
import { TABLE_ENV } from '../../shared/table.js';
import { dynamo } from '../lib/clients.js';
import { clock } from '../lib/clock.js';
import { requireEnv } from '../lib/config.js';
import { logger } from '../lib/logger.js';
import { isLocalStack } from '../lib/secrets.js';
import { runsAs } from '../lib/table-access.js';
import { FolderDigestStore, S3DigestStore, writeDigest, type DigestStore } from './digest.js';

const table = requireEnv(TABLE_ENV);

/** S3 (Object Lock) where CDK bound the bucket; a folder in the local stack only; else fail at load. */
function storeFromEnv(): DigestStore {
  const bucket = process.env[AUDIT_DIGEST_BUCKET_ENV];
  if (bucket) return new S3DigestStore(bucket);
  if (isLocalStack()) return new FolderDigestStore(requireEnv(AUDIT_DIGEST_DIR_ENV));
  throw new Error(`Missing required environment variable ${AUDIT_DIGEST_BUCKET_ENV}`);
}
const store = storeFromEnv();

/** Scheduled daily: digests yesterday (UTC), and today so far in the local stack (where a day is a demo). */
export const handler = runsAs('auditDigest', async (): Promise<{ days: string[] }> => {
  const now = clock.now();
  const yesterday = new Date(now.getTime() - 86_400_000).toISOString().slice(0, 10);
  const digest = await writeDigest(dynamo, table, store, yesterday, now);
  logger.info('Audit digest', { day: digest.day, entities: Object.keys(digest.entities).length });
  return { days: [digest.day] };
});
