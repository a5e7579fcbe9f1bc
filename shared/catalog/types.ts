/**
 * The FJC service catalogue and contact points: plain types, no dependencies, so the
 * victim app and the staff console can import them without pulling zod into their bundles.
 * Times are Europe/Brussels wall-clock times; dates are Brussels calendar dates (YYYY-MM-DD).
 */
export const CATALOG_LANGS = ['nl', 'fr', 'en', 'ar', 'de', 'tr'] as const;
export type CatalogLang = (typeof CATALOG_LANGS)[number];

/**
 * Where a text missing in the reader's language is taken from, in this order: Dutch (always there),
 * French, English — Belgium's languages first, then the one most newcomers read — so a name is never blank.
 */
export const CATALOG_FALLBACK = ['nl', 'fr', 'en'] as const;

/** A text in the app's languages; Dutch is required (the default language), the others fall back (CATALOG_FALLBACK). */
export type Localized = { nl: string } & Partial<Record<Exclude<CatalogLang, 'nl'>, string>>;

/** Weekly opening rule: on ISO `weekday` (1 = Monday … 7 = Sunday) from `start` to `end` (HH:MM, same day). */
export interface OpeningRule {
  weekday: number;
  start: string;
  end: string;
}

/** Closed on every Brussels date from `from` to `to`, both included (holidays, absences). */
export interface Closure {
  from: string;
  to: string;
  reason?: string;
}

/** What slot generation needs from a service. */
export interface SlotRules {
  openingRules: readonly OpeningRule[];
  /** Length of one appointment or session, minutes. */
  slotMinutes: number;
  /** Pause after each slot before the next one starts, minutes. */
  bufferMinutes: number;
  /** Earliest booking: at least this many hours before the slot starts. */
  leadHours: number;
  /** Latest booking: the slot starts at most this many days from now. */
  horizonDays: number;
  closures: readonly Closure[];
}

export interface ServiceLocation {
  /** Where, as a visitor reads it: "FJC Ruppel, ground floor"; at a confidential place, how she will be met. */
  label: string;
  /** Absent exactly when the service is confidential. */
  address?: string;
}

/** One FJC service, as `GET /api/services` and `GET /api/services/{id}` return it. */
export interface Service extends SlotRules {
  /** Slug: lower-case letters, digits and hyphens (`legal-advice`). */
  id: string;
  /** Police zone whose report counts the service's bookings (`ruppel`). */
  zone: string;
  name: Localized;
  description: Localized;
  /** Who the service is for, in plain words. */
  forWhom: Localized;
  /** Slug of the providing partner: the partner-intake SNS messages carry it as `partnerId`. */
  partnerId: string;
  /** The partner's display name. */
  partner: string;
  location: ServiceLocation;
  /** Languages the service is offered in (ISO 639-1 codes). */
  languages: string[];
  /** Places per slot: 1 for an appointment, more for a group session. */
  capacity: number;
  /** False: listed in the catalogue, booked by phone only (no slots offered). */
  bookable: boolean;
  /** Held at a secret place (a shelter, a safe house): no address anywhere, `location.label` says how she is met. */
  confidential: boolean;
  /** Demo data (local stack): the apps say so. */
  demo: boolean;
}

export const CONTACT_KINDS = [
  'emergency',
  'police',
  'helpline',
  'victim-support',
  'social-welfare',
  'shelter',
  'child-abuse',
  'medical',
  'sexual-violence',
  'legal',
  'housing',
  'mental-health',
  'addiction',
  'perpetrator',
  'youth',
  'job',
  'migrant',
  'local-authority',
] as const;
export type ContactKind = (typeof CONTACT_KINDS)[number];

/**
 * Kinds whose places are secret by nature: a contact point of such a kind is confidential unless a
 * coordinator says otherwise on purpose (`confidential: false`, for a public office; audited).
 */
export const CONFIDENTIAL_KINDS: readonly ContactKind[] = ['shelter'];

/** A contact point, as `GET /api/contact-points` returns it (sorted by `order`). */
export interface ContactPoint {
  id: string;
  kind: ContactKind;
  name: Localized;
  /** What they do, for whom. */
  description: Localized;
  /** As dialled: `112`, `1712`, `+32 3 880 88 00`. */
  phone?: string;
  address?: string;
  website?: string;
  /** Answers day and night (24/7). */
  alwaysOpen: boolean;
  /** Weekly hours when not `alwaysOpen` (Europe/Brussels). */
  openingRules: OpeningRule[];
  languages: string[];
  /** Free, anonymous, emergency: shown as badges. */
  free: boolean;
  anonymous: boolean;
  emergencyLine: boolean;
  /** Sort order in lists (ascending). */
  order: number;
  demo: boolean;
  /**
   * Its address is secret (a shelter, a safe house): never stored, so never in the public API, the
   * victim app's offline copy or a message; she reaches it by phone.
   */
  confidential: boolean;
}

/** Picks a localized text in `lang`, else the first of CATALOG_FALLBACK it has, else any non-empty one. */
export function localized(text: Partial<Record<string, string>>, lang: string): string {
  for (const l of [lang, ...CATALOG_FALLBACK]) {
    const v = text[l];
    if (v) return v;
  }
  return Object.values(text).find((v) => !!v) ?? '';
}
