/**
 * The one DynamoDB table, declared once. The CDK stateful stack and the local stack
 * (DynamoDB Local) both build the table from this declaration; nothing else names keys.
 */
export const table = {
  /** Logical name; the physical name is CDK-generated in AWS and `oneroof` locally. */
  localName: 'oneroof',
  partitionKey: 'pk',
  sortKey: 'sk',
  /** Overloaded, sparse global secondary indexes: an item appears only while it sets the key. */
  indexes: [
    { name: 'gsi1', partitionKey: 'gsi1pk', sortKey: 'gsi1sk' },
    { name: 'gsi2', partitionKey: 'gsi2pk', sortKey: 'gsi2sk' },
  ],
  /** Epoch seconds; DynamoDB TTL deletes expired items (bookings, seen events, attempts, and every item holding an order's positions: shared/orders/retention.ts). */
  ttlAttribute: 'expiresAt',
  /** The stream feeds the outbox consumers (alert publisher). */
  streamView: 'NEW_AND_OLD_IMAGES',
} as const;

export type IndexName = (typeof table.indexes)[number]['name'];

/** Number of shards for time-ordered work queues (due follow-ups, alert escalations). */
export const WORK_SHARDS = 8;

/** Environment variable carrying the physical table name into every handler. */
export const TABLE_ENV = 'TABLE_NAME';
