import { DynamoDBClient, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { DynamoCaseRepository } from '../../functions/cases/repository.js';
import { openCase } from '../../functions/cases/use-cases.js';
import type { Principal } from '../../functions/lib/auth.js';
import { dynamo } from '../../functions/lib/clients.js';
import { cancellationCodes, fromItem, queryAll, transact } from '../../functions/lib/dynamo.js';
import { DynamoOrderRepository } from '../../functions/orders/repository.js';
import { orderBodySchema } from '../../shared/orders/api.js';
import { createOrder } from '../../functions/orders/use-cases.js';
import { DEMO_ZONE } from '../../shared/identity.js';
import { createCaseSchema } from '../../shared/cases/schemas.js';
import { call, caseBody, caseItems, counters, freshZone, TABLE, staffIn } from './cases-support.js';
import { itemsOf, orderBody } from './monitoring-support.js';
import { DemoStaffDirectory } from '../../functions/lib/staff-directory.js';

const directory = new DemoStaffDirectory();

/**
 * A client of the test's DynamoDB Local whose next `conflicts` TransactWriteItems are cancelled as
 * DynamoDB cancels a transaction that meets another one on the same item (TransactionConflict on one
 * item, None on the others). DynamoDB Local serializes transactions and never reports a conflict itself,
 * so the cancellation is injected in the SDK's middleware stack, before the request is sent.
 */
function contendedClient(conflicts: number): { client: DynamoDBDocumentClient; cancelled: () => number } {
  const base = new DynamoDBClient({});
  let cancelled = 0;
  base.middlewareStack.add(
    (next, context) => async (args) => {
      const input = args.input as { TransactItems?: unknown[] };
      if (context.commandName === 'TransactWriteItemsCommand' && cancelled < conflicts) {
        cancelled++;
        const reasons = (input.TransactItems ?? []).map((_, i) => ({ Code: i === 0 ? 'TransactionConflict' : 'None' }));
        throw new TransactionCanceledException({ message: 'Transaction cancelled [TransactionConflict]', $metadata: {}, CancellationReasons: reasons });
      }
      return next(args);
    },
    { step: 'initialize', name: 'injectTransactionConflict' },
  );
  return { client: DynamoDBDocumentClient.from(base, { marshallOptions: { removeUndefinedValues: true } }), cancelled: () => cancelled };
}

const principal = (username: string, ...roles: Principal['roles']): Principal => ({
  sub: `sub-${username}`,
  username,
  roles,
  scopes: [],
  clientId: 'staff-console',
});

describe('data layer on DynamoDB Local', () => {
  it('queryAll follows every page of a Query', async () => {
    const pk = `TEST#pages#${Date.now()}`;
    await Promise.all(
      Array.from({ length: 7 }, (_, i) => dynamo.send(new PutCommand({ TableName: TABLE, Item: { pk, sk: `ITEM#${i}`, type: 'TEST', n: i } }))),
    );
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

  it('a case opened while another transaction holds its items is retried, not refused', async () => {
    const { client, cancelled } = contendedClient(3);
    const zone = freshZone();
    const repo = new DynamoCaseRepository(TABLE, client);
    const opened = await openCase(
      { repo, directory },
      createCaseSchema.parse(caseBody(zone)),
      { principal: { ...principal('olivia.officer', 'officer'), zone }, route: 'POST /api/cases' },
      new Date(),
    );
    expect(cancelled()).toBe(3);
    expect((await caseItems(opened.id)).some((i) => i.sk === 'CASE')).toBe(true);
    expect((await counters(zone, new Date()))['cases.opened']).toBe(1);
  });

  it('an order created while another transaction holds its items is retried, not refused', async () => {
    const { client, cancelled } = contendedClient(2);
    const repo = new DynamoOrderRepository(TABLE, client);
    const { order } = await createOrder(
      repo,
      orderBodySchema.parse(orderBody()),
      { principal: { ...principal('paula.police', 'police'), zone: DEMO_ZONE }, route: 'POST /api/orders' },
      new Date(),
    );
    expect(cancelled()).toBe(2);
    expect((await itemsOf(`ORDER#${order.id}`)).some((i) => i.sk === 'ORDER')).toBe(true);
  });

  // Cases opened at the same moment in one zone all add to that month's counter item.
  it('cases opened concurrently in one zone all succeed and are all counted', async () => {
    const zone = freshZone();
    const { olivia } = staffIn(zone);
    const results = await Promise.all(Array.from({ length: 12 }, () => call('POST', '/api/cases', olivia, caseBody(zone))));
    expect(results.map((r) => r.status)).toEqual(Array.from({ length: 12 }, () => 201));
    expect((await counters(zone, new Date()))['cases.opened']).toBe(12);
  });
});
