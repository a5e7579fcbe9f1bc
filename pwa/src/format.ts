import { brusselsFormat } from '../../shared/brussels-time.js';
import { localeOf, type Lang } from './i18n/lang.js';

/** Dates, weekdays and language names in the user's language, times in Brussels time. */

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
  return brusselsFormat(localeOf(lang), { dateStyle: 'medium', timeStyle: 'short' }).format(ms);
}

export function languageName(code: string, lang: Lang): string {
  try {
    return new Intl.DisplayNames([localeOf(lang)], { type: 'language' }).of(code) ?? code;
  } catch {
    return code;
  }
}
