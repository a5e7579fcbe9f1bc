import { brusselsFormat } from '../../shared/brussels-time.js';
import { localeOf, type Lang } from './i18n/lang.js';

/** Dates, weekdays and language names in the user's language, times in Brussels time (24-hour in every language). */

/** Weekday name for an ISO weekday (1 = Monday). 2024-01-01 was a Monday. */
export function weekdayName(weekday: number, lang: Lang): string {
  return new Intl.DateTimeFormat(localeOf(lang), { weekday: 'long', timeZone: 'UTC' }).format(Date.UTC(2024, 0, weekday));
}

/** "today", "tomorrow" or the weekday's name. */
export function dayPhrase(inDays: number, weekday: number, lang: Lang): string {
  if (inDays <= 1) return new Intl.RelativeTimeFormat(localeOf(lang), { numeric: 'auto' }).format(inDays, 'day');
  return weekdayName(weekday, lang);
}

export function dateTime(ms: number, lang: Lang): string {
  return brusselsFormat(localeOf(lang), { dateStyle: 'medium', timeStyle: 'short', hourCycle: 'h23' }).format(ms);
}

export function languageName(code: string, lang: Lang): string {
  try {
    return new Intl.DisplayNames([localeOf(lang)], { type: 'language' }).of(code) ?? code;
  } catch {
    return code;
  }
}

/**
 * A time of day as Belgian services show it: Belgian time whatever the device's zone, on the 24-hour
 * clock in every language (Arabic's locale default is 12-hour with ص/م; English's en-GB is 24-hour).
 */
export function clockTime(iso: string | number, lang: Lang): string {
  return brusselsFormat(localeOf(lang), { hourCycle: 'h23', hour: '2-digit', minute: '2-digit' }).format(new Date(iso));
}

/**
 * A time range or number kept left to right inside any text (Unicode isolates, U+2066…U+2069), so a
 * list of them can take the language's own separators and order (Arabic «و», right to left).
 */
export function isolateLtr(text: string): string {
  return `\u2066${text}\u2069`;
}

/** A list in the language's own words and separators ("Nederlands, Frans en Engels"; Arabic «و» and «،»). */
export function joinList(items: readonly string[], lang: Lang): string {
  try {
    return new Intl.ListFormat(localeOf(lang), { style: 'long', type: 'conjunction' }).format(items);
  } catch {
    return items.join(', ');
  }
}

/** The languages of a catalogue entry, named in the reader's language and joined as a list. */
export function languageNames(codes: readonly string[], lang: Lang): string {
  return joinList(
    codes.map((code) => languageName(code, lang)),
    lang,
  );
}
