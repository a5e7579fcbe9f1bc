import { CATALOG_LANGS, type CatalogLang, type Localized } from '../../../../shared/catalog/types.js';
import { useI18n } from '../i18n/index.js';

/**
 * One catalogue text in every language the apps show (shared/catalog/types.ts `CATALOG_LANGS`: Dutch,
 * French, English, Arabic, German, Turkish). Dutch is required; an empty other language is left out, so
 * the victim app falls back for it (Dutch, French, English: `CATALOG_FALLBACK`). The languages' own names, as their readers know them.
 */
export const CATALOG_LANG_NAMES: Record<CatalogLang, string> = {
  nl: 'Nederlands',
  fr: 'Français',
  en: 'English',
  ar: 'العربية',
  de: 'Deutsch',
  tr: 'Türkçe',
};

export type LocalizedDraft = Record<CatalogLang, string>;

export const draftOf = (text: Partial<Localized> | undefined): LocalizedDraft =>
  Object.fromEntries(CATALOG_LANGS.map((l) => [l, text?.[l] ?? ''])) as LocalizedDraft;

/** The text as the API takes it: Dutch always, every other language only when filled in. */
export function localizedOf(draft: LocalizedDraft): Localized {
  const out: Localized = { nl: draft.nl.trim() };
  for (const l of CATALOG_LANGS) if (l !== 'nl' && draft[l].trim()) out[l] = draft[l].trim();
  return out;
}

export function LocalizedFields({
  id,
  label,
  value,
  onChange,
  multiline = false,
}: {
  id: string;
  /** The field's name, without a language ("Naam"); each input reads "Naam (Nederlands)". */
  label: string;
  value: LocalizedDraft;
  onChange: (next: LocalizedDraft) => void;
  /** A paragraph rather than a line. */
  multiline?: boolean;
}) {
  const { t } = useI18n();
  return (
    <fieldset class="localized">
      <legend>{label}</legend>
      {CATALOG_LANGS.map((l) => {
        const inputId = `${id}-${l}`;
        const props = {
          id: inputId,
          lang: l,
          // Arabic is written right to left; the browser lays out the field for it.
          dir: l === 'ar' ? 'rtl' : 'ltr',
          required: l === 'nl',
          value: value[l],
          onInput: (e: Event) => onChange({ ...value, [l]: (e.currentTarget as HTMLInputElement | HTMLTextAreaElement).value }),
        } as const;
        return (
          <div class="field" key={l}>
            <label for={inputId}>
              {label} ({CATALOG_LANG_NAMES[l]}){l === 'nl' ? null : <span class="muted"> {t.optional}</span>}
            </label>
            {multiline ? <textarea rows={3} {...props} /> : <input {...props} />}
          </div>
        );
      })}
    </fieldset>
  );
}
