import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { CreateTopicCommand, SNSClient } from '@aws-sdk/client-sns';
import { ensureTable, LOCAL_AWS_ENV, startDynamo, type RunningDynamo } from '../../infra/local/dynamodb.js';
import { startLocalSns, type LocalSns } from '../../infra/local/sns.js';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureLocalPersonalKey } from '../../infra/local/personal-key.js';
import { PERSONAL_DATA_LOCAL_KEY_ENV } from '../../shared/personal-data.js';
import { REPORT_ROUNDING_KEY_LOCAL_ENV, SPACE_SIGNING_KEY_LOCAL_ENV } from '../../shared/secrets.js';
import { TABLE_ENV } from '../../shared/table.js';
import { TOPIC_NAMES, topics } from '../../shared/topics.js';
import { topicNameOf } from '../support/sns-inbox.js';

/**
 * Vitest global setup for integration tests: one in-memory DynamoDB Local for the run with the table
 * created from the declaration, and the local SNS endpoint with every declared topic. The SDK is
 * pointed at both through AWS_ENDPOINT_URL_DYNAMODB / AWS_ENDPOINT_URL_SNS (read by the SDK itself:
 * product code has no endpoint switch). Both are stopped in teardown.
 */
let running: RunningDynamo | undefined;
let sns: LocalSns | undefined;

export async function setup(): Promise<() => Promise<void>> {
  const keyDir = mkdtempSync(join(tmpdir(), 'oneroof-test-key-'));
  [running, sns] = await Promise.all([startDynamo(), startLocalSns()]);
  Object.assign(process.env, LOCAL_AWS_ENV, {
    AWS_ENDPOINT_URL_DYNAMODB: running.endpoint,
    AWS_ENDPOINT_URL_SNS: sns.endpoint,
    [TABLE_ENV]: 'oneroof-test',
    // The run's personal-data key (the raw AES keyring, as in the local stack).
    [PERSONAL_DATA_LOCAL_KEY_ENV]: ensureLocalPersonalKey(keyDir),
    STAFF_DIRECTORY: 'demo',
    // The run's stand-in for the reportRoundingKey secret (as the local stack keeps one).
    [REPORT_ROUNDING_KEY_LOCAL_ENV]: randomBytes(32).toString('base64'),
    // The run's stand-in for the spaceSigningKey secret.
    [SPACE_SIGNING_KEY_LOCAL_ENV]: randomBytes(32).toString('base64'),
  });
  const client = new DynamoDBClient({});
  await ensureTable(client, 'oneroof-test');
  client.destroy();
  const snsClient = new SNSClient({});
  for (const name of TOPIC_NAMES) {
    const out = await snsClient.send(new CreateTopicCommand({ Name: topicNameOf(name) }));
    process.env[topics[name].envVar] = out.TopicArn;
  }
  snsClient.destroy();
  return async () => {
    await Promise.all([running?.stop(), sns?.stop()]);
    rmSync(keyDir, { recursive: true, force: true });
  };
}
