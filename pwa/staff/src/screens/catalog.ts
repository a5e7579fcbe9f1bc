import type { Lang } from '../i18n/index.js';

/** A catalogue service as `GET /api/services` lists it (functions/catalog); names may be per language. */
export interface Service {
  id: string;
  name?: string | Partial<Record<string, string>>;
  partner?: string | Partial<Record<string, string>>;
  [key: string]: unknown;
}

export function text(v: unknown, lang: Lang): string {
  if (typeof v === 'string') return v;
  if (v && typeof v === 'object') {
    const r = v as Record<string, unknown>;
    const pick = r[lang] ?? r.en ?? r.nl ?? Object.values(r).find((x) => typeof x === 'string');
    return typeof pick === 'string' ? pick : '';
  }
  return '';
}

export function servicesOf(res: unknown): Service[] {
  if (Array.isArray(res)) return res as Service[];
  const r = (res ?? {}) as Record<string, unknown>;
  return Array.isArray(r.services) ? (r.services as Service[]) : [];
}
