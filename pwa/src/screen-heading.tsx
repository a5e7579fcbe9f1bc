import type { JSX } from 'preact';

/** What marks a screen's heading, for the shell that moves focus to it on every navigation (app.tsx). */
export const SCREEN_HEADING = '[data-screen-heading]';

/** A screen's title: the `<h1>` that focus moves to when the screen opens (not a tab stop of its own). */
export function ScreenHeading({ children }: { children: string }): JSX.Element {
  return (
    <h1 tabIndex={-1} data-screen-heading="">
      {children}
    </h1>
  );
}
