import { useState } from 'preact/hooks';
import type { CaseSafeContactRecord, CaseSummary, CompletedFollowup, FollowupView } from '../../../../shared/cases/api.js';
import { SafeContactBlock } from './safe-contact.js';
import { shortRef } from '../case-ref.js';
import { brusselsDate } from '../../../../shared/brussels-time.js';
import type { StaffRole } from '../../../../shared/roles.js';
import { can } from '../access.js';
import { api, seg } from '../api.js';
import { label, useI18n } from '../i18n/index.js';
import { href } from '../router.js';
import { ErrorText } from '../ui/errors.js';
import { Fact, Facts, Field, isoToLocal, localToIso, SelectField, TextArea, value } from '../ui/fields.js';
import { useAction, useLoad } from '../ui/hooks.js';
import { OfficerChoice } from '../ui/officer-choice.js';
import { Loading, Outcome, Page } from '../ui/page.js';

/** A follow-up as the cases API returns it; only what every answer holds is required. */
export type Followup = Pick<FollowupView, 'id' | 'caseId' | 'dueAt' | 'purpose'> & Partial<FollowupView>;

interface Buckets {
  overdue: Followup[];
  today: Followup[];
  next7Days: Followup[];
  /** Her safe-contact preferences per case (shown on each card before the number). */
  safeContacts?: Record<string, CaseSafeContactRecord>;
}

const OUTCOMES = ['reached', 'not_reached', 'declined', 'other'] as const;

/** GET /api/followups answers `{ overdue, today, next7Days, generatedAt }`; a flat `{ followups }` list is bucketed here (Brussels days). */
export function toBuckets(res: unknown, now = new Date()): Buckets {
  const r = (res ?? {}) as Record<string, unknown>;
  const arr = (v: unknown): Followup[] => (Array.isArray(v) ? (v as Followup[]) : []);
  if ('overdue' in r || 'today' in r) {
    const safeContacts = typeof r.safeContacts === 'object' && r.safeContacts !== null ? (r.safeContacts as Record<string, CaseSafeContactRecord>) : {};
    return { overdue: arr(r.overdue), today: arr(r.today ?? r.dueToday), next7Days: arr(r.next7Days ?? r.upcoming ?? r.week), safeContacts };
  }
  const day = brusselsDate;
  const today = day(now);
  const out: Buckets = { overdue: [], today: [], next7Days: [] };
  for (const f of arr(r.followups)) {
    const due = new Date(f.dueAt);
    if (due < now) out.overdue.push(f);
    else if (day(due) === today) out.today.push(f);
    else out.next7Days.push(f);
  }
  return out;
}

export function FollowupsScreen({ roles }: { roles: readonly StaffRole[] }) {
  const { t } = useI18n();
  const list = useLoad((signal) => api<unknown>('GET', '/api/followups', { signal }).then((r) => toBuckets(r)), 'followups');
  // The risk level of each follow-up's case, from the case list (summaries: no victim reference).
  const cases = useLoad((signal) => api<{ cases: CaseSummary[] }>('GET', '/api/cases', { signal }), 'followup-cases');
  const risks = new Map<string | undefined, string>((cases.data?.cases ?? []).map((c) => [c.id, c.riskLevel]));
  const contacts = list.data?.safeContacts ?? {};
  const [saved, setSaved] = useState<string | undefined>(undefined);
  const b = list.data;
  return (
    <Page title={roles.includes('supervisor') ? t.followups.teamTitle : t.followups.title} audited>
      <ErrorText error={list.error} />
      <p class={saved ? 'saved' : 'visually-hidden'} role="status">
        {saved ?? ''}
      </p>
      {list.loading && !b ? <Loading /> : null}
      {b
        ? (
            [
              ['overdue', t.followups.overdue, b.overdue],
              ['today', t.followups.today, b.today],
              ['week', t.followups.week, b.next7Days],
            ] as const
          ).map(([id, title, items]) => (
            <Section key={id} onSaved={setSaved} id={id} title={title} items={items} risks={risks} contacts={contacts} roles={roles} onChange={list.reload} />
          ))
        : null}
    </Page>
  );
}

function Section({
  id,
  title,
  items,
  risks,
  contacts,
  roles,
  onChange,
  onSaved,
}: {
  id: string;
  title: string;
  items: Followup[];
  risks: ReadonlyMap<string | undefined, string>;
  contacts: Readonly<Record<string, CaseSafeContactRecord>>;
  roles: readonly StaffRole[];
  onChange: () => void;
  onSaved: (text: string) => void;
}) {
  const { t } = useI18n();
  return (
    <section aria-labelledby={`section-${id}`} class={`bucket bucket-${id}`}>
      <h2 id={`section-${id}`}>
        {title} <span class="count">({items.length})</span>
      </h2>
      {items.length === 0 ? <p class="muted">{t.followups.empty}</p> : null}
      <ul class="cards">
        {items.map((f) => (
          <FollowupCard
            key={f.id}
            f={f}
            caseInfo={{ riskLevel: risks.get(f.caseId), safeContact: contacts[f.caseId] }}
            roles={roles}
            onChange={onChange}
            onSaved={onSaved}
          />
        ))}
      </ul>
    </section>
  );
}

type Panel = 'none' | 'complete' | 'reschedule' | 'reassign';

export function FollowupCard({
  f,
  caseInfo,
  roles,
  onChange,
  showCase = true,
  onSaved,
}: {
  f: Followup;
  /** What the card shows of its case: the risk level, her safe-contact preferences. */
  caseInfo?: { riskLevel?: string | undefined; safeContact?: CaseSafeContactRecord | undefined };
  roles: readonly StaffRole[];
  onChange: () => void;
  showCase?: boolean;
  /** Where the confirmation goes when the card itself leaves the list (a done follow-up); else on the card. */
  onSaved?: (text: string) => void;
}) {
  const { t, dateTime } = useI18n();
  const [savedHere, setSavedHere] = useState<string | undefined>(undefined);
  const saved = onSaved ? undefined : savedHere;
  const setSaved = (text: string) => (onSaved ? onSaved(text) : setSavedHere(text));
  const [panel, setPanel] = useState<Panel>('none');
  const [outcome, setOutcome] = useState('');
  const [note, setNote] = useState('');
  const [due, setDue] = useState(isoToLocal(f.dueAt));
  const [officer, setOfficer] = useState('');
  const action = useAction();
  const base = `/api/cases/${seg(f.caseId)}/followups/${seg(f.id)}`;
  const ref = shortRef(f.caseId);
  const done = f.status === 'done' || f.completedAt !== undefined;
  const submit = (e: Event) => {
    e.preventDefault();
    void action.run(async () => {
      if (panel === 'complete') {
        const done = await api<CompletedFollowup>('POST', `${base}/complete`, { body: { outcome, ...(note.trim() ? { note: note.trim() } : {}) } });
        // Say what comes next: the retry the cadence planned, or the urgent one after two "not reached".
        const next = done.planned[0] ?? (done.urgentFollowupId ? { dueAt: undefined } : undefined);
        setSaved(done.supervisorNotified ? t.followups.savedUrgent : next?.dueAt ? t.followups.savedNext(dateTime(next.dueAt)) : t.saved);
      }
      if (panel === 'reschedule') {
        await api('POST', `${base}/reschedule`, { body: { dueAt: localToIso(due) } });
        setSaved(t.saved);
      }
      if (panel === 'reassign') {
        await api('POST', `${base}/reassign`, { body: { officer: officer.trim() } });
        setSaved(t.saved);
      }
      setPanel('none');
      onChange();
    });
  };
  const toggle = (p: Panel) => setPanel(panel === p ? 'none' : p);
  const headingId = `fu-${f.id}`;
  return (
    <li class={`card${f.urgency === 'urgent' ? ' urgent' : ''}`} aria-labelledby={headingId} data-followup-id={f.id}>
      <h3 id={headingId}>
        {label(t.purposes, f.purpose)}
        {f.urgency === 'urgent' ? <span class="badge severity-high"> {t.followups.urgent}</span> : null}
      </h3>
      {/* How to contact her safely comes first on every card, before any number. */}
      <SafeContactBlock sc={caseInfo?.safeContact} id={f.id} />
      <Facts>
        <Fact term={t.followups.due}>{dateTime(f.dueAt)}</Fact>
        {caseInfo?.riskLevel ? <Fact term={t.cases.risk}>{label(t.cases.risks, caseInfo.riskLevel)}</Fact> : null}
        {showCase ? (
          <Fact term={t.followups.case}>
            <a href={href('cases', f.caseId)} class="case-ref" aria-label={t.followups.openCase(ref)}>
              {ref}
            </a>
          </Fact>
        ) : null}
        {f.officer ? <Fact term={t.followups.officer}>{f.officer}</Fact> : null}
        {done ? <Fact term={t.followups.outcome}>{label(t.outcomes, f.outcome) || t.followups.done}</Fact> : null}
        {done && f.completedAt ? (
          <Fact term={t.followups.completed}>{f.completedBy ? t.followups.completedBy(dateTime(f.completedAt), f.completedBy) : dateTime(f.completedAt)}</Fact>
        ) : null}
        {done && f.note ? (
          <Fact term={t.followups.note} class="note">
            {f.note}
          </Fact>
        ) : null}
      </Facts>
      {!done ? (
        <div class="actions">
          <button type="button" class="button" aria-expanded={panel === 'complete'} onClick={() => toggle('complete')}>
            {t.followups.record}
          </button>
          <button type="button" class="button" aria-expanded={panel === 'reschedule'} onClick={() => toggle('reschedule')}>
            {t.followups.reschedule}
          </button>
          {roles.includes('supervisor') && can(roles, 'POST /api/cases/{id}/followups/{followupId}/reassign') ? (
            <button type="button" class="button" aria-expanded={panel === 'reassign'} onClick={() => toggle('reassign')}>
              {t.followups.reassign}
            </button>
          ) : null}
        </div>
      ) : null}
      {panel !== 'none' ? (
        <form class="panel" onSubmit={submit}>
          {panel === 'complete' ? (
            <SelectField
              id={`outcome-${f.id}`}
              label={t.followups.outcome}
              value={outcome}
              onChange={setOutcome}
              required
              empty={t.none}
              options={OUTCOMES.map((o) => [o, label(t.outcomes, o)] as const)}
            />
          ) : null}
          {panel === 'complete' ? (
            <TextArea
              id={`note-${f.id}`}
              label={t.followups.note}
              hint={t.followups.noteHint}
              optional
              maxLength={2000}
              value={note}
              onInput={(e) => setNote(value(e))}
            />
          ) : null}
          {panel === 'reschedule' ? (
            <Field id={`due-${f.id}`} type="datetime-local" label={t.followups.newDue} required value={due} onInput={(e) => setDue(value(e))} />
          ) : null}
          {panel === 'reassign' && f.zone ? (
            <OfficerChoice id={`officer-${f.id}`} zone={f.zone} current={f.officer} value={officer} onChange={setOfficer} />
          ) : null}
          <div class="actions">
            <button type="submit" class="button primary" disabled={action.busy}>
              {t.save}
            </button>
            <button type="button" class="button" onClick={() => setPanel('none')}>
              {t.cancel}
            </button>
          </div>
        </form>
      ) : null}
      <ErrorText error={action.error} />
      <Outcome text={saved} class="saved" />
    </li>
  );
}
