import { api } from '../api.js';
import { useI18n } from '../i18n/index.js';
import { ErrorText } from '../ui/errors.js';
import { useLoad } from '../ui/hooks.js';
import { Loading, Page } from '../ui/page.js';
import { text } from './catalog.js';

interface ContactPoint {
  id: string;
  name?: unknown;
  phone?: string;
  address?: unknown;
}

export function ContactPointsScreen() {
  const { t, lang } = useI18n();
  const list = useLoad(
    (signal) =>
      api<unknown>('GET', '/api/contact-points', { signal }).then((r) =>
        Array.isArray(r) ? (r as ContactPoint[]) : (((r ?? {}) as { contactPoints?: ContactPoint[] }).contactPoints ?? []),
      ),
    'contact-points',
  );
  return (
    <Page title={t.contactPoints.title}>
      <ErrorText error={list.error} />
      {list.loading && !list.data ? <Loading /> : null}
      {list.data && list.data.length === 0 ? <p>{t.contactPoints.empty}</p> : null}
      <ul class="cards">
        {(list.data ?? []).map((c) => (
          <li class="card" key={c.id}>
            <h2>{text(c.name, lang) || c.id}</h2>
            <p>{c.phone}</p>
            <p class="muted">{text(c.address, lang)}</p>
          </li>
        ))}
      </ul>
    </Page>
  );
}
