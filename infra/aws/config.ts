import { parseTileSource, type TileSource } from '../../shared/map-tiles.js';
import { Annotations, type Stack } from 'aws-cdk-lib';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { channels, noDeliveryFlag, topicsThatMustReachSomeone } from '../../shared/channels.js';
import { TOPIC_NAMES, type TopicName } from '../../shared/topics.js';

/**
 * Deployment settings, read from CDK context (`cdk.json` or `-c key=value`). Every key is optional:
 * without any, `npx cdk synth` works offline and produces a deployable (if not yet production-ready)
 * assembly; a warning says which key to set. Nothing here restates a table key, route, topic or
 * schedule: those come from shared/.
 */
export interface Subscription {
  protocol: 'email' | 'sms';
  endpoint: string;
  /** Optional SNS filter policy on message attributes, e.g. `{ "zone": ["ruppel"] }`. */
  filter?: Record<string, string[]>;
}

/** A control room's own HTTPS endpoint, subscribed to the topics it names (shared/channels.ts `dispatchWebhook`). */
export interface DispatchWebhook {
  url: string;
  topics: TopicName[];
  filter?: Record<string, string[]>;
}

/** Staff console Web Push (shared/channels.ts `push`): the VAPID contact push services may write to. */
export interface PushChannel {
  /** `mailto:ops@zone.be` or an `https:` page of the operator. */
  subject: string;
}

export interface DeployConfig {
  /**
   * Origin of the staff console (its own CloudFront distribution or custom domain, never the victim
   * app's): the console's sign-in redirects and the console links in messages.
   */
  staffOrigin: string | undefined;
  /** Prefix of the Cognito hosted domain (globally unique per region); default `oneroof-staff-<account id>`. */
  cognitoDomainPrefix: string | undefined;
  /** Subscriptions to the domain topics (e-mail / SMS), each with a dead-letter queue. */
  subscriptions: Partial<Record<TopicName, Subscription[]>>;
  /** Optional HTTPS subscription for a control room's dispatch system. */
  dispatchWebhook: DispatchWebhook | undefined;
  /** Web Push to registered staff devices: the push sender is subscribed to its topics only when set. */
  push: PushChannel | undefined;
  /** Alphanumeric SMS sender id (where the destination country supports one), e.g. `OneRoof`. */
  smsSenderId: string | undefined;
  /** A deploy whose police alerts or officer reminders reach nobody, allowed on purpose (a demo account). */
  allowNoDelivery: boolean;
  /** E-mail address receiving the operational alarms (DLQs, function errors, stream lag). */
  opsEmail: string | undefined;
  /** Custom domain of the victim app's distribution: name plus an ACM certificate ARN in us-east-1. */
  domainName: string | undefined;
  certificateArn: string | undefined;
  /** Custom domain of the staff console's distribution; its certificate (us-east-1) defaults to `certificateArn`. */
  staffDomainName: string | undefined;
  staffCertificateArn: string | undefined;
  /** The API's own domain and its regional ACM certificate: the execute-api endpoint is then disabled. */
  apiDomainName: string | undefined;
  apiCertificateArn: string | undefined;
  /** A WAF web ACL (scope CLOUDFRONT, created in us-east-1, stack OneRoofEdge) for the distribution. */
  webAclArn: string | undefined;
  /** A map tile layer under the console's alert picture (context mapTileUrl + mapAttribution; shared/map-tiles.ts). */
  mapTiles: TileSource | undefined;
  /** Throttling on the API's default stage. */
  throttle: { rateLimit: number; burstLimit: number };
  /** Folder with the built PWA (`npm run build:pwa`), relative to the repository root. */
  pwaDist: string;
  /** Log retention (application, API access). Logs carry no personal data, but still expire. */
  logRetention: RetentionDays;
}

export const CONTEXT_PREFIX = 'oneroof:';

function ctx(scope: Construct, key: string): unknown {
  return scope.node.tryGetContext(`${CONTEXT_PREFIX}${key}`);
}

/** Context values given with `-c` arrive as strings; JSON ones are parsed here. */
function json(scope: Construct, key: string): unknown {
  const raw = ctx(scope, key);
  if (typeof raw !== 'string') return raw;
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    throw new Error(`Context ${CONTEXT_PREFIX}${key} must be JSON, got: ${raw}`);
  }
}

/** Both or neither; a value that is not a safe https tile template stops the synth rather than being ignored. */
function mapTilesOf(scope: Construct): TileSource | undefined {
  const template = str(scope, 'mapTileUrl');
  const attribution = str(scope, 'mapAttribution');
  if (template === undefined && attribution === undefined) return undefined;
  const source = parseTileSource(template, attribution);
  if (!source)
    throw new Error(
      `Context ${CONTEXT_PREFIX}mapTileUrl must be an https template with {z}, {x} and {y} once each, and ${CONTEXT_PREFIX}mapAttribution the licence's attribution`,
    );
  return source;
}

function str(scope: Construct, key: string): string | undefined {
  const raw = ctx(scope, key);
  if (raw === undefined || raw === null || raw === '') return undefined;
  if (typeof raw !== 'string') throw new Error(`Context ${CONTEXT_PREFIX}${key} must be a string`);
  return raw;
}

function num(scope: Construct, key: string, fallback: number): number {
  const raw = ctx(scope, key);
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`Context ${CONTEXT_PREFIX}${key} must be a positive number`);
  return value;
}

function subscriptions(scope: Construct): DeployConfig['subscriptions'] {
  const raw = json(scope, 'subscriptions');
  if (raw === undefined || raw === null) return {};
  if (typeof raw !== 'object' || Array.isArray(raw)) throw new Error(`Context ${CONTEXT_PREFIX}subscriptions must map topic names to lists`);
  const out: DeployConfig['subscriptions'] = {};
  for (const [topic, list] of Object.entries(raw as Record<string, unknown>)) {
    if (!(TOPIC_NAMES as string[]).includes(topic)) {
      throw new Error(`Context ${CONTEXT_PREFIX}subscriptions: unknown topic "${topic}" (known: ${TOPIC_NAMES.join(', ')})`);
    }
    if (!Array.isArray(list)) throw new Error(`Context ${CONTEXT_PREFIX}subscriptions.${topic} must be a list`);
    out[topic as TopicName] = list.map((s: unknown, i) => {
      const sub = s as Partial<Subscription>;
      if ((sub.protocol !== 'email' && sub.protocol !== 'sms') || typeof sub.endpoint !== 'string' || sub.endpoint === '') {
        throw new Error(`Context ${CONTEXT_PREFIX}subscriptions.${topic}[${i}] needs protocol "email" or "sms" and an endpoint`);
      }
      return sub.filter ? { protocol: sub.protocol, endpoint: sub.endpoint, filter: sub.filter } : { protocol: sub.protocol, endpoint: sub.endpoint };
    });
  }
  return out;
}

function dispatchWebhook(scope: Construct): DispatchWebhook | undefined {
  const raw = json(scope, 'dispatchWebhook');
  if (raw === undefined || raw === null || raw === '') return undefined;
  const allowed: readonly string[] = channels.dispatchWebhook.topics;
  const hook = raw as Partial<DispatchWebhook>;
  if (typeof hook !== 'object' || typeof hook.url !== 'string' || !/^https:\/\/[^/\s]+/.test(hook.url)) {
    throw new Error(`Context ${CONTEXT_PREFIX}dispatchWebhook needs { "url": "https://…", "topics": [${allowed.map((t) => `"${t}"`).join(', ')}] }`);
  }
  const topics = hook.topics ?? ['policeAlerts'];
  if (!Array.isArray(topics) || topics.length === 0 || topics.some((t) => !allowed.includes(t))) {
    throw new Error(`Context ${CONTEXT_PREFIX}dispatchWebhook.topics must list some of: ${allowed.join(', ')}`);
  }
  return { url: hook.url, topics: topics as TopicName[], ...(hook.filter ? { filter: hook.filter } : {}) };
}

function push(scope: Construct): PushChannel | undefined {
  const raw = json(scope, 'push');
  if (raw === undefined || raw === null || raw === '') return undefined;
  const subject = (raw as Partial<PushChannel>).subject;
  if (typeof raw !== 'object' || typeof subject !== 'string' || !/^(mailto:[^\s@]+@[^\s@]+|https:\/\/\S+)$/.test(subject)) {
    throw new Error(`Context ${channels.push.context} needs { "subject": "mailto:ops@…" } (or an https: URL): the contact push services use for this sender`);
  }
  return { subject };
}

function flag(scope: Construct, fullKey: string): boolean {
  const raw = scope.node.tryGetContext(fullKey);
  if (raw === undefined || raw === null || raw === false || raw === 'false') return false;
  if (raw === true || raw === 'true') return true;
  throw new Error(`Context ${fullKey} must be true or false`);
}

/** The topics that must reach someone each need a channel, or synth stops here with the key to set. */
function requireDelivery(config: Pick<DeployConfig, 'subscriptions' | 'dispatchWebhook' | 'push' | 'allowNoDelivery'>): void {
  if (config.allowNoDelivery) return;
  const pushTopics: readonly TopicName[] = config.push ? channels.push.topics : [];
  const silent = topicsThatMustReachSomeone.filter(
    (t) => (config.subscriptions[t] ?? []).length === 0 && !config.dispatchWebhook?.topics.includes(t) && !pushTopics.includes(t),
  );
  if (silent.length === 0) return;
  throw new Error(
    `No delivery channel for ${silent.join(' and ')}: nobody would receive ${silent.length > 1 ? 'them' : 'it'}. ` +
      `Subscribe SMS or e-mail with context ${channels.sms.context} (e.g. -c '${channels.sms.context}={"${silent[0]}":[{"protocol":"sms","endpoint":"+32470000000"}]}'), ` +
      `staff console push with ${channels.push.context} (e.g. -c '${channels.push.context}={"subject":"mailto:ops@example.be"}'), ` +
      `or a control room with ${channels.dispatchWebhook.context}; for a demo account without delivery set -c ${noDeliveryFlag}=true.`,
  );
}

function retention(days: number): RetentionDays {
  const allowed = Object.values(RetentionDays).filter((v): v is RetentionDays => typeof v === 'number' && v > 0);
  const match = allowed.find((v) => v === days);
  if (match === undefined) throw new Error(`Context ${CONTEXT_PREFIX}logRetentionDays must be one of ${allowed.join(', ')}`);
  return match;
}

export function readConfig(scope: Construct): DeployConfig {
  if (str(scope, 'webOrigin') !== undefined) {
    throw new Error(
      `Context ${CONTEXT_PREFIX}webOrigin is now ${CONTEXT_PREFIX}staffOrigin: the staff console has an origin of its own (its CloudFront distribution, output StaffUrl, or ${CONTEXT_PREFIX}staffDomainName)`,
    );
  }
  const domainName = str(scope, 'domainName');
  const certificateArn = str(scope, 'certificateArn');
  if ((domainName === undefined) !== (certificateArn === undefined)) {
    throw new Error(`Context ${CONTEXT_PREFIX}domainName and ${CONTEXT_PREFIX}certificateArn go together`);
  }
  const staffDomainName = str(scope, 'staffDomainName');
  const staffCertificateArn = str(scope, 'staffCertificateArn') ?? (staffDomainName ? certificateArn : undefined);
  if ((staffDomainName === undefined) !== (staffCertificateArn === undefined)) {
    throw new Error(`Context ${CONTEXT_PREFIX}staffDomainName needs ${CONTEXT_PREFIX}staffCertificateArn (or ${CONTEXT_PREFIX}certificateArn covering it)`);
  }
  if (staffDomainName !== undefined && staffDomainName === domainName) {
    throw new Error(
      `Context ${CONTEXT_PREFIX}staffDomainName must differ from ${CONTEXT_PREFIX}domainName: the staff console never shares the victim app's origin`,
    );
  }
  const staffOrigin = str(scope, 'staffOrigin') ?? (staffDomainName ? `https://${staffDomainName}` : undefined);
  if (staffOrigin !== undefined && !/^https:\/\/[^/]+$/.test(staffOrigin)) {
    throw new Error(`Context ${CONTEXT_PREFIX}staffOrigin must be an https origin without a path, e.g. https://staff.oneroof.example.be`);
  }
  if (staffOrigin !== undefined && domainName !== undefined && staffOrigin === `https://${domainName}`) {
    throw new Error(`Context ${CONTEXT_PREFIX}staffOrigin must not be the victim app's origin (${CONTEXT_PREFIX}domainName)`);
  }
  const delivery = {
    subscriptions: subscriptions(scope),
    dispatchWebhook: dispatchWebhook(scope),
    push: push(scope),
    allowNoDelivery: flag(scope, noDeliveryFlag),
  };
  requireDelivery(delivery);
  const smsSenderId = str(scope, 'smsSenderId');
  if (smsSenderId !== undefined && !/^(?=.*[A-Za-z])[A-Za-z0-9]{1,11}$/.test(smsSenderId)) {
    throw new Error(`Context ${CONTEXT_PREFIX}smsSenderId must be 1–11 letters or digits with at least one letter`);
  }
  const apiDomainName = str(scope, 'apiDomainName');
  const apiCertificateArn = str(scope, 'apiCertificateArn');
  if ((apiDomainName === undefined) !== (apiCertificateArn === undefined)) {
    throw new Error(`Context ${CONTEXT_PREFIX}apiDomainName and ${CONTEXT_PREFIX}apiCertificateArn go together`);
  }
  return {
    staffOrigin,
    apiDomainName,
    apiCertificateArn,
    cognitoDomainPrefix: str(scope, 'cognitoDomainPrefix'),
    ...delivery,
    smsSenderId,
    opsEmail: str(scope, 'opsEmail'),
    domainName,
    certificateArn,
    staffDomainName,
    staffCertificateArn,
    webAclArn: str(scope, 'webAclArn'),
    mapTiles: mapTilesOf(scope),
    throttle: { rateLimit: num(scope, 'apiRateLimit', 50), burstLimit: num(scope, 'apiBurstLimit', 100) },
    pwaDist: str(scope, 'pwaDist') ?? 'dist/pwa',
    logRetention: retention(num(scope, 'logRetentionDays', 30)),
  };
}

/** A warning that `cdk synth` prints, acknowledgeable by id. */
export function warn(stack: Stack | Construct, id: string, message: string): void {
  Annotations.of(stack).addWarningV2(`oneroof:${id}`, message);
}
