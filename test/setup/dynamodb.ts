import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { ensureTable, LOCAL_AWS_ENV, startDynamo, type RunningDynamo } from '../../infra/local/dynamodb.js';
import { TABLE_ENV } from '../../shared/table.js';

/**
 * Vitest global setup for integration tests: one in-memory DynamoDB Local for the run, the table
 * created from the declaration, and the SDK pointed at it through AWS_ENDPOINT_URL_DYNAMODB
 * (read by the SDK itself: product code has no endpoint switch). Stopped in teardown.
 */
let running: RunningDynamo | undefined;

export async function setup(): Promise<() => Promise<void>> {
  running = await startDynamo();
  Object.assign(process.env, LOCAL_AWS_ENV, {
    AWS_ENDPOINT_URL_DYNAMODB: running.endpoint,
    [TABLE_ENV]: 'oneroof-test',
  });
  const client = new DynamoDBClient({});
  await ensureTable(client, 'oneroof-test');
  client.destroy();
  return async () => {
    await running?.stop();
  };
}

