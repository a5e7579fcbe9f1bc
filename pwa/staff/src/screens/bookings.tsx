import { useState } from 'preact/hooks';
import { api, apiPath, seg } from '../api.js';
import { label, useI18n } from '../i18n/index.js';
import { navigate } from '../router.js';
import { ErrorText } from '../ui/errors.js';
import { Fact, Facts, SelectField } from '../ui/fields.js';
import { useAction, useLoad } from '../ui/hooks.js';
import { Loading, Page } from '../ui/page.js';
import { servicesOf, text } from './catalog.js';

/** A booking as the coordinators' list returns it (functions/bookings). */
interface SafeContact {
  allowed?: boolean;
  mayContact?: boolean;
  method?: string;
  phone?: string;
  windows?: unknown;
  voicemail?: boolean;
  voicemailAllowed?: boolean;
  codeWord?: string;
}
interface Booking {
  reference: string;
  start?: string;
  slotStart?: string;
  alias?: string;
  firstName?: string;
  name?: string;
  language?: string;
  interpreter?: boolean;
  interpreterNeeded?: boolean;
  childcare?: boolean;
  childcareNeeded?: boolean;
  accessibility?: string;
  accessibilityNeeds?: string;
  safeContact?: SafeContact;
  status?: string;
  attended?: boolean;
  attendance?: string;
}

const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Brussels' }).format(new Date());

export function BookingsScreen({ query }: { query: URLSearchParams }) {
  const { t, lang } = useI18n();
  const services = useLoad((signal) => api<unknown>('GET', '/api/services', { signal }).then(servicesOf), 'services');
  const serviceId = query.get('service') ?? '';
  const date = query.get('date') ?? today();
  const [svc, setSvc] = useState(serviceId);
  const [day, setDay] = useState(date);
  const path = apiPath('/api/staff/bookings', { serviceId, date });
  const show = (e: Event) => {
    e.preventDefault();
    navigate(`#/bookings?${new URLSearchParams({ service: svc, date: day }).toString()}`);
  };
  return (
    <Page title={t.bookings.title} audited>
      <form class="inline-form" onSubmit={show}>
        <SelectField
          id="service"
          label={t.bookings.service}
          value={svc}
          onChange={setSvc}
          required
          empty={t.none}
          options={(services.data ?? []).map((s) => [s.id, text(s.name, lang) || s.id] as const)}
        />
        <div class="field">
          <label for="day">{t.bookings.date}</label>
          <input id="day" type="date" required value={day} onInput={(e) => setDay((e.currentTarget as HTMLInputElement).value)} />
        </div>
        <button type="submit" class="button primary">
          {t.bookings.show}
        </button>
      </form>
      <ErrorText error={services.error} />
      {serviceId ? <BookingList key={path} path={path} /> : <p class="muted">{t.bookings.chooseService}</p>}
    </Page>
  );
}

function BookingList({ path }: { path: string }) {
  const { t } = useI18n();
  const list = useLoad(
    (signal) =>
      api<unknown>('GET', path, { signal }).then((r) => {
        if (Array.isArray(r)) return r as Booking[];
        const o = (r ?? {}) as { bookings?: Booking[] };
        return o.bookings ?? [];
      }),
    path,
  );
  return (
    <>
      <ErrorText error={list.error} />
      {list.loading && !list.data ? <Loading /> : null}
      {list.data && list.data.length === 0 ? <p>{t.bookings.empty}</p> : null}
      <ul class="cards">
        {(list.data ?? []).map((b) => (
          <BookingCard key={b.reference} b={b} onChange={list.reload} />
        ))}
      </ul>
    </>
  );
}

function windowsText(w: unknown): string {
  if (typeof w === 'string') return w;
  if (Array.isArray(w))
    return w
      .map((x) => (typeof x === 'string' ? x : x && typeof x === 'object' ? Object.values(x as Record<string, unknown>).filter((v) => typeof v === 'string' || typeof v === 'number').join('–') : ''))
      .filter(Boolean)
      .join(', ');
  return '';
}

function BookingCard({ b, onChange }: { b: Booking; onChange: () => void }) {
  const { t, time } = useI18n();
  const action = useAction();
  const yesNo = (v: boolean | undefined) => (v === undefined ? t.none : v ? t.yes : t.no);
  const sc = b.safeContact ?? {};
  const may = sc.allowed ?? sc.mayContact;
  const base = `/api/staff/bookings/${seg(b.reference)}`;
  const post = (suffix: string, body?: unknown) =>
    void action.run(async () => {
      await api('POST', `${base}/${suffix}`, body === undefined ? {} : { body });
      onChange();
    });
  const headingId = `booking-${b.reference}`;
  return (
    <li class="card" aria-labelledby={headingId} data-booking={b.reference}>
      <h2 id={headingId}>
        {time(b.start ?? b.slotStart).slice(0, 5)} — {b.alias ?? b.firstName ?? b.name ?? b.reference}
      </h2>
      <Facts>
        <Fact term={t.bookings.reference}>{b.reference}</Fact>
        <Fact term={t.bookings.status}>{label(t.bookings.statuses, b.attendance ?? b.status) || t.none}</Fact>
        <Fact term={t.bookings.language}>{b.language ?? t.none}</Fact>
        <Fact term={t.bookings.interpreter}>{yesNo(b.interpreter ?? b.interpreterNeeded)}</Fact>
        <Fact term={t.bookings.childcare}>{yesNo(b.childcare ?? b.childcareNeeded)}</Fact>
        <Fact term={t.bookings.accessibility}>{b.accessibility ?? b.accessibilityNeeds ?? t.none}</Fact>
      </Facts>
      <h3>{t.bookings.safeContact}</h3>
      {may === false ? (
        <p class="error">{t.bookings.doNotContact}</p>
      ) : (
        <Facts>
          <Fact term={t.bookings.mayContact}>{yesNo(may)}</Fact>
          <Fact term={t.bookings.phone}>{sc.phone ?? t.none}</Fact>
          <Fact term={t.bookings.windows}>{windowsText(sc.windows) || t.none}</Fact>
          <Fact term={t.bookings.voicemail}>{yesNo(sc.voicemail ?? sc.voicemailAllowed)}</Fact>
          <Fact term={t.bookings.codeWord}>{sc.codeWord ?? t.none}</Fact>
        </Facts>
      )}
      <div class="actions">
        {b.status !== 'confirmed' && b.status !== 'cancelled' ? (
          <button type="button" class="button primary" disabled={action.busy} onClick={() => post('confirm')}>
            {t.bookings.confirm}
          </button>
        ) : null}
        {b.status !== 'cancelled' ? (
          <>
            <button type="button" class="button" disabled={action.busy} onClick={() => post('attendance', { attended: true })}>
              {t.bookings.attended}
            </button>
            <button type="button" class="button" disabled={action.busy} onClick={() => post('attendance', { attended: false })}>
              {t.bookings.noShow}
            </button>
          </>
        ) : null}
      </div>
      <ErrorText error={action.error} />
    </li>
  );
}
