import { randomUUID } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, DynamoDBDocumentClient, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, describe, expect, it } from 'vitest';
import { seedDemoData, type SeedModule } from '../../infra/local/seed.js';
import { seedFixture } from './local-seed.fixture.js';

/** Demo data is seeded once per data folder and never over what a user changed. */
const tableName = process.env.TABLE_NAME as string;
const base = new DynamoDBClient({});
const doc = DynamoDBDocumentClient.from(base);
const now = new Date(Date.UTC(2030, 0, 1) + Math.floor(Math.random() * 1e9));
const name = `fixture-${randomUUID().slice(0, 8)}`;
const modules: SeedModule[] = [{ name, run: seedFixture }];
const key = (n: number) => ({ pk: `FIXTURE#${now.getTime()}#${n}`, sk: 'ITEM' });
const get = async (n: number) => (await doc.send(new GetCommand({ TableName: tableName, Key: key(n), ConsistentRead: true }))).Item;

afterAll(() => base.destroy());

describe('local demo seed', () => {
  it('seeds once, then leaves changed and deleted items alone', async () => {
    const first = await seedDemoData({ tableName, now, modules });
    expect(first).toMatchObject({ seeded: [name], skippedItems: 0 });
    expect(await get(1)).toMatchObject({ note: 'seeded' });

    await doc.send(
      new UpdateCommand({ TableName: tableName, Key: key(1), UpdateExpression: 'SET note = :n', ExpressionAttributeValues: { ':n': 'changed by a user' } }),
    );
    await doc.send(new DeleteCommand({ TableName: tableName, Key: key(2) }));

    const second = await seedDemoData({ tableName, now, modules });
    expect(second).toMatchObject({ seeded: [], alreadySeeded: [name] });
    expect(await get(1)).toMatchObject({ note: 'changed by a user' });
    expect(await get(2)).toBeUndefined();
  });

  it('re-run after an interrupted seed (no marker), it never overwrites an existing item', async () => {
    await doc.send(new DeleteCommand({ TableName: tableName, Key: { pk: 'SEED', sk: name } }));
    const again = await seedDemoData({ tableName, now, modules });
    expect(again).toMatchObject({ seeded: [name], skippedItems: 1 });
    expect(await get(1)).toMatchObject({ note: 'changed by a user' });
  });
});
