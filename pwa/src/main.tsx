import { render } from 'preact';
import { App } from './app.js';
import { clearData } from './data.js';
import { guardBackForwardCache, registerExitCleaner } from './exit/index.js';
import { initLang } from './i18n/index.js';
import { launchedInstalled } from './disguise.js';
import { resetRouter, routeStore, startScreen } from './router.js';
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
  // Installed: the neutral notes screen. In a tab: the calm first-visit page once per browsing
  // session (a non-personal flag in sessionStorage), then help.
  routeStore.set({ screen: startScreen(launchedInstalled(), sessionGet('seen') === '1'), params: {}, seq: 0 });
  root.textContent = '';
  render(<App />, root);
  registerServiceWorker();
}

void boot();
