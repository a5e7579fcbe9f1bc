// Declared with personalData in shared/functions.ts: this function seals and opens, so it loads the Encryption SDK.
import '../lib/encryption-sdk.js';
import { NotFoundError } from '../../shared/errors.js';
import { TABLE_ENV } from '../../shared/table.js';
import { WEB_ORIGIN_ENV } from '../../shared/links.js';
import { EagerAlertPublisher, type AlertOutbox } from '../alerts/outbox.js';
import { DynamoAlertRepository } from '../alerts/repository.js';
import { snsSingleAttempt } from '../lib/clients.js';
import { optionalOriginEnv, requireEnv } from '../lib/config.js';
import { clock } from '../lib/clock.js';
import { httpApi, type ApiRequest } from '../lib/http.js';
import { logger } from '../lib/logger.js';
import { SnsNotifier } from '../lib/notifier.js';
import { parse } from '../lib/validation.js';
import { DynamoMonitoringRepository } from './repository.js';
import {
  batchSchema,
  contactReportSchema,
  deviceEventSchema,
  duressSchema,
  duressSetSchema,
  panicSchema,
  panicStatusSchema,
  type BatchResult,
  type PanicStatusAnswer,
  type Received,
  type Rejection,
} from '../../shared/monitoring/api.js';
import { duressPanic, ingestBatch, orderForCode, panicStatusOf, raisePanic, refusal, reportContact, setDuressCode, type BatchEvent } from './use-cases.js';

const repo = new DynamoMonitoringRepository(requireEnv(TABLE_ENV));
const alerts = new DynamoAlertRepository(requireEnv(TABLE_ENV));
/**
 * Alerts are published right after their commit (functions/alerts/outbox.ts), each SNS request sent once:
 * the stream publisher is the backstop that retries. Every request waits for its publishes before it
 * answers (Lambda freezes after the answer); they run beside the request's remaining events.
 */
const eager = new EagerAlertPublisher(alerts, new SnsNotifier(['policeAlerts'], snsSingleAttempt), () => clock.now(), optionalOriginEnv(WEB_ORIGIN_ENV));

/** Runs a use case with one request's outbox and waits for every publish it started (Lambda freezes after the answer). */
function withPublishes<T>(run: (outbox: AlertOutbox) => Promise<T>): Promise<T> {
  const outbox = eager.batch();
  return run(outbox).finally(() => outbox.settled());
}

/** Events later than this past the server clock are rejected (provider clock skew tolerated). */
const MAX_FUTURE_MS = 5 * 60_000;

/**
 * A batch of device events. Each event is validated on its own: a bad one is reported by index, event
 * id and field, and the good ones are processed (`ingestBatch`: one transaction per order, orders in
 * parallel, each order's events in batch order). Replaying a batch is harmless (dedupe per event id and
 * order). A storage failure fails the request (5xx) so the provider retries the whole batch.
 */
async function postEvents(req: ApiRequest) {
  const { events } = parse(batchSchema, req.body);
  const now = clock.now();
  const rejected: Rejection[] = [];
  const batch: BatchEvent[] = [];
  events.forEach((raw, index) => {
    const eventId = typeof (raw as { eventId?: unknown })?.eventId === 'string' ? (raw as { eventId: string }).eventId : undefined;
    const r = deviceEventSchema.safeParse(raw);
    if (!r.success) {
      const issue = r.error.issues[0];
      let field = issue?.path.map(String).join('.') ?? '';
      if (issue?.code === 'unrecognized_keys') field = issue.keys[0] ?? field;
      rejected.push({ index, status: 400, ...(eventId ? { eventId } : {}), field: field || 'event', message: issue?.message ?? 'Invalid event' });
      return;
    }
    if (Date.parse(r.data.at) > now.getTime() + MAX_FUTURE_MS) {
      rejected.push({ index, status: 400, eventId: r.data.eventId, field: 'at', message: 'Event time is in the future' });
      return;
    }
    batch.push({ index, event: r.data });
  });

  const out = await withPublishes((outbox) => ingestBatch(repo, batch, now, outbox));
  for (const { index, event } of out.unknownDevice)
    rejected.push({ index, status: 404, eventId: event.eventId, field: 'deviceId', message: 'No order for this device' });
  rejected.sort((a, b) => a.index - b.index);
  logger.info('Monitoring batch', {
    received: events.length,
    accepted: out.accepted,
    duplicates: out.duplicates,
    rejected: rejected.length,
    alerts: out.alerts,
  });
  const body: BatchResult = { accepted: out.accepted, duplicates: out.duplicates, rejected };
  return { status: 200, body };
}

/** The caller: a hash of the trusted source address (never X-Forwarded-For, which the client writes). */
const caller = (req: ApiRequest): string => req.client;

async function postPanic(req: ApiRequest) {
  const input = parse(panicSchema, req.body);
  const now = clock.now();
  // A throttled caller with the right code still raises the panic (and gets 429): it is published either way.
  const out = await withPublishes((outbox) => raisePanic(repo, input, caller(req), now, outbox));
  logger.info('Panic raised', { alerts: out.alerts.map((a) => a.id) });
  // A panic within a minute of the last one is collapsed into it: no new id, still received.
  const panicId = out.alerts.find((a) => a.kind === 'panic')?.id;
  const body: Received = { received: true, at: now.toISOString(), status: 'received', ...(panicId ? { panicId } : {}) };
  return { status: 202, body };
}

async function postPanicStatus(req: ApiRequest) {
  const input = parse(panicStatusSchema, req.body);
  const code = await orderForCode(repo, input.protectionCode, caller(req), clock.now());
  if (!code.orderId || code.throttled) throw refusal(code.throttled);
  const orderId = code.orderId;
  const found = await alerts.get(input.panicId);
  // Another order's alert, or not a panic: the same answer as no alert at all.
  if (!found || found.alert.orderId !== orderId || found.alert.kind !== 'panic') throw new NotFoundError('No such panic');
  const body: PanicStatusAnswer = { panicId: input.panicId, ...panicStatusOf(found.alert) };
  return { status: 200, body };
}

async function postContactReport(req: ApiRequest) {
  const input = parse(contactReportSchema, req.body);
  const now = clock.now();
  const out = await withPublishes((outbox) => reportContact(repo, input, caller(req), now, outbox));
  logger.info('Contact reported', { alerts: out.alerts.map((a) => a.id) });
  const body: Received = { received: true, at: now.toISOString() };
  return { status: 202, body };
}

async function postDuressCode(req: ApiRequest) {
  const input = parse(duressSetSchema, req.body);
  await setDuressCode(repo, input, caller(req), clock.now());
  return { status: 204 };
}

/** Same answer whether or not the code matched (202, or 429 for both past the caller's budget): the app shows nothing either way. */
async function postDuress(req: ApiRequest) {
  const input = parse(duressSchema, req.body);
  const now = clock.now();
  const out = await withPublishes((outbox) => duressPanic(repo, input.code, caller(req), now, outbox));
  if (out.alerts.length > 0) logger.info('Panic raised', { alerts: out.alerts.map((a) => a.id) });
  if (out.throttled) throw refusal(true);
  return { status: 202, body: { received: true } };
}

export const handler = httpApi('monitoring', {
  'POST /api/protection/duress-code': postDuressCode,
  'POST /api/duress': postDuress,
  'POST /api/monitoring/events': postEvents,
  'POST /api/panic': postPanic,
  'POST /api/panic/status': postPanicStatus,
  'POST /api/contact-reports': postContactReport,
});
