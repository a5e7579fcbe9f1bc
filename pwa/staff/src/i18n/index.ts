import { createContext } from 'preact';
import { brusselsFormat } from '../../../../shared/brussels-time.js';
import { useContext } from 'preact/hooks';
import { nl, type Messages } from './nl.js';

/** The console's languages: Dutch (default), French, English. */
export const LANGS = ['nl', 'fr', 'en'] as const;
export type Lang = (typeof LANGS)[number];
export const LANG_NAMES: Record<Lang, string> = { nl: 'Nederlands', fr: 'Français', en: 'English' };
export const LOCALES: Record<Lang, string> = { nl: 'nl-BE', fr: 'fr-BE', en: 'en-GB' };
/** Dutch ships in the bundle; French and English are loaded when chosen (a chunk each). */
const cache: Partial<Record<Lang, Messages>> = { nl };
export async function loadMessages(lang: Lang): Promise<Messages> {
  const hit = cache[lang];
  if (hit) return hit;
  const loaded = lang === 'fr' ? (await import('./fr.js')).fr : lang === 'en' ? (await import('./en.js')).en : nl;
  cache[lang] = loaded;
  return loaded;
}

export const isLang = (v: unknown): v is Lang => typeof v === 'string' && (LANGS as readonly string[]).includes(v);

const LANG_KEY = 'oneroof-staff.lang';
/** The language is the only thing kept on the device (a preference, no personal data). */
export function savedLang(): Lang {
  try {
    const v = localStorage.getItem(LANG_KEY);
    if (isLang(v)) return v;
  } catch {
    // storage blocked
  }
  return 'nl';
}
export function saveLang(lang: Lang): void {
  try {
    localStorage.setItem(LANG_KEY, lang);
  } catch {
    // storage blocked
  }
}

export interface I18n {
  lang: Lang;
  t: Messages;
  /** Date and time in Europe/Brussels. */
  dateTime(iso: string | undefined): string;
  /** Date and time with the year (validity periods that run into another year). */
  dateTimeYear(iso: string | undefined): string;
  date(iso: string | undefined): string;
  time(iso: string | Date | undefined): string;
}

export function i18nFor(lang: Lang, t: Messages): I18n {
  const locale = LOCALES[lang];
  const dt = brusselsFormat(locale, { weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });
  const dty = brusselsFormat(locale, { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' });
  const d = brusselsFormat(locale, { day: 'numeric', month: 'long', year: 'numeric' });
  const tm = brusselsFormat(locale, { hour: '2-digit', minute: '2-digit', second: '2-digit' });
  const fmt = (f: Intl.DateTimeFormat, v: string | Date | undefined) => {
    if (!v) return t.none;
    const when = v instanceof Date ? v : new Date(v);
    return Number.isNaN(when.getTime()) ? String(v) : f.format(when);
  };
  return {
    lang,
    t,
    dateTime: (iso) => fmt(dt, iso),
    dateTimeYear: (iso) => fmt(dty, iso),
    date: (iso) => fmt(d, iso),
    time: (iso) => fmt(tm, iso),
  };
}

export const I18nContext = createContext<I18n>(i18nFor('nl', nl));
export const useI18n = (): I18n => useContext(I18nContext);

/** A label from a map, falling back to the raw value (a new category from the API still shows). */
export const label = (map: Record<string, string>, key: string | undefined): string => (key === undefined ? '' : (map[key] ?? key));
