import type { TimelineEntry } from '../../../../shared/orders/api.js';
import { api, seg } from '../api.js';
import { label, useI18n } from '../i18n/index.js';
import { ErrorText } from '../ui/errors.js';
import { useLoad } from '../ui/hooks.js';
import { Loading } from '../ui/page.js';

/** An order's compliance timeline (fixes, alerts, attendance, violations; oldest first). Each read is audited. */
export function OrderTimeline({ id }: { id: string }) {
  const { t, dateTime } = useI18n();
  const tx = t.timeline;
  const loaded = useLoad((signal) => api<{ timeline: TimelineEntry[] }>('GET', `/api/orders/${seg(id)}/timeline`, { signal }), id);
  const entries = loaded.data?.timeline ?? [];
  const what = (e: TimelineEntry): string => {
    if (e.kind === 'position') return tx.position;
    if (e.kind === 'alert')
      return `${tx.alert}: ${label(t.alerts.kinds, String(e.detail.alertKind))} (${label(t.alerts.severities, String(e.detail.severity))})`;
    return `${label(tx.conditions, String(e.detail.condition))} ${String(e.detail.session)}: ${label(tx.statuses, String(e.detail.status))}`;
  };
  return (
    <section aria-labelledby={`timeline-${id}`}>
      <h3 id={`timeline-${id}`}>{tx.title(id)}</h3>
      <ErrorText error={loaded.error} />
      {loaded.loading && !loaded.data ? <Loading /> : null}
      {loaded.data && entries.length === 0 ? <p>{tx.empty}</p> : null}
      <ol class="timeline">
        {entries.map((e, i) => (
          <li key={i}>
            {dateTime(e.at)} — {what(e)}
            {e.violation ? <strong> · {tx.violation}</strong> : null}
          </li>
        ))}
      </ol>
    </section>
  );
}
