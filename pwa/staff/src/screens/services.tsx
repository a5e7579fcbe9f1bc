import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import type { Closure, Localized, OpeningRule } from '../../../../shared/catalog/api.js';
import { PARTNERS } from '../../../../shared/partners.js';
import { ZONES } from '../../../../shared/zones-list.js';
import { api, seg } from '../api.js';
import { useI18n } from '../i18n/index.js';
import { href, navigate } from '../router.js';
import { AuditTrail } from '../ui/audit-trail.js';
import { ErrorText } from '../ui/errors.js';
import { checked, Field, SelectField, value } from '../ui/fields.js';
import { LinkButton } from '../ui/form-bits.js';
import { useAction, useLoad } from '../ui/hooks.js';
import { draftOf, LocalizedFields, localizedOf, type LocalizedDraft } from '../ui/localized-fields.js';
import { Loading, Page, Status } from '../ui/page.js';
import { servicesOf, text, type Service } from './catalog.js';

/**
 * The catalogue as coordinators keep it: the list, a new service (`POST /api/services`), and one
 * service's texts in every catalogue language, partner, place, confidentiality, numbers, weekly
 * opening rules and closures (`PUT /api/services/{id}`, which takes the service as
 * `GET /api/services/{id}` returns it, without its id: shared/catalog/types.ts). The API's 400 names
 * any field it refuses, shown as it is. There is no removal: `bookable` off stops bookings.
 */
const NUMBERS = [
  ['slotMinutes', 'slotMinutes'],
  ['bufferMinutes', 'bufferMinutes'],
  ['capacity', 'capacity'],
  ['leadHours', 'leadHours'],
  ['horizonDays', 'horizonDays'],
] as const;

export function ServicesScreen({ id }: { id: string | undefined }) {
  return id === undefined ? <ServiceList /> : <ServiceEditor id={id} />;
}

/** The confirmation of an add, shown by the editor the console opens next (a fresh screen). */
let flash: string | undefined;

/** A new service: the same form as the editor, with its id and zone, and nothing bookable until it has hours. */
export function NewServiceScreen() {
  const { t } = useI18n();
  const [saved, setSaved] = useState<string | undefined>(undefined);
  return (
    <Page title={t.services.add}>
      <ServiceForm service={undefined} onSaved={() => undefined} saved={saved} setSaved={setSaved} />
    </Page>
  );
}

function ServiceList() {
  const { t, lang } = useI18n();
  const list = useLoad((signal) => api<unknown>('GET', '/api/services', { signal }).then(servicesOf), 'services');
  return (
    <Page title={t.services.title}>
      <ErrorText error={list.error} />
      <LinkButton href="#/services/new" text={t.services.add} />
      {list.loading && !list.data ? <Loading /> : null}
      {list.data && list.data.length === 0 ? <p>{t.services.empty}</p> : null}
      <ul class="cards">
        {(list.data ?? []).map((s) => (
          <li class="card" key={s.id}>
            <h2>{text(s.name, lang) || s.id}</h2>
            <p class="muted">{text(s.partner, lang)}</p>
            {s.confidential === true ? <p class="notice">{t.services.isConfidential}</p> : null}
            {s.bookable === false ? <p>{t.services.notBookable}</p> : null}
            <a class="button" href={href('services', s.id)}>
              {t.services.edit(text(s.name, lang) || s.id)}
            </a>
          </li>
        ))}
      </ul>
    </Page>
  );
}

const rulesOf = (s: Service): OpeningRule[] => (Array.isArray(s.openingRules) ? (s.openingRules as OpeningRule[]) : []);
const closuresOf = (s: Service): Closure[] => (Array.isArray(s.closures) ? (s.closures as Closure[]) : []);

function ServiceEditor({ id }: { id: string }) {
  const { t, lang } = useI18n();
  const loaded = useLoad(
    (signal) =>
      api<unknown>('GET', `/api/services/${seg(id)}`, { signal }).then((r) => {
        const o = (r ?? {}) as { service?: Service } & Service;
        return o.service ?? o;
      }),
    id,
  );
  const s = loaded.data;
  // Kept here: saving reloads the service, which renews the form (its key) but not this message.
  const [saved, setSaved] = useState<string | undefined>(() => {
    const added = flash;
    flash = undefined;
    return added;
  });
  return (
    <Page title={s ? t.services.edit(text(s.name, lang) || id) : t.services.title}>
      <ErrorText error={loaded.error} />
      {loaded.loading && !s ? <Loading /> : null}
      {s ? <ServiceForm key={JSON.stringify(s)} service={s} onSaved={loaded.reload} saved={saved} setSaved={setSaved} /> : null}
      {s ? <AuditTrail entity="service" id={id} /> : null}
    </Page>
  );
}

/** A new service's numbers until the coordinator changes them: a one-hour appointment, bookable a day to eight weeks ahead. */
const NEW_NUMBERS: Record<(typeof NUMBERS)[number][0], number> = { slotMinutes: 60, bufferMinutes: 15, capacity: 1, leadHours: 24, horizonDays: 56 };

interface Described {
  zone: string;
  name: LocalizedDraft;
  description: LocalizedDraft;
  forWhom: LocalizedDraft;
  partnerId: string;
  partner: string;
  locationLabel: string;
  address: string;
  confidential: boolean;
  bookable: boolean;
  languages: string;
}

function describedOf(service: Service | undefined): Described {
  const location = (service?.location ?? {}) as { label?: string; address?: string };
  return {
    zone: typeof service?.zone === 'string' ? service.zone : ZONES.length === 1 ? ZONES[0].id : '',
    name: draftOf(service?.name as Localized | undefined),
    description: draftOf(service?.description as Localized | undefined),
    forWhom: draftOf(service?.forWhom as Localized | undefined),
    partnerId: typeof service?.partnerId === 'string' ? service.partnerId : '',
    partner: typeof service?.partner === 'string' ? service.partner : '',
    locationLabel: location.label ?? '',
    address: location.address ?? '',
    confidential: service?.confidential === true,
    // A new service is listed first and opened for bookings once its hours are right.
    bookable: service ? service.bookable !== false : false,
    languages: Array.isArray(service?.languages) ? (service.languages as string[]).join(', ') : 'nl, fr',
  };
}

function ServiceForm({
  service,
  onSaved,
  saved,
  setSaved,
}: {
  /** Undefined: a new service (POST), with an id and a zone to choose. */
  service: Service | undefined;
  onSaved: () => void;
  saved: string | undefined;
  setSaved: (text: string | undefined) => void;
}) {
  const { t } = useI18n();
  const [newId, setNewId] = useState('');
  const [d, setD] = useState<Described>(() => describedOf(service));
  const set = (patch: Partial<Described>) => setD({ ...d, ...patch });
  const [numbers, setNumbers] = useState<Record<string, string>>(
    service
      ? Object.fromEntries(NUMBERS.filter(([k]) => typeof service[k] === 'number').map(([k]) => [k, String(service[k])]))
      : Object.fromEntries(NUMBERS.map(([k]) => [k, String(NEW_NUMBERS[k])])),
  );
  const [rules, setRules] = useState<OpeningRule[]>(service ? rulesOf(service) : []);
  const [closures, setClosures] = useState<Closure[]>(service ? closuresOf(service) : []);
  const action = useAction();
  const partners = PARTNERS.filter((p) => !d.zone || (p.zones as readonly string[]).includes(d.zone));
  const partnerOptions: (readonly [string, string])[] = partners.map((p) => [p.id, p.name] as const);
  // A partner id stored before the declared list still shows, so saving does not silently change it.
  if (d.partnerId && !partnerOptions.some(([id]) => id === d.partnerId)) partnerOptions.push([d.partnerId, d.partnerId]);
  const choosePartner = (partnerId: string) => {
    const before = PARTNERS.find((p) => p.id === d.partnerId)?.name;
    const after = PARTNERS.find((p) => p.id === partnerId)?.name;
    // The shown name follows the organisation unless the coordinator wrote one of her own.
    set({ partnerId, partner: after && (d.partner === '' || d.partner === before) ? after : d.partner });
  };
  const submit = (e: Event) => {
    e.preventDefault();
    setSaved(undefined);
    const { id: _id, ...rest } = service ?? { id: '', demo: false };
    const body = {
      ...rest,
      zone: d.zone,
      name: localizedOf(d.name),
      description: localizedOf(d.description),
      forWhom: localizedOf(d.forWhom),
      partnerId: d.partnerId,
      partner: d.partner.trim(),
      // A confidential place's address is never sent: the API would refuse it, and it must not be kept.
      location: { label: d.locationLabel.trim(), ...(!d.confidential && d.address.trim() ? { address: d.address.trim() } : {}) },
      confidential: d.confidential,
      bookable: d.bookable,
      languages: d.languages.split(/[\s,]+/).filter(Boolean),
      ...Object.fromEntries(Object.entries(numbers).map(([k, v]) => [k, Number(v)])),
      openingRules: rules,
      closures: closures.map((c) => ({ from: c.from, to: c.to, ...(c.reason ? { reason: c.reason } : {}) })),
    };
    void action.run(async () => {
      if (!service) {
        const id = newId.trim();
        await api('POST', '/api/services', { body: { id, ...body } });
        flash = t.services.added;
        navigate(href('services', id));
        return;
      }
      await api('PUT', `/api/services/${seg(service.id)}`, { body });
      setSaved(t.saved);
      onSaved();
    });
  };
  const labels: Record<string, string> = {
    slotMinutes: t.services.slotMinutes,
    bufferMinutes: t.services.bufferMinutes,
    capacity: t.services.capacity,
    leadHours: t.services.leadHours,
    horizonDays: t.services.horizonDays,
  };
  return (
    <form class="form" onSubmit={submit}>
      {service ? null : (
        <>
          <Field id="svc-id" label={t.services.id} hint={t.services.idHint} required autocomplete="off" value={newId} onInput={(e) => setNewId(value(e))} />
          <SelectField
            id="svc-zone"
            label={t.services.zone}
            required
            empty={ZONES.length === 1 ? undefined : t.none}
            value={d.zone}
            onChange={(zone) => set({ zone })}
            options={ZONES.map((z) => [z.id, z.name] as const)}
          />
        </>
      )}
      <LocalizedFields id="svc-name" label={t.services.name} value={d.name} onChange={(name) => set({ name })} />
      <LocalizedFields id="svc-description" label={t.services.description} multiline value={d.description} onChange={(description) => set({ description })} />
      <LocalizedFields id="svc-for-whom" label={t.services.forWhom} multiline value={d.forWhom} onChange={(forWhom) => set({ forWhom })} />
      <SelectField
        id="svc-partner-id"
        label={t.services.partnerId}
        required
        empty={t.none}
        value={d.partnerId}
        onChange={choosePartner}
        options={partnerOptions}
      />
      <Field id="svc-partner" label={t.services.partner} required value={d.partner} onInput={(e) => set({ partner: value(e) })} />
      <Field
        id="svc-confidential"
        type="checkbox"
        label={t.services.confidential}
        hint={t.services.confidentialHint}
        checked={d.confidential}
        onChange={(e) => set({ confidential: checked(e) })}
      />
      <Field
        id="svc-location"
        label={t.services.location}
        hint={d.confidential ? t.services.locationConfidentialHint : t.services.locationHint}
        required
        value={d.locationLabel}
        onInput={(e) => set({ locationLabel: value(e) })}
      />
      {d.confidential ? (
        <p class="muted">{t.services.noAddress}</p>
      ) : (
        <Field id="svc-address" label={t.services.address} required value={d.address} onInput={(e) => set({ address: value(e) })} />
      )}
      <Field
        id="svc-languages"
        label={t.services.languages}
        hint={t.services.languagesHint}
        required
        value={d.languages}
        onInput={(e) => set({ languages: value(e) })}
      />
      <Field id="svc-bookable" type="checkbox" label={t.services.bookable} checked={d.bookable} onChange={(e) => set({ bookable: checked(e) })} />
      {Object.keys(numbers).map((k) => (
        <Field
          key={k}
          id={`svc-${k}`}
          type="number"
          min="0"
          label={labels[k] ?? k}
          required
          value={numbers[k]}
          onInput={(e) => setNumbers({ ...numbers, [k]: value(e) })}
        />
      ))}
      <RepeatedGroups
        legend={t.services.openingRules}
        items={rules}
        onChange={setRules}
        blank={{ weekday: 1, start: '09:00', end: '12:00' }}
        removeText={t.services.removeRule}
        addText={t.services.addRule}
      >
        {(r, i, setRule) => (
          <>
            <SelectField
              id={`rule-${i}-day`}
              label={t.services.weekday}
              value={String(r.weekday)}
              onChange={(v) => setRule({ weekday: Number(v) })}
              options={t.services.weekdays.map((d, j) => [String(j + 1), d] as const)}
            />
            <Field id={`rule-${i}-start`} type="time" label={t.services.from} required value={r.start} onInput={(e) => setRule({ start: value(e) })} />
            <Field id={`rule-${i}-end`} type="time" label={t.services.to} required value={r.end} onInput={(e) => setRule({ end: value(e) })} />
          </>
        )}
      </RepeatedGroups>
      <RepeatedGroups
        legend={t.services.closures}
        items={closures}
        onChange={setClosures}
        blank={{ from: '', to: '' }}
        removeText={t.services.removeClosure}
        addText={t.services.addClosure}
      >
        {(c, i, setClosure) => (
          <>
            <Field
              id={`closure-${i}-from`}
              type="date"
              label={t.services.closureFrom}
              required
              value={c.from}
              onInput={(e) => setClosure({ from: value(e) })}
            />
            <Field id={`closure-${i}-to`} type="date" label={t.services.closureTo} required value={c.to} onInput={(e) => setClosure({ to: value(e) })} />
            <Field
              id={`closure-${i}-reason`}
              label={t.services.closureReason}
              optional
              value={c.reason ?? ''}
              onInput={(e) => setClosure({ reason: value(e) })}
            />
          </>
        )}
      </RepeatedGroups>
      <ErrorText error={action.error} />
      <Status text={saved} />
      <div class="actions">
        <button type="submit" class="button primary" disabled={action.busy}>
          {action.busy ? t.saving : service ? t.save : t.services.add}
        </button>
        <button type="button" class="button" onClick={() => navigate('#/services')}>
          {t.cancel}
        </button>
      </div>
    </form>
  );
}

/** A list of numbered groups of fields (opening rules, closures), each removable, with an "add" button after them. */
function RepeatedGroups<T>({
  legend,
  items,
  onChange,
  blank,
  removeText,
  addText,
  children,
}: {
  legend: string;
  items: readonly T[];
  onChange: (items: T[]) => void;
  /** What "add" appends. */
  blank: T;
  removeText: string;
  addText: string;
  children: (item: T, i: number, set: (patch: Partial<T>) => void) => ComponentChildren;
}) {
  return (
    <fieldset>
      <legend>{legend}</legend>
      {items.map((item, i) => (
        <fieldset class="group" key={i}>
          <legend>
            {legend} {i + 1}
          </legend>
          {children(item, i, (patch) => onChange(items.map((x, j) => (j === i ? { ...x, ...patch } : x))))}
          <button type="button" class="button" onClick={() => onChange(items.filter((_, j) => j !== i))}>
            {removeText}
          </button>
        </fieldset>
      ))}
      <button type="button" class="button" onClick={() => onChange([...items, blank])}>
        {addText}
      </button>
    </fieldset>
  );
}
