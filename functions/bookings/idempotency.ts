import { IdempotencyConfig, makeIdempotent } from '@aws-lambda-powertools/idempotency';
import type { Context } from 'aws-lambda';
import { DynamoDBPersistenceLayer } from '@aws-lambda-powertools/idempotency/dynamodb';
import { ConflictError } from '../../shared/errors.js';
import { table } from '../../shared/table.js';
import { dynamoClient } from '../lib/clients.js';
import { IDEMPOTENCY_PK } from './keys.js';
import type { BookingInput, BookingReceipt } from '../../shared/bookings/api.js';

/**
 * `Idempotency-Key` for POST /api/bookings through Powertools idempotency (2.35.0) with its DynamoDB
 * persistence on THE table: the table has a composite key, so records live at
 * pk `IDEMPOTENCY#bookings` / sk `bookings.create#<sha256 of the key>`, with Powertools' `status`,
 * `data` (the receipt: reference, service, times — no PIN, no personal data), `validation` (sha256 of
 * the booking input: the same key with another booking is refused) and `expiresAt` as expiry, so the
 * table's TTL removes them. Records last 24 h.
 */
export interface CreatePayload {
  key: string;
  input: BookingInput;
}

export function idempotent(
  fn: (payload: CreatePayload) => Promise<BookingReceipt>,
  tableName: string,
): (payload: CreatePayload, context: Context) => Promise<BookingReceipt> {
  const persistenceStore = new DynamoDBPersistenceLayer({
    tableName,
    keyAttr: table.partitionKey,
    sortKeyAttr: table.sortKey,
    staticPkValue: IDEMPOTENCY_PK,
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
  // The Lambda context as second argument: Powertools registers it on every call, so the in-progress record
  // expires when this invocation can no longer be running (a crash mid-booking does not block retries for 24 h).
  const wrapped = makeIdempotent((payload: CreatePayload, _context: Context) => fn(payload), { persistenceStore, config, keyPrefix: 'bookings.create' });
  return async (payload, context) => {
    try {
      return (await wrapped(payload, context)) as BookingReceipt;
    } catch (err) {
      const name = (err as Error).name;
      if (name === 'IdempotencyValidationError') throw new ConflictError('This Idempotency-Key was used for a different booking', 'Idempotency-Key');
      if (name === 'IdempotencyAlreadyInProgressError') throw new ConflictError('The same booking is still being made; retry in a moment', 'Idempotency-Key');
      throw err;
    }
  };
}
