/**
 * What the victim app reads from the public catalogue API. Mirrors (a tolerant subset of)
 * shared/catalog/types.ts: every field the app shows may be missing, the app then leaves it out.
 */
export type LocalizedText = Partial<Record<string, string>> | string;

export interface OpeningRule {
  /** ISO weekday: 1 = Monday … 7 = Sunday. */
  weekday: number;
  /** HH:MM, Europe/Brussels wall-clock time. */
  start: string;
  end: string;
}

export interface ContactPoint {
  id: string;
  kind?: string;
  name?: LocalizedText;
  description?: LocalizedText;
  phone?: string;
  address?: string;
  website?: string;
  alwaysOpen?: boolean;
  openingRules?: OpeningRule[];
  languages?: string[];
  free?: boolean;
  anonymous?: boolean;
  emergencyLine?: boolean;
  order?: number;
  demo?: boolean;
}

export interface Service {
  id: string;
  name?: LocalizedText;
  description?: LocalizedText;
  forWhom?: LocalizedText;
  partner?: string;
  location?: { label?: string; address?: string };
  languages?: string[];
  bookable?: boolean;
  demo?: boolean;
}

/** The text in `lang`, else Dutch, else English, else any. */
export function textIn(value: LocalizedText | undefined, lang: string): string {
  if (!value) return '';
  if (typeof value === 'string') return value;
  return value[lang] || value.nl || value.en || Object.values(value).find((v) => !!v) || '';
}
