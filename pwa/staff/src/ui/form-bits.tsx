import type { ComponentChildren } from 'preact';
import { label, useI18n } from '../i18n/index.js';
import { ErrorText } from './errors.js';
import { Loading } from './page.js';

/** `[value, its label]` pairs for a SelectField or RadioGroup, in the order of `values`. */
export function choices(values: readonly string[], labels: Record<string, string>): (readonly [string, string])[] {
  return values.map((v) => [v, label(labels, v)] as const);
}

/** A form's submit and cancel buttons (the submit says "saving…" while busy). */
export function SubmitCancel({ busy, submitText, onCancel }: { busy: boolean; submitText?: string; onCancel: () => void }) {
  const { t } = useI18n();
  return (
    <div class="actions">
      <button type="submit" class="button primary" disabled={busy}>
        {busy ? t.saving : (submitText ?? t.save)}
      </button>
      <button type="button" class="button" onClick={onCancel}>
        {t.cancel}
      </button>
    </div>
  );
}

/** A link that looks like the screen's main button ("New order", "Record another"), on its own line. */
export function LinkButton({ href, text, onClick }: { href: string; text: string; onClick?: () => void }) {
  return (
    <p>
      <a class="button primary" href={href} onClick={onClick}>
        {text}
      </a>
    </p>
  );
}

/** The top of a list screen: the "new" link (when allowed), the load's error, loading, the empty text. */
export function ListState({
  newLink,
  error,
  loading,
  count,
  emptyText,
}: {
  newLink?: { href: string; text: string } | undefined;
  error: unknown;
  loading: boolean;
  /** Items loaded; undefined while nothing has loaded. */
  count: number | undefined;
  emptyText: string;
}) {
  return (
    <>
      {newLink ? <LinkButton {...newLink} /> : null}
      <ErrorText error={error} />
      {loading && count === undefined ? <Loading /> : null}
      {count === 0 ? <p>{emptyText}</p> : null}
    </>
  );
}

/**
 * A fieldset of repeatable groups (a zone, a curfew, a child): each group is a fieldset with its numbered
 * legend, its fields and a remove button; an add button closes the list.
 */
export function GroupList<T>({
  legend,
  items,
  onChange,
  newItem,
  groupLegend,
  removeText,
  addText,
  empty,
  groupClass,
  testId,
  fields,
}: {
  legend: string;
  items: readonly T[];
  onChange: (items: T[]) => void;
  newItem: () => T;
  /** The legend of the group at index i. */
  groupLegend: (i: number) => string;
  removeText: (i: number) => string;
  addText: string;
  /** Shown while there is no group. */
  empty?: string;
  groupClass: string;
  /** Each group's data-testid. */
  testId?: string;
  /** The fields of the group at index i; `set` changes some of its values. */
  fields: (item: T, i: number, set: (patch: Partial<T>) => void) => ComponentChildren;
}) {
  return (
    <fieldset>
      <legend>{legend}</legend>
      {empty !== undefined && items.length === 0 ? <p>{empty}</p> : null}
      {items.map((item, i) => (
        <fieldset key={i} class={groupClass} data-testid={testId}>
          <legend>{groupLegend(i)}</legend>
          {fields(item, i, (patch) => onChange(items.map((x, j) => (j === i ? { ...x, ...patch } : x))))}
          <button type="button" class="button" onClick={() => onChange(items.filter((_, j) => j !== i))}>
            {removeText(i)}
          </button>
        </fieldset>
      ))}
      <button type="button" class="button" onClick={() => onChange([...items, newItem()])}>
        {addText}
      </button>
    </fieldset>
  );
}
