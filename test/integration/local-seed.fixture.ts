import { PutCommand } from '@aws-sdk/lib-dynamodb';
import type { SeedContext } from '../../infra/local/seed.js';

/** A seed module for test/integration/local-seed.test.ts: two items keyed by the seed time. */
export async function seedFixture({ dynamo, tableName, now }: SeedContext): Promise<void> {
  for (const n of [1, 2]) {
    await dynamo.send(new PutCommand({ TableName: tableName, Item: { pk: `FIXTURE#${now.getTime()}#${n}`, sk: 'ITEM', note: 'seeded' } }));
  }
}
