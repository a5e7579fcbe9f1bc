import type { ComponentChildren, JSX } from 'preact';

/** One line of a catalogue card's facts (`<dl class="facts">`): the term and what it says. */
export function Fact({ term, children }: { term: string; children: ComponentChildren }): JSX.Element {
  return (
    <>
      <dt>{term}</dt>
      <dd>{children}</dd>
    </>
  );
}
