import { monthOf } from '../../shared/metrics.js';

/**
 * A TransactWriteItems entry that adds to the monthly counters of a zone. Put it in the same
 * transaction as the change it counts (whose own condition makes a retry fail), so nothing is
 * counted twice. Counter names come from shared/metrics.ts.
 */
export function statsAdd(tableName: string, at: Date, zone: string, counters: Record<string, number>) {
  const names: Record<string, string> = { '#type': 'type', '#month': 'month', '#zone': 'zone' };
  const month = monthOf(at);
  const values: Record<string, string | number> = { ':statsType': 'STATS', ':month': month, ':zone': zone };
  const adds = Object.entries(counters).map(([name, n], i) => {
    names[`#m${i}`] = name;
    values[`:v${i}`] = n;
    return `#m${i} :v${i}`;
  });
  return {
    Update: {
      TableName: tableName,
      Key: { pk: `STATS#${month}#${zone}`, sk: 'COUNTS' },
      UpdateExpression: `SET #type = :statsType, #month = :month, #zone = :zone ADD ${adds.join(', ')}`,
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
    },
  };
}
