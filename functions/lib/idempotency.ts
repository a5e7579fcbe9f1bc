import { IdempotencyConfig, makeIdempotent } from '@aws-lambda-powertools/idempotency';
import { DynamoDBPersistenceLayer } from '@aws-lambda-powertools/idempotency/dynamodb';
import type { Context } from 'aws-lambda';
import { ConflictError } from '../../shared/errors.js';
import { table } from '../../shared/table.js';
import { dynamoClient } from './clients.js';

/** What an idempotent operation receives: the caller's key and the input the key is bound to. */
export interface KeyedPayload<I> {
  key: string;
  input: I;
}

export interface IdempotencyOptions {
  /** The fixed partition of the records (shared/partitions.ts), e.g. `IDEMPOTENCY#bookings`. */
  partition: string;
  /** Powertools' key prefix: records are at sk `<prefix>#<sha256 of the key>`. */
  keyPrefix: string;
  /** What the thing is called in a 409 ("booking", "intervention record"). */
  what: string;
}

/**
 * `Idempotency-Key` through Powertools idempotency (2.35.0) with its DynamoDB persistence on THE table
 * (composite key: pk = the fixed partition, sk = `<prefix>#<sha256 of the key>`), Powertools' `status`,
 * `data` (the answer: keep personal data out of it), `validation` (sha256 of the input: the same key
 * with another input is a 409 naming the header) and `expiresAt` as expiry, so the table's TTL removes
 * them. Records last 24 h. The Lambda context goes to Powertools on every call, so an in-progress record
 * expires with the invocation (a crash mid-way does not block retries for 24 h).
 */
export function idempotentOn<I, R>(
  fn: (payload: KeyedPayload<I>) => Promise<R>,
  tableName: string,
  options: IdempotencyOptions,
): (payload: KeyedPayload<I>, context: Context) => Promise<R> {
  const persistenceStore = new DynamoDBPersistenceLayer({
    tableName,
    keyAttr: table.partitionKey,
    sortKeyAttr: table.sortKey,
    staticPkValue: options.partition,
    expiryAttr: table.ttlAttribute,
    awsSdkV3Client: dynamoClient,
  });
  const config = new IdempotencyConfig({
    eventKeyJmesPath: 'key',
    payloadValidationJmesPath: 'input',
    hashFunction: 'sha256',
    expiresAfterSeconds: 24 * 3600,
    throwOnNoIdempotencyKey: true,
  });
  const wrapped = makeIdempotent((payload: KeyedPayload<I>, _context: Context) => fn(payload), { persistenceStore, config, keyPrefix: options.keyPrefix });
  return async (payload, context) => {
    try {
      return (await wrapped(payload, context)) as R;
    } catch (err) {
      const name = (err as Error).name;
      if (name === 'IdempotencyValidationError') throw new ConflictError(`This Idempotency-Key was used for a different ${options.what}`, 'Idempotency-Key');
      if (name === 'IdempotencyAlreadyInProgressError')
        throw new ConflictError(`The same ${options.what} is still being saved; retry in a moment`, 'Idempotency-Key');
      throw err;
    }
  };
}
