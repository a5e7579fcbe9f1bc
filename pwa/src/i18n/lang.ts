/** The app's languages. Dutch is the default; Arabic is written right to left. */
export const LANGS = ['nl', 'fr', 'en', 'ar'] as const;
export type Lang = (typeof LANGS)[number];
export const DEFAULT_LANG: Lang = 'nl';

/** Text in every language: what the catalogue API returns and what screens declare. */
export type Localized<T = string> = Record<Lang, T>;

/** Each language's name written in that language, for the language switch. */
export const LANG_NAMES: Localized = { nl: 'Nederlands', fr: 'Français', en: 'English', ar: 'العربية' };

export function isLang(value: unknown): value is Lang {
  return typeof value === 'string' && (LANGS as readonly string[]).includes(value);
}

export function dirOf(lang: Lang): 'ltr' | 'rtl' {
  return lang === 'ar' ? 'rtl' : 'ltr';
}

/**
 * The Intl locale used for dates, times, weekdays and language names. Arabic keeps Western digits
 * (`nu-latn`) so times read the same as on Belgian clocks, signs and phone numbers.
 */
export function localeOf(lang: Lang): string {
  switch (lang) {
    case 'nl':
      return 'nl-BE';
    case 'fr':
      return 'fr-BE';
    case 'en':
      return 'en-GB';
    case 'ar':
      return 'ar-u-nu-latn';
  }
}

/** Picks the text in `lang`, falling back to English, then Dutch, then any text present. */
export function pick(text: Partial<Record<Lang, string>> | undefined, lang: Lang): string {
  if (!text) return '';
  return text[lang] || text.en || text.nl || Object.values(text).find((v) => !!v) || '';
}
