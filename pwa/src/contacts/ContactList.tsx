import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { textIn, type ContactPoint } from '../catalog-types.js';
import { CallLabel } from '../call.js';
import { isOffline, useList } from '../data.js';
import { EMERGENCY_NUMBERS, telHref } from '../emergency.js';
import { dayPhrase, isolateLtr, joinList, languageNames, weekdayName } from '../format.js';
import { openStatus, weeklyHours } from '../hours.js';
import { useI18n, type Lang, type Messages } from '../i18n/index.js';
import { Labelled } from '../field.js';
import { DataNotice } from './DataNotice.js';
import { Fact } from './Fact.js';

/**
 * The contact points from `GET /api/contact-points` (offline: from the worker's cache): name, what
 * they do, phone (tap to call), address, website, open now / 24/7, weekly hours, languages; a kind
 * filter; demo data marked as such. Map-free. When the list cannot be loaded the emergency numbers
 * above still work; the message says so.
 */
export default function ContactList(): JSX.Element {
  const { t, lang } = useI18n();
  const state = useList<ContactPoint>('/api/contact-points');
  const [kind, setKind] = useState('');

  if (state.status === 'loading')
    return (
      <p class="loading" role="status">
        {t.loading}
      </p>
    );
  if (state.status === 'unavailable')
    return (
      <p class="notice" data-contacts-unavailable="">
        {isOffline() ? t.data.offlineList : t.data.unavailable}
      </p>
    );
  // The built-in emergency and help lines are shown above the list already.
  const points = state.items.filter((p) => !isBuiltIn(p.phone)).sort((a, b) => (a.order ?? 0) - (b.order ?? 0));
  if (points.length === 0) return <p class="notice">{t.data.empty}</p>;
  const kinds = [...new Set(points.map((p) => p.kind ?? 'other'))];
  const shown = kind ? points.filter((p) => (p.kind ?? 'other') === kind) : points;
  const now = new Date();

  return (
    <div data-contact-points="">
      <DataNotice fetchedAt={state.fetchedAt} />
      <p>{t.contacts.intro}</p>
      {points.some((p) => p.demo) && <p class="notice demo-note">{t.contacts.demoNote}</p>}
      {kinds.length > 1 && (
        <Labelled id="kind-filter" label={t.contacts.filter}>
          <select id="kind-filter" value={kind} onChange={(e) => setKind((e.currentTarget as HTMLSelectElement).value)}>
            <option value="">{t.contacts.allKinds}</option>
            {kinds.map((k) => (
              <option key={k} value={k}>
                {kindLabel(t, k)}
              </option>
            ))}
          </select>
        </Labelled>
      )}
      <ul class="cards">
        {shown.map((p) => (
          <Contact key={p.id} point={p} t={t} lang={lang} now={now} />
        ))}
      </ul>
    </div>
  );
}

const BUILT_IN = new Set(EMERGENCY_NUMBERS.map(digits));

function digits(phone: string): string {
  return phone.replace(/\D/g, '');
}

/** True for a contact point that is one of the built-in lines (112, 101, 1712, 0800 30 030). */
export function isBuiltIn(phone: string | undefined): boolean {
  return !!phone && BUILT_IN.has(digits(phone));
}

function kindLabel(t: Messages, kind: string): string {
  return t.kinds[kind] ?? t.kinds.other ?? kind;
}

function Contact({ point, t, lang, now }: { point: ContactPoint; t: Messages; lang: Lang; now: Date }): JSX.Element {
  const name = textIn(point.name, lang);
  const status = openStatus(point.alwaysOpen, point.openingRules, now);
  const hours = weeklyHours(point.openingRules).filter((d) => d.ranges.length > 0);
  const badges = [point.emergencyLine && t.contacts.emergencyLine, point.free && t.contacts.free, point.anonymous && t.contacts.anonymous].filter(
    (b): b is string => !!b,
  );
  return (
    <li class="card" data-contact-point="">
      <h3>
        {name}
        {point.demo && <span class="badge demo"> {t.contacts.demo}</span>}
      </h3>
      <p class="kind">{kindLabel(t, point.kind ?? 'other')}</p>
      {point.description && <p>{textIn(point.description, lang)}</p>}
      {badges.length > 0 && (
        <ul class="badges">
          {badges.map((b) => (
            <li key={b} class="badge">
              {b}
            </li>
          ))}
        </ul>
      )}
      <p class={`status ${status.kind}`}>{statusText(status, t, lang)}</p>
      <dl class="facts">
        {point.address && <Fact term={t.contacts.address}>{point.address}</Fact>}
        {point.languages && point.languages.length > 0 && <Fact term={t.contacts.languages}>{languageNames(point.languages, lang)}</Fact>}
        {point.website && /^https:\/\//.test(point.website) && (
          <Fact term={t.contacts.website}>
            <a href={point.website} rel="noreferrer noopener">
              {point.website.replace(/^https:\/\//, '').replace(/\/$/, '')}
            </a>
          </Fact>
        )}
      </dl>
      {!point.alwaysOpen && hours.length > 0 && (
        <details class="hours">
          <summary>{t.contacts.hours}</summary>
          <table>
            <tbody>
              {hours.map((d) => (
                <tr key={d.weekday}>
                  <th scope="row">{weekdayName(d.weekday, lang)}</th>
                  <td>{joinList(d.ranges.map(isolateLtr), lang)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      )}
      {point.phone && (
        <a class="button call" href={telHref(point.phone)}>
          <CallLabel number={point.phone} />
        </a>
      )}
    </li>
  );
}

function statusText(status: ReturnType<typeof openStatus>, t: Messages, lang: Lang): string {
  switch (status.kind) {
    case 'always':
      return t.contacts.alwaysOpen;
    case 'unknown':
      return t.contacts.noHours;
    case 'open':
      return t.contacts.openNow(status.closes);
    case 'closed':
      return status.next ? t.contacts.opensAt(dayPhrase(status.next.inDays, status.next.weekday, lang), status.next.start) : t.contacts.closedNow;
  }
}
