import type { IncomingMessage, ServerResponse } from 'node:http';
import * as z from 'zod';
import { clock, clockOffset, setClockOffset } from '../../functions/lib/clock.js';
import { readBody, sendJson } from './http-util.js';
import type { LocalPushEndpoint } from './push-endpoint.js';
import type { LocalMessage } from './sns.js';
import type { DeadLetter } from './stream-poller.js';

/**
 * Local-only routes under `/api/dev/`: they live here, never in the route table, so they can never be
 * deployed. The local stack binds to 127.0.0.1 only.
 */
export const DEV_PREFIX = '/api/dev/';

export interface DevSources {
  notifications(): LocalMessage[];
  deadLetters(): DeadLetter[];
  /** The local SNS endpoint's fault switch (infra/local/sns.ts `/_faults`). */
  faults: { publish(): number; failPublishes(count: number): void };
  /** The local push service (infra/local/push-endpoint.ts). */
  push: LocalPushEndpoint;
}

/** Where the local push service receives pushes: `POST /api/dev/push/endpoint/<subscription id>`. */
export const PUSH_ENDPOINT_PATH = `${DEV_PREFIX}push/endpoint/`;
const PUSH_SUBSCRIPTIONS_PATH = `${DEV_PREFIX}push/subscriptions`;

const PushSubscribe = z.strictObject({
  applicationServerKey: z
    .string()
    .regex(/^[A-Za-z0-9_-]{80,100}$/)
    .optional(),
  answer: z.number().int().min(200).max(599).optional(),
});

async function jsonBody(req: IncomingMessage): Promise<{ ok: true; value: unknown } | { ok: false }> {
  try {
    const raw = (await readBody(req, 4096)).toString('utf8');
    return { ok: true, value: raw === '' ? {} : JSON.parse(raw) };
  } catch {
    return { ok: false };
  }
}

async function handlePushRoute(req: IncomingMessage, res: ServerResponse, url: URL, push: LocalPushEndpoint): Promise<boolean> {
  const method = req.method ?? 'GET';
  if (url.pathname.startsWith(PUSH_ENDPOINT_PATH) && method === 'POST') {
    const out = await push.receive(url.pathname.slice(PUSH_ENDPOINT_PATH.length), req.headers, await readBody(req, 8192));
    sendJson(res, out.status, out.message ? { message: out.message } : {});
    return true;
  }
  if (url.pathname === `${DEV_PREFIX}push` && method === 'GET') {
    sendJson(res, 200, push.received().reverse());
    return true;
  }
  if (url.pathname === PUSH_SUBSCRIPTIONS_PATH && method === 'POST') {
    const body = await jsonBody(req);
    const parsed = body.ok ? PushSubscribe.safeParse(body.value) : undefined;
    if (!parsed?.success) {
      sendJson(res, 400, {
        error: 'invalid',
        field: 'body',
        message: 'Send {} or { "applicationServerKey": "<VAPID public key>", "answer": <status the endpoint gives instead> }',
      });
      return true;
    }
    sendJson(res, 201, push.subscribe(parsed.data));
    return true;
  }
  if (url.pathname.startsWith(`${PUSH_SUBSCRIPTIONS_PATH}/`) && method === 'DELETE') {
    const gone = push.unsubscribe(url.pathname.slice(PUSH_SUBSCRIPTIONS_PATH.length + 1));
    sendJson(res, gone ? 200 : 404, { removed: gone });
    return true;
  }
  return false;
}

const FaultChange = z.strictObject({ publish: z.number().int().min(-1).max(1_000_000) });

const ClockChange = z.union([
  z.strictObject({
    advanceMinutes: z
      .number()
      .finite()
      .min(0)
      .max(60 * 24 * 366),
  }),
  z.strictObject({
    offsetMinutes: z
      .number()
      .finite()
      .min(0)
      .max(60 * 24 * 366),
  }),
]);

/** The JSON body as `schema` reads it; otherwise a 400 naming `field` (or `body`) is sent and undefined returned. */
async function parseBody<S extends z.ZodType>(
  req: IncomingMessage,
  res: ServerResponse,
  schema: S,
  field: string,
  hint: string,
): Promise<z.infer<S> | undefined> {
  let input: unknown;
  try {
    input = JSON.parse((await readBody(req, 4096)).toString('utf8'));
  } catch {
    sendJson(res, 400, { error: 'invalid', field: 'body', message: 'Body is not valid JSON' });
    return undefined;
  }
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  sendJson(res, 400, { error: 'invalid', field, message: hint });
  return undefined;
}

function clockState() {
  return { now: clock.now().toISOString(), offsetMinutes: clockOffset() / 60_000 };
}

export async function handleDevRoute(req: IncomingMessage, res: ServerResponse, url: URL, sources: DevSources): Promise<void> {
  if (url.pathname.startsWith(`${DEV_PREFIX}push`) && (await handlePushRoute(req, res, url, sources.push))) return;
  const route = `${req.method ?? 'GET'} ${url.pathname}`;
  switch (route) {
    case 'GET /api/dev/notifications':
      return sendJson(res, 200, sources.notifications().slice().reverse());
    case 'GET /api/dev/dead-letters':
      return sendJson(res, 200, sources.deadLetters());
    case 'GET /api/dev/faults':
      return sendJson(res, 200, { publish: sources.faults.publish() });
    case 'POST /api/dev/faults': {
      const change = await parseBody(req, res, FaultChange, 'publish', 'Send { "publish": n }: fail the next n publishes, -1 every one until 0');
      if (!change) return;
      sources.faults.failPublishes(change.publish);
      return sendJson(res, 200, { publish: sources.faults.publish() });
    }
    case 'GET /api/dev/clock':
      return sendJson(res, 200, clockState());
    case 'POST /api/dev/clock': {
      const change = await parseBody(req, res, ClockChange, 'advanceMinutes', 'Send { "advanceMinutes": n } or { "offsetMinutes": n } with n >= 0');
      if (!change) return;
      setClockOffset('advanceMinutes' in change ? clockOffset() + change.advanceMinutes * 60_000 : change.offsetMinutes * 60_000);
      return sendJson(res, 200, clockState());
    }
    default:
      return sendJson(res, 404, { error: 'not_found', message: 'No such local dev route' });
  }
}
