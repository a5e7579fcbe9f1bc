import { render } from 'preact';
import { configureApi } from './api.js';
import { App } from './app.js';
import { completeSignIn, takeNotice } from './auth/session.js';
import { loadConfig } from './config.js';
import './staff.css';

async function boot(): Promise<void> {
  const root = document.getElementById('app');
  if (!root) return;
  const config = await loadConfig();
  configureApi(config);
  takeNotice();
  const params = new URLSearchParams(location.search);
  if (params.has('code') || params.has('error') || params.has('state')) {
    const returnHash = await completeSignIn(config, params);
    // The code is single-use, but it never stays in the address bar or the history.
    history.replaceState(null, '', `${location.pathname}${returnHash || location.hash}`);
  }
  root.textContent = '';
  render(<App config={config} />, root);
}

void boot();
