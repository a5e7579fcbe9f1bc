import { useState } from 'preact/hooks';
import type { CaseDetail } from '../../../../shared/cases/api.js';
import { brusselsDate } from '../../../../shared/brussels-time.js';
import type { StaffRole } from '../../../../shared/roles.js';
import { ZONES } from '../../../../shared/zones-list.js';
import { can } from '../access.js';
import { api, seg } from '../api.js';
import { label, useI18n } from '../i18n/index.js';
import { href, navigate } from '../router.js';
import type { RiskLevel } from '../dash.js';
import { AuditTrail } from '../ui/audit-trail.js';
import { DashChecklist, RiskJudgement, useDashRisk } from '../ui/dash-fields.js';
import { ErrorText } from '../ui/errors.js';
import { Fact, Facts, Field, RadioGroup, SelectField, value } from '../ui/fields.js';
import { useAction, useLoad } from '../ui/hooks.js';
import { Loading, Page } from '../ui/page.js';
import { shortRef } from '../case-ref.js';
import { Field as TextField, isoToLocal, localToIso } from '../ui/fields.js';
import { FollowupCard, type Followup } from './followups.js';
import { choices, ListState, SubmitCancel } from '../ui/form-bits.js';
import { AlertRiskRaise } from './alert-risk.js';
import { InterventionChildren } from './interventions.js';
import { SafeContactBlock, SafeContactEditor, SafeContactFromBooking } from './safe-contact.js';
import { OrderTimeline } from './timeline.js';

const RISKS = ['standard', 'medium', 'high'] as const;
const RANK: Record<string, number> = { standard: 0, medium: 1, high: 2 };
const FJC = ['not_offered', 'offered', 'accepted', 'declined', 'done'] as const;
const PURPOSES = ['contact_victim', 'check_conditions', 'fjc_introduction'] as const;

type CasePanel = 'risk' | 'fjc' | 'followup' | 'close';

/**
 * What an officer does with an open case, in the console: change the risk level (raise freely, lower
 * with a reason), record the FJC introduction, add a follow-up, close the case. Each change is sent
 * with the version read (a change meanwhile is refused, not overwritten) and confirmed on screen.
 */
function CaseActions({ c, onSaved }: { c: Case; onSaved: () => void }) {
  const { t } = useI18n();
  const [panel, setPanel] = useState<CasePanel | undefined>(undefined);
  const [risk, setRisk] = useState(c.riskLevel ?? 'standard');
  const [reason, setReason] = useState('');
  const [fjc, setFjc] = useState<string>(c.fjcIntroduction ?? 'not_offered');
  const [due, setDue] = useState(isoToLocal(new Date(Date.now() + 24 * 3_600_000)));
  const [purpose, setPurpose] = useState<string>('contact_victim');
  const [saved, setSaved] = useState<string | undefined>(undefined);
  const action = useAction();
  const lowering = (RANK[risk] ?? 0) < (RANK[c.riskLevel ?? 'standard'] ?? 0);
  const open = (p: CasePanel) => {
    setSaved(undefined);
    action.setError(undefined);
    setPanel(panel === p ? undefined : p);
  };
  const save = (e: Event) => {
    e.preventDefault();
    void action.run(async () => {
      const path = `/api/cases/${seg(c.id)}`;
      const version = { expectedVersion: c.version };
      if (panel === 'risk') await api('PATCH', path, { body: { ...version, riskLevel: risk, ...(lowering ? { riskReason: reason.trim() } : {}) } });
      if (panel === 'fjc') await api('PATCH', path, { body: { ...version, fjcIntroduction: fjc } });
      if (panel === 'followup') await api('POST', `${path}/followups`, { body: { dueAt: localToIso(due), purpose } });
      if (panel === 'close') await api('PATCH', path, { body: { ...version, status: 'closed' } });
      setSaved(panel === 'close' ? t.cases.closedSaved : panel === 'followup' ? t.cases.followupSaved : t.saved);
      setPanel(undefined);
      setReason('');
      onSaved();
    });
  };
  const button = (p: CasePanel, text: string) => (
    <button type="button" class="button" aria-expanded={panel === p} onClick={() => open(p)}>
      {text}
    </button>
  );
  return (
    <section aria-labelledby="case-actions" class="panel">
      <h2 id="case-actions">{t.cases.actions}</h2>
      <div class="actions">
        {button('risk', t.cases.changeRisk)}
        {button('fjc', t.cases.recordFjc)}
        {button('followup', t.cases.addFollowup)}
        {button('close', t.cases.close)}
      </div>
      {panel ? (
        <form class="form" onSubmit={save}>
          {panel === 'risk' ? (
            <>
              <SelectField
                id="case-risk"
                label={t.cases.newRisk}
                value={risk}
                onChange={(v) => setRisk(v as RiskLevel)}
                options={choices(RISKS, t.cases.risks)}
              />
              {lowering ? (
                <TextField
                  id="risk-reason"
                  label={t.cases.riskReason}
                  hint={t.cases.riskReasonHint}
                  required
                  value={reason}
                  onInput={(e) => setReason(value(e))}
                />
              ) : null}
            </>
          ) : null}
          {panel === 'fjc' ? <SelectField id="case-fjc" label={t.cases.fjc} value={fjc} onChange={setFjc} options={choices(FJC, t.cases.fjcStatuses)} /> : null}
          {panel === 'followup' ? (
            <>
              <TextField id="new-followup-due" type="datetime-local" label={t.followups.due} required value={due} onInput={(e) => setDue(value(e))} />
              <SelectField id="new-followup-purpose" label={t.cases.purpose} value={purpose} onChange={setPurpose} options={choices(PURPOSES, t.purposes)} />
            </>
          ) : null}
          {panel === 'close' ? <p class="notice">{t.cases.closeWarning}</p> : null}
          <SubmitCancel busy={action.busy} submitText={panel === 'close' ? t.cases.closeConfirm : t.save} onCancel={() => setPanel(undefined)} />
        </form>
      ) : null}
      <ErrorText error={action.error} />
      <p class={saved ? 'saved' : 'visually-hidden'} role="status" aria-live="polite">
        {saved ?? ''}
      </p>
    </section>
  );
}

/**
 * A case as the cases API returns it: GET /api/cases/{id} gives every field and its follow-ups;
 * GET /api/cases gives summaries (no victim reference). The case id is its reference.
 */
export type Case = Pick<CaseDetail, 'id'> & Partial<Omit<CaseDetail, 'id' | 'followups'>>;

const KINDS = ['physical', 'psychological', 'both'] as const;
const GENDERS = ['female', 'male', 'other', 'not_recorded'] as const;

const refOf = (c: Case) => shortRef(c.id);

export function CasesScreen({ roles }: { roles: readonly StaffRole[] }) {
  const { t, date } = useI18n();
  const list = useLoad((signal) => api<{ cases: Case[] }>('GET', '/api/cases', { signal }), 'cases');
  return (
    <Page title={roles.includes('supervisor') ? t.cases.teamTitle : t.cases.mine} audited>
      <ListState
        newLink={can(roles, 'POST /api/cases') ? { href: '#/cases/new', text: t.cases.new } : undefined}
        error={list.error}
        loading={list.loading}
        count={list.data?.cases.length}
        emptyText={t.cases.empty}
      />
      {list.data && list.data.cases.length > 0 ? (
        <ul class="cards">
          {list.data.cases.map((c) => (
            <li class="card" key={c.id}>
              <h2>
                <a href={href('cases', c.id)}>{t.cases.caseTitle(refOf(c))}</a>
              </h2>
              <Facts>
                <Fact term={t.cases.openedAt}>{date(c.openedAt)}</Fact>
                <Fact term={t.cases.risk}>{label(t.cases.risks, c.riskLevel) || t.none}</Fact>
                {c.officer ? <Fact term={t.cases.officer}>{c.officer}</Fact> : null}
              </Facts>
            </li>
          ))}
        </ul>
      ) : null}
    </Page>
  );
}

export function CaseScreen({ id, roles }: { id: string; roles: readonly StaffRole[] }) {
  const { t, date } = useI18n();
  const loaded = useLoad((signal) => api<Case & { followups?: Followup[] }>('GET', `/api/cases/${seg(id)}`, { signal }), id);
  const c = loaded.data;
  const yesNo = (v: boolean | undefined) => (v === undefined ? t.none : v ? t.yes : t.no);
  return (
    <Page title={t.cases.caseTitle(c ? refOf(c) : id)} audited>
      <ErrorText error={loaded.error} />
      {loaded.loading && !c ? <Loading /> : null}
      {c ? (
        <>
          <Facts>
            <Fact term={t.cases.openedAt}>{date(c.openedAt)}</Fact>
            <Fact term={t.cases.risk}>{label(t.cases.risks, c.riskLevel) || t.none}</Fact>
            <Fact term={t.cases.status}>{label(t.cases.statuses, c.status) || t.none}</Fact>
            {c.repeat ? <Fact term={t.cases.repeat}>{t.yes}</Fact> : null}
            <Fact term={t.cases.victimRef}>{c.victimRef ?? t.none}</Fact>
            <Fact term={t.cases.interventionDate}>{date(c.interventionDate)}</Fact>
            <Fact term={t.cases.kind}>{label(t.cases.kinds, c.kind) || t.none}</Fact>
            <Fact term={t.cases.children}>{yesNo(c.children)}</Fact>
            <Fact term={t.cases.substance}>{yesNo(c.substanceAbuse)}</Fact>
            <Fact term={t.cases.victimGender}>{label(t.cases.genders, c.victimGender) || t.none}</Fact>
            <Fact term={t.cases.aggressorGender}>{label(t.cases.genders, c.aggressorGender) || t.none}</Fact>
            <Fact term={t.cases.officer}>{c.officer ?? t.none}</Fact>
            <Fact term={t.cases.fjc}>{label(t.cases.fjcStatuses, c.fjcIntroduction) || t.none}</Fact>
          </Facts>
          {c.interventionId && can(roles, 'GET /api/interventions/{id}') ? <InterventionChildren id={c.interventionId} /> : null}
          {c.status !== 'closed' && can(roles, 'PATCH /api/cases/{id}') ? (
            <AlertRiskRaise
              key={c.id}
              caseId={c.id}
              version={c.version}
              riskLevel={c.riskLevel}
              alertIds={[...new Set((c.followups ?? []).filter((f) => f.alertId && f.status === 'pending').map((f) => f.alertId as string))]}
              onSaved={loaded.reload}
            />
          ) : null}
          <SafeContactBlock sc={c.safeContact} id={c.id} />
          {c.status !== 'closed' && can(roles, 'PATCH /api/cases/{id}') ? (
            <SafeContactEditor key={c.id} caseId={c.id} version={c.version} sc={c.safeContact} onSaved={loaded.reload} />
          ) : null}
          {c.status !== 'closed' && can(roles, 'POST /api/cases/{id}/safe-contact/from-booking') ? (
            <SafeContactFromBooking key={`${c.id}-booking`} caseId={c.id} version={c.version} onSaved={loaded.reload} />
          ) : null}
          {c.status === 'closed' ? <p class="notice">{t.cases.closedNotice}</p> : null}
          {c.status !== 'closed' && can(roles, 'PATCH /api/cases/{id}') ? <CaseActions c={c} onSaved={loaded.reload} /> : null}
          <h2>{t.cases.followups}</h2>
          {(c.followups ?? []).length === 0 ? <p>{t.none}</p> : null}
          <ul class="cards">
            {(c.followups ?? []).map((f) => (
              <FollowupCard
                key={f.id}
                f={{ ...f, caseId: f.caseId ?? c.id }}
                caseInfo={{ riskLevel: c.riskLevel, safeContact: c.safeContact }}
                roles={roles}
                onChange={loaded.reload}
                showCase={false}
              />
            ))}
          </ul>
          <h2>{t.cases.orders}</h2>
          {(c.orderIds ?? []).length === 0 ? <p>{t.cases.noLinks}</p> : null}
          <ul>
            {(c.orderIds ?? []).map((o) => (
              <li key={o}>{can(roles, 'GET /api/orders/{id}') ? <a href={href('orders', o)}>{o}</a> : o}</li>
            ))}
          </ul>
          {can(roles, 'GET /api/orders/{id}/timeline') ? (c.orderIds ?? []).map((o) => <OrderTimeline key={o} id={o} />) : null}
          <h2>{t.cases.bookings}</h2>
          {(c.bookingRefs ?? []).length === 0 ? <p>{t.cases.noLinks}</p> : null}
          <ul>
            {(c.bookingRefs ?? []).map((b) => (
              <li key={b}>{b}</li>
            ))}
          </ul>
          {can(roles, 'GET /api/audit/{entity}/{id}') ? <AuditTrail entity="case" id={c.id} /> : null}
        </>
      ) : null}
    </Page>
  );
}

export function NewCaseScreen() {
  const { t } = useI18n();
  const [victimRef, setVictimRef] = useState('');
  // The declared zones (shared/zones-list.ts); with one zone it is chosen already.
  const [zone, setZone] = useState(ZONES.length === 1 ? (ZONES[0]?.id ?? '') : '');
  const [interventionDate, setInterventionDate] = useState(brusselsDate(new Date()));
  const [kind, setKind] = useState('');
  const [children, setChildren] = useState('');
  const [substance, setSubstance] = useState('');
  const [victimGender, setVictimGender] = useState('not_recorded');
  const [aggressorGender, setAggressorGender] = useState('not_recorded');
  const dash = useDashRisk();
  const action = useAction();
  const yn = [
    ['yes', t.yes],
    ['no', t.no],
  ] as const;
  const submit = (e: Event) => {
    e.preventDefault();
    void action.run(async () => {
      const res = await api<{ id: string }>('POST', '/api/cases', {
        body: {
          victimRef: victimRef.trim(),
          zone: zone.trim(),
          interventionDate,
          kind,
          children: children === 'yes',
          substanceAbuse: substance === 'yes',
          victimGender,
          aggressorGender,
          dashYes: dash.dashYes,
          riskLevel: dash.final,
        },
      });
      navigate(href('cases', res.id));
    });
  };
  return (
    <Page title={t.cases.newTitle}>
      <form class="form" onSubmit={submit}>
        <Field id="victim-ref" label={t.cases.victimRef} required autocomplete="off" value={victimRef} onInput={(e) => setVictimRef(value(e))} />
        <SelectField id="zone" label={t.cases.zone} required value={zone} onChange={setZone} options={ZONES.map((z) => [z.id, z.name] as const)} />
        <Field
          id="intervention-date"
          type="date"
          label={t.cases.interventionDate}
          required
          value={interventionDate}
          onInput={(e) => setInterventionDate(value(e))}
        />
        <RadioGroup name="kind" legend={t.cases.kind} value={kind} onChange={setKind} required options={choices(KINDS, t.cases.kinds)} />
        <RadioGroup name="children" legend={t.cases.children} value={children} onChange={setChildren} required options={yn} />
        <RadioGroup name="substance" legend={t.cases.substance} value={substance} onChange={setSubstance} required options={yn} />
        {(
          [
            ['victim-gender', t.cases.victimGender, victimGender, setVictimGender],
            ['aggressor-gender', t.cases.aggressorGender, aggressorGender, setAggressorGender],
          ] as const
        ).map(([id, text, v, set]) => (
          <SelectField key={id} id={id} label={text} value={v} onChange={set} options={choices(GENDERS, t.cases.genders)} />
        ))}
        <DashChecklist
          id="dash"
          hint={
            <>
              {t.cases.dashHint} {t.cases.dashYesHint}
            </>
          }
          dash={dash}
        />
        <RiskJudgement id="risk" dash={dash} />
        <ErrorText error={action.error} />
        <SubmitCancel busy={action.busy} submitText={t.cases.new} onCancel={() => navigate('#/cases')} />
      </form>
    </Page>
  );
}
