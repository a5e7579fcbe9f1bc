import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBBatchResponse, DynamoDBRecord } from 'aws-lambda';
import { logger } from './logger.js';

/** A new item on the table's stream: its `type`, its key and the item itself. */
export interface Inserted {
  type: string;
  key: { pk: string; sk: string };
  item: Record<string, unknown>;
}

/**
 * The stream consumers' loop: `handle` runs for each INSERT of an item of one of `types`, one record at
 * a time. A record that fails (its image unreadable, or `handle` throws) is logged with `failed` and
 * reported alone in `batchItemFailures`, so Lambda retries it and not the whole batch.
 */
export async function eachInsert(
  records: readonly DynamoDBRecord[],
  types: readonly string[],
  failed: string,
  handle: (inserted: Inserted) => Promise<void>,
): Promise<DynamoDBBatchResponse> {
  const failures: { itemIdentifier: string }[] = [];
  for (const record of records) {
    const image = record.dynamodb?.NewImage;
    const type = image?.type?.S;
    if (record.eventName !== 'INSERT' || !image || type === undefined || !types.includes(type)) continue;
    const key = { pk: String(record.dynamodb?.Keys?.pk?.S ?? ''), sk: String(record.dynamodb?.Keys?.sk?.S ?? '') };
    try {
      await handle({ type, key, item: unmarshall(image as Record<string, AttributeValue>) });
    } catch (error) {
      logger.error(failed, { type, key: key.pk, sk: key.sk, error: error as Error });
      failures.push({ itemIdentifier: record.dynamodb?.SequenceNumber ?? key.pk });
    }
  }
  return { batchItemFailures: failures };
}
