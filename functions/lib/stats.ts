import { monthOf } from '../../shared/metrics.js';
import { fixedPartitions, prefixes } from '../../shared/partitions.js';

/**
 * Report counters. Producers add to `STATS#<yyyy-mm>#<zone>` / `COUNTS` in the SAME
 * TransactWriteItems as the change they count; the change's own condition (attribute_not_exists, a
 * version, a state) makes a retried request fail as a whole, so nothing is counted twice.
 *
 * Every COUNTS item also carries `gsi1pk = STATS#COUNTS` / `gsi1sk = <yyyy-mm>#<zone>`, so the reports
 * function reads all zones' counters for a range of months with one Query (never a scan).
 *
 * A transaction may touch an item only once: put all counters of one month and zone in ONE statsAdd.
 */
export const STATS_INDEX_PK = fixedPartitions.statsIndex;

export const statsKey = (month: string, zone: string) => ({ pk: `${prefixes.stats}${month}#${zone}`, sk: 'COUNTS' });

/** The sort-key prefix of the acknowledgement times kept beside a month and zone's counters. */
export const ACK_PREFIX = 'ACK#';
/** One alert's acknowledgement time, in the partition of its month and zone. */
export const ackKey = (month: string, zone: string, alertId: string) => ({ pk: statsKey(month, zone).pk, sk: `${ACK_PREFIX}${alertId}` });

export function statsAdd(tableName: string, at: Date, zone: string, counters: Record<string, number>) {
  const names: Record<string, string> = { '#type': 'type', '#month': 'month', '#zone': 'zone', '#g1pk': 'gsi1pk', '#g1sk': 'gsi1sk' };
  const month = monthOf(at);
  const values: Record<string, string | number> = {
    ':statsType': 'STATS',
    ':month': month,
    ':zone': zone,
    ':g1pk': STATS_INDEX_PK,
    ':g1sk': `${month}#${zone}`,
  };
  const adds = Object.entries(counters).map(([name, n], i) => {
    names[`#m${i}`] = name;
    values[`:v${i}`] = n;
    return `#m${i} :v${i}`;
  });
  if (adds.length === 0) throw new Error('statsAdd needs at least one counter');
  return {
    Update: {
      TableName: tableName,
      Key: statsKey(month, zone),
      UpdateExpression: `SET #type = :statsType, #month = :month, #zone = :zone, #g1pk = :g1pk, #g1sk = :g1sk ADD ${adds.join(', ')}`,
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
    },
  };
}

export interface AckTime {
  alertId: string;
  /** The alert's zone / district (the same zone its breach counters use). */
  zone: string;
  /** When the alert was raised: the ack time is counted in that month. */
  raisedAt: Date;
  acknowledgedAt: Date;
}

/** Whole seconds from raising to acknowledgement (never negative). */
export function ackSeconds(raisedAt: Date, acknowledgedAt: Date): number {
  return Math.max(0, Math.round((acknowledgedAt.getTime() - raisedAt.getTime()) / 1000));
}

/**
 * For the alerts capability: a TransactWriteItems Put recording one acknowledgement time, to go in the
 * same transaction that sets the alert's `acknowledgedAt` (itself conditional on it being absent).
 * Item: `STATS#<month of raisedAt>#<zone>` / `ACK#<alertId>` with `seconds`; the report reads them with
 * one Query per month and zone (median and 90th percentile). The condition makes a second
 * acknowledgement of the same alert fail instead of counting twice. Carries no personal data.
 */
export function ackTimeItem(tableName: string, ack: AckTime) {
  const month = monthOf(ack.raisedAt);
  return {
    Put: {
      TableName: tableName,
      Item: {
        ...ackKey(month, ack.zone, ack.alertId),
        type: 'ACK_TIME',
        month,
        zone: ack.zone,
        seconds: ackSeconds(ack.raisedAt, ack.acknowledgedAt),
      },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  };
}
