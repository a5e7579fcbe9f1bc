import { useState } from 'preact/hooks';
import { brusselsDate } from '../../../../shared/brussels-time.js';
import { ATTENDANCE_STATUSES, type AttendanceRecord, type PartnerOrder } from '../../../../shared/orders/api.js';
import { api, seg } from '../api.js';
import { label, useI18n } from '../i18n/index.js';
import { ErrorText } from '../ui/errors.js';
import { Fact, Facts, Field, RadioGroup, SelectField, value } from '../ui/fields.js';
import { choices, ListState } from '../ui/form-bits.js';
import { useAction, useLoad } from '../ui/hooks.js';
import { Outcome, Page } from '../ui/page.js';

/**
 * The partner worker's screen (a programme, a treatment, the justice house): the orders whose condition
 * their organisation runs, and a form per order to record a session or report as attended, missed or
 * excused. Only what that needs is loaded — no victim, no place, no device (the API leaves them out).
 */
export function PartnerConditionsScreen() {
  const { t } = useI18n();
  const tx = t.conditions;
  const list = useLoad((signal) => api<{ orders: PartnerOrder[] }>('GET', '/api/orders/conditions', { signal }), 'partner-orders');
  const orders = list.data?.orders;
  return (
    <Page title={tx.title} audited>
      <p class="hint">{tx.intro}</p>
      <ListState error={list.error} loading={list.loading} count={orders?.length} emptyText={tx.empty} />
      <ul class="cards">
        {(orders ?? []).map((o) => (
          <PartnerOrderCard key={o.id} order={o} onRecorded={list.reload} />
        ))}
      </ul>
    </Page>
  );
}

function PartnerOrderCard({ order: o, onRecorded }: { order: PartnerOrder; onRecorded: () => void }) {
  const { t, dateTimeYear } = useI18n();
  const tx = t.conditions;
  const runs = [...(o.programme ? ['programme' as const] : []), ...(o.reporting ? ['reporting' as const] : [])];
  const today = brusselsDate(new Date());
  const [condition, setCondition] = useState<string>(runs[0] ?? 'programme');
  const [session, setSession] = useState(today);
  const [status, setStatus] = useState('');
  const [saved, setSaved] = useState<string | undefined>(undefined);
  const action = useAction();
  const base = `po-${o.id}`;
  const runsText = (c: string) => (c === 'programme' ? tx.programmeRuns : tx.reportingRuns(label(tx.rhythms, o.reporting?.every ?? '')));
  const submit = (e: Event) => {
    e.preventDefault();
    setSaved(undefined);
    void action.run(async () => {
      const rec = await api<AttendanceRecord>('POST', `/api/orders/${seg(o.id)}/attendance`, { body: { condition, session, status } });
      setSaved(tx.saved(rec.session));
      setStatus('');
      onRecorded();
    });
  };
  return (
    <li class="card">
      <h2 id={`${base}-title`}>{tx.order(o.id)}</h2>
      <Facts>
        <Fact term={t.orders.validity}>
          {dateTimeYear(o.validFrom)} – {dateTimeYear(o.validUntil)}
        </Fact>
        <Fact term={tx.runs}>{runs.map(runsText).join(' · ')}</Fact>
      </Facts>
      <form class="form" onSubmit={submit} aria-labelledby={`${base}-record`}>
        <h3 id={`${base}-record`}>{tx.record}</h3>
        {runs.length > 1 ? (
          <SelectField
            id={`${base}-condition`}
            label={tx.condition}
            value={condition}
            onChange={setCondition}
            options={runs.map((c) => [c, runsText(c)] as const)}
          />
        ) : null}
        <Field id={`${base}-session`} type="date" label={tx.session} required max={today} value={session} onInput={(e) => setSession(value(e))} />
        <RadioGroup
          name={`${base}-status`}
          legend={tx.status}
          value={status}
          onChange={setStatus}
          required
          options={choices(ATTENDANCE_STATUSES, tx.statuses)}
        />
        {status === 'missed' ? <p class="notice">{tx.missedHint}</p> : null}
        <ErrorText error={action.error} />
        <Outcome text={saved} class="notice" />
        <div class="actions">
          <button type="submit" class="button primary" disabled={action.busy}>
            {action.busy ? t.saving : tx.save}
          </button>
        </div>
      </form>
      <h3>{tx.history}</h3>
      {o.attendance.length === 0 ? <p>{tx.noHistory}</p> : null}
      <ul data-testid="attendance-history">
        {o.attendance.map((a) => (
          <li key={a.id}>
            {a.session}: {label(tx.statuses, a.status)} ({label(t.timeline.conditions, a.condition)})
          </li>
        ))}
      </ul>
    </li>
  );
}
