import { createECDH, randomBytes, randomUUID, type ECDH } from 'node:crypto';
import * as ece from 'http_ece';
import { importJWK, jwtVerify } from 'jose';

/**
 * The local stack's push service: it hands out push subscriptions as a browser would (its own P-256 key
 * pair and auth secret, kept in memory), receives what the push sender posts to their endpoints, checks
 * the VAPID signature (RFC 8292) and decrypts the payload (RFC 8291, aes128gcm) with the subscription's
 * private key, and keeps what arrived for `GET /api/dev/push`. Local stack and tests only.
 */
export interface LocalPushSubscription {
  id: string;
  /** What `PushSubscription.toJSON()` gives in a browser: register it with `POST /api/push/devices`. */
  subscription: { endpoint: string; expirationTime: null; keys: { p256dh: string; auth: string } };
}

export interface ReceivedPush {
  subscriptionId: string;
  at: string;
  ttl: number | undefined;
  urgency: string | undefined;
  topic: string | undefined;
  /** The VAPID claims, verified with the key in the request (and the subscription's server key when it was given). */
  vapid: { subject: string | undefined; audience: string | undefined; publicKey: string };
  /** The decrypted payload, parsed as JSON when it is JSON. */
  payload: unknown;
}

interface Held {
  ecdh: ECDH;
  auth: string;
  applicationServerKey: string | undefined;
  /** The status to answer instead of accepting (tests of gone or failing push services). */
  answer: number | undefined;
}

export interface LocalPushEndpoint {
  /** `prefix` + id is each subscription's endpoint. */
  readonly prefix: string;
  subscribe(options?: { applicationServerKey?: string; answer?: number }): LocalPushSubscription;
  /** Forget a subscription: its endpoint answers 410 Gone from now on, as a real push service does. */
  unsubscribe(id: string): boolean;
  /** Handles a push posted to `prefix + id`; the HTTP status to answer. */
  receive(id: string, headers: Record<string, string | string[] | undefined>, body: Buffer): Promise<{ status: number; message?: string }>;
  received(): ReceivedPush[];
}

const header = (h: Record<string, string | string[] | undefined>, name: string) => {
  const v = h[name];
  return Array.isArray(v) ? v[0] : v;
};

/** `vapid t=<jwt>, k=<key>` (RFC 8292 §3). */
function vapidAuthorization(value: string | undefined): { token: string; key: string } | undefined {
  const m = /^vapid\s+(.+)$/i.exec(value ?? '');
  if (!m) return undefined;
  const params = Object.fromEntries(
    (m[1] as string)
      .split(',')
      .map((p) => p.trim().split('=', 2) as [string, string])
      .map(([k, v]) => [k.trim(), (v ?? '').trim()]),
  );
  return params.t && params.k ? { token: params.t, key: params.k } : undefined;
}

export function createLocalPushEndpoint(origin: string, path: string): LocalPushEndpoint {
  const prefix = `${origin}${path}`;
  const subscriptions = new Map<string, Held>();
  const gone = new Set<string>();
  const inbox: ReceivedPush[] = [];

  return {
    prefix,
    subscribe(options = {}) {
      const id = randomUUID();
      const ecdh = createECDH('prime256v1');
      ecdh.generateKeys();
      const auth = randomBytes(16).toString('base64url');
      subscriptions.set(id, { ecdh, auth, applicationServerKey: options.applicationServerKey, answer: options.answer });
      return { id, subscription: { endpoint: `${prefix}${id}`, expirationTime: null, keys: { p256dh: ecdh.getPublicKey().toString('base64url'), auth } } };
    },
    unsubscribe(id) {
      const had = subscriptions.delete(id);
      if (had) gone.add(id);
      return had;
    },
    async receive(id, headers, body) {
      const held = subscriptions.get(id);
      if (!held) return { status: gone.has(id) ? 410 : 404, message: 'No such subscription' };
      if (held.answer !== undefined) return { status: held.answer, message: 'Answer set for this subscription' };
      const auth = vapidAuthorization(header(headers, 'authorization'));
      if (!auth) return { status: 401, message: 'Missing VAPID authorization' };
      if (held.applicationServerKey && auth.key !== held.applicationServerKey) return { status: 403, message: 'Not the key this subscription was made for' };
      const point = Buffer.from(auth.key, 'base64url');
      if (point.length !== 65 || point[0] !== 4) return { status: 401, message: 'VAPID key is not an uncompressed P-256 point' };
      let claims: { sub?: string; aud?: string | string[] };
      try {
        const key = await importJWK(
          { kty: 'EC', crv: 'P-256', x: point.subarray(1, 33).toString('base64url'), y: point.subarray(33).toString('base64url') },
          'ES256',
        );
        ({ payload: claims } = await jwtVerify(auth.token, key, { algorithms: ['ES256'], audience: new URL(prefix).origin }));
      } catch (err) {
        return { status: 403, message: `VAPID token refused: ${(err as Error).message}` };
      }
      if (header(headers, 'content-encoding') !== 'aes128gcm') return { status: 415, message: 'Content-Encoding must be aes128gcm' };
      let text: string;
      try {
        text = ece.decrypt(body, { version: 'aes128gcm', privateKey: held.ecdh, authSecret: held.auth }).toString('utf8');
      } catch (err) {
        return { status: 400, message: `Does not decrypt with the subscription's keys: ${(err as Error).message}` };
      }
      let payload: unknown = text;
      try {
        payload = JSON.parse(text);
      } catch {
        /* not JSON: kept as text */
      }
      const ttl = Number(header(headers, 'ttl'));
      inbox.push({
        subscriptionId: id,
        at: new Date().toISOString(),
        ttl: Number.isFinite(ttl) ? ttl : undefined,
        urgency: header(headers, 'urgency'),
        topic: header(headers, 'topic'),
        vapid: { subject: claims.sub, audience: Array.isArray(claims.aud) ? claims.aud[0] : claims.aud, publicKey: auth.key },
        payload,
      });
      return { status: 201 };
    },
    received: () => [...inbox],
  };
}
