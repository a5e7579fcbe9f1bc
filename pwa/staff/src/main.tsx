import { render } from 'preact';
import { configureApi } from './api.js';
import { App } from './app.js';
import { completeSignIn, resumeSession, takeNotice } from './auth/session.js';
import { loadConfig } from './config.js';
import { loadMessages, savedLang } from './i18n/index.js';
import { registerWorker } from './push.js';
import './staff.css';

async function boot(): Promise<void> {
  const root = document.getElementById('app');
  if (!root) return;
  const lang = savedLang();
  const [config, messages] = await Promise.all([loadConfig(), loadMessages(lang)]);
  configureApi(config);
  takeNotice();
  const params = new URLSearchParams(location.search);
  if (params.has('code') || params.has('error') || params.has('state')) {
    const returnHash = await completeSignIn(config, params);
    // The code is single-use, but it never stays in the address bar or the history.
    history.replaceState(null, '', `${location.pathname}${returnHash || location.hash}`);
  } else {
    await resumeSession(config);
  }
  root.textContent = '';
  render(<App config={config} initial={{ lang, messages }} />, root);
  // Shows pushes and makes the console installable; it caches nothing.
  void registerWorker();
}

void boot();
