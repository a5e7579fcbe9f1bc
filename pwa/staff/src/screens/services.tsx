import { useState } from 'preact/hooks';
import type { Closure, OpeningRule } from '../../../../shared/catalog/api.js';
import { api, seg } from '../api.js';
import { useI18n } from '../i18n/index.js';
import { href, navigate } from '../router.js';
import { ErrorText } from '../ui/errors.js';
import { Field, SelectField, value } from '../ui/fields.js';
import { useAction, useLoad } from '../ui/hooks.js';
import { Loading, Page, Status } from '../ui/page.js';
import { servicesOf, text, type Service } from './catalog.js';

/**
 * The catalogue as coordinators keep it: the list, and one service's numbers, weekly opening rules and
 * closures (`PUT /api/services/{id}`, which takes the service as `GET /api/services/{id}` returns it,
 * without its id: shared/catalog/types.ts). The API's 400 names any field it refuses, shown as it is.
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

function ServiceList() {
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
  const [saved, setSaved] = useState<string | undefined>(undefined);
  return (
    <Page title={s ? t.services.edit(text(s.name, lang) || id) : t.services.title}>
      <ErrorText error={loaded.error} />
      {loaded.loading && !s ? <Loading /> : null}
      {s ? <ServiceForm key={JSON.stringify(s)} service={s} onSaved={loaded.reload} saved={saved} setSaved={setSaved} /> : null}
    </Page>
  );
}

function ServiceForm({
  service,
  onSaved,
  saved,
  setSaved,
}: {
  service: Service;
  onSaved: () => void;
  saved: string | undefined;
  setSaved: (text: string | undefined) => void;
}) {
  const { t } = useI18n();
  const [numbers, setNumbers] = useState<Record<string, string>>(
    Object.fromEntries(NUMBERS.filter(([k]) => typeof service[k] === 'number').map(([k]) => [k, String(service[k])])),
  );
  const [rules, setRules] = useState<OpeningRule[]>(rulesOf(service));
  const [closures, setClosures] = useState<Closure[]>(closuresOf(service));
  const action = useAction();
  const setRule = (i: number, patch: Partial<OpeningRule>) => setRules(rules.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const setClosure = (i: number, patch: Partial<Closure>) => setClosures(closures.map((c, j) => (j === i ? { ...c, ...patch } : c)));
  const submit = (e: Event) => {
    e.preventDefault();
    setSaved(undefined);
    const { id: _id, ...rest } = service;
    const body = {
      ...rest,
      ...Object.fromEntries(Object.entries(numbers).map(([k, v]) => [k, Number(v)])),
      openingRules: rules,
      closures: closures.map((c) => ({ from: c.from, to: c.to, ...(c.reason ? { reason: c.reason } : {}) })),
    };
    void action.run(async () => {
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
      <fieldset>
        <legend>{t.services.openingRules}</legend>
        {rules.map((r, i) => (
          <fieldset class="group" key={i}>
            <legend>
              {t.services.openingRules} {i + 1}
            </legend>
            <SelectField
              id={`rule-${i}-day`}
              label={t.services.weekday}
              value={String(r.weekday)}
              onChange={(v) => setRule(i, { weekday: Number(v) })}
              options={t.services.weekdays.map((d, j) => [String(j + 1), d] as const)}
            />
            <Field id={`rule-${i}-start`} type="time" label={t.services.from} required value={r.start} onInput={(e) => setRule(i, { start: value(e) })} />
            <Field id={`rule-${i}-end`} type="time" label={t.services.to} required value={r.end} onInput={(e) => setRule(i, { end: value(e) })} />
            <button type="button" class="button" onClick={() => setRules(rules.filter((_, j) => j !== i))}>
              {t.services.removeRule}
            </button>
          </fieldset>
        ))}
        <button type="button" class="button" onClick={() => setRules([...rules, { weekday: 1, start: '09:00', end: '12:00' }])}>
          {t.services.addRule}
        </button>
      </fieldset>
      <fieldset>
        <legend>{t.services.closures}</legend>
        {closures.map((c, i) => (
          <fieldset class="group" key={i}>
            <legend>
              {t.services.closures} {i + 1}
            </legend>
            <Field
              id={`closure-${i}-from`}
              type="date"
              label={t.services.closureFrom}
              required
              value={c.from}
              onInput={(e) => setClosure(i, { from: value(e) })}
            />
            <Field id={`closure-${i}-to`} type="date" label={t.services.closureTo} required value={c.to} onInput={(e) => setClosure(i, { to: value(e) })} />
            <Field
              id={`closure-${i}-reason`}
              label={t.services.closureReason}
              optional
              value={c.reason ?? ''}
              onInput={(e) => setClosure(i, { reason: value(e) })}
            />
            <button type="button" class="button" onClick={() => setClosures(closures.filter((_, j) => j !== i))}>
              {t.services.removeClosure}
            </button>
          </fieldset>
        ))}
        <button type="button" class="button" onClick={() => setClosures([...closures, { from: '', to: '' }])}>
          {t.services.addClosure}
        </button>
      </fieldset>
      <ErrorText error={action.error} />
      <Status text={saved} />
      <div class="actions">
        <button type="submit" class="button primary" disabled={action.busy}>
          {action.busy ? t.saving : t.save}
        </button>
        <button type="button" class="button" onClick={() => navigate('#/services')}>
          {t.cancel}
        </button>
      </div>
    </form>
  );
}
