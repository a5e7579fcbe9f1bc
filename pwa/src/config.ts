/**
 * The victim app's public identity, in ONE place. Everything a bystander can see — the installed
 * app's name and icon, the browser tab's title, the theme colour, the site the quick exit lands on —
 * comes from here. Defaults are deliberately neutral: nothing mentions violence, help or the police.
 *
 * Read by the Vite build (manifest, index.html) and by the app at run time; keep it free of DOM use.
 */
export const appConfig = {
  /** Web app manifest `name` (install dialog, app switcher). */
  name: 'Weer & Notities',
  /** Web app manifest `short_name` (under the home-screen icon). */
  shortName: 'Notities',
  /** The page title, the same on every screen (in-app navigation never changes it). */
  title: 'Notities',
  /** Manifest description (shown by some install dialogs). */
  description: 'Weer en notities',
  /** Browser UI colour and the install splash background. */
  themeColor: '#2b5876',
  backgroundColor: '#ffffff',
  /** Where the quick exit goes, with `location.replace` (no Back entry to the app). */
  exitUrl: 'https://www.meteo.be/',
  /**
   * The manifest's `start_url` carries this neutral marker (`/?notities`): a launch from the home-screen
   * icon opens the notes screen even where the browser does not report `display-mode: standalone`.
   */
  startMarker: 'notities',
  /**
   * Typed into the notes on a line of its own (then Enter or "Bewaren"), one of these opens help.
   * Plain words in each language, so she can use the one she remembers; said on the safety page.
   */
  unlockWords: ['hulp', 'aide', 'help', 'hilfe', 'yardım', 'مساعدة'],
  /** Prefix of any key the app writes in Web Storage (the quick exit clears them all anyway). */
  storagePrefix: 'wn.',
  /**
   * Cache Storage names. The service worker keeps two kinds of caches, both without personal data:
   * Workbox's precache (the app shell) and `dataCache` (the public contact points and services
   * catalogue, for offline use). The quick exit keeps those two and deletes any other cache.
   */
  dataCache: 'wn-data-v1',
  precachePrefix: 'workbox-precache',
  /** Public, non-personal GET endpoints the service worker may cache for offline use. Nothing else. */
  offlineApiPaths: ['/api/contact-points', '/api/services'],
} as const;

export type AppConfig = typeof appConfig;
