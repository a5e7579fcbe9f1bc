import type { JSX } from 'preact';
import type { SafetyPlan } from '../../../shared/space/plan.js';
import { CallLabel } from '../call.js';
import { EMERGENCY_NUMBERS, telHref } from '../emergency.js';
import { Field } from '../field.js';
import { useI18n, type Messages } from '../i18n/index.js';
import {
  fieldKind,
  isList,
  LIST_LIMIT,
  labelOf,
  type ListSection,
  listOf,
  maxLengthOf,
  type OneSection,
  SECTION_FIELDS,
  SECTIONS,
  type SectionKey,
  sectionOf,
  sectionTexts,
  type Values,
} from './plan-sections.js';
import './plan.css';

/**
 * Her safety plan as a guided form: one fieldset per section, in plain words, every field optional.
 * Controlled: it keeps nothing itself (the space that hosts it encrypts and stores `value`); an
 * emptied field is dropped from the plan rather than kept as "".
 */
export function PlanForm({ value, onChange }: { value: SafetyPlan; onChange: (next: SafetyPlan) => void }): JSX.Element {
  const { t } = useI18n();
  return (
    <div class="plan-form" data-plan-form="">
      <p>{t.plan.intro}</p>
      {SECTIONS.map((key) =>
        isList(key) ? (
          <ListFieldset key={key} section={key} t={t} value={value} onChange={onChange} />
        ) : (
          <OneFieldset key={key} section={key} t={t} value={value} onChange={onChange} />
        ),
      )}
    </div>
  );
}

type SectionProps<K extends SectionKey> = { section: K; t: Messages; value: SafetyPlan; onChange: (next: SafetyPlan) => void };

/** A field's new text into its values: an empty text removes the key. */
function edit(values: Values, field: string, text: string): Values {
  const next = { ...values };
  if (text === '') delete next[field];
  else next[field] = text;
  return next;
}

function Fields({ section, idPrefix, t, values, onEdit }: { section: SectionKey; idPrefix: string; t: Messages; values: Values; onEdit: (v: Values) => void }) {
  return (
    <>
      {SECTION_FIELDS[section].map((field) => {
        const kind = fieldKind(section, field);
        return (
          <Field
            key={field}
            id={`${idPrefix}-${field}`}
            label={labelOf(t.plan, section, field)}
            value={values[field] ?? ''}
            maxLength={maxLengthOf(kind)}
            {...(kind === 'note' ? { multiline: true } : {})}
            {...(kind === 'phone' ? { type: 'tel' as const } : {})}
            onInput={(text) => onEdit(edit(values, field, text))}
          />
        );
      })}
    </>
  );
}

function Legend({ section, t }: { section: SectionKey; t: Messages }) {
  const texts = sectionTexts(t.plan, section);
  return (
    <>
      <legend>{texts.legend}</legend>
      <p class="hint" id={`plan-${section}-hint`}>
        {texts.hint}
      </p>
    </>
  );
}

function OneFieldset({ section, t, value, onChange }: SectionProps<OneSection>) {
  return (
    <fieldset data-plan-section={section} aria-describedby={`plan-${section}-hint`}>
      <Legend section={section} t={t} />
      <Fields section={section} idPrefix={`plan-${section}`} t={t} values={sectionOf(value, section)} onEdit={(v) => onChange({ ...value, [section]: v })} />
    </fieldset>
  );
}

/**
 * A list she adds to. With nothing in it yet, one empty item shows, so she can start typing; the
 * first thing typed makes it a real item.
 */
function ListFieldset({ section, t, value, onChange }: SectionProps<ListSection>) {
  const texts = sectionTexts(t.plan, section);
  const items = listOf(value, section);
  const shown = items.length > 0 ? items : [{}];
  const setItems = (next: Values[]) => onChange({ ...value, [section]: next });
  const itemName = (i: number) => texts.item?.(i + 1) ?? String(i + 1);
  return (
    <fieldset data-plan-section={section} aria-describedby={`plan-${section}-hint`}>
      <Legend section={section} t={t} />
      {section === 'numbers' && <DeclaredLines t={t} />}
      {shown.map((item, i) => (
        <fieldset key={i} class="plan-item">
          <legend>{itemName(i)}</legend>
          <Fields
            section={section}
            idPrefix={`plan-${section}-${i}`}
            t={t}
            values={item}
            onEdit={(v) => setItems(shown.map((old, j) => (j === i ? v : old)))}
          />
          {i < items.length && (
            <button type="button" class="button" onClick={() => setItems(items.filter((_, j) => j !== i))}>
              {t.plan.remove(itemName(i))}
            </button>
          )}
        </fieldset>
      ))}
      {items.length > 0 && items.length < LIST_LIMIT[section] && (
        <button type="button" class="button" onClick={() => setItems([...items, {}])}>
          {texts.add}
        </button>
      )}
    </fieldset>
  );
}

/** 112 first, then the declared help lines: the app's own list, never copied into her plan. */
function DeclaredLines({ t }: { t: Messages }) {
  return (
    <ul class="plan-lines" data-plan-lines="">
      {EMERGENCY_NUMBERS.map((number) => (
        <li key={number}>
          <a class="button call" href={telHref(number)}>
            <CallLabel number={number} />
          </a>{' '}
          {t.emergency[number].name}
        </li>
      ))}
    </ul>
  );
}
