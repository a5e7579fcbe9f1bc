import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';

/**
 * A small local SNS endpoint speaking the AWS Query protocol that SDK v3's SNSClient uses
 * (form-encoded POST, XML reply): CreateTopic, Subscribe, Publish, PublishBatch, ListTopics. Point the real client
 * at it with AWS_ENDPOINT_URL_SNS. Every publish lands in an inbox you can read over HTTP
 * (`GET /_inbox`), so tests observe messages from any process; `POST /_faults` injects publish failures.
 * Local stack and tests only; never deployed.
 */
export interface LocalMessage {
  messageId: string;
  topicArn: string;
  /** The topic's name (last part of the ARN). */
  topic: string;
  subject: string | undefined;
  message: string;
  attributes: Record<string, string>;
  at: string;
}

export interface LocalSns {
  endpoint: string;
  port: number;
  messages(): LocalMessage[];
  clear(): void;
  /**
   * Fail the next `count` messages (-1: until set back to 0): a Publish request with a 500, an entry of a
   * PublishBatch in the answer's `Failed` list (the rest of the batch goes out: a partial failure).
   */
  failPublishes(count: number): void;
  /** Publish requests still to fail (-1: every one until reset). */
  pendingFailures(): number;
  stop(): Promise<void>;
}

const ACCOUNT = '000000000000';
const REGION = 'eu-west-1';
const XMLNS = 'http://sns.amazonaws.com/doc/2010-03-31/';

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function reply(res: ServerResponse, action: string, result: string): void {
  res.writeHead(200, { 'content-type': 'text/xml' });
  res.end(
    `<${action}Response xmlns="${XMLNS}"><${action}Result>${result}</${action}Result>` +
      `<ResponseMetadata><RequestId>${randomUUID()}</RequestId></ResponseMetadata></${action}Response>`,
  );
}

function fail(res: ServerResponse, status: number, code: string, message: string): void {
  res.writeHead(status, { 'content-type': 'text/xml' });
  res.end(
    `<ErrorResponse xmlns="${XMLNS}"><Error><Type>${status >= 500 ? 'Receiver' : 'Sender'}</Type>` +
      `<Code>${code}</Code><Message>${esc(message)}</Message></Error><RequestId>${randomUUID()}</RequestId></ErrorResponse>`,
  );
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** `MessageAttributes.entry.1.Name=x&MessageAttributes.entry.1.Value.StringValue=y` → `{ x: 'y' }` (`prefix`: a batch entry's). */
function messageAttributes(form: URLSearchParams, prefix = ''): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 1; form.has(`${prefix}MessageAttributes.entry.${i}.Name`); i++) {
    const name = form.get(`${prefix}MessageAttributes.entry.${i}.Name`) as string;
    out[name] = form.get(`${prefix}MessageAttributes.entry.${i}.Value.StringValue`) ?? '';
  }
  return out;
}

/** SNS's own limit: at most 10 entries per PublishBatch. */
const MAX_BATCH_ENTRIES = 10;

export async function startLocalSns(options: { port?: number; onPublish?: (m: LocalMessage) => void } = {}): Promise<LocalSns> {
  const topicArns = new Set<string>();
  const inbox: LocalMessage[] = [];
  let failures = 0;

  const server = createServer(async (req, res) => {
    try {
      const url = new URL(req.url ?? '/', 'http://localhost');
      if (url.pathname === '/_inbox') {
        if (req.method === 'DELETE') inbox.length = 0;
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify(inbox));
        return;
      }
      if (url.pathname === '/_faults' && (req.method === 'POST' || req.method === 'GET')) {
        if (req.method === 'POST') {
          const body = JSON.parse((await readBody(req)) || '{}') as { publish?: number };
          const n = Number(body.publish ?? 0);
          if (!Number.isInteger(n) || n < -1) return fail(res, 400, 'InvalidParameter', 'publish must be an integer >= -1');
          failures = n;
        }
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ publish: failures }));
        return;
      }
      if (req.method !== 'POST') return fail(res, 405, 'MethodNotAllowed', 'POST only');
      const form = new URLSearchParams(await readBody(req));
      const action = form.get('Action');
      switch (action) {
        case 'CreateTopic': {
          const name = form.get('Name');
          if (!name || !/^[A-Za-z0-9_-]{1,256}(\.fifo)?$/.test(name)) return fail(res, 400, 'InvalidParameter', 'Invalid parameter: Name');
          const arn = `arn:aws:sns:${REGION}:${ACCOUNT}:${name}`;
          topicArns.add(arn);
          return reply(res, 'CreateTopic', `<TopicArn>${esc(arn)}</TopicArn>`);
        }
        case 'ListTopics':
          return reply(res, 'ListTopics', `<Topics>${[...topicArns].map((a) => `<member><TopicArn>${esc(a)}</TopicArn></member>`).join('')}</Topics>`);
        case 'Subscribe': {
          const arn = form.get('TopicArn') ?? '';
          if (!topicArns.has(arn)) return fail(res, 404, 'NotFound', 'Topic does not exist');
          return reply(res, 'Subscribe', `<SubscriptionArn>${esc(`${arn}:${randomUUID()}`)}</SubscriptionArn>`);
        }
        case 'Publish': {
          const arn = form.get('TopicArn') ?? '';
          if (!topicArns.has(arn)) return fail(res, 404, 'NotFound', 'Topic does not exist');
          const message = form.get('Message');
          if (!message) return fail(res, 400, 'InvalidParameter', 'Invalid parameter: Message');
          if (failures !== 0) {
            if (failures > 0) failures--;
            return fail(res, 500, 'InternalError', 'Injected publish failure');
          }
          const m: LocalMessage = {
            messageId: randomUUID(),
            topicArn: arn,
            topic: arn.split(':').pop() as string,
            subject: form.get('Subject') ?? undefined,
            message,
            attributes: messageAttributes(form),
            at: new Date().toISOString(),
          };
          inbox.push(m);
          options.onPublish?.(m);
          return reply(res, 'Publish', `<MessageId>${m.messageId}</MessageId>`);
        }
        case 'PublishBatch': {
          const arn = form.get('TopicArn') ?? '';
          if (!topicArns.has(arn)) return fail(res, 404, 'NotFound', 'Topic does not exist');
          const entries: { id: string; prefix: string }[] = [];
          for (let i = 1; form.has(`PublishBatchRequestEntries.member.${i}.Id`); i++) {
            entries.push({ id: form.get(`PublishBatchRequestEntries.member.${i}.Id`) as string, prefix: `PublishBatchRequestEntries.member.${i}.` });
          }
          if (entries.length === 0) return fail(res, 400, 'EmptyBatchRequest', 'The batch request does not contain any entries');
          if (entries.length > MAX_BATCH_ENTRIES)
            return fail(res, 400, 'TooManyEntriesInBatchRequest', 'The batch request contains more entries than permissible');
          if (new Set(entries.map((e) => e.id)).size !== entries.length)
            return fail(res, 400, 'BatchEntryIdsNotDistinct', 'Two or more batch entries have the same Id');
          const ok: string[] = [];
          const failed: string[] = [];
          for (const { id, prefix } of entries) {
            const message = form.get(`${prefix}Message`);
            if (!message) {
              failed.push(
                `<member><Id>${esc(id)}</Id><Code>InvalidParameter</Code><Message>Invalid parameter: Message</Message><SenderFault>true</SenderFault></member>`,
              );
              continue;
            }
            if (failures !== 0) {
              if (failures > 0) failures--;
              failed.push(
                `<member><Id>${esc(id)}</Id><Code>InternalError</Code><Message>Injected publish failure</Message><SenderFault>false</SenderFault></member>`,
              );
              continue;
            }
            const m: LocalMessage = {
              messageId: randomUUID(),
              topicArn: arn,
              topic: arn.split(':').pop() as string,
              subject: form.get(`${prefix}Subject`) ?? undefined,
              message,
              attributes: messageAttributes(form, prefix),
              at: new Date().toISOString(),
            };
            inbox.push(m);
            options.onPublish?.(m);
            ok.push(`<member><Id>${esc(id)}</Id><MessageId>${m.messageId}</MessageId></member>`);
          }
          return reply(res, 'PublishBatch', `<Successful>${ok.join('')}</Successful><Failed>${failed.join('')}</Failed>`);
        }
        default:
          return fail(res, 400, 'InvalidAction', `Unsupported action ${action ?? ''}`);
      }
    } catch (err) {
      fail(res, 500, 'InternalError', (err as Error).message);
    }
  });

  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    port,
    messages: () => [...inbox],
    clear: () => {
      inbox.length = 0;
    },
    failPublishes: (count) => {
      failures = count;
    },
    pendingFailures: () => failures,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
