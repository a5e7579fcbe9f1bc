import { createHash, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { QUEUE_NAMES, queues as declared, SEND_BATCH_MAX, visibilityTimeoutOf, type QueueName } from '../../shared/queues.js';
import { invoke } from './handlers.js';

/**
 * The work queues of shared/queues.ts in this process, behind a small SQS endpoint speaking the AWS JSON
 * 1.0 protocol SDK v3's SQSClient uses (`X-Amz-Target: AmazonSQS.<Action>`): SendMessage,
 * SendMessageBatch, GetQueueUrl. Point the real client at it with AWS_ENDPOINT_URL_SQS (each queue's URL
 * names this endpoint too). Each queue feeds its consumer as Lambda's SQS event source does: batches of
 * `batchSize`, at most `maxConcurrency` invocations at once, a received message invisible for the
 * visibility timeout; a message the consumer reports in `batchItemFailures` (or all of them, if it throws)
 * comes back when that timeout ends, and after `maxReceiveCount` receives it goes to the dead letters.
 * Local stack and tests only; never deployed.
 */
export interface LocalQueueMessage {
  messageId: string;
  body: string;
  receiveCount: number;
  sentAt: number;
}

export interface LocalSqsOptions {
  port?: number;
  queues?: readonly QueueName[];
  /** Delivers a batch to the queue's consumer (default: the declared function's handler). */
  run?: (queue: QueueName, event: SQSEvent) => Promise<unknown>;
  /** Visibility timeout in ms (default: shared/queues.ts's, in seconds). */
  visibilityTimeoutMs?: number;
  /** How often a queue looks for messages whose visibility timeout ended (ms). */
  pollMs?: number;
  log?: (line: string) => void;
}

export interface LocalSqs {
  endpoint: string;
  urlOf(queue: QueueName): string;
  /** Messages waiting (visible or not yet visible again), batches in flight, and the dead letters. */
  depth(queue: QueueName): { waiting: number; inFlight: number; deadLetters: LocalQueueMessage[] };
  /** Resolves once the queue holds nothing and nothing is in flight; rejects after `timeoutMs`. */
  drained(queue: QueueName, timeoutMs?: number): Promise<void>;
  /** Refuse the next `count` entries sent (-1: until set back to 0), each in the answer's `Failed` list. */
  failSends(count: number): void;
  stop(): Promise<void>;
}

const ACCOUNT = '000000000000';
const REGION = 'eu-west-1';
/** SQS's limit on one message, and on the sum of a batch's. */
const MAX_PAYLOAD_BYTES = 256 * 1024;

interface Stored extends LocalQueueMessage {
  visibleAt: number;
  firstReceivedAt: number | undefined;
}

interface QueueState {
  name: QueueName;
  url: string;
  arn: string;
  messages: Stored[];
  dead: LocalQueueMessage[];
  inFlight: number;
  running: Set<Promise<void>>;
}

const md5 = (s: string) => createHash('md5').update(s, 'utf8').digest('hex');

function error(res: ServerResponse, status: number, code: string, queryCode: string, message: string): void {
  res.writeHead(status, {
    'content-type': 'application/x-amz-json-1.0',
    'x-amzn-query-error': `${queryCode};${status >= 500 ? 'Receiver' : 'Sender'}`,
  });
  res.end(JSON.stringify({ __type: `com.amazonaws.sqs#${code}`, message }));
}

function answer(res: ServerResponse, body: unknown): void {
  res.writeHead(200, { 'content-type': 'application/x-amz-json-1.0', 'x-amzn-requestid': randomUUID() });
  res.end(JSON.stringify(body));
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export async function startLocalSqs(options: LocalSqsOptions = {}): Promise<LocalSqs> {
  const names = options.queues ?? QUEUE_NAMES;
  const run = options.run ?? ((name, event) => invoke(declared[name].consumer, event));
  const visibilityMs = (name: QueueName) => options.visibilityTimeoutMs ?? visibilityTimeoutOf(name) * 1000;
  const state = new Map<string, QueueState>();
  let failures = 0;
  let stopping = false;

  const server = createServer(async (req, res) => {
    try {
      if (req.method !== 'POST') return error(res, 405, 'UnsupportedOperation', 'AWS.SimpleQueueService.UnsupportedOperation', 'POST only');
      const action = String(req.headers['x-amz-target'] ?? '').replace(/^AmazonSQS\./, '');
      const input = JSON.parse((await readBody(req)) || '{}') as Record<string, unknown>;
      if (action === 'GetQueueUrl') {
        const q = [...state.values()].find((s) => s.url.endsWith(`/${String(input.QueueName)}`));
        if (!q) return error(res, 400, 'QueueDoesNotExist', 'AWS.SimpleQueueService.NonExistentQueue', 'The specified queue does not exist.');
        return answer(res, { QueueUrl: q.url });
      }
      const q = state.get(String(input.QueueUrl ?? '').replace(/^https?:\/\/[^/]+/, ''));
      if (action !== 'SendMessage' && action !== 'SendMessageBatch') return error(res, 400, 'InvalidAction', 'InvalidAction', `Unsupported action ${action}`);
      if (!q) return error(res, 400, 'QueueDoesNotExist', 'AWS.SimpleQueueService.NonExistentQueue', 'The specified queue does not exist.');
      if (action === 'SendMessage') {
        const body = String(input.MessageBody ?? '');
        if (!body || Buffer.byteLength(body) > MAX_PAYLOAD_BYTES) return error(res, 400, 'InvalidParameterValue', 'InvalidParameterValue', 'MessageBody');
        if (failures !== 0) {
          if (failures > 0) failures--;
          return error(res, 500, 'InternalError', 'InternalError', 'Injected send failure');
        }
        const m = enqueue(q, body);
        pump(q);
        return answer(res, { MessageId: m.messageId, MD5OfMessageBody: md5(body) });
      }
      const entries = (Array.isArray(input.Entries) ? input.Entries : []) as { Id?: string; MessageBody?: string }[];
      if (entries.length === 0) return error(res, 400, 'EmptyBatchRequest', 'AWS.SimpleQueueService.EmptyBatchRequest', 'No entries');
      if (entries.length > SEND_BATCH_MAX)
        return error(res, 400, 'TooManyEntriesInBatchRequest', 'AWS.SimpleQueueService.TooManyEntriesInBatchRequest', 'Too many entries');
      if (new Set(entries.map((e) => e.Id)).size !== entries.length)
        return error(res, 400, 'BatchEntryIdsNotDistinct', 'AWS.SimpleQueueService.BatchEntryIdsNotDistinct', 'Ids not distinct');
      if (entries.reduce((n, e) => n + Buffer.byteLength(String(e.MessageBody ?? '')), 0) > MAX_PAYLOAD_BYTES)
        return error(res, 400, 'BatchRequestTooLong', 'AWS.SimpleQueueService.BatchRequestTooLong', 'Batch too long');
      const successful: { Id: string; MessageId: string; MD5OfMessageBody: string }[] = [];
      const failed: { Id: string; SenderFault: boolean; Code: string; Message: string }[] = [];
      for (const e of entries) {
        const id = String(e.Id ?? '');
        const body = String(e.MessageBody ?? '');
        if (!body) {
          failed.push({ Id: id, SenderFault: true, Code: 'InvalidParameterValue', Message: 'MessageBody' });
          continue;
        }
        if (failures !== 0) {
          if (failures > 0) failures--;
          failed.push({ Id: id, SenderFault: false, Code: 'InternalError', Message: 'Injected send failure' });
          continue;
        }
        const m = enqueue(q, body);
        successful.push({ Id: id, MessageId: m.messageId, MD5OfMessageBody: md5(body) });
      }
      pump(q);
      return answer(res, { Successful: successful, Failed: failed });
    } catch (err) {
      error(res, 500, 'InternalError', 'InternalError', (err as Error).message);
    }
  });

  function enqueue(q: QueueState, body: string): Stored {
    const m: Stored = { messageId: randomUUID(), body, receiveCount: 0, sentAt: Date.now(), visibleAt: 0, firstReceivedAt: undefined };
    q.messages.push(m);
    return m;
  }

  function record(q: QueueState, m: Stored): SQSRecord {
    return {
      messageId: m.messageId,
      receiptHandle: `${m.messageId}#${m.receiveCount}`,
      body: m.body,
      attributes: {
        ApproximateReceiveCount: String(m.receiveCount),
        SentTimestamp: String(m.sentAt),
        SenderId: ACCOUNT,
        ApproximateFirstReceiveTimestamp: String(m.firstReceivedAt ?? m.sentAt),
      },
      messageAttributes: {},
      md5OfBody: md5(m.body),
      eventSource: 'aws:sqs',
      eventSourceARN: q.arn,
      awsRegion: REGION,
    };
  }

  /** Starts batches while the consumer has room and messages are visible (Lambda's pollers do this). */
  function pump(q: QueueState): void {
    const decl = declared[q.name];
    while (!stopping && q.inFlight < decl.maxConcurrency) {
      const now = Date.now();
      const batch: Stored[] = [];
      for (const m of q.messages) {
        if (batch.length >= decl.batchSize) break;
        if (m.visibleAt > now) continue;
        batch.push(m);
      }
      // Past its receives a message is moved on the receive that would exceed them, as SQS's redrive does.
      const dead = batch.filter((m) => m.receiveCount >= decl.maxReceiveCount);
      if (dead.length > 0) {
        q.messages = q.messages.filter((m) => !dead.includes(m));
        for (const m of dead) {
          q.dead.push({ messageId: m.messageId, body: m.body, receiveCount: m.receiveCount, sentAt: m.sentAt });
          options.log?.(`[sqs] ${q.name}: message ${m.messageId} dead-lettered after ${m.receiveCount} receives`);
        }
        continue;
      }
      if (batch.length === 0) return;
      for (const m of batch) {
        m.receiveCount++;
        m.firstReceivedAt ??= now;
        m.visibleAt = now + visibilityMs(q.name);
      }
      q.inFlight++;
      const work = deliver(q, batch).finally(() => {
        q.inFlight--;
        q.running.delete(work);
        pump(q);
      });
      q.running.add(work);
    }
  }

  async function deliver(q: QueueState, batch: Stored[]): Promise<void> {
    let keep: Set<string>;
    try {
      const out = (await run(q.name, { Records: batch.map((m) => record(q, m)) })) as SQSBatchResponse | undefined;
      const ids = (out?.batchItemFailures ?? []).map((f) => f.itemIdentifier);
      // An identifier that names no message of the batch fails the whole batch, as Lambda treats it.
      keep = ids.some((id) => !batch.some((m) => m.messageId === id)) ? new Set(batch.map((m) => m.messageId)) : new Set(ids);
      if (keep.size > 0) options.log?.(`[sqs] ${q.name}: ${keep.size} of ${batch.length} reported failed, delivered again after the visibility timeout`);
    } catch (err) {
      keep = new Set(batch.map((m) => m.messageId));
      options.log?.(`[sqs] ${q.name}: consumer failed (${(err as Error).name}: ${(err as Error).message}), the batch comes back after the visibility timeout`);
    }
    const done = new Set(batch.filter((m) => !keep.has(m.messageId)));
    q.messages = q.messages.filter((m) => !done.has(m));
  }

  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  for (const name of names) {
    const path = `/${ACCOUNT}/oneroof-${name}`;
    state.set(path, {
      name,
      url: `${endpoint}${path}`,
      arn: `arn:aws:sqs:${REGION}:${ACCOUNT}:oneroof-${name}`,
      messages: [],
      dead: [],
      inFlight: 0,
      running: new Set(),
    });
  }
  const queueOf = (name: QueueName): QueueState => {
    const q = [...state.values()].find((s) => s.name === name);
    if (!q) throw new Error(`Queue ${name} is not served here`);
    return q;
  };
  const timer = setInterval(() => {
    for (const q of state.values()) pump(q);
  }, options.pollMs ?? 100);
  timer.unref();

  return {
    endpoint,
    urlOf: (name) => queueOf(name).url,
    depth: (name) => {
      const q = queueOf(name);
      return { waiting: q.messages.length, inFlight: q.inFlight, deadLetters: [...q.dead] };
    },
    drained: async (name, timeoutMs = 30_000) => {
      const q = queueOf(name);
      const deadline = Date.now() + timeoutMs;
      while (q.messages.length > 0 || q.inFlight > 0) {
        if (Date.now() > deadline) throw new Error(`Queue ${name} not drained in ${timeoutMs} ms: ${q.messages.length} waiting, ${q.inFlight} in flight`);
        await new Promise((r) => setTimeout(r, 20));
      }
    },
    failSends: (count) => {
      failures = count;
    },
    stop: async () => {
      stopping = true;
      clearInterval(timer);
      await Promise.allSettled([...state.values()].flatMap((q) => [...q.running]));
      await new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      });
    },
  };
}
