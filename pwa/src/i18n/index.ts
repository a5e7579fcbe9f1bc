import { createStore, useStore } from '../store.js';
import { sessionGet, sessionSet } from '../session.js';
import { DEFAULT_LANG, dirOf, isLang, type Lang } from './lang.js';
import { nl, type Messages } from './nl.js';

export * from './lang.js';
export type { Messages } from './nl.js';

export interface I18n {
  lang: Lang;
  t: Messages;
}

/** Dutch ships in the first bundle; the others load on demand (and are precached for offline use). */
const loaded: Partial<Record<Lang, Messages>> = { nl };
const loaders: Record<Exclude<Lang, 'nl'>, () => Promise<Messages>> = {
  fr: () => import('./fr.js').then((m) => m.fr),
  en: () => import('./en.js').then((m) => m.en),
  ar: () => import('./ar.js').then((m) => m.ar),
};

export const i18nStore = createStore<I18n>({ lang: DEFAULT_LANG, t: nl });

export function useI18n(): I18n {
  return useStore(i18nStore);
}

/** The current language, for screens that keep their own texts as `Localized` records. */
export function useLang(): Lang {
  return useStore(i18nStore).lang;
}

export async function loadMessages(lang: Lang): Promise<Messages> {
  const cached = loaded[lang];
  if (cached) return cached;
  const messages = await loaders[lang as Exclude<Lang, 'nl'>]();
  loaded[lang] = messages;
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
