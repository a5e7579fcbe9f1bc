import type { JSX, Ref } from 'preact';

/**
 * A labelled input with its hint and, when something is wrong, the error right above it (GOV.UK's
 * pattern): `aria-invalid`, and the error joins the hint in `aria-describedby`, so moving focus to
 * the field reads the label, the rule and what is wrong. The error is not a live region: focus
 * moving to the field is what announces it.
 */
export function Field(props: {
  id: string;
  label: string;
  hint?: string;
  /** Hints shared with other fields (e.g. one hint for two time fields). */
  describedBy?: string;
  error?: string | undefined;
  value: string;
  onInput: (value: string) => void;
  type?: 'text' | 'tel' | 'time' | 'password';
  /** A few sentences rather than a word: a textarea (text only). */
  multiline?: boolean;
  maxLength?: number;
  inputMode?: 'numeric' | 'text';
  autocapitalize?: 'characters' | 'off';
  inputRef?: Ref<HTMLInputElement>;
}): JSX.Element {
  const type = props.type ?? 'text';
  const hintId = props.hint ? `${props.id}-hint` : undefined;
  const errorId = props.error ? `${props.id}-error` : undefined;
  const describedBy = [hintId, props.describedBy, errorId].filter(Boolean).join(' ');
  // Numbers, codes and times read left to right in every language.
  const ltr = type !== 'text' || props.autocapitalize === 'characters';
  const shared = {
    id: props.id,
    class: 'text-input',
    autocomplete: 'off',
    ...(props.maxLength ? { maxLength: props.maxLength } : {}),
    value: props.value,
    ...(describedBy ? { 'aria-describedby': describedBy } : {}),
    ...(props.error ? { 'aria-invalid': 'true' as const } : {}),
  };
  return (
    <div class={props.error ? 'field field-invalid' : 'field'}>
      <label for={props.id}>{props.label}</label>
      {props.hint && (
        <p id={hintId} class="hint">
          {props.hint}
        </p>
      )}
      {props.error && (
        <p id={errorId} class="field-error" data-field-error="">
          {props.error}
        </p>
      )}
      {props.multiline ? (
        <textarea {...shared} rows={3} onInput={(e) => props.onInput((e.currentTarget as HTMLTextAreaElement).value)} />
      ) : (
        <input
          {...shared}
          ref={props.inputRef}
          // Preact types an input's attributes per `type`; every attribute here is valid for the four used.
          type={type as 'text'}
          {...(ltr ? { dir: 'ltr' } : {})}
          {...(props.autocapitalize ? { autocapitalize: props.autocapitalize, spellcheck: false } : {})}
          {...(props.inputMode ? { inputMode: props.inputMode } : {})}
          onInput={(e) => props.onInput((e.currentTarget as HTMLInputElement).value)}
        />
      )}
    </div>
  );
}

/** A checkbox with its label (and an optional hint below it). */
export function Check(props: { label: string; checked: boolean; onChange: (checked: boolean) => void; hint?: { id: string; text: string } }): JSX.Element {
  return (
    <>
      <label class="check">
        <input
          type="checkbox"
          checked={props.checked}
          {...(props.hint ? { 'aria-describedby': props.hint.id } : {})}
          onChange={(e) => props.onChange((e.currentTarget as HTMLInputElement).checked)}
        />{' '}
        {props.label}
      </label>
      {props.hint && (
        <p id={props.hint.id} class="hint">
          {props.hint.text}
        </p>
      )}
    </>
  );
}
