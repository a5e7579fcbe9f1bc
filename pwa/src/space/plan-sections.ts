import { PLAN_LIMITS, type SafetyPlan } from '../../../shared/space/plan.js';
import type { Messages } from '../i18n/index.js';

/**
 * The plan's sections in the order she meets them (the form and the printed page both follow it):
 * lists she adds to (places, people, documents, her own numbers) and sections of a few questions.
 */
export type ListSection = 'places' | 'people' | 'documents' | 'numbers';
export type OneSection = 'codeWord' | 'children' | 'leaving' | 'staying' | 'digital';
export type SectionKey = ListSection | OneSection;

type ItemOf<K extends ListSection> = NonNullable<SafetyPlan[K]>[number];
type FieldsOf<K extends SectionKey> = K extends ListSection ? keyof ItemOf<K> : keyof NonNullable<SafetyPlan[K]>;

/** Each section's fields; every one has its label under the same name in `t.plan[section]` (checked by the type). */
export const SECTION_FIELDS = {
  places: ['place', 'how'],
  people: ['name', 'phone', 'how'],
  codeWord: ['word', 'meaning', 'whoKnows'],
  documents: ['what', 'where'],
  children: ['pickUp', 'whatTheyKnow', 'safeAdult'],
  leaving: ['where', 'bag', 'how'],
  staying: ['safeRoom', 'signs', 'neighbours'],
  digital: ['phone', 'accounts', 'location'],
  numbers: ['name', 'phone'],
} as const satisfies { [K in SectionKey]: ReadonlyArray<FieldsOf<K> & keyof Messages['plan'][K]> };

export const SECTIONS = Object.keys(SECTION_FIELDS) as SectionKey[];

const LISTS: readonly SectionKey[] = ['places', 'people', 'documents', 'numbers'];
export function isList(key: SectionKey): key is ListSection {
  return LISTS.includes(key);
}

/** The few one-line fields (a name, a place, a word, a number); everything else is a few sentences. */
const LINES: Record<string, 'line' | 'phone'> = { place: 'line', name: 'line', what: 'line', word: 'line' };

export type FieldKind = 'line' | 'note' | 'phone';
export function fieldKind(section: SectionKey, field: string): FieldKind {
  if (field === 'phone' && isList(section)) return 'phone';
  return LINES[field] ?? 'note';
}

export function maxLengthOf(kind: FieldKind): number {
  return PLAN_LIMITS[kind];
}

export const LIST_LIMIT: Record<ListSection, number> = {
  places: PLAN_LIMITS.places,
  people: PLAN_LIMITS.people,
  documents: PLAN_LIMITS.documents,
  numbers: PLAN_LIMITS.numbers,
};

/** A section's texts: its legend, hint and one label per field (and, for lists, `item` and `add`). */
export type SectionTexts = { legend: string; hint: string; item?: (n: number) => string; add?: string } & Record<string, unknown>;
export function sectionTexts(t: Messages['plan'], key: SectionKey): SectionTexts {
  return t[key];
}
export function labelOf(t: Messages['plan'], key: SectionKey, field: string): string {
  const label = sectionTexts(t, key)[field];
  return typeof label === 'string' ? label : field;
}

/** One field's value, wherever it lives (a list item or a section). */
export type Values = Partial<Record<string, string>>;
export function listOf(plan: SafetyPlan, key: ListSection): Values[] {
  return (plan[key] ?? []) as Values[];
}
export function sectionOf(plan: SafetyPlan, key: OneSection): Values {
  return (plan[key] ?? {}) as Values;
}

/** True when a section holds anything she wrote. */
export function hasContent(plan: SafetyPlan, key: SectionKey): boolean {
  const filled = (v: Values) => Object.values(v).some((s) => !!s?.trim());
  return isList(key) ? listOf(plan, key).some(filled) : filled(sectionOf(plan, key));
}
