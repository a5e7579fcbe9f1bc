import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DeleteTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureTable } from '../../infra/local/dynamodb.js';
import { startStreamPoller, type RunningPoller } from '../../infra/local/stream-poller.js';
import type { StreamConsumerDecl } from '../../shared/schedules.js';

/**
 * The local stream poller against DynamoDB Local's stream, on a table of its own (so no other test's
 * writes reach it): filtering, batches, the Lambda record shape, partial-batch retries, the dead-letter
 * list, and checkpoints that survive a restart.
 */
const endpoint = process.env.AWS_ENDPOINT_URL_DYNAMODB as string;
const tableName = `poller-${randomUUID().slice(0, 8)}`;
const base = new DynamoDBClient({ endpoint });
const doc = DynamoDBDocumentClient.from(base);
let dataDir: string;

const consumer: StreamConsumerDecl = {
  name: 'test-outbox',
  function: 'alertPublisher',
  eventNames: ['INSERT'],
  entityTypes: ['ALERT'],
  batchSize: 2,
  retryAttempts: 2,
};

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'oneroof-poller-'));
  await ensureTable(base, tableName);
});

afterAll(async () => {
  await base.send(new DeleteTableCommand({ TableName: tableName }));
  base.destroy();
  rmSync(dataDir, { recursive: true, force: true });
});

type Run = (event: DynamoDBStreamEvent) => Promise<unknown>;

function poller(run: Run): RunningPoller {
  return startStreamPoller({ tableName, endpoint, dataDir, consumers: [consumer], run: (_c, e) => run(e), intervalMs: 50, backoff: { baseMs: 10, maxMs: 40 } });
}

const put = (pk: string, type: string, extra: Record<string, unknown> = {}) =>
  doc.send(new PutCommand({ TableName: tableName, Item: { pk, sk: 'ITEM', type, ...extra } }));

const pkOf = (r: DynamoDBRecord) => r.dynamodb?.Keys?.pk?.S as string;

async function waitFor(predicate: () => boolean, what: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('local DynamoDB stream poller', () => {
  it('delivers only the consumer events and entity types, in order, in batches, shaped as Lambda records', async () => {
    const batches: DynamoDBRecord[][] = [];
    const p = poller(async (e) => {
      batches.push(e.Records);
    });
    try {
      await put('a1', 'ALERT', { severity: 'high' });
      await put('o1', 'BOOKING');
      await put('a2', 'ALERT');
      await put('a3', 'ALERT');
      // A MODIFY (the publisher's own publishedAt write) is not an INSERT: filtered out, as the mapping's filter does.
      await doc.send(
        new UpdateCommand({
          TableName: tableName,
          Key: { pk: 'a1', sk: 'ITEM' },
          UpdateExpression: 'SET publishedAt = :t',
          ExpressionAttributeValues: { ':t': 'now' },
        }),
      );
      await put('a4', 'ALERT');
      await waitFor(() => batches.flat().some((r) => pkOf(r) === 'a4'), 'the alert after the MODIFY');
      const records = batches.flat();
      expect(records.map((r) => `${r.eventName} ${pkOf(r)}`)).toEqual(['INSERT a1', 'INSERT a2', 'INSERT a3', 'INSERT a4']);
      expect(batches.every((b) => b.length <= consumer.batchSize)).toBe(true);
      const [first] = records as [DynamoDBRecord];
      expect(first).toMatchObject({
        eventSource: 'aws:dynamodb',
        eventVersion: expect.any(String),
        awsRegion: expect.any(String),
        eventID: expect.any(String),
        eventSourceARN: expect.stringContaining(`table/${tableName}/stream/`),
        dynamodb: {
          Keys: { pk: { S: 'a1' }, sk: { S: 'ITEM' } },
          NewImage: { pk: { S: 'a1' }, type: { S: 'ALERT' }, severity: { S: 'high' } },
          SequenceNumber: expect.any(String),
          StreamViewType: 'NEW_AND_OLD_IMAGES',
        },
      });
    } finally {
      await p.stop();
    }
  });

  it('retries from the first failed record of a batch, and resumes after a restart without replaying', async () => {
    const seen: string[] = [];
    let failedOnce = false;
    const p = poller(async (e) => {
      seen.push(...e.Records.map(pkOf));
      const b2 = e.Records.find((r) => pkOf(r) === 'b2');
      if (b2 && !failedOnce) {
        failedOnce = true;
        return { batchItemFailures: [{ itemIdentifier: b2.dynamodb?.SequenceNumber as string }] };
      }
    });
    try {
      await put('b1', 'ALERT');
      await put('b2', 'ALERT');
      await put('b3', 'ALERT');
      await waitFor(() => failedOnce && seen.lastIndexOf('b3') > seen.lastIndexOf('b2'), 'b3 after the retried b2');
      // b1 succeeded and is not sent again; b2 is retried (b3 may ride along in its batch, as in Lambda).
      // Nothing from the first test comes again: the checkpoint of the first poller holds.
      expect(seen.filter((pk) => pk === 'b1')).toHaveLength(1);
      expect(seen.filter((pk) => pk === 'b2')).toHaveLength(2);
      expect(seen.every((pk) => pk.startsWith('b'))).toBe(true);
      expect(seen[0]).toBe('b1');
    } finally {
      await p.stop();
    }
  });

  it('dead-letters a record that keeps failing after retryAttempts retries, then moves on', async () => {
    const seen: string[] = [];
    const p = poller(async (e) => {
      seen.push(...e.Records.map(pkOf));
      const poison = e.Records.find((r) => pkOf(r) === 'poison');
      if (poison) return { batchItemFailures: [{ itemIdentifier: poison.dynamodb?.SequenceNumber as string }] };
    });
    try {
      await put('poison', 'ALERT', { note: 'the image is not kept in the dead letter' });
      await put('c1', 'ALERT');
      await waitFor(() => p.deadLetters().length > 0 && seen.lastIndexOf('c1') > seen.lastIndexOf('poison'), 'c1 delivered after the poison record');
      expect(seen.filter((pk) => pk === 'poison')).toHaveLength(consumer.retryAttempts + 1);
      const letters = p.deadLetters();
      expect(letters).toHaveLength(1);
      expect(letters[0]).toMatchObject({
        consumer: 'test-outbox',
        keys: { pk: 'poison', sk: 'ITEM' },
        attempts: consumer.retryAttempts + 1,
        eventName: 'INSERT',
      });
      expect(JSON.stringify(letters)).not.toContain('not kept');
    } finally {
      await p.stop();
    }
  });

  it('retries a batch whose handler throws, and delivers what was written while it was stopped', async () => {
    await put('d1', 'ALERT'); // written while no poller runs
    const seen: string[] = [];
    let thrown = false;
    const p = poller(async (e) => {
      seen.push(...e.Records.map(pkOf));
      if (!thrown) {
        thrown = true;
        throw new Error('SNS is down');
      }
    });
    try {
      await put('d2', 'ALERT');
      await waitFor(() => seen.filter((pk) => pk === 'd1').length === 2 && seen.lastIndexOf('d2') > seen.lastIndexOf('d1'), 'd1 retried, then d2');
      expect(seen[0]).toBe('d1');
      expect(seen.filter((pk) => pk === 'd1')).toHaveLength(2);
      expect(seen).not.toContain('c1');
      expect(seen).not.toContain('poison');
    } finally {
      await p.stop();
    }
  });
});
