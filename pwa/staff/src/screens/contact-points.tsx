import { useState } from 'preact/hooks';
import type { ContactPoint, ContactPointList } from '../../../../shared/catalog/api.js';
import { api, seg } from '../api.js';
import { useI18n } from '../i18n/index.js';
import { ErrorText } from '../ui/errors.js';
import { Field, value } from '../ui/fields.js';
import { useAction, useLoad } from '../ui/hooks.js';
import { Loading, Page, Status } from '../ui/page.js';
import { text } from './catalog.js';

/**
 * Contact points as coordinators keep them: the list (`GET /api/contact-points`), a point's Dutch name,
 * phone and address changed with `PUT /api/contact-points/{id}` (the rest of the point sent back as it
 * was: shared/catalog/types.ts `ContactPoint`), and removal (`DELETE`), each confirmed. Audited by the API.
 */
export function ContactPointsScreen() {
  const { t, lang } = useI18n();
  const list = useLoad((signal) => api<ContactPointList>('GET', '/api/contact-points', { signal }).then((r) => r.contactPoints), 'contact-points');
  const [status, setStatus] = useState<string | undefined>(undefined);
  return (
    <Page title={t.contactPoints.title}>
      <ErrorText error={list.error} />
      <Status text={status} />
      {list.loading && !list.data ? <Loading /> : null}
      {list.data && list.data.length === 0 ? <p>{t.contactPoints.empty}</p> : null}
      <ul class="cards">
        {(list.data ?? []).map((c) => (
          <PointCard
            key={JSON.stringify(c)}
            point={c}
            name={text(c.name, lang) || c.id}
            onChanged={(message) => {
              setStatus(message);
              list.reload();
            }}
          />
        ))}
      </ul>
    </Page>
  );
}

function PointCard({ point, name, onChanged }: { point: ContactPoint; name: string; onChanged: (message: string) => void }) {
  const { t } = useI18n();
  const [mode, setMode] = useState<'view' | 'edit' | 'remove'>('view');
  const [form, setForm] = useState({ name: point.name.nl, phone: point.phone ?? '', address: point.address ?? '' });
  const action = useAction();
  const headingId = `cp-${point.id}`;
  const save = (e: Event) => {
    e.preventDefault();
    const { id: _id, ...rest } = point;
    const { phone: _p, address: _a, ...others } = rest;
    const body = {
      ...others,
      name: { ...point.name, nl: form.name.trim() },
      ...(form.phone.trim() ? { phone: form.phone.trim() } : {}),
      ...(form.address.trim() ? { address: form.address.trim() } : {}),
    };
    void action.run(async () => {
      await api('PUT', `/api/contact-points/${seg(point.id)}`, { body });
      onChanged(t.saved);
    });
  };
  const remove = () =>
    void action.run(async () => {
      await api('DELETE', `/api/contact-points/${seg(point.id)}`);
      onChanged(t.saved);
    });
  return (
    <li class="card" aria-labelledby={headingId} data-contact-point={point.id}>
      <h2 id={headingId}>{name}</h2>
      {mode === 'edit' ? (
        <form class="form" onSubmit={save}>
          <Field id={`${point.id}-name`} label={t.contactPoints.name} required value={form.name} onInput={(e) => setForm({ ...form, name: value(e) })} />
          <Field id={`${point.id}-phone`} type="tel" label={t.contactPoints.phone} optional value={form.phone} onInput={(e) => setForm({ ...form, phone: value(e) })} />
          <Field id={`${point.id}-address`} label={t.contactPoints.address} optional value={form.address} onInput={(e) => setForm({ ...form, address: value(e) })} />
          <ErrorText error={action.error} />
          <div class="actions">
            <button type="submit" class="button primary" disabled={action.busy}>
              {action.busy ? t.saving : t.save}
            </button>
            <button type="button" class="button" onClick={() => setMode('view')}>
              {t.cancel}
            </button>
          </div>
        </form>
      ) : (
        <>
          <p>{point.phone}</p>
          <p class="muted">{point.address}</p>
          {mode === 'remove' ? (
            <div role="group" aria-labelledby={`${headingId}-confirm`}>
              <p id={`${headingId}-confirm`}>{t.contactPoints.confirmRemove(name)}</p>
              <div class="actions">
                <button type="button" class="button primary" disabled={action.busy} onClick={remove}>
                  {t.contactPoints.remove}
                </button>
                <button type="button" class="button" onClick={() => setMode('view')}>
                  {t.cancel}
                </button>
              </div>
            </div>
          ) : (
            <div class="actions">
              <button type="button" class="button" aria-describedby={headingId} onClick={() => setMode('edit')}>
                {t.contactPoints.edit}
              </button>
              <button type="button" class="button" aria-describedby={headingId} onClick={() => setMode('remove')}>
                {t.contactPoints.remove}
              </button>
            </div>
          )}
          <ErrorText error={action.error} />
        </>
      )}
    </li>
  );
}
