/**
 * Registers the victim app's service worker (/sw.js, scope /). No inline script (the CSP forbids
 * it) and no workbox-window (bytes): the worker activates itself (skipWaiting + clientsClaim).
 */
export function registerServiceWorker(): void {
  if (!('serviceWorker' in navigator) || import.meta.env.DEV) return;
  const register = () => {
    navigator.serviceWorker.register('/sw.js', { scope: '/' }).catch(() => undefined);
  };
  if (document.readyState === 'complete') register();
  else window.addEventListener('load', register, { once: true });
}
