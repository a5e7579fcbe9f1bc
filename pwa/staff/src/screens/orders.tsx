import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import type { OrderView as Order, OrderSummary, PositionFix as Fix } from '../../../../shared/orders/api.js';
import { DEMO_ZONE } from '../../../../shared/identity.js';
import type { StaffRole } from '../../../../shared/roles.js';
import { can } from '../access.js';
import { api, seg } from '../api.js';
import { label, useI18n } from '../i18n/index.js';
import { href, navigate } from '../router.js';
import { AuditTrail } from '../ui/audit-trail.js';
import { DataTable } from '../ui/data-table.js';
import { ErrorText } from '../ui/errors.js';
import { checked, Fact, Facts, Field, isoToLocal, localToIso, SelectField, value } from '../ui/fields.js';
import { GroupList, LinkButton, SubmitCancel } from '../ui/form-bits.js';
import { useAction, useAnswered, useLoad } from '../ui/hooks.js';
import { Loading, Page } from '../ui/page.js';
import { conditionFieldLabels, conditionsBody, noConditions, PerpetratorConditionsFacts, PerpetratorConditionsFields } from './order-conditions.js';
import { OrderTimeline } from './timeline.js';

const ZONE_LABELS = ['home', 'work', 'school', 'other'] as const;
const END_REASONS = ['expired', 'lifted_by_court', 'replaced', 'entered_in_error', 'other'] as const;

export function OrdersScreen({ roles }: { roles: readonly StaffRole[] }) {
  const { t, dateTimeYear } = useI18n();
  const list = useLoad((signal) => api<{ orders: OrderSummary[] }>('GET', '/api/orders', { signal }), 'orders');
  return (
    <Page title={t.orders.title} audited>
      {can(roles, 'POST /api/orders') ? <LinkButton href="#/orders/new" text={t.orders.new} /> : null}
      <ErrorText error={list.error} />
      {list.loading && !list.data ? <Loading /> : null}
      {list.data && list.data.orders.length === 0 ? <p>{t.orders.empty}</p> : null}
      {list.data && list.data.orders.length > 0 ? (
        <ul class="cards">
          {list.data.orders.map((o) => (
            <li class="card" key={o.id}>
              <h2>
                <a href={href('orders', o.id)} aria-label={t.orders.open(o.id)}>
                  {o.id}
                </a>
              </h2>
              <Facts>
                <Fact term={t.orders.validity}>
                  {dateTimeYear(o.validFrom)} – {dateTimeYear(o.validUntil)}
                </Fact>
                <Fact term={t.orders.respondentDevice}>{o.respondentDeviceId}</Fact>
                <Fact term={t.orders.conditions}>
                  <ConditionSummary c={o.conditions} />
                </Fact>
              </Facts>
            </li>
          ))}
        </ul>
      ) : null}
    </Page>
  );
}

function ConditionSummary({ c }: { c: OrderSummary['conditions'] }) {
  const { t } = useI18n();
  const parts = [
    ...c.zones.map((z) => label(t.alerts.zoneLabels, z)),
    ...(c.movingZone ? [t.orders.movingZone.split(' (')[0] ?? ''] : []),
    ...(c.curfews > 0 ? [`${t.orders.curfews}: ${c.curfews}`] : []),
    ...(c.noContact ? [t.orders.noContact.split(' (')[0] ?? ''] : []),
  ];
  return <>{parts.join(' · ') || t.none}</>;
}

export function OrderScreen({ id, roles }: { id: string; roles: readonly StaffRole[] }) {
  const { t, dateTime, dateTimeYear } = useI18n();
  const order = useLoad((signal) => api<Order>('GET', `/api/orders/${seg(id)}`, { signal }), id);
  const action = useAction();
  const [reason, setReason] = useState('');
  const o = order.data;
  const end = (e: Event) => {
    e.preventDefault();
    void action.run(async () => {
      await api('POST', `/api/orders/${seg(id)}/end`, { body: { reason } });
      order.reload();
    });
  };
  return (
    <Page title={t.orders.orderTitle(id)} audited>
      <ErrorText error={order.error} />
      {order.loading && !o ? <Loading /> : null}
      {o ? (
        <>
          <Facts>
            <Fact term={t.cases.status}>{o.status === 'active' ? t.orders.active : `${t.orders.ended} (${label(t.orders.endReasons, o.endReason)})`}</Fact>
            <Fact term={t.orders.version}>{o.version}</Fact>
            <Fact term={t.orders.district}>{o.district}</Fact>
            <Fact term={t.orders.validity}>
              {dateTimeYear(o.validFrom)} – {dateTimeYear(o.validUntil)}
            </Fact>
            <Fact term={t.orders.respondentDevice}>{o.respondentDeviceId}</Fact>
            <Fact term={t.orders.protectedRef}>{o.protectedPersonRef}</Fact>
            <Fact term={t.orders.protectedDevice}>{o.protectedDeviceId ?? t.none}</Fact>
            <Fact term={t.orders.noContact}>{o.noContact ? t.yes : t.no}</Fact>
          </Facts>
          <h2>{t.orders.zones}</h2>
          {o.zones.length === 0 ? <p>{t.none}</p> : null}
          <ul>
            {o.zones.map((z) => (
              <li key={z.id}>
                {label(t.alerts.zoneLabels, z.label)}: {t.orders.alertRadius} {z.alertRadiusM}, {t.orders.preAlertRadius} {z.preAlertRadiusM}
                {o.monitoring?.zones[z.id] ? ` — ${o.monitoring.zones[z.id]?.phase}` : ''}
              </li>
            ))}
            {o.movingZone ? (
              <li>
                {t.orders.movingZone.split(' (')[0]}: {t.orders.alertRadius} {o.movingZone.alertRadiusM}
              </li>
            ) : null}
          </ul>
          {o.curfews.length > 0 ? (
            <>
              <h2>{t.orders.curfews}</h2>
              <ul>
                {o.curfews.map((c) => (
                  <li key={c.id}>
                    {c.start}–{c.end} ({t.orders.radius} {c.radiusM})
                  </li>
                ))}
              </ul>
            </>
          ) : null}
          <PerpetratorConditionsFacts p={o.perpetrator} />
          {o.monitoring ? (
            <>
              <h2>{t.orders.monitoring}</h2>
              <Facts>
                <Fact term={t.orders.lastSeen}>{dateTime(o.monitoring.lastSeenAt)}</Fact>
                <Fact term={t.orders.signalLost}>{o.monitoring.signalLost ? t.yes : t.no}</Fact>
                <Fact term={t.orders.batteryLow}>{o.monitoring.batteryLow ? t.yes : t.no}</Fact>
              </Facts>
            </>
          ) : null}
          {o.status === 'active' && can(roles, 'POST /api/orders/{id}/end') ? (
            <form class="panel" onSubmit={end}>
              <h2>{t.orders.end}</h2>
              <SelectField
                id="end-reason"
                label={t.orders.endReason}
                value={reason}
                onChange={setReason}
                required
                empty={t.none}
                options={END_REASONS.map((r) => [r, label(t.orders.endReasons, r)] as const)}
              />
              <button type="submit" class="button danger" disabled={action.busy}>
                {t.orders.end}
              </button>
              <ErrorText error={action.error} />
            </form>
          ) : null}
          {can(roles, 'GET /api/orders/{id}/timeline') ? <OrderTimeline id={o.id} /> : null}
          {can(roles, 'GET /api/orders/{id}/positions') ? <Positions id={o.id} /> : null}
          {can(roles, 'GET /api/audit/{entity}/{id}') ? <AuditTrail entity="order" id={o.id} /> : null}
        </>
      ) : null}
    </Page>
  );
}

interface ZoneForm {
  label: string;
  lat: string;
  lon: string;
  alert: string;
  preAlert: string;
}
interface CurfewForm {
  start: string;
  end: string;
  lat: string;
  lon: string;
  radius: string;
}

const num = (s: string): number => Number(s.replace(',', '.'));

/** A circle on the map (a zone, a curfew's home): its centre's latitude and longitude, then its radius in metres (the `radius` field of `place`). */
function CircleFields<K extends string>({
  id,
  place,
  radius,
  label: radiusLabel,
  max,
  set,
}: {
  id: string;
  place: Record<'lat' | 'lon' | K, string>;
  radius: K;
  label: string;
  max: number;
  set: (patch: Partial<Record<'lat' | 'lon' | K, string>>) => void;
}) {
  const { t } = useI18n();
  const fields = [
    ['lat', t.orders.lat, { step: 'any', min: '-90', max: '90' }],
    ['lon', t.orders.lon, { step: 'any', min: '-180', max: '180' }],
    [radius, radiusLabel, { min: '50', max: String(max) }],
  ] as const;
  return (
    <>
      {fields.map(([key, text, bounds]) => (
        <Field
          key={key}
          id={`${id}-${key}`}
          label={text}
          type="number"
          {...bounds}
          required
          value={place[key]}
          onInput={(e) => set({ [key]: value(e) } as Partial<Record<'lat' | 'lon' | K, string>>)}
        />
      ))}
    </>
  );
}

const newZone = (): ZoneForm => ({ label: 'work', lat: '', lon: '', alert: '500', preAlert: '' });
const newCurfew = (): CurfewForm => ({ start: '21:00', end: '07:00', lat: '', lon: '', radius: '200' });

/** The order form's repeatable groups, its zones or its curfews: one GroupList, with the texts `t.orders` has for each. */
function OrderGroups<T>({
  of,
  ...list
}: {
  of: 'zone' | 'curfew';
  items: readonly T[];
  onChange: (items: T[]) => void;
  newItem: () => T;
  fields: (item: T, i: number, set: (patch: Partial<T>) => void) => ComponentChildren;
}) {
  const { t } = useI18n();
  const o = t.orders;
  const [legend, one, remove, add] = of === 'zone' ? [o.zones, o.zone, o.removeZone, o.addZone] : [o.curfews, o.curfew, o.removeCurfew, o.addCurfew];
  return <GroupList {...list} legend={legend} groupLegend={(i) => one(i + 1)} removeText={() => remove} addText={add} groupClass="group" />;
}

/** One exclusion zone's fields: its label, its centre, its alert and pre-alert radii. */
function ZoneFields({ z, i, set }: { z: ZoneForm; i: number; set: (patch: Partial<ZoneForm>) => void }) {
  const { t } = useI18n();
  return (
    <>
      <SelectField
        id={`zone-${i}-label`}
        label={t.orders.zoneLabel}
        value={z.label}
        onChange={(v) => set({ label: v })}
        options={ZONE_LABELS.map((l) => [l, label(t.alerts.zoneLabels, l)] as const)}
      />
      <CircleFields id={`zone-${i}`} place={z} radius="alert" label={t.orders.alertRadius} max={20000} set={set} />
      <Field
        id={`zone-${i}-prealert`}
        label={t.orders.preAlertRadius}
        hint={t.orders.preAlertDefault}
        optional
        type="number"
        min="50"
        max="40000"
        value={z.preAlert}
        onInput={(e) => set({ preAlert: value(e) })}
      />
    </>
  );
}

/** One curfew's fields: its hours, its home, its radius. */
function CurfewFields({ c, i, set }: { c: CurfewForm; i: number; set: (patch: Partial<CurfewForm>) => void }) {
  const { t } = useI18n();
  return (
    <>
      <Field id={`curfew-${i}-start`} label={t.orders.curfewStart} type="time" required value={c.start} onInput={(e) => set({ start: value(e) })} />
      <Field id={`curfew-${i}-end`} label={t.orders.curfewEnd} type="time" required value={c.end} onInput={(e) => set({ end: value(e) })} />
      <CircleFields id={`curfew-${i}`} place={c} radius="radius" label={t.orders.radius} max={5000} set={set} />
    </>
  );
}

export function NewOrderScreen() {
  const { t } = useI18n();
  const now = new Date();
  const [district, setDistrict] = useState(DEMO_ZONE);
  const [respondent, setRespondent] = useState('');
  const [protectedRef, setProtectedRef] = useState('');
  const [protectedDevice, setProtectedDevice] = useState('');
  const [share, setShare] = useState(false);
  const [from, setFrom] = useState(isoToLocal(now));
  const [until, setUntil] = useState(isoToLocal(new Date(now.getTime() + 180 * 86_400_000)));
  const [zones, setZones] = useState<ZoneForm[]>([{ label: 'home', lat: '', lon: '', alert: '500', preAlert: '' }]);
  const [curfews, setCurfews] = useState<CurfewForm[]>([]);
  const [moving, setMoving] = useState('');
  const [noContact, setNoContact] = useState(true);
  const [perpetrator, setPerpetrator] = useState(() => noConditions(now));
  const action = useAnswered<{ id: string; code: string }>();
  const created = action.answer;

  if (created) {
    return (
      <Page title={t.orders.created}>
        <div class="panel">
          <h2>{t.orders.protectionCode}</h2>
          <p class="code" data-testid="protection-code">
            {created.code}
          </p>
          <p>{t.orders.protectionCodeHint}</p>
        </div>
        <LinkButton href={href('orders', created.id)} text={t.orders.open(created.id)} />
      </Page>
    );
  }

  const submit = action.submit(async () => {
    const conditions = conditionsBody(perpetrator);
    const body = {
      district,
      respondentDeviceId: respondent.trim(),
      protectedPersonRef: protectedRef.trim(),
      ...(protectedDevice.trim() ? { protectedDeviceId: protectedDevice.trim() } : {}),
      shareProtectedPosition: share,
      validFrom: localToIso(from),
      validUntil: localToIso(until),
      zones: zones.map((z) => ({
        label: z.label,
        centre: { lat: num(z.lat), lon: num(z.lon) },
        alertRadiusM: num(z.alert),
        ...(z.preAlert.trim() ? { preAlertRadiusM: num(z.preAlert) } : {}),
      })),
      ...(moving.trim() ? { movingZone: { alertRadiusM: num(moving) } } : {}),
      curfews: curfews.map((c) => ({ start: c.start, end: c.end, centre: { lat: num(c.lat), lon: num(c.lon) }, radiusM: num(c.radius) })),
      noContact,
      ...(conditions ? { perpetrator: conditions } : {}),
    };
    const res = await api<{ order: { id: string }; protectionCode: string }>('POST', '/api/orders', { body });
    return { id: res.order.id, code: res.protectionCode };
  });

  return (
    <Page title={t.orders.newTitle}>
      <form onSubmit={submit} class="form">
        <Field id="district" label={t.orders.district} value={district} required pattern="[a-z0-9-]+" onInput={(e) => setDistrict(value(e))} />
        <Field id="respondent" label={t.orders.respondentDevice} value={respondent} required autocomplete="off" onInput={(e) => setRespondent(value(e))} />
        <Field id="protected-ref" label={t.orders.protectedRef} value={protectedRef} required autocomplete="off" onInput={(e) => setProtectedRef(value(e))} />
        <Field
          id="protected-device"
          label={t.orders.protectedDevice}
          optional
          value={protectedDevice}
          autocomplete="off"
          onInput={(e) => setProtectedDevice(value(e))}
        />
        <Field id="share" type="checkbox" label={t.orders.sharePosition} checked={share} onChange={(e) => setShare(checked(e))} />
        <Field id="valid-from" type="datetime-local" label={t.orders.validFrom} value={from} required onInput={(e) => setFrom(value(e))} />
        <Field id="valid-until" type="datetime-local" label={t.orders.validUntil} value={until} required onInput={(e) => setUntil(value(e))} />
        <OrderGroups of="zone" items={zones} onChange={setZones} newItem={newZone} fields={(z, i, set) => <ZoneFields z={z} i={i} set={set} />} />
        <Field id="moving" label={t.orders.movingZone} optional type="number" min="50" max="20000" value={moving} onInput={(e) => setMoving(value(e))} />
        <OrderGroups of="curfew" items={curfews} onChange={setCurfews} newItem={newCurfew} fields={(c, i, set) => <CurfewFields c={c} i={i} set={set} />} />
        <Field id="no-contact" type="checkbox" label={t.orders.noContact} checked={noContact} onChange={(e) => setNoContact(checked(e))} />
        <PerpetratorConditionsFields form={perpetrator} onChange={setPerpetrator} />
        <ErrorText error={action.error} labels={conditionFieldLabels(t)} />
        <SubmitCancel busy={action.busy} submitText={t.orders.new} onCancel={() => navigate('#/orders')} />
      </form>
    </Page>
  );
}

/** The respondent's retained fixes, read only on request (`GET /api/orders/{id}/positions`, audited). */
function Positions({ id }: { id: string }) {
  const { t, dateTime } = useI18n();
  const [fixes, setFixes] = useState<Fix[] | undefined>(undefined);
  const action = useAction();
  const load = () =>
    void action.run(async () => {
      const res = await api<{ positions: Fix[] }>('GET', `/api/orders/${seg(id)}/positions`);
      setFixes(res.positions);
    });
  return (
    <section aria-labelledby="positions-title" class="panel">
      <h2 id="positions-title">{t.orders.positions}</h2>
      {fixes === undefined ? (
        <>
          <p class="muted">{t.orders.positionsHint}</p>
          <button type="button" class="button" disabled={action.busy} onClick={load}>
            {t.orders.showPositions}
          </button>
        </>
      ) : fixes.length === 0 ? (
        <p>{t.orders.noPositions}</p>
      ) : (
        <DataTable
          labelledBy="positions-title"
          columns={[t.alerts.at, t.alerts.position, t.alerts.accuracy]}
          numeric={[2]}
          rows={fixes}
          rowKey={(f) => `${f.at}-${f.lat}-${f.lon}`}
          cells={(f) => [dateTime(f.at), `${f.lat.toFixed(5)}, ${f.lon.toFixed(5)}`, Math.round(f.accuracy)]}
        />
      )}
      <ErrorText error={action.error} />
    </section>
  );
}
