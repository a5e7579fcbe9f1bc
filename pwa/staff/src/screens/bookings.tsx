import { useState } from 'preact/hooks';
import type { BookingView as Booking, SafeContact, StaffBookingList } from '../../../../shared/bookings/api.js';
import { brusselsDate } from '../../../../shared/brussels-time.js';
import { api, apiPath, seg } from '../api.js';
import { label, useI18n } from '../i18n/index.js';
import { navigate } from '../router.js';
import { AuditTrail } from '../ui/audit-trail.js';
import { ErrorText } from '../ui/errors.js';
import { Fact, Facts, SelectField } from '../ui/fields.js';
import { useAction, useLoad } from '../ui/hooks.js';
import { Loading, Page } from '../ui/page.js';
import { servicesOf, text, type Service } from './catalog.js';

/** A safe time window: on ISO weekdays `days` (all days when absent), from `start` to `end` (Brussels). */
type SafeWindow = SafeContact['windows'][number];

const today = () => brusselsDate(new Date());

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
          empty={t.bookings.allServices}
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
      {serviceId ? (
        <BookingList key={path} path={path} />
      ) : services.data ? (
        <DayOverview key={date} date={date} services={services.data.filter((s) => s.bookable !== false)} />
      ) : null}
    </Page>
  );
}

const COUNTED = ['booked', 'confirmed', 'attended', 'no_show', 'cancelled'] as const;

/**
 * The day across every bookable service: how many bookings each has and in which state, the first
 * and last time, and a link to the service's list (where the details are, audited).
 */
function DayOverview({ date, services }: { date: string; services: readonly Service[] }) {
  const { t, lang, time } = useI18n();
  const day = useLoad(
    (signal) =>
      Promise.all(
        services.map((s) =>
          api<StaffBookingList>('GET', apiPath('/api/staff/bookings', { serviceId: s.id, date }), { signal }).then((r) => ({
            service: s,
            bookings: r.bookings,
          })),
        ),
      ),
    `${date}-${services.map((s) => s.id).join(',')}`,
  );
  return (
    <section aria-labelledby="day-overview">
      <h2 id="day-overview">{t.bookings.overview(date)}</h2>
      <ErrorText error={day.error} />
      {day.loading && !day.data ? <Loading /> : null}
      {day.data ? (
        <div class="scroll" role="region" aria-labelledby="day-overview" tabIndex={0}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t.bookings.service}</th>
                {COUNTED.map((c) => (
                  <th key={c} scope="col">
                    {label(t.bookings.statuses, c)}
                  </th>
                ))}
                <th scope="col">{t.bookings.times}</th>
              </tr>
            </thead>
            <tbody>
              {day.data.map(({ service, bookings }) => {
                const count = (c: string) => bookings.filter((b) => (b.attendance ?? b.status) === c).length;
                const live = bookings
                  .filter((b) => b.status !== 'cancelled')
                  .map((b) => b.start)
                  .sort();
                return (
                  <tr key={service.id} data-service={service.id}>
                    <th scope="row">
                      <a href={`#/bookings?${new URLSearchParams({ service: service.id, date }).toString()}`}>{text(service.name, lang) || service.id}</a>
                    </th>
                    {COUNTED.map((c) => (
                      <td key={c}>{count(c)}</td>
                    ))}
                    <td>{live.length > 0 ? `${time(live[0]).slice(0, 5)}–${time(live[live.length - 1]).slice(0, 5)}` : t.none}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}

function BookingList({ path }: { path: string }) {
  const { t } = useI18n();
  const list = useLoad((signal) => api<StaffBookingList>('GET', path, { signal }).then((r) => r.bookings), path);
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

function windowsText(windows: SafeWindow[], weekdays: readonly string[]): string {
  return windows
    .map((w) => {
      const days = w.days && w.days.length > 0 && w.days.length < 7 ? `${w.days.map((d) => weekdays[d - 1] ?? d).join(', ')} ` : '';
      return `${days}${w.start}–${w.end}`;
    })
    .join('; ');
}

function BookingCard({ b, onChange }: { b: Booking; onChange: () => void }) {
  const { t, time } = useI18n();
  const action = useAction();
  const yesNo = (v: boolean | undefined) => (v === undefined ? t.none : v ? t.yes : t.no);
  const sc = b.safeContact;
  const may = sc.mayContact;
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
        {time(b.start).slice(0, 5)} — {b.alias}
      </h2>
      <Facts>
        <Fact term={t.bookings.reference}>{b.reference}</Fact>
        <Fact term={t.bookings.status}>{label(t.bookings.statuses, b.attendance ?? b.status) || t.none}</Fact>
        <Fact term={t.bookings.language}>{b.language}</Fact>
        <Fact term={t.bookings.interpreter}>{yesNo(b.interpreter)}</Fact>
        <Fact term={t.bookings.childcare}>{yesNo(b.childcare)}</Fact>
        <Fact term={t.bookings.accessibility}>{b.accessibility ?? t.none}</Fact>
      </Facts>
      <h3>{t.bookings.safeContact}</h3>
      {may === false ? (
        <p class="error">{t.bookings.doNotContact}</p>
      ) : (
        <Facts>
          <Fact term={t.bookings.mayContact}>{yesNo(may)}</Fact>
          <Fact term={t.bookings.phone}>{sc.phone ?? t.none}</Fact>
          <Fact term={t.bookings.windows}>{windowsText(sc.windows, t.services.weekdays) || t.none}</Fact>
          <Fact term={t.bookings.voicemail}>{yesNo(sc.voicemail)}</Fact>
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
      <AuditTrail entity="booking" id={b.reference} nested />
    </li>
  );
}
