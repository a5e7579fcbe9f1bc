import type { JSX } from 'preact';
import { textIn, type Service } from '../catalog-types.js';
import { DataNotice } from '../contacts/DataNotice.js';
import { Fact } from '../contacts/Fact.js';
import { isOffline, useList } from '../data.js';
import { languageNames } from '../format.js';
import { useI18n } from '../i18n/index.js';
import { navigate } from '../router.js';
import { ScreenHeading } from '../screen-heading.js';

/** The FJC service catalogue (`GET /api/services`, offline from the worker's cache): what each service is and who it is for. */
export default function Services(): JSX.Element {
  const { t, lang } = useI18n();
  const state = useList<Service>('/api/services');
  return (
    <section>
      <ScreenHeading>{t.services.title}</ScreenHeading>
      <p>{t.services.intro}</p>
      {state.status === 'loading' && (
        <p class="loading" role="status">
          {t.loading}
        </p>
      )}
      {state.status === 'unavailable' && <p class="notice">{isOffline() ? t.data.offlineList : t.data.unavailable}</p>}
      {state.status === 'ready' && state.items.length === 0 && <p class="notice">{t.data.empty}</p>}
      {state.status === 'ready' && state.items.length > 0 && (
        <div data-services="">
          <DataNotice fetchedAt={state.fetchedAt} />
          {state.items.some((s) => s.demo) && <p class="notice demo-note">{t.contacts.demoNote}</p>}
          <ul class="cards">
            {state.items.map((s) => (
              <li key={s.id} class="card" data-service="">
                <h2>
                  {textIn(s.name, lang)}
                  {s.demo && <span class="badge demo"> {t.contacts.demo}</span>}
                </h2>
                {s.description && <p>{textIn(s.description, lang)}</p>}
                <dl class="facts">
                  {s.forWhom && <Fact term={t.services.audience}>{textIn(s.forWhom, lang)}</Fact>}
                  {s.partner && <Fact term={t.services.partner}>{s.partner}</Fact>}
                  {s.location && <Fact term={t.services.location}>{[s.location.label, s.location.address].filter(Boolean).join(', ')}</Fact>}
                  {s.languages && s.languages.length > 0 && <Fact term={t.services.languages}>{languageNames(s.languages, lang)}</Fact>}
                </dl>
                {s.bookable && (
                  <button type="button" class="button" onClick={() => navigate('book', { service: s.id })}>
                    {t.menu.book}
                  </button>
                )}
              </li>
            ))}
          </ul>
        </div>
      )}
      <button type="button" class="button" onClick={() => navigate('home')}>
        {t.backHome}
      </button>
    </section>
  );
}
