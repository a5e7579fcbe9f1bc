import type { PushSubscriptionJson } from '../../../shared/push/api.js';

/**
 * The browser side of Web Push: the console's service worker (/staff/sw.js, scope /staff/) and this
 * browser's push subscription. Nothing here is kept by the console itself; the browser holds the
 * subscription, the API the device record.
 */
export const WORKER_URL = '/staff/sw.js';
const SCOPE = '/staff/';

export function pushSupported(): boolean {
  return (
    typeof navigator !== 'undefined' && 'serviceWorker' in navigator && typeof window !== 'undefined' && 'PushManager' in window && 'Notification' in window
  );
}

/** Registers the console's worker (it shows pushes; it caches nothing). Also makes the console installable. */
export async function registerWorker(): Promise<ServiceWorkerRegistration | undefined> {
  if (typeof navigator === 'undefined' || !('serviceWorker' in navigator)) return undefined;
  try {
    return await navigator.serviceWorker.register(WORKER_URL, { scope: SCOPE });
  } catch {
    return undefined;
  }
}

export async function currentSubscription(): Promise<PushSubscription | null> {
  if (!pushSupported()) return null;
  const reg = await navigator.serviceWorker.getRegistration(SCOPE);
  return reg ? reg.pushManager.getSubscription() : null;
}

/** Asks for permission and subscribes this browser with the deployment's VAPID key. */
export async function subscribe(publicKey: string): Promise<PushSubscriptionJson> {
  const permission = await Notification.requestPermission();
  if (permission !== 'granted') throw new Error('permission');
  await registerWorker();
  const reg = await navigator.serviceWorker.ready;
  const existing = await reg.pushManager.getSubscription();
  const sub = existing ?? (await reg.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: fromBase64url(publicKey) }));
  return sub.toJSON() as PushSubscriptionJson;
}

/** The API's id for a subscription endpoint (functions/push/keys.ts `deviceIdOf`), to tell "this device" apart. */
export async function deviceIdOf(endpoint: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(endpoint)));
  return `PD-${[...digest]
    .map((b) => b.toString(16).padStart(2, '0'))
    .join('')
    .slice(0, 24)}`;
}

function fromBase64url(value: string): Uint8Array<ArrayBuffer> {
  const b64 = value
    .replace(/-/g, '+')
    .replace(/_/g, '/')
    .padEnd(Math.ceil(value.length / 4) * 4, '=');
  const bin = atob(b64);
  const out = new Uint8Array(new ArrayBuffer(bin.length));
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}
