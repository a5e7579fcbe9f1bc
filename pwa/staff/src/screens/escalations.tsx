import type { StaffRole } from '../../../../shared/roles.js';
import { api } from '../api.js';
import { label, useI18n } from '../i18n/index.js';
import type { Patch } from '../patch.js';
import { href } from '../router.js';
import { ErrorText } from '../ui/errors.js';
import { useLoad } from '../ui/hooks.js';
import { Fact, Facts } from '../ui/fields.js';
import { Loading, Page } from '../ui/page.js';
import { useOpenAlerts, type Alert } from './alerts.js';
import { toBuckets, type Followup } from './followups.js';

const HOUR = 3_600_000;

/** Overdue follow-ups, the most pressing first: escalated to supervisors, then urgent, then the longest overdue. */
export function rankOverdue(items: readonly Followup[]): Followup[] {
  const level = (f: Followup) => (f.escalatedAt ? 2 : 0) + (f.urgency === 'urgent' ? 1 : 0);
  return [...items].sort((a, b) => level(b) - level(a) || a.dueAt.localeCompare(b.dueAt));
}

/** Unacknowledged alerts, the most pressing first: highest escalation level, then most severe, then oldest. */
export function rankUnacknowledged(alerts: readonly Alert[]): Alert[] {
  const sev: Record<string, number> = { critical: 3, high: 2, low: 1 };
  return alerts
    .filter((a) => a.status === 'open')
    .sort(
      (a, b) => (b.escalationLevel ?? 0) - (a.escalationLevel ?? 0) || (sev[b.severity] ?? 0) - (sev[a.severity] ?? 0) || a.raisedAt.localeCompare(b.raisedAt),
    );
}

/**
 * The supervisor's escalations: what waits too long in their zone. Overdue follow-ups (escalated to
 * supervisors or urgent first) and alerts nobody has acknowledged yet (by escalation level), both kept
 * fresh by polling like the alert list.
 */
export function EscalationsScreen({ roles, patch, pollSeconds }: { roles: readonly StaffRole[]; patch: Patch; pollSeconds: number }) {
  const { t, dateTime } = useI18n();
  const followups = useLoad((signal) => api<unknown>('GET', '/api/followups', { signal }).then((r) => toBuckets(r)), 'escalations');
  const alerts = useOpenAlerts(patch, roles, pollSeconds);
  const overdue = rankOverdue(followups.data?.overdue ?? []);
  const waiting = rankUnacknowledged(alerts.alerts ?? []);
  const now = Date.now();
  return (
    <Page title={t.escalations.title} audited>
      <p>{t.escalations.intro}</p>
      <section aria-labelledby="esc-alerts">
        <h2 id="esc-alerts">
          {t.escalations.alerts} <span class="count">({waiting.length})</span>
        </h2>
        <ErrorText error={alerts.error} />
        {alerts.alerts === undefined && !alerts.error ? <Loading /> : null}
        {alerts.alerts && waiting.length === 0 ? <p class="muted">{t.escalations.noAlerts}</p> : null}
        <ul class="cards">
          {waiting.map((a) => (
            <li key={a.id} class={`card severity-${a.severity}`} data-alert-id={a.id}>
              <h3>
                <span class={`badge severity-${a.severity}`}>{label(t.alerts.severities, a.severity)}</span>{' '}
                {t.alerts.alertTitle(label(t.alerts.kinds, a.kind), a.zoneLabel ? label(t.alerts.zoneLabels, a.zoneLabel) : '')}
              </h3>
              <Facts>
                <Fact term={t.escalations.level}>{t.escalations.levelValue(a.escalationLevel ?? 0)}</Fact>
                <Fact term={t.escalations.waiting}>{t.escalations.since(dateTime(a.raisedAt))}</Fact>
              </Facts>
              <p>
                <a href={href('alerts', a.id)}>{t.alerts.details}</a>
              </p>
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="esc-followups">
        <h2 id="esc-followups">
          {t.escalations.followups} <span class="count">({overdue.length})</span>
        </h2>
        <ErrorText error={followups.error} />
        {followups.loading && !followups.data ? <Loading /> : null}
        {followups.data && overdue.length === 0 ? <p class="muted">{t.escalations.noFollowups}</p> : null}
        <ul class="cards">
          {overdue.map((f) => (
            <li key={f.id} class={`card${f.urgency === 'urgent' ? ' urgent' : ''}`} data-followup-id={f.id}>
              <h3>
                {label(t.purposes, f.purpose)} {f.urgency === 'urgent' ? <span class="badge severity-high">{t.followups.urgent}</span> : null}
              </h3>
              <Facts>
                <Fact term={t.escalations.level}>
                  {f.escalatedAt ? t.escalations.escalated(dateTime(f.escalatedAt)) : f.remindedAt ? t.escalations.reminded : t.escalations.notYet}
                </Fact>
                <Fact term={t.followups.due}>
                  {dateTime(f.dueAt)} — {t.escalations.hoursOverdue(Math.max(0, Math.floor((now - new Date(f.dueAt).getTime()) / HOUR)))}
                </Fact>
                {f.officer ? <Fact term={t.followups.officer}>{f.officer}</Fact> : null}
              </Facts>
              <p>
                <a href={href('cases', f.caseId)}>{t.escalations.openCase}</a>
              </p>
            </li>
          ))}
        </ul>
      </section>
    </Page>
  );
}
