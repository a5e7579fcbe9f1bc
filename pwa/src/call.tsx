import type { JSX } from 'preact';
import { useI18n } from './i18n/index.js';

/**
 * "Call 0800 30 030" with the number isolated left-to-right, so Arabic does not reorder its groups.
 * One inline wrapper: inside a flex button each text run would become its own flex item and lose its
 * trailing space ("Bel112").
 */
export function CallLabel({ number }: { number: string }): JSX.Element {
  const { t } = useI18n();
  const [before = '', after = ''] = t.emergency.call('\u0000').split('\u0000');
  return (
    <span class="call-label">
      {before}
      <bdi dir="ltr">{number}</bdi>
      {after}
    </span>
  );
}
