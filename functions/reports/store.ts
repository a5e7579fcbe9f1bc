import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { CountsInput } from '../../shared/reports/monthly.js';
import { dynamo } from '../lib/clients.js';
import { queryAll } from '../lib/dynamo.js';
import { ACK_PREFIX, STATS_INDEX_PK, statsKey } from '../lib/stats.js';

/** What the report needs from storage (a port; the adapter below reads DynamoDB). */
export interface StatsReader {
  /** Every COUNTS item of every zone for months up to and including `to`. */
  countsUpTo(to: string): Promise<CountsInput[]>;
  /** Acknowledgement seconds of the alerts raised in one month and zone. */
  ackSeconds(month: string, zone: string): Promise<number[]>;
}

const KEY_ATTRIBUTES = new Set(['pk', 'sk', 'gsi1pk', 'gsi1sk', 'type', 'month', 'zone']);

/**
 * DynamoDB adapter. Counters: ONE Query on gsi1 (`STATS#COUNTS`, `gsi1sk <= <to>#~`), paged; the earlier
 * months feed the running sums (prevalence, active orders). Ack times: one Query per month and zone on
 * `STATS#<month>#<zone>`, `begins_with(sk, 'ACK#')`. Never a scan.
 */
export class DynamoStatsReader implements StatsReader {
  constructor(
    private readonly tableName: string,
    private readonly client: DynamoDBDocumentClient = dynamo,
  ) {}

  async countsUpTo(to: string): Promise<CountsInput[]> {
    const items = await queryAll(this.client, {
      TableName: this.tableName,
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pk AND gsi1sk <= :to',
      ExpressionAttributeValues: { ':pk': STATS_INDEX_PK, ':to': `${to}#\uffff` },
    });
    const out: CountsInput[] = [];
    for (const item of items) {
      if (typeof item.month !== 'string' || typeof item.zone !== 'string') continue;
      const counters: Record<string, number> = {};
      for (const [k, v] of Object.entries(item)) if (!KEY_ATTRIBUTES.has(k) && typeof v === 'number') counters[k] = v;
      out.push({ month: item.month, zone: item.zone, counters });
    }
    return out;
  }

  async ackSeconds(month: string, zone: string): Promise<number[]> {
    const items = await queryAll(this.client, {
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :ack)',
      ExpressionAttributeValues: { ':pk': statsKey(month, zone).pk, ':ack': ACK_PREFIX },
      ProjectionExpression: 'seconds',
    });
    return items.flatMap((item) => (typeof item.seconds === 'number' ? [item.seconds] : []));
  }
}
