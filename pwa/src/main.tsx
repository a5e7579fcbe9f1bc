import { render } from 'preact';
import { App } from './app.js';
import { clearData } from './data.js';
import { guardBackForwardCache, registerExitCleaner } from './exit/index.js';
import { initLang } from './i18n/index.js';
import { resetRouter, routeStore } from './router.js';
import { sessionGet } from './session.js';
import { registerServiceWorker } from './sw-register.js';
import './app.css';

async function boot(): Promise<void> {
  guardBackForwardCache();
  registerExitCleaner(resetRouter);
  registerExitCleaner(clearData);
  const root = document.getElementById('app');
  if (!root) return;
  await initLang();
  // The calm first-visit page once per browsing session (a non-personal flag in sessionStorage).
  if (sessionGet('seen') !== '1') routeStore.set({ screen: 'first-visit', params: {}, seq: 0 });
  root.textContent = '';
  render(<App />, root);
  registerServiceWorker();
}

void boot();
