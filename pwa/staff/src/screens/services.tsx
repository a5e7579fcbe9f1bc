import { api } from '../api.js';
import { useI18n } from '../i18n/index.js';
import { ErrorText } from '../ui/errors.js';
import { useLoad } from '../ui/hooks.js';
import { Loading, Page } from '../ui/page.js';
import { servicesOf, text } from './catalog.js';

/** The catalogue as coordinators see it. Editing (PUT /api/services/{id}) follows once the catalogue API lands. */
export function ServicesScreen(_props: { id: string | undefined }) {
  const { t, lang } = useI18n();
  const list = useLoad((signal) => api<unknown>('GET', '/api/services', { signal }).then(servicesOf), 'services');
  return (
    <Page title={t.services.title}>
      <ErrorText error={list.error} />
      {list.loading && !list.data ? <Loading /> : null}
      {list.data && list.data.length === 0 ? <p>{t.services.empty}</p> : null}
      <ul class="cards">
        {(list.data ?? []).map((s) => (
          <li class="card" key={s.id}>
            <h2>{text(s.name, lang) || s.id}</h2>
            <p class="muted">{text(s.partner, lang)}</p>
          </li>
        ))}
      </ul>
    </Page>
  );
}
