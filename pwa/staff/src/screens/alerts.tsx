import { useEffect, useRef, useState } from 'preact/hooks';
import type { AlertDetail, AlertListItem } from '../../../../shared/alerts/api.js';
import { ALERT_OUTCOMES as OUTCOMES } from '../../../../shared/alerts/outcomes.js';
import type { StaffRole } from '../../../../shared/roles.js';
import { can } from '../access.js';
import { api, seg } from '../api.js';
import { label, useI18n } from '../i18n/index.js';
import { href } from '../router.js';
import { ErrorText } from '../ui/errors.js';
import { useAction, useLoad } from '../ui/hooks.js';
import { Loading, Page } from '../ui/page.js';

/** An open alert as `GET /api/alerts` lists it (without evidence). */
export type Alert = AlertListItem;

const RANK: Record<string, number> = { critical: 3, high: 2, low: 1 };

/** Most severe first, then newest first. */
export function sortAlerts(alerts: readonly Alert[]): Alert[] {
  return [...alerts].sort((a, b) => (RANK[b.severity] ?? 0) - (RANK[a.severity] ?? 0) || b.at.localeCompare(a.at) || b.id.localeCompare(a.id));
}

export function AlertsScreen({ roles, pollSeconds }: { roles: readonly StaffRole[]; pollSeconds: number }) {
  const { t, time } = useI18n();
  const [alerts, setAlerts] = useState<Alert[] | undefined>(undefined);
  const [error, setError] = useState<unknown>(undefined);
  const [refreshedAt, setRefreshedAt] = useState<Date | undefined>(undefined);
  const [announce, setAnnounce] = useState('');
  const seen = useRef<Set<string> | undefined>(undefined);
  const [tick, setTick] = useState(0);
  const messages = useRef(t);
  messages.current = t;

  useEffect(() => {
    const ctl = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async () => {
      try {
        const res = await api<{ alerts: Alert[] }>('GET', '/api/alerts', { signal: ctl.signal });
        const sorted = sortAlerts(res.alerts.filter((a) => a.status !== 'resolved'));
        if (seen.current) {
          const fresh = sorted.filter((a) => !seen.current?.has(a.id)).length;
          if (fresh > 0) setAnnounce(messages.current.alerts.newAlerts(fresh));
        }
        seen.current = new Set(sorted.map((a) => a.id));
        setAlerts(sorted);
        setError(undefined);
        setRefreshedAt(new Date());
      } catch (e) {
        if ((e as Error).name === 'AbortError') return;
        setError(e);
      }
      if (!ctl.signal.aborted) timer = setTimeout(() => void poll(), pollSeconds * 1000);
    };
    void poll();
    return () => {
      ctl.abort();
      if (timer) clearTimeout(timer);
    };
  }, [pollSeconds, tick]);

  const police = can(roles, 'POST /api/alerts/{id}/acknowledge');
  const refresh = () => setTick((n) => n + 1);
  return (
    <Page title={t.alerts.title} audited>
      <p class="muted">{refreshedAt ? t.alerts.refreshed(time(refreshedAt)) : ''}</p>
      <p class="visually-hidden" aria-live="assertive" aria-atomic="true">
        {announce}
      </p>
      {!police ? <p class="notice">{t.alerts.readOnly}</p> : null}
      {error ? (
        <>
          <p class="error">{t.alerts.refreshFailed}</p>
          <ErrorText error={error} />
        </>
      ) : null}
      {alerts === undefined && !error ? <Loading /> : null}
      {alerts && alerts.length === 0 ? <p>{t.alerts.empty}</p> : null}
      {alerts && alerts.length > 0 ? (
        <ul class="cards" aria-label={t.alerts.title}>
          {alerts.map((a) => (
            <AlertCard
              key={a.id}
              alert={a}
              police={police}
              canOpenOrder={can(roles, 'GET /api/orders/{id}')}
              onChange={refresh}
              onResolved={() => {
                // The card goes away: keep keyboard users somewhere sensible and say what happened.
                document.querySelector<HTMLElement>('main h1')?.focus();
                setAnnounce(t.alerts.resolvedNotice);
                refresh();
              }}
            />
          ))}
        </ul>
      ) : null}
    </Page>
  );
}

function AlertCard({
  alert: a,
  police,
  canOpenOrder,
  onChange,
  onResolved,
}: {
  alert: Alert;
  police: boolean;
  canOpenOrder: boolean;
  onChange: () => void;
  onResolved: () => void;
}) {
  const { t } = useI18n();
  const headingId = `alert-${a.id}`;
  return (
    <li class={`card severity-${a.severity}`} aria-labelledby={headingId} data-alert-id={a.id}>
      <h2 id={headingId}>
        <AlertTitle a={a} />
      </h2>
      <AlertFacts a={a} canOpenOrder={canOpenOrder} />
      <p>
        <a href={href('alerts', a.id)}>
          {t.alerts.details}
          <span class="visually-hidden"> — {t.alerts.alertTitle(label(t.alerts.kinds, a.kind), a.zoneLabel ? label(t.alerts.zoneLabels, a.zoneLabel) : '')}</span>
        </a>
      </p>
      {police ? <AlertActions a={a} onChange={onChange} onResolved={onResolved} /> : null}
    </li>
  );
}

function AlertTitle({ a }: { a: Alert }) {
  const { t } = useI18n();
  const kind = label(t.alerts.kinds, a.kind);
  const zone = a.zoneLabel ? label(t.alerts.zoneLabels, a.zoneLabel) : '';
  return (
    <>
      <span class={`badge severity-${a.severity}`}>{label(t.alerts.severities, a.severity)}</span> {t.alerts.alertTitle(kind, zone)}
    </>
  );
}

function AlertFacts({ a, canOpenOrder }: { a: Alert & { resolvedAt?: string; resolvedBy?: string; outcome?: string }; canOpenOrder: boolean }) {
  const { t, dateTime, time } = useI18n();
  return (
    <dl class="facts">
      <div>
        <dt>{t.alerts.at}</dt>
        <dd>{dateTime(a.at)}</dd>
      </div>
      <div>
        <dt>{t.alerts.status}</dt>
        <dd>
          {label(t.alerts.statuses, a.status)}
          {a.acknowledgedBy ? ` — ${t.alerts.acknowledgedBy(a.acknowledgedBy, time(a.acknowledgedAt))}` : ''}
          {a.resolvedBy ? ` — ${t.alerts.resolvedBy(a.resolvedBy, time(a.resolvedAt))} (${label(t.alerts.outcomes, a.outcome)})` : ''}
        </dd>
      </div>
      <div>
        <dt>{t.alerts.order}</dt>
        <dd>{canOpenOrder ? <a href={href('orders', a.orderId)}>{a.orderId}</a> : a.orderId}</dd>
      </div>
    </dl>
  );
}

function AlertActions({ a, onChange, onResolved }: { a: Alert; onChange: () => void; onResolved?: () => void }) {
  const { t } = useI18n();
  const action = useAction();
  const [outcome, setOutcome] = useState('');
  if (a.status === 'resolved') return null;
  const acknowledge = () =>
    void action.run(async () => {
      await api('POST', `/api/alerts/${seg(a.id)}/acknowledge`);
      onChange();
    });
  const resolve = (e: Event) => {
    e.preventDefault();
    void action.run(async () => {
      await api('POST', `/api/alerts/${seg(a.id)}/resolve`, { body: { outcome } });
      (onResolved ?? onChange)();
    });
  };
  return (
    <>
      <div class="actions">
        {a.status === 'open' ? (
          <button type="button" class="button primary" disabled={action.busy} onClick={acknowledge}>
            {t.alerts.acknowledge}
          </button>
        ) : null}
        <form class="inline-form" onSubmit={resolve}>
          <div class="field">
            <label for={`outcome-${a.id}`}>{t.alerts.outcome}</label>
            <select id={`outcome-${a.id}`} required value={outcome} onChange={(e) => setOutcome((e.currentTarget as HTMLSelectElement).value)}>
              <option value="">{t.none}</option>
              {OUTCOMES.map((o) => (
                <option key={o} value={o}>
                  {label(t.alerts.outcomes, o)}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" class="button" disabled={action.busy}>
            {t.alerts.resolve}
          </button>
        </form>
      </div>
      <ErrorText error={action.error} />
    </>
  );
}

/** One alert with its evidence and escalations (`GET /api/alerts/{id}`, audited). */
export function AlertScreen({ id, roles }: { id: string; roles: readonly StaffRole[] }) {
  const { t, dateTime, time } = useI18n();
  const loaded = useLoad((signal) => api<AlertDetail>('GET', `/api/alerts/${seg(id)}`, { signal }), id);
  const a = loaded.data;
  const ev = a?.evidence;
  return (
    <Page title={t.alerts.detailTitle} audited>
      <ErrorText error={loaded.error} />
      {loaded.loading && !a ? <Loading /> : null}
      {a ? (
        <>
          <h2>
            <AlertTitle a={a} />
          </h2>
          <AlertFacts a={a} canOpenOrder={can(roles, 'GET /api/orders/{id}')} />
          {can(roles, 'POST /api/alerts/{id}/acknowledge') ? <AlertActions a={a} onChange={loaded.reload} /> : null}
          <h2>{t.alerts.evidence}</h2>
          {ev ? (
            <dl class="facts">
              {ev.fix ? (
                <>
                  <div>
                    <dt>{t.alerts.position}</dt>
                    <dd>
                      {ev.fix.lat.toFixed(5)}, {ev.fix.lon.toFixed(5)} ({dateTime(ev.fix.at)})
                    </dd>
                  </div>
                  <div>
                    <dt>{t.alerts.accuracy}</dt>
                    <dd>{Math.round(ev.fix.accuracy)}</dd>
                  </div>
                </>
              ) : null}
              {ev.distanceM !== undefined ? (
                <div>
                  <dt>{t.alerts.distance}</dt>
                  <dd>{Math.round(ev.distanceM)}</dd>
                </div>
              ) : null}
              {ev.batteryLevel !== undefined ? (
                <div>
                  <dt>{t.alerts.battery}</dt>
                  <dd>{ev.batteryLevel}</dd>
                </div>
              ) : null}
              {ev.lastFixAt ? (
                <div>
                  <dt>{t.alerts.lastFix}</dt>
                  <dd>{dateTime(ev.lastFixAt)}</dd>
                </div>
              ) : null}
            </dl>
          ) : (
            <p>{t.none}</p>
          )}
          <h2>{t.alerts.escalations}</h2>
          {(a.escalations ?? []).length === 0 ? <p>{t.alerts.noEscalations}</p> : null}
          <ul>
            {(a.escalations ?? []).map((e) => (
              <li key={e.level}>{t.alerts.escalation(e.level, time(e.at))}</li>
            ))}
          </ul>
          <p>
            <a href="#/alerts">{t.alerts.title}</a>
          </p>
        </>
      ) : null}
    </Page>
  );
}
