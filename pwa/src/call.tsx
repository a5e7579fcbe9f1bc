import type { JSX } from 'preact';
import { EMERGENCY_NUMBERS, telHref } from './emergency.js';
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

/** The emergency and help lines as cards, 112 first: what each is for and a call button. */
export function EmergencyCards({ headingLevel = 3 }: { headingLevel?: 3 | 4 }): JSX.Element {
  const { t } = useI18n();
  const Heading = headingLevel === 3 ? 'h3' : 'h4';
  return (
    <ul class="cards" data-emergency-numbers="">
      {EMERGENCY_NUMBERS.map((number) => (
        <li key={number} class="card">
          <Heading>{t.emergency[number].name}</Heading>
          <p>{t.emergency[number].what}</p>
          <a class="button call" href={telHref(number)}>
            <CallLabel number={number} />
          </a>
        </li>
      ))}
    </ul>
  );
}
