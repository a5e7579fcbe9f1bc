/**
 * Environment of the push functions. `VAPID_SUBJECT` (a `mailto:` or `https:` contact the push services
 * can reach the operator at) is set by CDK from context `oneroof:push` and by the local stack; without
 * it push is not configured and the console offers no device registration.
 */
export const VAPID_SUBJECT_ENV = 'VAPID_SUBJECT';
/** Local stack only: the file holding the local VAPID key pair (generated once into the data dir). */
export const VAPID_LOCAL_KEYS_ENV = 'VAPID_LOCAL_KEYS_FILE';
/** Local stack only: the local push endpoint's URL prefix, accepted as a push service besides the real ones. */
export const PUSH_LOCAL_ENDPOINT_ENV = 'PUSH_LOCAL_ENDPOINT';

/** The browsers' push services (Chrome/Edge/Android, Firefox, Safari, Windows): pushes go nowhere else. */
export const PUSH_SERVICE_HOSTS = [
  'fcm.googleapis.com',
  'updates.push.services.mozilla.com',
  'web.push.apple.com',
  '.notify.windows.com',
  '.push.apple.com',
] as const;

/** Whether a subscription endpoint is a known push service (https), or the local push endpoint. */
export function isPushServiceEndpoint(endpoint: string, localPrefix: string | undefined): boolean {
  if (localPrefix && endpoint.startsWith(localPrefix)) return true;
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    return false;
  }
  if (url.protocol !== 'https:' || url.port !== '' || url.username !== '' || url.password !== '') return false;
  return PUSH_SERVICE_HOSTS.some((h) => (h.startsWith('.') ? url.hostname.endsWith(h) : url.hostname === h));
}
