import type { ComponentChildren } from 'preact';
import { useI18n } from '../i18n/index.js';

export interface InputProps {
  type?: 'text' | 'number' | 'date' | 'datetime-local' | 'time' | 'month' | 'checkbox' | 'tel';
  value?: string;
  checked?: boolean;
  required?: boolean;
  pattern?: string;
  autocomplete?: string;
  step?: string;
  min?: string;
  max?: string;
  onInput?: (e: Event) => void;
  onChange?: (e: Event) => void;
}

/** The label (with "optional" where it applies) and the hint paragraph that aria-describedby points at. */
function LabelAndHint({ id, label, hint, hintId, optional }: { id: string; label: string; hint?: string; hintId?: string; optional?: boolean }) {
  const { t } = useI18n();
  return (
    <>
      <label for={id}>
        {label}
        {optional ? <span class="muted"> {t.optional}</span> : null}
      </label>
      {hint ? (
        <p id={hintId} class="hint">
          {hint}
        </p>
      ) : null}
    </>
  );
}

/** A labelled input; `hint` is tied with aria-describedby. */
export function Field({ id, label, hint, optional, ...input }: { id: string; label: string; hint?: string; optional?: boolean } & InputProps) {
  const hintId = hint ? `${id}-hint` : undefined;
  return (
    <div class={input.type === 'checkbox' ? 'field checkbox' : 'field'}>
      {input.type === 'checkbox' ? <input id={id} aria-describedby={hintId} {...(input as Record<string, unknown>)} /> : null}
      <LabelAndHint id={id} label={label} hint={hint} hintId={hintId} optional={optional} />
      {input.type !== 'checkbox' ? <input id={id} aria-describedby={hintId} {...(input as Record<string, unknown>)} /> : null}
    </div>
  );
}

/** A labelled paragraph of text (several lines); `hint` is tied with aria-describedby. */
export function TextArea({
  id,
  label,
  hint,
  optional,
  value: text,
  maxLength,
  onInput,
}: {
  id: string;
  label: string;
  hint?: string;
  optional?: boolean;
  value: string;
  maxLength?: number;
  onInput: (e: Event) => void;
}) {
  const hintId = hint ? `${id}-hint` : undefined;
  return (
    <div class="field">
      <LabelAndHint id={id} label={label} hint={hint} hintId={hintId} optional={optional} />
      <textarea id={id} rows={4} aria-describedby={hintId} maxLength={maxLength} value={text} onInput={onInput} />
    </div>
  );
}

/** One value out of `options` (value, shown text). */
interface ChoiceProps {
  value: string;
  onChange: (v: string) => void;
  options: readonly (readonly [string, string])[];
  required?: boolean;
}

export function SelectField({
  id,
  label,
  value,
  onChange,
  options,
  required,
  empty,
}: ChoiceProps & {
  id: string;
  label: string;
  /** Text of an empty first choice; none when undefined. */
  empty?: string;
}) {
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <select id={id} value={value} required={required} onChange={(e) => onChange((e.currentTarget as HTMLSelectElement).value)}>
        {empty !== undefined ? <option value="">{empty}</option> : null}
        {options.map(([v, text]) => (
          <option key={v} value={v}>
            {text}
          </option>
        ))}
      </select>
    </div>
  );
}

export function RadioGroup({ name, legend, value, onChange, options, required }: ChoiceProps & { name: string; legend: string }) {
  return (
    <fieldset class="radios">
      <legend>{legend}</legend>
      {options.map(([v, text]) => (
        <div class="radio" key={v}>
          <input type="radio" id={`${name}-${v}`} name={name} value={v} checked={value === v} required={required} onChange={() => onChange(v)} />
          <label for={`${name}-${v}`}>{text}</label>
        </div>
      ))}
    </fieldset>
  );
}

/**
 * A ticked-or-not checkbox per option (value, shown text), each with the id `${id}-${value}`; `value`
 * holds the ticked ones, in the order they were ticked.
 */
export function Checkboxes({
  id,
  options,
  value: ticked,
  onChange,
}: {
  id: string;
  options: readonly (readonly [string, string])[];
  value: ReadonlySet<string>;
  onChange: (next: ReadonlySet<string>) => void;
}) {
  const toggle = (v: string, on: boolean) => {
    const next = new Set(ticked);
    if (on) next.add(v);
    else next.delete(v);
    onChange(next);
  };
  return (
    <>
      {options.map(([v, text]) => (
        <Field key={v} id={`${id}-${v}`} type="checkbox" label={text} checked={ticked.has(v)} onChange={(e) => toggle(v, checked(e))} />
      ))}
    </>
  );
}

export function Facts({ children }: { children: ComponentChildren }) {
  return <dl class="facts">{children}</dl>;
}

export function Fact({ term, children, class: ddClass }: { term: string; children: ComponentChildren /** On the `dd`. */; class?: string }) {
  return (
    <div>
      <dt>{term}</dt>
      <dd class={ddClass}>{children}</dd>
    </div>
  );
}

/** `datetime-local` value (local time) → ISO instant. */
export function localToIso(value: string): string {
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? value : d.toISOString();
}

/** ISO instant → `datetime-local` value in the browser's time zone. */
export function isoToLocal(iso: string | Date): string {
  const d = iso instanceof Date ? iso : new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

export const value = (e: Event): string => (e.currentTarget as HTMLInputElement).value;
export const checked = (e: Event): boolean => (e.currentTarget as HTMLInputElement).checked;
