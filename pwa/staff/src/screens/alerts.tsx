import { useEffect, useRef, useState } from 'preact/hooks';
import type { AlertDetail, AlertListItem } from '../../../../shared/alerts/api.js';
import type { OrderView } from '../../../../shared/orders/api.js';
import { ALERT_OUTCOMES as OUTCOMES } from '../../../../shared/alerts/outcomes.js';
import type { StaffRole } from '../../../../shared/roles.js';
import { can } from '../access.js';
import { api, apiPath, seg } from '../api.js';
import { alertDistricts, type Patch } from '../patch.js';
import { armSound, chime } from '../ui/sound.js';
import { label, useI18n } from '../i18n/index.js';
import { href } from '../router.js';
import { ErrorText } from '../ui/errors.js';
import { useAction, useLoad } from '../ui/hooks.js';
import type { TileSource } from '../../../../shared/map-tiles.js';
import { AlertMap, type MapFix, type MapZone } from '../ui/alert-map.js';
import { Loading, Page } from '../ui/page.js';

/** An open alert as `GET /api/alerts` lists it (without evidence). */
export type Alert = AlertListItem;

const RANK: Record<string, number> = { critical: 3, high: 2, low: 1 };

/** Most severe first, then newest first. */
export function sortAlerts(alerts: readonly Alert[]): Alert[] {
  return [...alerts].sort((a, b) => (RANK[b.severity] ?? 0) - (RANK[a.severity] ?? 0) || b.at.localeCompare(a.at) || b.id.localeCompare(a.id));
}

/** Open alerts of every list the account watches (its zone's and each district's), polled, most severe first. */
export function useOpenAlerts(patch: Patch, roles: readonly StaffRole[], pollSeconds: number) {
  const [alerts, setAlerts] = useState<Alert[] | undefined>(undefined);
  const [error, setError] = useState<unknown>(undefined);
  const [refreshedAt, setRefreshedAt] = useState<Date | undefined>(undefined);
  const [fresh, setFresh] = useState(0);
  const seen = useRef<Set<string> | undefined>(undefined);
  const [tick, setTick] = useState(0);
  const districts = alertDistricts(patch, roles);
  const watched = districts.join(',');
  useEffect(() => {
    const ctl = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async () => {
      if (districts.length === 0) return;
      try {
        const lists = await Promise.all(districts.map((d) => api<{ alerts: Alert[] }>('GET', apiPath('/api/alerts', { district: d }), { signal: ctl.signal })));
        const byId = new Map(lists.flatMap((l) => l.alerts).map((a) => [a.id, a]));
        const sorted = sortAlerts([...byId.values()].filter((a) => a.status !== 'resolved'));
        if (seen.current) {
          const n = sorted.filter((a) => !seen.current?.has(a.id)).length;
          if (n > 0) setFresh(n);
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
  }, [pollSeconds, tick, watched]);
  return { alerts, error, refreshedAt, fresh, clearFresh: () => setFresh(0), refresh: () => setTick((n) => n + 1) };
}

export function AlertsScreen({ roles, patch, pollSeconds }: { roles: readonly StaffRole[]; patch: Patch; pollSeconds: number }) {
  const { t, time } = useI18n();
  const { alerts, error, refreshedAt, fresh, clearFresh, refresh } = useOpenAlerts(patch, roles, pollSeconds);
  const [announce, setAnnounce] = useState('');
  const [sound, setSound] = useState(true);
  useEffect(() => armSound(), []);
  useEffect(() => {
    if (fresh === 0) return;
    setAnnounce(t.alerts.newAlerts(fresh));
    if (sound) chime();
  }, [fresh, refreshedAt]);

  const police = can(roles, 'POST /api/alerts/{id}/acknowledge');
  if (alertDistricts(patch, roles).length === 0) {
    return (
      <Page title={t.alerts.title}>
        <p class="error">{t.alerts.noPatch}</p>
      </Page>
    );
  }
  return (
    <Page title={t.alerts.title} audited>
      <p class="muted">{refreshedAt ? t.alerts.refreshed(time(refreshedAt)) : ''}</p>
      {fresh > 0 ? (
        <div class="new-alerts" role="alert" data-new-alerts={fresh}>
          <p>
            <strong>{t.alerts.newAlerts(fresh)}</strong>
          </p>
          <button type="button" class="button" onClick={clearFresh}>
            {t.alerts.seen}
          </button>
        </div>
      ) : (
        <p class="visually-hidden" aria-live="assertive" aria-atomic="true">
          {announce}
        </p>
      )}
      <p>
        <button type="button" class="button" aria-pressed={sound} onClick={() => setSound(!sound)}>
          {t.alerts.sound}
        </button>
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
          <span class="visually-hidden">
            {' '}
            — {t.alerts.alertTitle(label(t.alerts.kinds, a.kind), a.zoneLabel ? label(t.alerts.zoneLabels, a.zoneLabel) : '')}
          </span>
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
export function AlertScreen({ id, roles, mapTiles }: { id: string; roles: readonly StaffRole[]; mapTiles?: TileSource | undefined }) {
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
          <AlertWhere a={a} roles={roles} mapTiles={mapTiles} />
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

/** The last positions drawn on the alert's picture (the newest first from the API's retained fixes). */
const LAST_FIXES = 10;

/**
 * Where: the order's protected zones with their radii and the respondent's last positions with their
 * accuracy, as an inline SVG (the order and the positions are read as the order screen reads them, audited).
 */
function AlertWhere({ a, roles, mapTiles }: { a: AlertDetail; roles: readonly StaffRole[]; mapTiles?: TileSource | undefined }) {
  const { t, dateTime } = useI18n();
  const canOrder = can(roles, 'GET /api/orders/{id}');
  const canFixes = can(roles, 'GET /api/orders/{id}/positions');
  const order = useLoad(
    (signal) => (canOrder ? api<OrderView>('GET', `/api/orders/${seg(a.orderId)}`, { signal }) : Promise.resolve(undefined)),
    `${a.orderId}-${canOrder}`,
  );
  const fixes = useLoad(
    (signal) =>
      canFixes
        ? api<{ positions: MapFix[] }>('GET', `/api/orders/${seg(a.orderId)}/positions`, { signal }).then((r) => r.positions)
        : Promise.resolve([] as MapFix[]),
    `${a.orderId}-${canFixes}`,
  );
  if ((order.loading && !order.data) || (fixes.loading && !fixes.data)) return <Loading />;
  const zones: MapZone[] = (order.data?.zones ?? []).map((z) => ({
    id: z.id,
    label: label(t.alerts.zoneLabels, z.label),
    centre: z.centre,
    alertRadiusM: z.alertRadiusM,
    preAlertRadiusM: z.preAlertRadiusM,
  }));
  const curfews: MapZone[] = (order.data?.curfews ?? []).map((c) => ({ id: c.id, label: t.alerts.mapCurfew, centre: c.centre, alertRadiusM: c.radiusM }));
  const last = [...(fixes.data ?? [])].sort((x, y) => y.at.localeCompare(x.at)).slice(0, LAST_FIXES);
  const trigger = a.evidence?.fix;
  const all = [...zones, ...curfews];
  return (
    <section aria-labelledby="where-title">
      <h2 id="where-title">{t.alerts.mapTitle}</h2>
      <ErrorText error={order.error ?? fixes.error} />
      {all.length === 0 && last.length === 0 && !trigger ? (
        <p>{t.alerts.mapNoData}</p>
      ) : (
        <AlertMap
          zones={all}
          fixes={last}
          trigger={trigger}
          title={t.alerts.mapTitle}
          description={t.alerts.mapDescription(all.length, last.length)}
          labels={{ scale: t.alerts.mapScale, trigger: t.alerts.mapTrigger, north: t.alerts.mapNorth }}
          tiles={mapTiles}
        />
      )}
      {all.length > 0 ? (
        <ul class="map-legend">
          {all.map((z) => (
            <li key={z.id}>{t.alerts.mapZone(z.label, Math.round(z.alertRadiusM), z.preAlertRadiusM ? Math.round(z.preAlertRadiusM) : undefined)}</li>
          ))}
        </ul>
      ) : null}
      {last.length > 0 ? (
        <>
          <h3>{t.alerts.lastPositions}</h3>
          <ol class="map-legend">
            {last.map((f) => (
              <li key={f.at}>{t.alerts.mapFix(dateTime(f.at), Math.round(f.accuracy))}</li>
            ))}
          </ol>
        </>
      ) : null}
    </section>
  );
}
