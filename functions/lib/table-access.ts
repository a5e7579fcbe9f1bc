import { AsyncLocalStorage } from 'node:async_hooks';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { functions, type FunctionDecl, type FunctionName } from '../../shared/functions.js';
import { keyPatternMatches, type KeyPattern } from '../../shared/partitions.js';
import { table } from '../../shared/table.js';
import { isLocalStack } from './secrets.js';

/**
 * The local stand-in for IAM's `dynamodb:LeadingKeys` conditions. In AWS each function's role allows
 * only the partitions shared/functions.ts declares for it (`keys`, granted by infra/aws/function.ts);
 * locally every function shares one process and one DynamoDB client, so this middleware on that client
 * refuses, with an AccessDeniedException as IAM would, any request of a function outside its
 * declaration: a partition key it may not touch, a write where it may only read, an index or a Scan it
 * was not granted. The running function is known from `runsAs`, which every handler is wrapped in.
 *
 * Active in the local stack and the integration tests only (`ONEROOF_LOCAL_STACK`); in AWS, IAM does it.
 */
const running = new AsyncLocalStorage<FunctionName>();

/** Runs a handler as the declared function `name`: its DynamoDB requests are checked against that declaration locally. */
export function runsAs<A extends unknown[], R>(name: FunctionName, handler: (...args: A) => Promise<R>): (...args: A) => Promise<R> {
  return (...args: A) => running.run(name, () => handler(...args));
}

export type TableAction = 'read' | 'write';

/** One partition a request touches: of the table (`index` undefined) or of an index it queries. */
export interface PartitionAccess {
  action: TableAction;
  index?: string;
  partition: string;
}

type Input = Record<string, unknown>;
type Key = Record<string, unknown> | undefined;

/** A key attribute's string value, from a marshalled (`{ S: … }`) or a document-client (plain) input. */
function stringOf(v: unknown): string {
  if (typeof v === 'string') return v;
  if (v && typeof v === 'object' && 'S' in v && typeof v.S === 'string') return v.S;
  return '';
}

const pkOf = (key: Key, attribute: string = table.partitionKey): string => stringOf(key?.[attribute]);

/** The partition value a KeyConditionExpression fixes (`pk = :v`, `#n = :v`), for the attribute given. */
function queriedPartition(input: Input, attribute: string): string {
  const expression = String(input.KeyConditionExpression ?? '');
  const names = (input.ExpressionAttributeNames ?? {}) as Record<string, string>;
  const values = (input.ExpressionAttributeValues ?? {}) as Record<string, unknown>;
  for (const m of expression.matchAll(/([#\w]+)\s*=\s*(:\w+)/g)) {
    const name = m[1]!.startsWith('#') ? names[m[1]!] : m[1];
    if (name === attribute) return stringOf(values[m[2]!]);
  }
  return '';
}

/**
 * What a (marshalled) DynamoDB request touches, as IAM evaluates it: each item of a batch or a
 * transaction on its own, a Query by the partition its key condition fixes. `undefined`: an action that
 * is refused whatever the keys (Scan, PartiQL, DescribeTable…), which OneRoof never grants.
 */
export function partitionsOf(command: string, input: Input): PartitionAccess[] | undefined {
  switch (command) {
    case 'GetItemCommand':
      return [{ action: 'read', partition: pkOf(input.Key as Key) }];
    case 'PutItemCommand':
      return [{ action: 'write', partition: pkOf(input.Item as Key) }];
    case 'UpdateItemCommand':
    case 'DeleteItemCommand':
      return [{ action: 'write', partition: pkOf(input.Key as Key) }];
    case 'QueryCommand': {
      const index = input.IndexName as string | undefined;
      const decl = index === undefined ? undefined : table.indexes.find((i) => i.name === index);
      if (index !== undefined && !decl) return [{ action: 'read', index, partition: '' }];
      return [{ action: 'read', ...(index ? { index } : {}), partition: queriedPartition(input, decl?.partitionKey ?? table.partitionKey) }];
    }
    case 'BatchGetItemCommand':
      return Object.values((input.RequestItems ?? {}) as Record<string, { Keys?: Key[] }>).flatMap((r) =>
        (r.Keys ?? []).map((k) => ({ action: 'read' as const, partition: pkOf(k) })),
      );
    case 'BatchWriteItemCommand':
      return Object.values((input.RequestItems ?? {}) as Record<string, { PutRequest?: { Item: Key }; DeleteRequest?: { Key: Key } }[]>).flatMap((rs) =>
        rs.map((r) => ({ action: 'write' as const, partition: pkOf(r.PutRequest?.Item ?? r.DeleteRequest?.Key) })),
      );
    case 'TransactWriteItemsCommand':
      return ((input.TransactItems ?? []) as Record<string, { Key?: Key; Item?: Key }>[]).map((t) => {
        if (t.ConditionCheck) return { action: 'read' as const, partition: pkOf(t.ConditionCheck.Key) };
        const op = t.Put ?? t.Update ?? t.Delete;
        return { action: 'write' as const, partition: pkOf(op?.Item ?? op?.Key) };
      });
    case 'TransactGetItemsCommand':
      return ((input.TransactItems ?? []) as { Get?: { Key?: Key } }[]).map((t) => ({ action: 'read' as const, partition: pkOf(t.Get?.Key) }));
    default:
      return undefined;
  }
}

/** Whether `decl` allows one access: its table keys (reads include what it writes), or its queries of that index. */
export function allows(decl: FunctionDecl, access: PartitionAccess): boolean {
  if (decl.table === 'none') return false;
  const keys = decl.keys;
  if (!keys || access.partition === '') return false;
  let patterns: readonly KeyPattern[];
  if (access.index !== undefined) {
    patterns = (keys.query as Record<string, readonly KeyPattern[] | undefined> | undefined)?.[access.index] ?? [];
  } else if (access.action === 'write') {
    patterns = decl.table === 'readWrite' ? (keys.write ?? []) : [];
  } else {
    patterns = [...(keys.write ?? []), ...(keys.read ?? [])];
  }
  return patterns.some((p) => keyPatternMatches(p, access.partition));
}

export class TableAccessDenied extends Error {
  override readonly name = 'AccessDeniedException';
  readonly $fault = 'client';
  readonly $metadata = { httpStatusCode: 400 };
}

function check(fn: FunctionName, command: string, input: Input): void {
  const decl: FunctionDecl = functions[fn];
  const touched = partitionsOf(command, input);
  const refused: PartitionAccess | undefined = touched === undefined ? { action: 'read', partition: '' } : touched.find((a) => !allows(decl, a));
  if (!refused) return;
  const what = touched === undefined ? command : `${refused.action} of partition "${refused.partition}"${refused.index ? ` on index ${refused.index}` : ''}`;
  throw new TableAccessDenied(
    `oneroof-local-${fn} is not authorized to perform dynamodb:${command.replace(/Command$/, '')} (${what}): outside the keys shared/functions.ts declares for it`,
  );
}

/**
 * Adds the check to a client's middleware stack (the shared client in functions/lib/clients.ts), before
 * the request is serialised. It reads document-client and marshalled inputs alike.
 */
export function guardTableAccess(client: DynamoDBClient): void {
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const fn = running.getStore();
      if (fn !== undefined && isLocalStack()) check(fn, String(context.commandName), args.input as Input);
      return next(args);
    },
    { step: 'serialize', priority: 'high', name: 'oneroofTableAccessGuard' },
  );
}
