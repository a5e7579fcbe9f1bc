import { DeleteCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo } from '../../functions/lib/clients.js';
import { queryAll, type Item } from '../../functions/lib/dynamo.js';
import { prefixes } from '../../shared/partitions.js';

/** The table the integration tests run against (DynamoDB Local, set up by the global setup). */
export const TABLE = process.env.TABLE_NAME as string;

/** Every item of a partition as stored (personal fields sealed), read consistently, all pages. */
export function itemsOf(pk: string): Promise<Item[]> {
  return queryAll(dynamo, { TableName: TABLE, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': pk }, ConsistentRead: true });
}

/** The audit records of one entity as stored, oldest first. */
export function auditItems(entity: string, id: string): Promise<Item[]> {
  return itemsOf(`${prefixes.audit}${entity}#${id}`);
}

/** Deletes every item of a partition: for a test whose items other files must not meet (sealed under another key, say). */
export async function removePartition(pk: string): Promise<void> {
  for (const item of await itemsOf(pk)) await dynamo.send(new DeleteCommand({ TableName: TABLE, Key: { pk: item.pk, sk: item.sk } }));
}
