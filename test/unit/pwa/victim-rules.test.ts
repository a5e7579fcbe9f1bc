import { describe, expect, it } from 'vitest';
import { textIn } from '../../../pwa/src/catalog-types.js';
import { listOf } from '../../../pwa/src/data.js';
import { telHref } from '../../../pwa/src/emergency.js';
import { openStatus, weeklyHours } from '../../../pwa/src/hours.js';
import { isOfflineApiRequest, NAVIGATION_DENYLIST } from '../../../pwa/src/sw-rules.js';
import { LANGS } from '../../../pwa/src/i18n/lang.js';

/** What the worker's NavigationRoute does with its denylist. */
const isDeniedNavigation = (pathname: string) => NAVIGATION_DENYLIST.some((re) => re.test(pathname));

const weekdays = [1, 2, 3, 4, 5].map((weekday) => ({ weekday, start: '09:00', end: '17:00' }));

describe('open now (Europe/Brussels)', () => {
  it('24/7, unknown hours, open until, closed until the next opening', () => {
    expect(openStatus(true, [], new Date())).toEqual({ kind: 'always' });
    expect(openStatus(false, [], new Date())).toEqual({ kind: 'unknown' });
    // Wednesday 2026-01-14 10:00 in Brussels (UTC+1) = 09:00Z.
    expect(openStatus(false, weekdays, new Date('2026-01-14T09:00:00Z'))).toEqual({ kind: 'open', closes: '17:00' });
    // Friday 17:30 → Monday 09:00 (in 3 days).
    expect(openStatus(false, weekdays, new Date('2026-01-16T16:30:00Z'))).toEqual({ kind: 'closed', next: { inDays: 3, weekday: 1, start: '09:00' } });
    // Wednesday 07:00 → today 09:00.
    expect(openStatus(false, weekdays, new Date('2026-01-14T06:00:00Z'))).toEqual({ kind: 'closed', next: { inDays: 0, weekday: 3, start: '09:00' } });
  });

  it('uses Brussels wall-clock time across daylight-saving time', () => {
    // Summer (UTC+2): 08:30Z is 10:30 in Brussels, open; 15:30Z is 17:30, closed.
    expect(openStatus(false, weekdays, new Date('2026-07-15T08:30:00Z')).kind).toBe('open');
    expect(openStatus(false, weekdays, new Date('2026-07-15T15:30:00Z')).kind).toBe('closed');
    // Winter (UTC+1): 15:30Z is 16:30, still open.
    expect(openStatus(false, weekdays, new Date('2026-01-14T15:30:00Z')).kind).toBe('open');
  });

  it('reads adjacent ranges as one opening and groups hours per weekday', () => {
    const split = [
      { weekday: 3, start: '09:00', end: '12:00' },
      { weekday: 3, start: '12:00', end: '16:00' },
    ];
    expect(openStatus(false, split, new Date('2026-01-14T09:00:00Z'))).toEqual({ kind: 'open', closes: '16:00' });
    expect(weeklyHours(split)[2]).toEqual({ weekday: 3, ranges: ['09:00–12:00', '12:00–16:00'] });
  });
});

describe('service worker rules', () => {
  const origin = 'https://app.example';
  const req = (path: string, extra: Partial<{ method: string; hasAuthorization: boolean; origin: string }> = {}) =>
    isOfflineApiRequest({
      url: new URL(path, extra.origin ?? origin),
      method: extra.method ?? 'GET',
      origin,
      hasAuthorization: extra.hasAuthorization ?? false,
    });

  it('caches only the public catalogue GETs, same origin, no query, no Authorization', () => {
    expect(req('/api/contact-points')).toBe(true);
    expect(req('/api/services')).toBe(true);
    expect(req('/api/services/legal-advice/slots')).toBe(false);
    expect(req('/api/bookings')).toBe(false);
    expect(req('/api/contact-points?x=1')).toBe(false);
    expect(req('/api/services', { hasAuthorization: true })).toBe(false);
    expect(req('/api/services', { method: 'POST' })).toBe(false);
    expect(req('/api/services', { origin: 'https://other.example' })).toBe(false);
  });

  it('never answers a navigation to the staff console, the API or the sign-in with the app shell', () => {
    for (const path of ['/staff', '/staff/', '/staff/index.html', '/api/health', '/api', '/auth/authorize']) expect(isDeniedNavigation(path)).toBe(true);
    for (const path of ['/', '/index.html', '/staffing']) expect(isDeniedNavigation(path)).toBe(false);
  });
});

describe('catalogue answers and numbers', () => {
  it("accepts a bare list or the API's wrapped lists", () => {
    expect(listOf([{ id: 'a' }])).toEqual([{ id: 'a' }]);
    expect(listOf({ contactPoints: [{ id: 'a' }] })).toEqual([{ id: 'a' }]);
    expect(listOf({ services: [] })).toEqual([]);
    expect(listOf({ error: 'x' })).toBeUndefined();
  });

  it('tap-to-call links dial the digits', () => {
    expect(telHref('0800 30 030')).toBe('tel:080030030');
    expect(telHref('+32 3 880 88 00')).toBe('tel:+3238808800');
  });

  it('a name missing in her language falls back to Dutch, then French, then English, never to a blank', () => {
    const name = { nl: 'Jeugdhulp', fr: 'Aide à la jeunesse', en: 'Youth care', de: 'Jugendhilfe', tr: '' };
    expect(textIn(name, 'de')).toBe('Jugendhilfe');
    expect(textIn(name, 'tr')).toBe('Jeugdhulp');
    expect(textIn({ fr: 'Aide', en: 'Help' }, 'tr')).toBe('Aide');
    expect(textIn({ en: 'Help' }, 'de')).toBe('Help');
    expect(textIn({ ar: 'مساعدة' }, 'de')).toBe('مساعدة');
    expect(textIn('Plain', 'tr')).toBe('Plain');
  });
});

describe('times shown to her', () => {
  it('are Belgian time on the 24-hour clock in every language, whatever the device zone', async () => {
    const { clockTime } = await import('../../../pwa/src/format.js');
    // 18:05 UTC in July = 20:05 in Brussels (CEST); in January 19:05 (CET).
    for (const lang of LANGS) {
      expect(clockTime('2026-07-01T18:05:00Z', lang)).toBe('20:05');
      expect(clockTime('2026-01-15T18:05:00Z', lang)).toBe('19:05');
    }
    const { dateTime } = await import('../../../pwa/src/format.js');
    expect(dateTime(Date.parse('2026-07-01T18:05:00Z'), 'ar')).toContain('20:05');
    expect(dateTime(Date.parse('2026-07-01T18:05:00Z'), 'ar')).not.toMatch(/[صم]/);
  });
});

describe('lists she reads', () => {
  it("use the language's own separators", async () => {
    const { joinList } = await import('../../../pwa/src/format.js');
    expect(joinList(['Nederlands', 'Frans', 'Engels'], 'nl')).toBe('Nederlands, Frans en Engels');
    expect(joinList(['anglais', 'arabe'], 'fr')).toBe('anglais et arabe');
    expect(joinList(['English', 'Arabic', 'French'], 'en')).toBe('English, Arabic and French');
    expect(joinList(['أ', 'ب', 'ج'], 'ar')).toBe('أ وب وج');
    expect(joinList(['Niederländisch', 'Französisch', 'Englisch'], 'de')).toBe('Niederländisch, Französisch und Englisch');
    expect(joinList(['Felemenkçe', 'Fransızca', 'İngilizce'], 'tr')).toBe('Felemenkçe, Fransızca ve İngilizce');
  });

  it("opening hours keep each range left to right inside the language's own list", async () => {
    const { isolateLtr, joinList } = await import('../../../pwa/src/format.js');
    const hours = ['09:00–12:00', '13:00–17:00'].map(isolateLtr);
    expect(joinList(hours, 'ar')).toBe('\u206609:00–12:00\u2069 و\u206613:00–17:00\u2069');
    expect(joinList(hours, 'nl').replace(/[\u2066\u2069]/g, '')).toBe('09:00–12:00 en 13:00–17:00');
  });
});
