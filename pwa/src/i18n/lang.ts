import type { Messages } from './nl.js';

/** A language's facts: its own name (for the language switch), its Intl locale, its writing direction. */
export interface LanguageFacts {
  readonly name: string;
  readonly locale: string;
  readonly dir: 'ltr' | 'rtl';
}

/** A catalogue module: one file per language, all the app's texts in it, typed against the Dutch one. */
export type CatalogueModule = { default: Messages };

/**
 * Times are Belgian: every locale carries `hc-h23`, the 24-hour clock Belgian services, signs and
 * letters use, also where the language's own default is 12-hour (Arabic's ص/م). Arabic keeps Western
 * digits (`nu-latn`) so times and phone numbers read as they are written in Belgium.
 */
const DUTCH = { name: 'Nederlands', locale: 'nl-BE-u-hc-h23', dir: 'ltr' } as const satisfies LanguageFacts;

/**
 * The other languages, loaded on demand (their own chunk each, precached by the service worker so
 * help opens offline in any of them). Adding a language: its catalogue file next to this one
 * (`const xx: Messages = { … }; export default xx;`) and one line here. The order is the language
 * switch's order.
 */
const ON_DEMAND = {
  fr: { name: 'Français', locale: 'fr-BE-u-hc-h23', dir: 'ltr', load: () => import('./fr.js') },
  de: { name: 'Deutsch', locale: 'de-BE-u-hc-h23', dir: 'ltr', load: () => import('./de.js') },
  en: { name: 'English', locale: 'en-GB-u-hc-h23', dir: 'ltr', load: () => import('./en.js') },
  tr: { name: 'Türkçe', locale: 'tr-u-hc-h23', dir: 'ltr', load: () => import('./tr.js') },
  ar: { name: 'العربية', locale: 'ar-u-hc-h23-nu-latn', dir: 'rtl', load: () => import('./ar.js') },
} as const satisfies Record<string, LanguageFacts & { load: () => Promise<CatalogueModule> }>;

/** The app's languages, declared once: Dutch (the default, in the first bundle) and the others. */
export const LANGUAGES = { nl: DUTCH, ...ON_DEMAND } as const;
export type Lang = keyof typeof LANGUAGES;
export type OnDemandLang = keyof typeof ON_DEMAND;
export const LANGS = Object.keys(LANGUAGES) as Lang[];
export const DEFAULT_LANG = 'nl' satisfies Lang;

export function isLang(value: unknown): value is Lang {
  return typeof value === 'string' && (LANGS as readonly string[]).includes(value);
}

export function dirOf(lang: Lang): 'ltr' | 'rtl' {
  return LANGUAGES[lang].dir;
}

/** The Intl locale for dates, times, weekdays, lists and language names in `lang`. */
export function localeOf(lang: Lang): string {
  return LANGUAGES[lang].locale;
}

/** Each language's name written in that language. */
export function nameOf(lang: Lang): string {
  return LANGUAGES[lang].name;
}

/** Fetches a language's catalogue chunk (never the default's: that one is in the first bundle). */
export function loadCatalogue(lang: OnDemandLang): Promise<Messages> {
  return ON_DEMAND[lang].load().then((m) => m.default);
}
