/**
 * Links into the staff console as its hash router spells them (pwa/staff/src/router.ts), and the
 * variable that tells publishing functions the console's origin. With an origin the link is absolute
 * (`https://oneroof.example.be/staff/#/alerts/AL-…`): an SMS or e-mail has no page to be relative to.
 */
export const WEB_ORIGIN_ENV = 'WEB_ORIGIN';

export type ConsoleTarget = { alert: string } | { case: string } | { fjcCase: string } | { callback: string };

export function consoleUrl(origin: string | undefined, target: ConsoleTarget): string {
  const hash =
    'alert' in target
      ? `#/alerts/${target.alert}`
      : 'fjcCase' in target
        ? `#/fjc/${target.fjcCase}`
        : 'callback' in target
          ? `#/callbacks/${target.callback}`
          : `#/cases/${target.case}`;
  return `${origin ?? ''}/staff/${hash}`;
}

/** SNS subjects: at most 100 characters (we keep 99). */
export const SUBJECT_MAX = 99;

/**
 * `head — tail`, within SUBJECT_MAX: the descriptive head is shortened (with an ellipsis), never the
 * tail, which carries the id a reader needs whole.
 */
export function subjectLine(head: string, tail: string): string {
  const sep = ' — ';
  const full = `${head}${sep}${tail}`;
  if (full.length <= SUBJECT_MAX) return full;
  const room = SUBJECT_MAX - sep.length - tail.length - 1;
  if (room <= 0) return tail.slice(0, SUBJECT_MAX);
  return `${head.slice(0, room).trimEnd()}…${sep}${tail}`;
}
