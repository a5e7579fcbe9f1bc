import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  GetRecordsCommand,
  type GetRecordsCommandOutput,
  GetShardIteratorCommand,
  type _Record as StreamRecord,
  type Shard,
} from '@aws-sdk/client-dynamodb-streams';
import type { AttributeValue, DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { streamConsumers as declared, type StreamConsumerDecl } from '../../shared/schedules.js';
import { invoke } from './handlers.js';
import { LOCAL_AWS_ENV } from './dynamodb.js';

/**
 * Polls the table's stream on DynamoDB Local and feeds each declared stream consumer as Lambda's event
 * source mapping does: records filtered on `eventName` and the NEW image's `type` (the mapping's filter
 * criteria), in shard order, in batches of `batchSize`; a `batchItemFailures` answer (or a thrown error)
 * retries from the first failed record with backoff; past `retryAttempts` retries the record goes to a
 * dead-letter list (metadata only, like Lambda's on-failure destination) and the shard moves on. With
 * `retryAttempts: -1` (UNTIL_DELIVERED) it is retried until it succeeds, as Lambda does.
 * A checkpoint per consumer and shard (`<dataDir>/stream-checkpoints.json`) means a restart neither
 * replays nor loses records.
 */
export interface DeadLetter {
  consumer: string;
  function: string;
  shardId: string;
  sequenceNumber: string;
  eventID: string;
  eventName: string;
  /** The item's keys only; images are not kept (they may hold personal data). */
  keys: Record<string, string>;
  attempts: number;
  error: string;
  at: string;
}

export interface StreamPollerOptions {
  tableName: string;
  /** DynamoDB Local's endpoint (it serves the streams API too). */
  endpoint: string;
  dataDir: string;
  consumers?: readonly StreamConsumerDecl[];
  run?: (consumer: StreamConsumerDecl, event: DynamoDBStreamEvent) => Promise<unknown>;
  intervalMs?: number;
  backoff?: { baseMs: number; maxMs: number };
  log?: (line: string) => void;
}

export interface RunningPoller {
  deadLetters(): DeadLetter[];
  stop(): Promise<void>;
}

interface Checkpoints {
  [consumer: string]: { streamArn: string; shards: Record<string, string> };
}

const REFRESH_MS = 2_000;

export function startStreamPoller(options: StreamPollerOptions): RunningPoller {
  const consumers = options.consumers ?? declared;
  const run = options.run ?? ((c, e) => invoke(c.function, e));
  const intervalMs = options.intervalMs ?? 200;
  const backoff = options.backoff ?? { baseMs: 200, maxMs: 5_000 };
  const clientConfig = {
    endpoint: options.endpoint,
    region: LOCAL_AWS_ENV.AWS_REGION,
    credentials: { accessKeyId: LOCAL_AWS_ENV.AWS_ACCESS_KEY_ID, secretAccessKey: LOCAL_AWS_ENV.AWS_SECRET_ACCESS_KEY },
  };
  const dynamo = new DynamoDBClient(clientConfig);
  const streams = new DynamoDBStreamsClient(clientConfig);
  const checkpointFile = join(options.dataDir, 'stream-checkpoints.json');
  const checkpoints: Checkpoints = existsSync(checkpointFile) ? (JSON.parse(readFileSync(checkpointFile, 'utf8')) as Checkpoints) : {};
  const deadLetters: DeadLetter[] = [];
  let stopping = false;
  const sleepers = new Set<() => void>();

  /** A pause that `stop()` cuts short. */
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      if (stopping) return resolve();
      const t = setTimeout(done, ms);
      function done() {
        clearTimeout(t);
        sleepers.delete(done);
        resolve();
      }
      sleepers.add(done);
    });

  const saveCheckpoints = () => {
    mkdirSync(dirname(checkpointFile), { recursive: true });
    const tmp = `${checkpointFile}.tmp`;
    writeFileSync(tmp, JSON.stringify(checkpoints, null, 2));
    renameSync(tmp, checkpointFile);
  };

  async function pollConsumer(consumer: StreamConsumerDecl): Promise<void> {
    const shards = new Map<string, { parent: string | undefined; iterator: string | undefined; done: boolean }>();
    let streamArn: string | undefined;
    let refreshedAt = 0;
    let lastError = '';

    const checkpoint = (shardId: string, sequenceNumber: string) => {
      const entry = checkpoints[consumer.name];
      if (!entry || entry.shards[shardId] === sequenceNumber) return;
      entry.shards[shardId] = sequenceNumber;
      saveCheckpoints();
    };

    const refresh = async () => {
      const table = await dynamo.send(new DescribeTableCommand({ TableName: options.tableName }));
      const arn = table.Table?.LatestStreamArn;
      if (!arn) throw new Error(`Table ${options.tableName} has no stream`);
      if (arn !== streamArn) {
        streamArn = arn;
        shards.clear();
        if (checkpoints[consumer.name]?.streamArn !== arn) {
          checkpoints[consumer.name] = { streamArn: arn, shards: {} };
          saveCheckpoints();
        }
      }
      let start: string | undefined;
      do {
        const out = await streams.send(new DescribeStreamCommand({ StreamArn: arn, ...(start ? { ExclusiveStartShardId: start } : {}) }));
        for (const shard of out.StreamDescription?.Shards ?? ([] as Shard[])) {
          if (shard.ShardId && !shards.has(shard.ShardId)) shards.set(shard.ShardId, { parent: shard.ParentShardId, iterator: undefined, done: false });
        }
        start = out.StreamDescription?.LastEvaluatedShardId;
      } while (start);
      refreshedAt = Date.now();
    };

    while (!stopping) {
      try {
        if (!streamArn || Date.now() - refreshedAt > REFRESH_MS) await refresh();
        for (const [shardId, shard] of shards) {
          if (stopping || shard.done) continue;
          const parent = shard.parent ? shards.get(shard.parent) : undefined;
          if (parent && !parent.done) continue; // a child shard waits for its parent, keeping order
          if (!shard.iterator) {
            const after = checkpoints[consumer.name]?.shards[shardId];
            const out = await streams.send(
              new GetShardIteratorCommand({
                StreamArn: streamArn,
                ShardId: shardId,
                ...(after ? { ShardIteratorType: 'AFTER_SEQUENCE_NUMBER', SequenceNumber: after } : { ShardIteratorType: 'TRIM_HORIZON' }),
              }),
            );
            shard.iterator = out.ShardIterator;
            if (!shard.iterator) {
              shard.done = true;
              continue;
            }
          }
          let page: GetRecordsCommandOutput;
          try {
            page = await streams.send(new GetRecordsCommand({ ShardIterator: shard.iterator, Limit: 1000 }));
          } catch (err) {
            const name = (err as Error).name;
            if (name === 'ExpiredIteratorException') {
              shard.iterator = undefined;
              continue;
            }
            if (name === 'TrimmedDataAccessException') {
              delete checkpoints[consumer.name]?.shards[shardId];
              shard.iterator = undefined;
              continue;
            }
            throw err;
          }
          const records = page.Records ?? [];
          if (records.length) await deliver(consumer, shardId, records, streamArn as string, checkpoint);
          if (stopping) break;
          shard.iterator = page.NextShardIterator;
          if (!shard.iterator) shard.done = true; // a closed shard, read to its end
        }
        lastError = '';
      } catch (err) {
        const message = `${(err as Error).name}: ${(err as Error).message}`;
        if (message !== lastError && !stopping) console.error(`[stream-poller] ${consumer.name}: ${message}`);
        lastError = message;
        streamArn = undefined;
        await sleep(1_000);
      }
      await sleep(intervalMs);
    }
  }

  /** Delivers one page of a shard's records; returns when each is delivered or dead-lettered (or on stop). */
  async function deliver(
    consumer: StreamConsumerDecl,
    shardId: string,
    records: StreamRecord[],
    streamArn: string,
    checkpoint: (shardId: string, sequenceNumber: string) => void,
  ): Promise<void> {
    const wanted = records.filter(
      (r) => consumer.eventNames.includes(r.eventName as 'INSERT') && consumer.entityTypes.includes(r.dynamodb?.NewImage?.type?.S ?? ''),
    );
    let pending = wanted.map((r) => toLambdaRecord(r, streamArn));
    let attempts = 0;
    while (pending.length && !stopping) {
      const batch = pending.slice(0, consumer.batchSize);
      let firstFailed = -1;
      let error = '';
      try {
        const result = (await run(consumer, { Records: batch })) as DynamoDBBatchResponse | undefined;
        const failures = result?.batchItemFailures ?? [];
        if (failures.length) {
          const positions = failures.map((f) => batch.findIndex((r) => r.dynamodb?.SequenceNumber === f.itemIdentifier));
          firstFailed = positions.includes(-1) ? 0 : Math.min(...positions); // an unknown identifier fails the batch
          error = 'reported in batchItemFailures';
        }
      } catch (err) {
        firstFailed = 0;
        error = `${(err as Error).name}: ${(err as Error).message}`;
      }
      const delivered = firstFailed === -1 ? batch : batch.slice(0, firstFailed);
      const last = delivered.at(-1)?.dynamodb?.SequenceNumber;
      if (last) checkpoint(shardId, last);
      pending = pending.slice(delivered.length);
      if (firstFailed === -1 || delivered.length) attempts = 0;
      if (firstFailed === -1) continue;

      attempts++;
      if (consumer.retryAttempts >= 0 && attempts > consumer.retryAttempts) {
        const failed = pending[0] as DynamoDBRecord;
        deadLetters.push(deadLetter(consumer, shardId, failed, attempts, error));
        console.error(`[stream-poller] ${consumer.name}: record ${failed.eventID} dead-lettered after ${attempts} attempts (${error})`);
        checkpoint(shardId, failed.dynamodb?.SequenceNumber as string);
        pending = pending.slice(1);
        attempts = 0;
        continue;
      }
      options.log?.(`stream ${consumer.name}: attempt ${attempts} failed (${error}), retrying`);
      await sleep(Math.min(backoff.baseMs * 2 ** (attempts - 1), backoff.maxMs));
    }
    if (!stopping) {
      const last = records.at(-1)?.dynamodb?.SequenceNumber;
      if (last) checkpoint(shardId, last); // filtered-out records are done too
    }
  }

  const loops = consumers.map((c) => pollConsumer(c));

  return {
    deadLetters: () => [...deadLetters],
    stop: async () => {
      stopping = true;
      for (const wake of [...sleepers]) wake();
      await Promise.allSettled(loops);
      dynamo.destroy();
      streams.destroy();
    },
  };
}

function deadLetter(consumer: StreamConsumerDecl, shardId: string, record: DynamoDBRecord, attempts: number, error: string): DeadLetter {
  const keys: Record<string, string> = {};
  for (const [k, v] of Object.entries(record.dynamodb?.Keys ?? {})) keys[k] = v.S ?? v.N ?? '';
  return {
    consumer: consumer.name,
    function: consumer.function,
    shardId,
    sequenceNumber: record.dynamodb?.SequenceNumber ?? '',
    eventID: record.eventID ?? '',
    eventName: record.eventName ?? '',
    keys,
    attempts,
    error,
    at: new Date().toISOString(),
  };
}

type SdkAttr = NonNullable<NonNullable<StreamRecord['dynamodb']>['Keys']>[string];

/** SDK attribute values → Lambda's JSON shape (binary as base64 text). */
function toLambdaAttr(value: SdkAttr): AttributeValue {
  if (value.B !== undefined) return { B: Buffer.from(value.B).toString('base64') };
  if (value.BS !== undefined) return { BS: value.BS.map((b) => Buffer.from(b).toString('base64')) };
  if (value.M !== undefined) return { M: toLambdaImage(value.M) };
  if (value.L !== undefined) return { L: value.L.map(toLambdaAttr) };
  return value as AttributeValue;
}

function toLambdaImage(image: Record<string, SdkAttr> | undefined): Record<string, AttributeValue> {
  const out: Record<string, AttributeValue> = {};
  for (const [k, v] of Object.entries(image ?? {})) out[k] = toLambdaAttr(v);
  return out;
}

export function toLambdaRecord(record: StreamRecord, streamArn: string): DynamoDBRecord {
  const d = record.dynamodb ?? {};
  const created = d.ApproximateCreationDateTime;
  return {
    eventID: record.eventID as string,
    eventName: record.eventName as DynamoDBRecord['eventName'],
    eventVersion: record.eventVersion ?? '1.1',
    eventSource: 'aws:dynamodb',
    awsRegion: record.awsRegion ?? LOCAL_AWS_ENV.AWS_REGION,
    dynamodb: {
      ...(created ? { ApproximateCreationDateTime: Math.floor(new Date(created).getTime() / 1000) } : {}),
      Keys: toLambdaImage(d.Keys),
      ...(d.NewImage ? { NewImage: toLambdaImage(d.NewImage) } : {}),
      ...(d.OldImage ? { OldImage: toLambdaImage(d.OldImage) } : {}),
      SequenceNumber: d.SequenceNumber as string,
      SizeBytes: d.SizeBytes as number,
      StreamViewType: d.StreamViewType as 'NEW_AND_OLD_IMAGES',
    },
    eventSourceARN: streamArn,
  };
}
