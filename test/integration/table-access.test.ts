import { GetCommand, PutCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { ulid } from 'ulid';
import { describe, expect, it } from 'vitest';
import { caseKeys } from '../../functions/cases/keys.js';
import { catalogKeys } from '../../functions/catalog/keys.js';
import { dynamo } from '../../functions/lib/clients.js';
import { statsKey } from '../../functions/lib/stats.js';
import { runsAs } from '../../functions/lib/table-access.js';
import { TABLE_ENV } from '../../shared/table.js';

/**
 * The local stack holds each function to the partitions shared/functions.ts declares for it, as IAM's
 * dynamodb:LeadingKeys conditions do in AWS: the same shared DynamoDB client, refused per function.
 */
const TableName = process.env[TABLE_ENV] as string;
const as = <T>(fn: Parameters<typeof runsAs>[0], work: () => Promise<T>) => runsAs(fn, work)();
const denied = { name: 'AccessDeniedException' };

describe('table access per function (local stand-in for dynamodb:LeadingKeys)', () => {
  const caseId = `CS-${ulid()}`;

  it('the public catalogue function cannot read a case, nor the case-reference key', async () => {
    await dynamo.send(new PutCommand({ TableName, Item: { ...caseKeys.case(caseId), type: 'CASE', id: caseId } }));
    await expect(as('catalog', () => dynamo.send(new GetCommand({ TableName, Key: caseKeys.case(caseId) })))).rejects.toMatchObject(denied);
    await expect(as('catalog', () => dynamo.send(new GetCommand({ TableName, Key: caseKeys.hmacKey })))).rejects.toMatchObject(denied);
    // …while the cases function may, and the catalogue function reads its own partition.
    const read = await as('cases', () => dynamo.send(new GetCommand({ TableName, Key: caseKeys.case(caseId), ConsistentRead: true })));
    expect(read.Item?.id).toBe(caseId);
    await expect(as('catalog', () => dynamo.send(new GetCommand({ TableName, Key: catalogKeys.service('none-such') })))).resolves.toBeDefined();
  });

  it('an index is queried only on the partitions declared for that index', async () => {
    const teamCases = { TableName, IndexName: 'gsi2', KeyConditionExpression: 'gsi2pk = :pk', ExpressionAttributeValues: { ':pk': caseKeys.teamCasesPk } };
    await expect(as('catalog', () => dynamo.send(new QueryCommand(teamCases)))).rejects.toMatchObject(denied);
    await expect(as('orders', () => dynamo.send(new QueryCommand(teamCases)))).rejects.toMatchObject(denied);
    await expect(as('cases', () => dynamo.send(new QueryCommand(teamCases)))).resolves.toBeDefined();
    // An index partition is not a table partition: `#name` placeholders are resolved, and the table is checked.
    const byName = {
      TableName,
      KeyConditionExpression: '#k = :pk',
      ExpressionAttributeNames: { '#k': 'pk' },
      ExpressionAttributeValues: { ':pk': caseKeys.teamCasesPk },
    };
    await expect(as('cases', () => dynamo.send(new QueryCommand(byName)))).rejects.toMatchObject(denied);
  });

  it('a read-only function writes nothing, and a function without table access reads nothing', async () => {
    const counters = statsKey('2026-01', `z-${ulid()}`);
    await expect(as('reports', () => dynamo.send(new PutCommand({ TableName, Item: { ...counters, type: 'STATS' } })))).rejects.toMatchObject(denied);
    await expect(as('reports', () => dynamo.send(new GetCommand({ TableName, Key: counters })))).resolves.toBeDefined();
    await expect(as('health', () => dynamo.send(new GetCommand({ TableName, Key: counters })))).rejects.toMatchObject(denied);
    expect((await dynamo.send(new GetCommand({ TableName, Key: counters, ConsistentRead: true }))).Item).toBeUndefined();
  });

  it('a transaction with one item outside the declaration is refused whole: nothing is written', async () => {
    const own = catalogKeys.service(`svc-${ulid().toLowerCase()}`);
    const foreign = caseKeys.case(`CS-${ulid()}`);
    const put = (key: Record<string, string>) => ({ Put: { TableName, Item: { ...key, type: 'X' } } });
    await expect(as('catalog', () => dynamo.send(new TransactWriteCommand({ TransactItems: [put(own), put(foreign)] })))).rejects.toMatchObject(denied);
    expect((await dynamo.send(new GetCommand({ TableName, Key: own, ConsistentRead: true }))).Item).toBeUndefined();
    expect((await dynamo.send(new GetCommand({ TableName, Key: foreign, ConsistentRead: true }))).Item).toBeUndefined();
  });

  it('code outside any function (tests, the seed) is not held to a declaration', async () => {
    await expect(dynamo.send(new GetCommand({ TableName, Key: caseKeys.case(caseId) }))).resolves.toBeDefined();
  });
});
