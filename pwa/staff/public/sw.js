/*
 * The staff console's service worker (scope /staff/): it shows Web Push notifications and opens the
 * console on a click. Nothing else — no fetch handler, no cache: the console stays online-only, and
 * nothing of a case or an alert is ever stored on the device.
 * A push carries ids, kind, severity or urgency and a console link (shared/push/api.ts); the text shown
 * on the lock screen says only that something is waiting, in the device's language.
 * Translations (fr, en) await a native speaker's review.
 */
const TEXT = {
  nl: {
    title: 'OneRoof',
    alert: 'Nieuw alarm: open de console.',
    escalation: 'Alarm niet bevestigd: open de console.',
    reminder: 'Opvolging te doen: open de console.',
    overdue: 'Opvolging te laat: open de console.',
    unreachable: 'Opvolging dringend: open de console.',
    other: 'Nieuw bericht in de console.',
  },
  fr: {
    title: 'OneRoof',
    alert: 'Nouvelle alerte : ouvrez la console.',
    escalation: 'Alerte non confirmée : ouvrez la console.',
    reminder: 'Suivi à faire : ouvrez la console.',
    overdue: 'Suivi en retard : ouvrez la console.',
    unreachable: 'Suivi urgent : ouvrez la console.',
    other: 'Nouveau message dans la console.',
  },
  en: {
    title: 'OneRoof',
    alert: 'New alert: open the console.',
    escalation: 'Alert not acknowledged: open the console.',
    reminder: 'Follow-up due: open the console.',
    overdue: 'Follow-up overdue: open the console.',
    unreachable: 'Follow-up urgent: open the console.',
    other: 'New item in the console.',
  },
};

function texts() {
  const lang = (self.navigator.language || 'nl').slice(0, 2);
  return TEXT[lang] || TEXT.nl;
}

/** Only links into this console are opened, whatever a payload says. */
function consoleLink(url) {
  try {
    const target = new URL(typeof url === 'string' ? url : '/staff/', self.location.origin);
    if (target.origin === self.location.origin && target.pathname.startsWith('/staff/')) return target.href;
  } catch {
    /* not a URL */
  }
  return new URL('/staff/', self.location.origin).href;
}

self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));

self.addEventListener('push', (event) => {
  let data = {};
  try {
    data = event.data ? event.data.json() : {};
  } catch {
    data = {};
  }
  const t = texts();
  const kind = typeof data.kind === 'string' && t[data.kind] ? data.kind : 'other';
  event.waitUntil(
    self.registration.showNotification(t.title, {
      body: t[kind],
      // A retried push (same kind and id) replaces the notification instead of adding a second one.
      tag: `${kind}:${typeof data.id === 'string' ? data.id : ''}`,
      renotify: true,
      requireInteraction: data.severity === 'critical' || data.kind === 'escalation',
      icon: '/staff/icon.svg',
      data: { url: consoleLink(data.url) },
    }),
  );
});

self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  const url = consoleLink(event.notification.data?.url);
  event.waitUntil(
    (async () => {
      const windows = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
      const open = windows.find((w) => new URL(w.url).pathname.startsWith('/staff/'));
      if (open) {
        await open.focus();
        return open.navigate(url);
      }
      return self.clients.openWindow(url);
    })(),
  );
});
