import type { JSX } from 'preact';
import { textIn, type Service } from '../catalog-types.js';
import { DataNotice } from '../contacts/DataNotice.js';
import { isOffline, useList } from '../data.js';
import { joinList, languageName } from '../format.js';
import { useI18n } from '../i18n/index.js';
import { navigate } from '../router.js';

/** The FJC service catalogue (`GET /api/services`, offline from the worker's cache): what each service is and who it is for. */
export default function Services(): JSX.Element {
  const { t, lang } = useI18n();
  const state = useList<Service>('/api/services');
  return (
    <section>
      <h1 tabIndex={-1} data-screen-heading="">
        {t.services.title}
      </h1>
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
                  {s.forWhom && (
                    <>
                      <dt>{t.services.audience}</dt>
                      <dd>{textIn(s.forWhom, lang)}</dd>
                    </>
                  )}
                  {s.partner && (
                    <>
                      <dt>{t.services.partner}</dt>
                      <dd>{s.partner}</dd>
                    </>
                  )}
                  {s.location && (
                    <>
                      <dt>{t.services.location}</dt>
                      <dd>{[s.location.label, s.location.address].filter(Boolean).join(', ')}</dd>
                    </>
                  )}
                  {s.languages && s.languages.length > 0 && (
                    <>
                      <dt>{t.services.languages}</dt>
                      <dd>
                        {joinList(
                          s.languages.map((l) => languageName(l, lang)),
                          lang,
                        )}
                      </dd>
                    </>
                  )}
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
