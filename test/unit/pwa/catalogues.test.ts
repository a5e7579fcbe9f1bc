import { describe, expect, it } from 'vitest';
import { DEFAULT_LANG, LANGS, LANGUAGES, loadCatalogue, type Lang } from '../../../pwa/src/i18n/lang.js';
import nl, { type Messages } from '../../../pwa/src/i18n/nl.js';

/** Every key path of a catalogue, functions marked as such, arrays by position. */
function shape(value: unknown, path = ''): string[] {
  if (typeof value === 'function') return [`${path}()`];
  if (Array.isArray(value)) return value.flatMap((v, i) => shape(v, `${path}[${i}]`));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => shape(v, `${path}.${k}`));
  return [path];
}

/** Every string a catalogue holds, functions called with sample arguments. */
function strings(value: unknown): string[] {
  if (typeof value === 'function') return [String(value(2, 3))];
  if (typeof value === 'string') return [value];
  if (value && typeof value === 'object') return Object.values(value).flatMap(strings);
  return [];
}

const catalogue = (lang: Lang): Promise<Messages> => (lang === DEFAULT_LANG ? Promise.resolve(nl) : loadCatalogue(lang));

describe('message catalogues', () => {
  it('one file per declared language, loaded through its declaration, with exactly the Dutch keys', async () => {
    expect(LANGS[0]).toBe(DEFAULT_LANG);
    for (const lang of LANGS) {
      const t = await catalogue(lang);
      expect(shape(t).sort(), lang).toEqual(shape(nl).sort());
      for (const text of strings(t)) expect(text.trim(), `${lang}: an empty text`).not.toBe('');
    }
  });

  it('each catalogue states whether a native speaker has reviewed it', async () => {
    for (const lang of LANGS) {
      const { review } = await catalogue(lang);
      if (review.status === 'reviewed') {
        expect(review.by.trim(), lang).not.toBe('');
        expect(review.date, lang).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      } else expect(review.note, lang).toMatch(/native speaker/);
    }
  });

  it('a language is loaded once, and a different module per language', async () => {
    const others = LANGS.filter((l) => l !== DEFAULT_LANG);
    const loaded = await Promise.all(others.map((l) => catalogue(l)));
    expect(new Set(loaded).size).toBe(others.length);
    expect(loaded).not.toContain(nl);
    for (const [i, lang] of others.entries()) expect(await catalogue(lang)).toBe(loaded[i]);
  });

  it('only Arabic is written right to left; every locale is on the 24-hour clock', () => {
    for (const lang of LANGS) {
      expect(LANGUAGES[lang].dir, lang).toBe(lang === 'ar' ? 'rtl' : 'ltr');
      expect(new Intl.DateTimeFormat(LANGUAGES[lang].locale, { hour: 'numeric' }).resolvedOptions().hourCycle, lang).toBe('h23');
    }
  });

  it('a catalogue missing a key, or with one Dutch lacks, does not compile (checked by tsc)', () => {
    const { booking: _missing, ...withoutBooking } = nl;
    // @ts-expect-error the booking texts are missing
    const incomplete: Messages = withoutBooking;
    // @ts-expect-error a key the Dutch catalogue does not have
    const extra: Messages = { ...nl, unknownKey: 'x' };
    expect(incomplete).not.toHaveProperty('booking');
    expect(extra).toHaveProperty('unknownKey');
  });
});
