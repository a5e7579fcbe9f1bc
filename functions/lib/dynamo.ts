import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  paginateQuery,
  PutCommand,
  TransactWriteCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
  type PutCommandInput,
  type QueryCommandInput,
  type TransactWriteCommandInput,
  type UpdateCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { ConflictError } from '../../shared/errors.js';

/**
 * The data-access layer every repository uses: paged queries, transactions with one retry policy,
 * one reading of why a transaction was cancelled, one way back from a stored item to a record.
 * Repositories take `(table, client = dynamo)` (functions/lib/clients.ts) and pass their client on.
 */

export type Item = Record<string, unknown>;
export type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/**
 * Every item a Query matches, page after page (lib-dynamodb's paginator follows LastEvaluatedKey).
 * With `upTo`, stops reading pages once that many items are in hand (a filtered query may need several
 * pages for a few items; the caller trims the last page).
 */
export async function queryAll(client: DynamoDBDocumentClient, input: QueryCommandInput, upTo?: number): Promise<Item[]> {
  const out: Item[] = [];
  for await (const page of paginateQuery({ client }, { ...input })) {
    out.push(...(page.Items ?? []));
    if (upTo !== undefined && out.length >= upTo) break;
  }
  return out;
}

/** Every item of one partition, read consistently: an aggregate (a case, an order, an alert) loaded whole. */
export function readPartition(client: DynamoDBDocumentClient, table: string, pk: string): Promise<Item[]> {
  return queryAll(client, { TableName: table, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': pk }, ConsistentRead: true });
}

/** Every item of one partition of a global secondary index (`gsi1pk` or `gsi2pk` = `pk`), all pages. */
export function readIndex(client: DynamoDBDocumentClient, table: string, index: 'gsi1' | 'gsi2', pk: string): Promise<Item[]> {
  return queryAll(client, { TableName: table, IndexName: index, KeyConditionExpression: `${index}pk = :pk`, ExpressionAttributeValues: { ':pk': pk } });
}

/**
 * The code of each item of a cancelled transaction, in the order of its TransactItems (`None` where that
 * item was fine), or undefined when `err` is not a cancelled transaction.
 */
export function cancellationCodes(err: unknown): string[] | undefined {
  if (!(err instanceof TransactionCanceledException) && (err as { name?: string } | null)?.name !== 'TransactionCanceledException') return undefined;
  return ((err as TransactionCanceledException).CancellationReasons ?? []).map((r) => r.Code ?? 'None');
}

/** A single conditional write (Put, Update, Delete) whose condition did not hold. */
export function isConditionFailed(err: unknown): boolean {
  return err instanceof ConditionalCheckFailedException || (err as { name?: string } | null)?.name === 'ConditionalCheckFailedException';
}

/** Runs one conditional write: true when it was written, false when its condition did not hold; any other error is thrown. */
async function writeIf(write: () => Promise<unknown>): Promise<boolean> {
  try {
    await write();
    return true;
  } catch (err) {
    if (isConditionFailed(err)) return false;
    throw err;
  }
}

/**
 * One conditional UpdateItem whose failed condition is an answer, not an error (another writer got
 * there first, the item moved on): true when it was written, false when the condition did not hold.
 */
export function updateIf(client: DynamoDBDocumentClient, input: UpdateCommandInput): Promise<boolean> {
  return writeIf(() => client.send(new UpdateCommand(input)));
}

/**
 * One conditional PutItem (`attribute_not_exists(pk)` for an item that must be new, say): true when it was
 * written, false when the condition did not hold.
 */
export function putIf(client: DynamoDBDocumentClient, input: PutCommandInput): Promise<boolean> {
  return writeIf(() => client.send(new PutCommand(input)));
}

const MAX_ATTEMPTS = 25;
const backoff = (attempt: number) => Math.random() * Math.min(500, 20 * 2 ** Math.min(attempt, 5));

/**
 * One TransactWriteItems. DynamoDB cancels a transaction with `TransactionConflict` when another one is
 * writing the same item at that moment (two changes adding to one report counter, say): nothing was
 * wrong with it, so it is sent again after a jittered back-off. A condition that failed is final and
 * thrown at once, as is anything else; callers read the codes with `cancellationCodes`.
 */
export async function transact(client: DynamoDBDocumentClient, items: TransactItem[]): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await client.send(new TransactWriteCommand({ TransactItems: items }));
      return;
    } catch (err) {
      const codes = cancellationCodes(err);
      if (codes?.includes('TransactionConflict') && !codes.includes('ConditionalCheckFailed') && attempt < MAX_ATTEMPTS) {
        await new Promise((r) => setTimeout(r, backoff(attempt)));
        continue;
      }
      throw err;
    }
  }
}

/**
 * `transact` for a change the caller answers with a 409 when it does not go through: a cancelled
 * transaction (a condition that failed, or contention that outlasted the retries) becomes
 * `ConflictError(message, field)`; anything else is thrown as it is.
 */
export async function transactOrConflict(client: DynamoDBDocumentClient, items: TransactItem[], message: string, field?: string): Promise<void> {
  try {
    await transact(client, items);
  } catch (err) {
    if (cancellationCodes(err)) throw new ConflictError(message, field);
    throw err;
  }
}

/** The key and index attributes of the one table: never part of a record. */
const KEY_ATTRIBUTES = ['pk', 'sk', 'gsi1pk', 'gsi1sk', 'gsi2pk', 'gsi2sk', 'type'] as const;

/** A stored item back to its record: drops the keys, index attributes and item type, and any `extra` attributes named. */
export function fromItem<T>(item: Item, extra: readonly string[] = []): T {
  const drop = new Set<string>([...KEY_ATTRIBUTES, ...extra]);
  return Object.fromEntries(Object.entries(item).filter(([k]) => !drop.has(k))) as T;
}
