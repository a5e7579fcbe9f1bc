import type { IncomingMessage, ServerResponse } from 'node:http';
import * as z from 'zod';
import { clock, clockOffset, setClockOffset } from '../../functions/lib/clock.js';
import { readBody, sendJson } from './http-util.js';
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
}

const FaultChange = z.strictObject({ publish: z.number().int().min(-1).max(1_000_000) });

const ClockChange = z.union([
  z.strictObject({ advanceMinutes: z.number().finite().min(0).max(60 * 24 * 366) }),
  z.strictObject({ offsetMinutes: z.number().finite().min(0).max(60 * 24 * 366) }),
]);

/** The JSON body as `schema` reads it; otherwise a 400 naming `field` (or `body`) is sent and undefined returned. */
async function parseBody<S extends z.ZodType>(req: IncomingMessage, res: ServerResponse, schema: S, field: string, hint: string): Promise<z.infer<S> | undefined> {
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
