import { useState } from 'preact/hooks';
import type { ContactPoint, ContactPointList } from '../../../../shared/catalog/api.js';
import { api, seg } from '../api.js';
import { label, LANG_NAMES, useI18n } from '../i18n/index.js';
import { CONTACT_KINDS } from '../../../../shared/catalog/types.js';
import { ErrorText } from '../ui/errors.js';
import { checked, Field, SelectField, value } from '../ui/fields.js';
import { useAction, useLoad } from '../ui/hooks.js';
import { Loading, Page, Status } from '../ui/page.js';
import { text } from './catalog.js';

/**
 * Contact points as coordinators keep them: the list (`GET /api/contact-points`), a new one added
 * (`POST /api/contact-points`), a point's name in every language, phone and address changed with
 * `PUT /api/contact-points/{id}` (the rest of the point sent back as it was: shared/catalog/types.ts
 * `ContactPoint`), and removal (`DELETE`), each confirmed. Audited by the API.
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
      <NewPoint
        onAdded={(message) => {
          setStatus(message);
          list.reload();
        }}
      />
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
  const [form, setForm] = useState({
    name: point.name.nl,
    nameFr: point.name.fr ?? '',
    nameEn: point.name.en ?? '',
    phone: point.phone ?? '',
    address: point.address ?? '',
  });
  const action = useAction();
  const headingId = `cp-${point.id}`;
  const save = (e: Event) => {
    e.preventDefault();
    const { id: _id, ...rest } = point;
    const { phone: _p, address: _a, ...others } = rest;
    const body = {
      ...others,
      name: localized(point.name, form.name, form.nameFr, form.nameEn),
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
          <Field
            id={`${point.id}-name`}
            label={t.contactPoints.nameIn(LANG_NAMES.nl)}
            required
            value={form.name}
            onInput={(e) => setForm({ ...form, name: value(e) })}
          />
          <Field
            id={`${point.id}-name-fr`}
            label={t.contactPoints.nameIn(LANG_NAMES.fr)}
            optional
            value={form.nameFr}
            onInput={(e) => setForm({ ...form, nameFr: value(e) })}
          />
          <Field
            id={`${point.id}-name-en`}
            label={t.contactPoints.nameIn(LANG_NAMES.en)}
            optional
            value={form.nameEn}
            onInput={(e) => setForm({ ...form, nameEn: value(e) })}
          />
          <Field
            id={`${point.id}-phone`}
            type="tel"
            label={t.contactPoints.phone}
            optional
            value={form.phone}
            onInput={(e) => setForm({ ...form, phone: value(e) })}
          />
          <Field
            id={`${point.id}-address`}
            label={t.contactPoints.address}
            optional
            value={form.address}
            onInput={(e) => setForm({ ...form, address: value(e) })}
          />
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

/** A name in Dutch (required) and, when given, French and English; other languages kept as they were. */
function localized(previous: Partial<Record<string, string>>, nl: string, fr: string, en: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(previous)) if (typeof v === 'string' && k !== 'fr' && k !== 'en') out[k] = v;
  out.nl = nl.trim();
  if (fr.trim()) out.fr = fr.trim();
  if (en.trim()) out.en = en.trim();
  return out;
}

/** Adds a contact point (`POST /api/contact-points`): a readable id, the kind, names, what they do and how to reach them. */
function NewPoint({ onAdded }: { onAdded: (message: string) => void }) {
  const { t } = useI18n();
  const empty = { id: '', kind: '', name: '', nameFr: '', nameEn: '', description: '', phone: '', address: '', alwaysOpen: false, languages: 'nl, fr' };
  const [open, setOpen] = useState(false);
  const [form, setForm] = useState(empty);
  const action = useAction();
  const set = (k: keyof typeof empty) => (e: Event) => setForm({ ...form, [k]: value(e) });
  const submit = (e: Event) => {
    e.preventDefault();
    void action.run(async () => {
      await api('POST', '/api/contact-points', {
        body: {
          id: form.id.trim(),
          kind: form.kind,
          name: localized({}, form.name, form.nameFr, form.nameEn),
          description: { nl: form.description.trim() },
          ...(form.phone.trim() ? { phone: form.phone.trim() } : {}),
          ...(form.address.trim() ? { address: form.address.trim() } : {}),
          alwaysOpen: form.alwaysOpen,
          languages: form.languages.split(/[\s,]+/).filter(Boolean),
        },
      });
      setForm(empty);
      setOpen(false);
      onAdded(t.contactPoints.added);
    });
  };
  if (!open) {
    return (
      <p>
        <button type="button" class="button primary" onClick={() => setOpen(true)}>
          {t.contactPoints.add}
        </button>
      </p>
    );
  }
  return (
    <section aria-labelledby="new-point" class="panel">
      <h2 id="new-point">{t.contactPoints.add}</h2>
      <form class="form" onSubmit={submit}>
        <Field id="new-point-id" label={t.contactPoints.id} hint={t.contactPoints.idHint} required autocomplete="off" value={form.id} onInput={set('id')} />
        <SelectField
          id="new-point-kind"
          label={t.contactPoints.kind}
          required
          empty={t.none}
          value={form.kind}
          onChange={(v) => setForm({ ...form, kind: v })}
          options={CONTACT_KINDS.map((k) => [k, label(t.contactPoints.kinds, k)] as const)}
        />
        <Field id="new-point-name" label={t.contactPoints.nameIn(LANG_NAMES.nl)} required value={form.name} onInput={set('name')} />
        <Field id="new-point-name-fr" label={t.contactPoints.nameIn(LANG_NAMES.fr)} optional value={form.nameFr} onInput={set('nameFr')} />
        <Field id="new-point-name-en" label={t.contactPoints.nameIn(LANG_NAMES.en)} optional value={form.nameEn} onInput={set('nameEn')} />
        <Field id="new-point-description" label={t.contactPoints.description} required value={form.description} onInput={set('description')} />
        <Field id="new-point-phone" type="tel" label={t.contactPoints.phone} optional value={form.phone} onInput={set('phone')} />
        <Field id="new-point-address" label={t.contactPoints.address} optional value={form.address} onInput={set('address')} />
        <Field
          id="new-point-languages"
          label={t.contactPoints.languages}
          hint={t.contactPoints.languagesHint}
          required
          value={form.languages}
          onInput={set('languages')}
        />
        <Field
          id="new-point-always"
          type="checkbox"
          label={t.contactPoints.alwaysOpen}
          checked={form.alwaysOpen}
          onChange={(e) => setForm({ ...form, alwaysOpen: checked(e) })}
        />
        <ErrorText error={action.error} />
        <div class="actions">
          <button type="submit" class="button primary" disabled={action.busy}>
            {action.busy ? t.saving : t.contactPoints.add}
          </button>
          <button type="button" class="button" onClick={() => setOpen(false)}>
            {t.cancel}
          </button>
        </div>
      </form>
    </section>
  );
}
