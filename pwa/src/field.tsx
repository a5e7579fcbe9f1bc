import type { ComponentChildren, JSX, Ref } from 'preact';

/** The id of a field's hint paragraph, for the control's `aria-describedby`. */
export const hintIdOf = (id: string): string => `${id}-hint`;

/** A label, its hint (when there is one) and the control below them: the frame of every field in the victim app. */
export function Labelled(props: { id: string; label: string; hint?: string | undefined; class?: string; children: ComponentChildren }): JSX.Element {
  return (
    <div class={props.class ?? 'field'}>
      <label for={props.id}>{props.label}</label>
      {props.hint && (
        <p id={hintIdOf(props.id)} class="hint">
          {props.hint}
        </p>
      )}
      {props.children}
    </div>
  );
}

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
  const hintId = props.hint ? hintIdOf(props.id) : undefined;
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
    <Labelled id={props.id} label={props.label} hint={props.hint} class={props.error ? 'field field-invalid' : 'field'}>
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
    </Labelled>
  );
}

/**
 * A code typed in by hand (a protection code, a case code, a duress code): never autocompleted and
 * read left to right; letters show as capitals and are not spell-checked, a code of digits brings up
 * the number pad. What is wrong with it is said below the field and joins the hint in
 * `aria-describedby`.
 */
export function CodeField(props: {
  id: string;
  label: string;
  hint: string;
  value: string;
  onInput: (value: string) => void;
  /** As typed, dashes and spaces included: 40 unless said. */
  maxLength?: number;
  digits?: boolean;
  error?: string | undefined;
  inputRef?: Ref<HTMLInputElement>;
}): JSX.Element {
  const hintId = hintIdOf(props.id);
  const errorId = `${props.id}-error`;
  return (
    <Labelled id={props.id} label={props.label} hint={props.hint}>
      <input
        ref={props.inputRef}
        id={props.id}
        class={props.digits ? 'text-input' : 'text-input code-input'}
        type="text"
        inputMode={props.digits ? 'numeric' : 'text'}
        autocomplete="off"
        {...(props.digits ? {} : { autocapitalize: 'characters', spellcheck: false })}
        dir="ltr"
        maxLength={props.maxLength ?? 40}
        value={props.value}
        aria-describedby={props.error ? `${hintId} ${errorId}` : hintId}
        aria-invalid={props.error ? 'true' : undefined}
        onInput={(e) => props.onInput((e.currentTarget as HTMLInputElement).value)}
      />
      {props.error ? (
        <p id={errorId} class="field-error">
          {props.error}
        </p>
      ) : null}
    </Labelled>
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
