import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { dynamo } from '../../functions/lib/clients.js';
import { cancellationCodes, fromItem, queryAll, transact } from '../../functions/lib/dynamo.js';
import { call, caseBody, counters, freshZone, olivia, TABLE } from './cases-support.js';

describe('data layer on DynamoDB Local', () => {
  it('queryAll follows every page of a Query', async () => {
    const pk = `TEST#pages#${Date.now()}`;
    await Promise.all(Array.from({ length: 7 }, (_, i) => dynamo.send(new PutCommand({ TableName: TABLE, Item: { pk, sk: `ITEM#${i}`, type: 'TEST', n: i } }))));
    const all = await queryAll(dynamo, { TableName: TABLE, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': pk }, Limit: 2 });
    expect(all.map((i) => i.n)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    const firstFew = await queryAll(dynamo, { TableName: TABLE, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': pk }, Limit: 2 }, 3);
    expect(firstFew.map((i) => i.n)).toEqual([0, 1, 2, 3]);
    expect(fromItem(all[0] ?? {})).toEqual({ n: 0 });
  });

  it('a failed condition is final and its code is read per item', async () => {
    const pk = `TEST#cond#${Date.now()}`;
    await transact(dynamo, [{ Put: { TableName: TABLE, Item: { pk, sk: 'A' }, ConditionExpression: 'attribute_not_exists(pk)' } }]);
    const err = await transact(dynamo, [
      { Put: { TableName: TABLE, Item: { pk, sk: 'B' }, ConditionExpression: 'attribute_not_exists(pk)' } },
      { Put: { TableName: TABLE, Item: { pk, sk: 'A' }, ConditionExpression: 'attribute_not_exists(pk)' } },
    ]).catch((e: unknown) => e);
    expect(cancellationCodes(err)).toEqual(['None', 'ConditionalCheckFailed']);
    expect(cancellationCodes(new Error('other'))).toBeUndefined();
  });

  // Cases opened at the same moment in one zone all add to that month's counter item: DynamoDB cancels
  // all but one of the racing transactions with TransactionConflict. Each is sent again, so every case
  // opens and the counter is exact (before, the losers came back as 409 "changed meanwhile").
  it('cases opened concurrently in one zone all succeed and are all counted', async () => {
    const zone = freshZone();
    const results = await Promise.all(Array.from({ length: 12 }, () => call('POST', '/api/cases', olivia, caseBody(zone))));
    expect(results.map((r) => r.status)).toEqual(Array.from({ length: 12 }, () => 201));
    expect((await counters(zone, new Date()))['cases.opened']).toBe(12);
  });
});
