import { DynamoDBDocumentClient, QueryCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { describe, expect, it } from 'vitest';
import { monthlyReport } from '../../functions/reports/monthly.js';
import { keyedDraw } from '../../functions/reports/rounding-key.js';
import { DynamoStatsReader } from '../../functions/reports/store.js';

describe('reports storage adapter', () => {
  it('reads the counters with one paged Query on gsi1 and ack times with one Query per month and zone — never a scan', async () => {
    const ddb = mockClient(DynamoDBDocumentClient);
    ddb.on(ScanCommand).rejects(new Error('no scans'));
    ddb
      .on(QueryCommand, { IndexName: 'gsi1' })
      .resolvesOnce({
        Items: [
          { pk: 'STATS#2026-01#a', sk: 'COUNTS', gsi1pk: 'STATS#COUNTS', gsi1sk: '2026-01#a', type: 'STATS', month: '2026-01', zone: 'a', 'cases.opened': 7 },
        ],
        LastEvaluatedKey: { pk: 'p' },
      })
      .resolvesOnce({ Items: [{ month: '2026-02', zone: 'b', 'cases.opened': 9 }] });
    ddb.on(QueryCommand, { KeyConditionExpression: 'pk = :pk AND begins_with(sk, :ack)' }).resolves({ Items: [{ seconds: 10 }] });
    const reader = new DynamoStatsReader('t', DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'eu-west-1' })));

    const report = await monthlyReport(reader, 'a', { from: '2026-02', to: '2026-03' }, new Date('2026-03-15T00:00:00Z'), keyedDraw(Buffer.alloc(32, 3)));

    expect(ddb.commandCalls(ScanCommand)).toHaveLength(0);
    const index = ddb.commandCalls(QueryCommand, { IndexName: 'gsi1' });
    expect(index).toHaveLength(2);
    expect(index[0]?.args[0].input.ExpressionAttributeValues).toEqual({ ':pk': 'STATS#COUNTS', ':to': '2026-03#\uffff' });
    expect(index[1]?.args[0].input.ExclusiveStartKey).toEqual({ pk: 'p' });
    // 2 months × the reader's zone only: zone b's counters are read with the index but never reported
    const ack = ddb.commandCalls(QueryCommand, { KeyConditionExpression: 'pk = :pk AND begins_with(sk, :ack)' });
    expect(ack.map((c) => c.args[0].input.ExpressionAttributeValues?.[':pk']).sort()).toEqual(['STATS#2026-02#a', 'STATS#2026-03#a']);
    expect(report.zones).toEqual(['a']);
    expect(report.rows.every((r) => r.zone === 'a')).toBe(true);
    // January is only history: prevalence of zone a in February is 7
    expect([5, 10]).toContain(report.rows.find((r) => r.month === '2026-02' && r.zone === 'a' && r.measure === 'cases.open')?.value);
    ddb.restore();
  });
});

describe('report content negotiation', () => {
  it('serves CSV for format=csv or an Accept that ranks text/csv first, JSON otherwise', async () => {
    const { prefersCsv } = await import('../../functions/reports/negotiate.js');
    expect(prefersCsv(undefined, undefined)).toBe(false);
    expect(prefersCsv('text/csv', undefined)).toBe(true);
    expect(prefersCsv('text/csv; charset=utf-8', undefined)).toBe(true);
    expect(prefersCsv('application/json', 'csv')).toBe(true);
    expect(prefersCsv('text/csv', 'json')).toBe(false);
    expect(prefersCsv('application/json, text/csv;q=0.5', undefined)).toBe(false);
    expect(prefersCsv('text/csv;q=0, */*', undefined)).toBe(false);
    expect(prefersCsv('text/csv, */*;q=0.8', undefined)).toBe(true);
    expect(prefersCsv('*/*', undefined)).toBe(false);
  });
});
