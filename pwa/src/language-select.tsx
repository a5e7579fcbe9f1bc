import type { JSX } from 'preact';
import { Labelled } from './field.js';

/**
 * A labelled choice of language: the shell's language switch (each language named in itself, marked
 * with its `lang` so a screen reader speaks it right) and a booking's appointment language (named in
 * the language she reads). `class` is the wrapper's layout (`lang-switch` in the header, `field` in a form).
 */
export function LanguageSelect(props: {
  id: string;
  label: string;
  value: string;
  codes: readonly string[];
  nameOf: (code: string) => string;
  /** The names are each in their own language (the switch), not in the page's. */
  selfNamed?: boolean;
  class: string;
  onChange: (code: string) => void;
}): JSX.Element {
  return (
    <Labelled id={props.id} label={props.label} class={props.class}>
      <select id={props.id} value={props.value} onChange={(e) => props.onChange((e.currentTarget as HTMLSelectElement).value)}>
        {props.codes.map((code) => (
          <option key={code} value={code} {...(props.selfNamed ? { lang: code } : {})}>
            {props.nameOf(code)}
          </option>
        ))}
      </select>
    </Labelled>
  );
}
