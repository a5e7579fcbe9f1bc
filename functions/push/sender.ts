import middy from '@middy/core';
import type { SNSEvent, SNSEventRecord } from 'aws-lambda';
import webpush from 'web-push';
import { WEB_ORIGIN_ENV } from '../../shared/links.js';
import { deviceWants, pushOf, topicOfKind, type Push } from '../../shared/push/rules.js';
import { TABLE_ENV } from '../../shared/table.js';
import { clock } from '../lib/clock.js';
import { optionalOriginEnv, requireEnv } from '../lib/config.js';
import { runsAs } from '../lib/table-access.js';
import { lambdaContextLogging, logger } from '../lib/logger.js';
import { countFailure, flushMetrics } from '../lib/metrics.js';
import { PushDeviceRepository, type DeviceRecord } from './repository.js';
import { vapidKeys, vapidSubject, type VapidKeys } from './vapid.js';

/**
 * The push channel's subscriber on the police, reminder and escalation topics (shared/subscribers.ts):
 * for each message, the devices it is for (shared/push/rules.ts) get an encrypted Web Push (RFC 8291,
 * aes128gcm) signed with the VAPID key (RFC 8292). web-push builds the request; it is sent with fetch,
 * so the local push endpoint (plain HTTP) is reached the same way as the browsers' services.
 * A device its push service says is gone (404/410) is removed. Any other failure is counted
 * (`PushFailures`) and fails the invocation, so SNS/Lambda retry it; a retry may reach a device twice,
 * which the service worker folds into one notification (same tag) and the push service collapses (Topic).
 */
export interface SenderDeps {
  repo: Pick<PushDeviceRepository, 'all' | 'ofUser' | 'remove' | 'delivered'>;
  vapid: VapidKeys;
  subject: string;
  origin: string | undefined;
  now: () => Date;
  /** Sends one request (fetch); tests may point it elsewhere. */
  post?: (url: string, init: { headers: Record<string, string>; body: Buffer }) => Promise<{ status: number }>;
}

export interface SendReport {
  delivered: number;
  removed: number;
  failed: number;
}

const TIMEOUT_MS = 10_000;

const defaultPost: NonNullable<SenderDeps['post']> = async (url, init) => {
  const res = await fetch(url, { method: 'POST', headers: init.headers, body: new Uint8Array(init.body), signal: AbortSignal.timeout(TIMEOUT_MS) });
  await res.arrayBuffer();
  return { status: res.status };
};

function attributesOf(record: SNSEventRecord): Record<string, string> {
  return Object.fromEntries(Object.entries(record.Sns.MessageAttributes ?? {}).map(([k, v]) => [k, v.Value]));
}

async function sendOne(device: DeviceRecord, push: Push, deps: SenderDeps): Promise<'delivered' | 'removed' | 'failed'> {
  const details = webpush.generateRequestDetails({ endpoint: device.endpoint, keys: device.keys }, JSON.stringify(push.payload), {
    vapidDetails: { subject: deps.subject, publicKey: deps.vapid.publicKey, privateKey: deps.vapid.privateKey },
    TTL: push.ttlSeconds,
    urgency: push.urgency,
    topic: push.collapseKey,
    contentEncoding: 'aes128gcm',
  });
  // fetch sets Content-Length itself from the body.
  const headers = Object.fromEntries(
    Object.entries(details.headers)
      .filter(([k]) => k.toLowerCase() !== 'content-length')
      .map(([k, v]) => [k, String(v)]),
  );
  try {
    const { status } = await (deps.post ?? defaultPost)(details.endpoint, { headers, body: details.body });
    if (status >= 200 && status < 300) {
      await deps.repo.delivered(device.username, device.id, deps.now());
      return 'delivered';
    }
    if (status === 404 || status === 410) {
      await deps.repo.remove(device.username, device.id);
      logger.info('Push subscription gone: device removed', { deviceId: device.id, status });
      return 'removed';
    }
    logger.error('Push service refused the push', { deviceId: device.id, status, kind: push.payload.kind, id: push.payload.id });
  } catch (error) {
    logger.error('Push service did not answer', { deviceId: device.id, kind: push.payload.kind, id: push.payload.id, error: error as Error });
  }
  return 'failed';
}

export async function sendPushes(records: readonly SNSEventRecord[], deps: SenderDeps): Promise<SendReport> {
  const report: SendReport = { delivered: 0, removed: 0, failed: 0 };
  let everyDevice: Promise<DeviceRecord[]> | undefined;
  for (const record of records) {
    const attributes = attributesOf(record);
    const topic = topicOfKind(attributes.kind);
    const push = topic ? pushOf(topic, attributes, deps.origin) : undefined;
    if (!push) {
      logger.warn('Not a message that is pushed', { messageId: record.Sns.MessageId, kind: attributes.kind });
      continue;
    }
    const audience = push.audience;
    const candidates = audience.topic === 'officerReminders' ? await deps.repo.ofUser(audience.officer) : await (everyDevice ??= deps.repo.all());
    const targets = candidates.filter((d) => deviceWants(d, audience));
    const outcomes = await Promise.all(targets.map((d) => sendOne(d, push, deps)));
    for (const o of outcomes) report[o]++;
    logger.info('Pushed', { kind: push.payload.kind, id: push.payload.id, devices: targets.length, outcomes });
  }
  return report;
}

const repo = new PushDeviceRepository(requireEnv(TABLE_ENV));
const origin = optionalOriginEnv(WEB_ORIGIN_ENV);
const subject = vapidSubject();
if (subject) vapidKeys().catch(() => undefined);

export const handler = middy<SNSEvent, void>()
  .use(lambdaContextLogging())
  .handler(
    runsAs('pushSender', async (event: SNSEvent) => {
      try {
        if (!subject) throw new Error('Push is not configured (VAPID_SUBJECT) but the sender is subscribed');
        const report = await sendPushes(event.Records, { repo, vapid: await vapidKeys(), subject, origin, now: () => clock.now() });
        if (report.failed > 0) {
          countFailure('pushFailures', report.failed);
          throw new Error(`${report.failed} push(es) failed; the message is retried`);
        }
      } finally {
        flushMetrics();
      }
    }),
  );
