import { useState } from 'preact/hooks';
import type { CaseDetail } from '../../../../shared/cases/api.js';
import { brusselsDate } from '../../../../shared/brussels-time.js';
import type { StaffRole } from '../../../../shared/roles.js';
import { ZONES } from '../../../../shared/zones-list.js';
import { can } from '../access.js';
import { api, seg } from '../api.js';
import { label, useI18n } from '../i18n/index.js';
import { href, navigate } from '../router.js';
import { allowedLevels, DASH_QUESTIONS, dashRisk, finalRisk, type RiskLevel } from '../dash.js';
import { AuditTrail } from '../ui/audit-trail.js';
import { ErrorText } from '../ui/errors.js';
import { checked, Fact, Facts, Field, RadioGroup, SelectField, value } from '../ui/fields.js';
import { useAction, useLoad } from '../ui/hooks.js';
import { Loading, Page } from '../ui/page.js';
import { FollowupCard, type Followup } from './followups.js';

/**
 * A case as the cases API returns it: GET /api/cases/{id} gives every field and its follow-ups;
 * GET /api/cases gives summaries (no victim reference). The case id is its reference.
 */
export type Case = Pick<CaseDetail, 'id'> & Partial<Omit<CaseDetail, 'id' | 'followups'>>;

const KINDS = ['physical', 'psychological', 'both'] as const;
const GENDERS = ['female', 'male', 'other', 'not_recorded'] as const;

const refOf = (c: Case) => c.id;

export function CasesScreen({ roles }: { roles: readonly StaffRole[] }) {
  const { t, date } = useI18n();
  const list = useLoad((signal) => api<{ cases: Case[] }>('GET', '/api/cases', { signal }), 'cases');
  return (
    <Page title={roles.includes('supervisor') ? t.cases.teamTitle : t.cases.mine} audited>
      {can(roles, 'POST /api/cases') ? (
        <p>
          <a class="button primary" href="#/cases/new">
            {t.cases.new}
          </a>
        </p>
      ) : null}
      <ErrorText error={list.error} />
      {list.loading && !list.data ? <Loading /> : null}
      {list.data && list.data.cases.length === 0 ? <p>{t.cases.empty}</p> : null}
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
          <h2>{t.cases.followups}</h2>
          {(c.followups ?? []).length === 0 ? <p>{t.none}</p> : null}
          <ul class="cards">
            {(c.followups ?? []).map((f) => (
              <FollowupCard key={f.id} f={{ ...f, caseId: f.caseId ?? c.id }} roles={roles} onChange={loaded.reload} showCase={false} />
            ))}
          </ul>
          <h2>{t.cases.orders}</h2>
          {(c.orderIds ?? []).length === 0 ? <p>{t.cases.noLinks}</p> : null}
          <ul>
            {(c.orderIds ?? []).map((o) => (
              <li key={o}>{can(roles, 'GET /api/orders/{id}') ? <a href={href('orders', o)}>{o}</a> : o}</li>
            ))}
          </ul>
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
  const [risk, setRisk] = useState('');
  const [yes, setYes] = useState<ReadonlySet<string>>(new Set());
  const action = useAction();
  const fromChecklist = dashRisk(yes.size);
  const final = finalRisk(fromChecklist, risk ? (risk as RiskLevel) : undefined);
  const toggle = (q: string, on: boolean) => {
    const next = new Set(yes);
    if (on) next.add(q);
    else next.delete(q);
    setYes(next);
  };
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
          dashYes: DASH_QUESTIONS.filter((q) => yes.has(q)),
          riskLevel: final,
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
        <Field id="intervention-date" type="date" label={t.cases.interventionDate} required value={interventionDate} onInput={(e) => setInterventionDate(value(e))} />
        <RadioGroup name="kind" legend={t.cases.kind} value={kind} onChange={setKind} required options={KINDS.map((k) => [k, label(t.cases.kinds, k)] as const)} />
        <RadioGroup name="children" legend={t.cases.children} value={children} onChange={setChildren} required options={yn} />
        <RadioGroup name="substance" legend={t.cases.substance} value={substance} onChange={setSubstance} required options={yn} />
        <SelectField id="victim-gender" label={t.cases.victimGender} value={victimGender} onChange={setVictimGender} options={GENDERS.map((g) => [g, label(t.cases.genders, g)] as const)} />
        <SelectField id="aggressor-gender" label={t.cases.aggressorGender} value={aggressorGender} onChange={setAggressorGender} options={GENDERS.map((g) => [g, label(t.cases.genders, g)] as const)} />
        <fieldset>
          <legend>{t.cases.dash}</legend>
          <p class="hint">
            {t.cases.dashHint} {t.cases.dashYesHint}
          </p>
          {DASH_QUESTIONS.map((q, i) => (
            <Field key={q} id={`dash-${q}`} type="checkbox" label={`${i + 1}. ${label(t.cases.dashQuestions, q)}`} checked={yes.has(q)} onChange={(e) => toggle(q, checked(e))} />
          ))}
          <p>
            <strong>{t.cases.dashScore(yes.size, DASH_QUESTIONS.length)}</strong> — {t.cases.riskFromDash(label(t.cases.risks, fromChecklist))}
          </p>
        </fieldset>
        <SelectField
          id="risk"
          label={t.cases.riskJudgement}
          value={risk && allowedLevels(fromChecklist).includes(risk as RiskLevel) ? risk : ''}
          onChange={setRisk}
          empty={t.cases.riskSame}
          options={allowedLevels(fromChecklist)
            .filter((r) => r !== fromChecklist)
            .map((r) => [r, label(t.cases.risks, r)] as const)}
        />
        <p class="notice">{t.cases.riskFinal(label(t.cases.risks, final))}</p>
        <ErrorText error={action.error} />
        <div class="actions">
          <button type="submit" class="button primary" disabled={action.busy}>
            {action.busy ? t.saving : t.cases.new}
          </button>
          <button type="button" class="button" onClick={() => navigate('#/cases')}>
            {t.cancel}
          </button>
        </div>
      </form>
    </Page>
  );
}
