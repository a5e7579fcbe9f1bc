import type * as Catalog from '../../shared/catalog/api.js';
import { localized } from '../../shared/catalog/types.js';

/**
 * What the victim app reads from the public catalogue API: the API's own types (shared/catalog), made
 * tolerant: every field but the id may be missing (an older cached answer), and the app then leaves it out.
 */
type Tolerant<T extends { id: string }> = Pick<T, 'id'> & Partial<Omit<T, 'id'>>;
export type ContactPoint = Tolerant<Catalog.ContactPoint>;
export type Service = Tolerant<Catalog.Service>;
export type { OpeningRule } from '../../shared/catalog/api.js';

/** A localized text as the app reads it: any language may be missing, or a plain string. */
export type LocalizedText = Partial<Record<string, string>> | string;

/** The text in `lang`, else Dutch, French, English (shared/catalog/types.ts `CATALOG_FALLBACK`), else any. */
export function textIn(value: LocalizedText | undefined, lang: string): string {
  if (!value) return '';
  if (typeof value === 'string') return value;
  return localized(value, lang);
}
