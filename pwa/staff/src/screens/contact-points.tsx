import { useState } from 'preact/hooks';
import type { ContactPoint, ContactPointList } from '../../../../shared/catalog/api.js';
import { api, seg } from '../api.js';
import { label, useI18n } from '../i18n/index.js';
import { CONFIDENTIAL_KINDS, CONTACT_KINDS, type ContactKind } from '../../../../shared/catalog/types.js';
import { AuditTrail } from '../ui/audit-trail.js';
import { ErrorText } from '../ui/errors.js';
import { checked, Field, SelectField, value } from '../ui/fields.js';
import { useAction, useLoad } from '../ui/hooks.js';
import { draftOf, LocalizedFields, localizedOf } from '../ui/localized-fields.js';
import { Loading, Page, Status } from '../ui/page.js';
import { text } from './catalog.js';

/**
 * Contact points as coordinators keep them: the list (`GET /api/contact-points`), a new one added
 * (`POST /api/contact-points`), a point's name and description in every catalogue language, phone,
 * address and confidentiality changed with `PUT /api/contact-points/{id}` (the rest of the point sent
 * back as it was: shared/catalog/types.ts `ContactPoint`), and removal (`DELETE`), each confirmed.
 * Audited by the API; each card opens its own trail, where publishing a confidential kind's address
 * on purpose reads as such.
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
    name: draftOf(point.name),
    description: draftOf(point.description),
    phone: point.phone ?? '',
    address: point.address ?? '',
    confidential: point.confidential,
  });
  const action = useAction();
  const headingId = `cp-${point.id}`;
  const save = (e: Event) => {
    e.preventDefault();
    const { id: _id, ...rest } = point;
    const { phone: _p, address: _a, ...others } = rest;
    const body = {
      ...others,
      name: localizedOf(form.name),
      description: localizedOf(form.description),
      confidential: form.confidential,
      ...(form.phone.trim() ? { phone: form.phone.trim() } : {}),
      // A confidential place's address is never sent: the API would refuse it, and it must not be kept.
      ...(!form.confidential && form.address.trim() ? { address: form.address.trim() } : {}),
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
          <LocalizedFields id={`${point.id}-name`} label={t.contactPoints.name} value={form.name} onChange={(name) => setForm({ ...form, name })} />
          <LocalizedFields
            id={`${point.id}-description`}
            label={t.contactPoints.description}
            multiline
            value={form.description}
            onChange={(description) => setForm({ ...form, description })}
          />
          <Field
            id={`${point.id}-phone`}
            type="tel"
            label={t.contactPoints.phone}
            optional
            value={form.phone}
            onInput={(e) => setForm({ ...form, phone: value(e) })}
          />
          <Confidentiality
            id={`${point.id}-confidential`}
            kind={point.kind}
            confidential={form.confidential}
            address={form.address}
            onChange={(patch) => setForm({ ...form, ...patch })}
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
          <ConfidentialityNote kind={point.kind} confidential={point.confidential} />
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
          <AuditTrail entity="contact-point" id={point.id} nested />
        </>
      )}
    </li>
  );
}

const secretByKind = (kind: string): boolean => (CONFIDENTIAL_KINDS as readonly string[]).includes(kind);

/**
 * Whether the place is confidential, said plainly. Its address field shows only when it is not; on a
 * kind that is secret by nature (a shelter) leaving it unticked publishes the address on purpose, which
 * the API records as such in the trail, and the form says so before it is saved.
 */
function Confidentiality({
  id,
  kind,
  confidential,
  address,
  onChange,
}: {
  id: string;
  kind: string;
  confidential: boolean;
  address: string;
  onChange: (patch: { confidential?: boolean; address?: string }) => void;
}) {
  const { t } = useI18n();
  const overriding = secretByKind(kind) && !confidential;
  return (
    <>
      <Field
        id={id}
        type="checkbox"
        label={t.contactPoints.confidential}
        hint={secretByKind(kind) ? t.contactPoints.confidentialByKind(label(t.contactPoints.kinds, kind)) : undefined}
        checked={confidential}
        onChange={(e) => onChange({ confidential: checked(e) })}
      />
      {overriding ? (
        <p class="audit-notice" role="note">
          {t.contactPoints.publishWarning}
        </p>
      ) : null}
      {confidential ? (
        <p class="muted">{t.contactPoints.noAddress}</p>
      ) : (
        <Field id={`${id}-address`} label={t.contactPoints.address} optional value={address} onInput={(e) => onChange({ address: value(e) })} />
      )}
    </>
  );
}

/** On a card: a confidential place, or a confidential kind's address published on purpose (audited). */
function ConfidentialityNote({ kind, confidential }: { kind: ContactKind; confidential: boolean }) {
  const { t } = useI18n();
  if (confidential) return <p class="notice">{t.contactPoints.isConfidential}</p>;
  if (secretByKind(kind)) return <p class="audit-notice">{t.contactPoints.publishedOnPurpose}</p>;
  return null;
}

/** Adds a contact point (`POST /api/contact-points`): a readable id, the kind, names, what they do and how to reach them. */
function NewPoint({ onAdded }: { onAdded: (message: string) => void }) {
  const { t } = useI18n();
  const empty = {
    id: '',
    kind: '',
    name: draftOf(undefined),
    description: draftOf(undefined),
    phone: '',
    address: '',
    alwaysOpen: false,
    languages: 'nl, fr',
    confidential: false,
  };
  const [open, setOpen] = useState(false);
  const [form, setForm] = useState(empty);
  const action = useAction();
  const set = (k: 'id' | 'phone' | 'languages') => (e: Event) => setForm({ ...form, [k]: value(e) });
  const submit = (e: Event) => {
    e.preventDefault();
    void action.run(async () => {
      await api('POST', '/api/contact-points', {
        body: {
          id: form.id.trim(),
          kind: form.kind,
          name: localizedOf(form.name),
          description: localizedOf(form.description),
          confidential: form.confidential,
          ...(form.phone.trim() ? { phone: form.phone.trim() } : {}),
          ...(!form.confidential && form.address.trim() ? { address: form.address.trim() } : {}),
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
          // A kind that is secret by nature starts confidential; the coordinator may untick it on purpose.
          onChange={(v) => setForm({ ...form, kind: v, confidential: secretByKind(v) })}
          options={CONTACT_KINDS.map((k) => [k, label(t.contactPoints.kinds, k)] as const)}
        />
        <LocalizedFields id="new-point-name" label={t.contactPoints.name} value={form.name} onChange={(name) => setForm({ ...form, name })} />
        <LocalizedFields
          id="new-point-description"
          label={t.contactPoints.description}
          multiline
          value={form.description}
          onChange={(description) => setForm({ ...form, description })}
        />
        <Field id="new-point-phone" type="tel" label={t.contactPoints.phone} optional value={form.phone} onInput={set('phone')} />
        <Confidentiality
          id="new-point-confidential"
          kind={form.kind}
          confidential={form.confidential}
          address={form.address}
          onChange={(patch) => setForm({ ...form, ...patch })}
        />
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
