import { createStore, useStore } from '../store.js';
import { sessionGet, sessionSet } from '../session.js';
import { DEFAULT_LANG, dirOf, isLang, loadCatalogue, type Lang, type OnDemandLang } from './lang.js';
import nl, { type Messages } from './nl.js';

export * from './lang.js';
export type { BookingTexts, Messages, ProtectionTexts } from './nl.js';

export interface I18n {
  lang: Lang;
  t: Messages;
}

/**
 * Dutch ships in the first bundle, so the first screen (and 112) never waits for a second request;
 * every other catalogue is fetched when chosen, once per page life.
 */
const loaded = new Map<OnDemandLang, Messages>();

export const i18nStore = createStore<I18n>({ lang: DEFAULT_LANG, t: nl });

/** The current language and its catalogue (`t.booking`, `t.protection`, … for the screens' own texts). */
export function useI18n(): I18n {
  return useStore(i18nStore);
}

/** The current language, for what formats dates, times and lists. */
export function useLang(): Lang {
  return useStore(i18nStore).lang;
}

export async function loadMessages(lang: Lang): Promise<Messages> {
  if (lang === DEFAULT_LANG) return nl;
  const cached = loaded.get(lang);
  if (cached) return cached;
  const messages = await loadCatalogue(lang);
  loaded.set(lang, messages);
  return messages;
}

function applyToDocument(lang: Lang): void {
  document.documentElement.lang = lang;
  document.documentElement.dir = dirOf(lang);
}

/** Switches language; remembered for this tab only (sessionStorage), never on the device. */
export async function setLang(lang: Lang): Promise<void> {
  const t = await loadMessages(lang);
  applyToDocument(lang);
  sessionSet('lang', lang);
  i18nStore.set({ lang, t });
}

/** At start-up: the language chosen earlier in this tab, else Dutch. */
export async function initLang(): Promise<void> {
  const saved = sessionGet('lang');
  const lang = isLang(saved) ? saved : DEFAULT_LANG;
  try {
    await setLang(lang);
  } catch {
    await setLang(DEFAULT_LANG);
  }
}
