import { appConfig } from './config.js';

/**
 * The app's only use of Web Storage: a few non-personal keys in sessionStorage (the chosen
 * language, whether the first-visit page was seen), which the browser drops when the tab closes
 * and the quick exit clears at once. Storage can be disabled or full: never let that break the app.
 */
export function sessionGet(key: string): string | null {
  try {
    return sessionStorage.getItem(appConfig.storagePrefix + key);
  } catch {
    return null;
  }
}

export function sessionSet(key: string, value: string): void {
  try {
    sessionStorage.setItem(appConfig.storagePrefix + key, value);
  } catch {
    // storage unavailable: keep it in memory only
  }
}
