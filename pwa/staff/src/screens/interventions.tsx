import { Fragment } from 'preact';
import { useRef, useState } from 'preact/hooks';
import { brusselsDate } from '../../../../shared/brussels-time.js';
import { addDays } from '../../../../shared/cases/rules.js';
import type { InterventionReceipt, InterventionRecord } from '../../../../shared/interventions/api.js';
import {
  AGGRESSOR_RELATIONS,
  CHILD_AGE_BANDS,
  CHILD_PRESENCE,
  CHILD_REFERRALS,
  CHILD_WHEREABOUTS,
  SECURED_WITH,
  SUBSTANCE_USE,
  VIOLENCE_FORMS,
  WEAPON_KINDS,
} from '../../../../shared/interventions/choices.js';
import { ZONES } from '../../../../shared/zones-list.js';
import { api, ApiError, seg } from '../api.js';
import { DashChecklist, RiskJudgement, useDashRisk } from '../ui/dash-fields.js';
import { label, useI18n } from '../i18n/index.js';
import { href, navigate } from '../router.js';
import { ErrorText } from '../ui/errors.js';
import { Checkboxes, checked, Fact, Facts, Field, RadioGroup, SelectField, value } from '../ui/fields.js';
import { choices, GroupList, LinkButton, SubmitCancel } from '../ui/form-bits.js';
import { useAnswered, useLoad } from '../ui/hooks.js';
import { Loading, Page } from '../ui/page.js';
import { fjcText } from './fjc-text.js';

const GENDERS = ['female', 'male', 'other', 'not_recorded'] as const;
const FJC = ['offered', 'accepted', 'declined', 'done'] as const;
const HOME_BAN_DAYS = 14;

interface ChildForm {
  ageBand: string;
  presence: string;
  injured: boolean;
  whereNow: string;
  withWhom: string;
}
const newChild = (): ChildForm => ({ ageBand: '', presence: 'present', injured: false, whereNow: 'with_victim', withWhom: '' });

/** One person's substance use as the form holds it: the same shape the API takes. */
interface SubstanceForm {
  use: string;
  servicesOffered: boolean;
}
const noSubstanceUse: SubstanceForm = { use: 'not_known', servicesOffered: false };

const newKey = () => crypto.randomUUID();

/** Sends once, and again with the SAME key while the connection drops (a tablet in a stairwell): one record whatever the retries. */
async function sendWithRetries(body: unknown, key: string): Promise<InterventionReceipt> {
  const waits = [0, 1000, 3000, 7000];
  let last: unknown;
  for (const wait of waits) {
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    try {
      return await api<InterventionReceipt>('POST', '/api/interventions', { body, headers: { 'idempotency-key': key } });
    } catch (err) {
      last = err;
      // Only a lost connection or a server hiccup is retried; a 4xx is an answer about the record.
      if (!(err instanceof ApiError) || (err.status !== 0 && err.status < 500)) throw err;
    }
  }
  throw last;
}

/**
 * The police officer's intervention form (a tablet at the scene): "is it safe to talk now?" first, then
 * when and where, who was present with a row per child, what happened, what was done, the DASH-style
 * checklist. Everything lives in this component's memory only: nothing is written to browser storage,
 * and leaving the screen forgets it. Saving sends one Idempotency-Key per form, kept across retries.
 */
export function NewInterventionScreen() {
  const { t, lang } = useI18n();
  const tx = t.interventions;
  const zone = ZONES[0];
  const today = brusselsDate(new Date());
  const key = useRef(newKey());
  const [safe, setSafe] = useState('');
  const [date, setDate] = useState(today);
  const [time, setTime] = useState('');
  const [district, setDistrict] = useState('');
  const [reportNumber, setReportNumber] = useState('');
  const [victimRef, setVictimRef] = useState('');
  const [victimGender, setVictimGender] = useState('not_recorded');
  const [aggressorRef, setAggressorRef] = useState('');
  const [aggressorGender, setAggressorGender] = useState('not_recorded');
  const [relation, setRelation] = useState('');
  const [children, setChildren] = useState<ChildForm[]>([]);
  const [violence, setViolence] = useState<ReadonlySet<string>>(new Set());
  const [victimInjured, setVictimInjured] = useState(false);
  const [medicalOffered, setMedicalOffered] = useState(false);
  const [weapons, setWeapons] = useState<ReadonlySet<string>>(new Set());
  const [substanceUse, setSubstanceUse] = useState<Record<'aggressor' | 'victim', SubstanceForm>>({ aggressor: noSubstanceUse, victim: noSubstanceUse });
  const [earlier, setEarlier] = useState('0');
  const [arrest, setArrest] = useState(false);
  const [homeBan, setHomeBan] = useState(false);
  const [banStart, setBanStart] = useState(today);
  const [banEnd, setBanEnd] = useState(addDays(today, HOME_BAN_DAYS));
  const [orderRequested, setOrderRequested] = useState(false);
  const [orderId, setOrderId] = useState('');
  const [secured, setSecured] = useState(false);
  const [securedWith, setSecuredWith] = useState('family');
  const [securedWhom, setSecuredWhom] = useState('');
  const [referral, setReferral] = useState('youth_care');
  const [prosecutor, setProsecutor] = useState(false);
  const [interpreter, setInterpreter] = useState(false);
  const [fjc, setFjc] = useState('offered');
  const dash = useDashRisk();
  const action = useAnswered<InterventionReceipt>();
  const receipt = action.answer;

  if (receipt) {
    return (
      <Page title={tx.savedTitle}>
        <div class="panel" role="status">
          <p>{tx.saved(receipt.officer)}</p>
          <Facts>
            <Fact term={tx.reference}>{receipt.id}</Fact>
            <Fact term={t.cases.risk}>{label(t.cases.risks, receipt.riskLevel)}</Fact>
            <Fact term={tx.fjc}>
              {label(t.cases.fjcStatuses, receipt.fjcIntroduction)}
              {receipt.fjcReferral ? ` — ${fjcText[lang].referralSent}` : ''}
            </Fact>
            <Fact term={t.cases.followups}>{receipt.followups.length}</Fact>
          </Facts>
        </div>
        <LinkButton href={href('interventions', 'new')} onClick={() => location.reload()} text={tx.another} />
      </Page>
    );
  }

  const submit = action.submit(() => {
    const body = {
      date,
      ...(time ? { time } : {}),
      zone: zone?.id,
      district,
      reportNumber: reportNumber.trim().toUpperCase(),
      victims: [{ ref: victimRef.trim(), gender: victimGender }],
      aggressor: { ...(aggressorRef.trim() ? { ref: aggressorRef.trim() } : {}), gender: aggressorGender, relation },
      children: children.map((c) => ({
        ageBand: c.ageBand,
        presence: c.presence,
        injured: c.injured,
        whereNow: c.whereNow,
        ...(c.withWhom.trim() ? { withWhom: c.withWhom.trim() } : {}),
      })),
      violence: VIOLENCE_FORMS.filter((v) => violence.has(v)),
      injuries: { victim: victimInjured, medicalExamOffered: medicalOffered },
      weapons: WEAPON_KINDS.filter((w) => weapons.has(w)),
      substanceUse,
      earlierInterventionsAtAddress: Number(earlier) || 0,
      actions: {
        arrest,
        ...(homeBan ? { homeBan: { start: banStart, legalEnd: banEnd } } : {}),
        restrainingOrderRequested: orderRequested,
        ...(orderRequested && orderId.trim() ? { orderId: orderId.trim() } : {}),
        ...(secured && children.length > 0
          ? { childrenSecured: { with: securedWith, ...(securedWhom.trim() ? { withWhom: securedWhom.trim() } : {}), referral } }
          : {}),
        prosecutorInformed: prosecutor,
        interpreterUsed: interpreter,
      },
      risk: {
        safeToTalk: safe,
        dashYes: safe === 'yes' ? dash.dashYes : [],
        ...(dash.final !== dash.fromChecklist ? { riskLevel: dash.final } : {}),
      },
      fjcIntroduction: fjc,
    };
    return sendWithRetries(body, key.current);
  });

  return (
    <Page title={tx.title}>
      <form class="form" onSubmit={submit}>
        <p class="hint">{tx.intro}</p>
        <RadioGroup
          name="safe-to-talk"
          legend={tx.safeToTalk}
          value={safe}
          onChange={setSafe}
          required
          options={choices(['yes', 'no'], { yes: t.yes, no: t.no })}
        />
        {safe === 'no' ? <p class="notice">{tx.notSafe}</p> : null}

        <fieldset>
          <legend>{tx.whenWhere}</legend>
          <Field id="iv-date" type="date" label={tx.date} required max={today} value={date} onInput={(e) => setDate(value(e))} />
          <Field id="iv-time" type="time" label={tx.time} optional value={time} onInput={(e) => setTime(value(e))} />
          <SelectField
            id="iv-district"
            label={tx.district}
            required
            value={district}
            onChange={setDistrict}
            empty={t.none}
            options={(zone?.districts ?? []).map((d) => [d.id, d.name] as const)}
          />
          <Field
            id="iv-report"
            label={tx.reportNumber}
            hint={tx.reportNumberHint}
            required
            autocomplete="off"
            value={reportNumber}
            onInput={(e) => setReportNumber(value(e))}
          />
        </fieldset>

        <fieldset>
          <legend>{tx.present}</legend>
          <Field
            id="iv-victim-ref"
            label={tx.victimRef}
            hint={tx.refHint}
            required
            autocomplete="off"
            value={victimRef}
            onInput={(e) => setVictimRef(value(e))}
          />
          <SelectField
            id="iv-victim-gender"
            label={t.cases.victimGender}
            value={victimGender}
            onChange={setVictimGender}
            options={choices(GENDERS, t.cases.genders)}
          />
          <Field id="iv-aggressor-ref" label={tx.aggressorRef} optional autocomplete="off" value={aggressorRef} onInput={(e) => setAggressorRef(value(e))} />
          <SelectField
            id="iv-aggressor-gender"
            label={t.cases.aggressorGender}
            value={aggressorGender}
            onChange={setAggressorGender}
            options={choices(GENDERS, t.cases.genders)}
          />
          <SelectField
            id="iv-relation"
            label={tx.relation}
            required
            value={relation}
            onChange={setRelation}
            empty={t.none}
            options={choices(AGGRESSOR_RELATIONS, tx.relations)}
          />
        </fieldset>

        <GroupList
          legend={tx.children}
          items={children}
          onChange={setChildren}
          newItem={newChild}
          groupLegend={(i) => tx.child(i + 1)}
          removeText={(i) => tx.removeChild(i + 1)}
          addText={tx.addChild}
          empty={tx.noChildren}
          groupClass="panel"
          testId="child-row"
          fields={(c, i, set) => (
            <>
              <SelectField
                id={`child-${i}-age`}
                label={tx.ageBand}
                required
                value={c.ageBand}
                onChange={(v) => set({ ageBand: v })}
                empty={t.none}
                options={choices(CHILD_AGE_BANDS, tx.ageBands)}
              />
              <SelectField
                id={`child-${i}-presence`}
                label={tx.presence}
                value={c.presence}
                onChange={(v) => set({ presence: v })}
                options={choices(CHILD_PRESENCE, tx.presences)}
              />
              <Field id={`child-${i}-injured`} type="checkbox" label={tx.injured} checked={c.injured} onChange={(e) => set({ injured: checked(e) })} />
              <SelectField
                id={`child-${i}-where`}
                label={tx.whereNow}
                value={c.whereNow}
                onChange={(v) => set({ whereNow: v })}
                options={choices(CHILD_WHEREABOUTS, tx.whereabouts)}
              />
              <Field id={`child-${i}-whom`} label={tx.withWhom} optional autocomplete="off" value={c.withWhom} onInput={(e) => set({ withWhom: value(e) })} />
            </>
          )}
        />

        <fieldset>
          <legend>{tx.violence}</legend>
          <Checkboxes id="iv-violence" options={choices(VIOLENCE_FORMS, tx.violenceForms)} value={violence} onChange={setViolence} />
          <Field id="iv-injured" type="checkbox" label={tx.victimInjured} checked={victimInjured} onChange={(e) => setVictimInjured(checked(e))} />
          <Field id="iv-medical" type="checkbox" label={tx.medicalOffered} checked={medicalOffered} onChange={(e) => setMedicalOffered(checked(e))} />
          <Checkboxes
            id="iv-weapon"
            options={WEAPON_KINDS.map((w) => [w, `${tx.weapon}: ${label(tx.weapons, w)}`] as const)}
            value={weapons}
            onChange={setWeapons}
          />
          <Field id="iv-earlier" type="number" min="0" max="500" label={tx.earlier} value={earlier} onInput={(e) => setEarlier(value(e))} />
        </fieldset>

        <fieldset>
          <legend>{tx.substance}</legend>
          <p class="hint">{tx.substanceHint}</p>
          {(
            [
              ['aggressor', tx.useAggressor, tx.servicesOffered],
              ['victim', tx.useVictim, tx.servicesOfferedVictim],
            ] as const
          ).map(([who, useText, servicesText]) => {
            const set = (patch: Partial<SubstanceForm>) => setSubstanceUse({ ...substanceUse, [who]: { ...substanceUse[who], ...patch } });
            return (
              <Fragment key={who}>
                <SelectField
                  id={`iv-use-${who}`}
                  label={useText}
                  value={substanceUse[who].use}
                  onChange={(use) => set({ use })}
                  options={choices(SUBSTANCE_USE, tx.uses)}
                />
                <Field
                  id={`iv-services-${who}`}
                  type="checkbox"
                  label={servicesText}
                  checked={substanceUse[who].servicesOffered}
                  onChange={(e) => set({ servicesOffered: checked(e) })}
                />
              </Fragment>
            );
          })}
        </fieldset>

        <fieldset>
          <legend>{tx.done}</legend>
          <Field id="iv-arrest" type="checkbox" label={tx.arrest} checked={arrest} onChange={(e) => setArrest(checked(e))} />
          <Field id="iv-home-ban" type="checkbox" label={tx.homeBan} checked={homeBan} onChange={(e) => setHomeBan(checked(e))} />
          {homeBan ? (
            <>
              <Field
                id="iv-ban-start"
                type="date"
                label={tx.banStart}
                required
                value={banStart}
                onInput={(e) => {
                  setBanStart(value(e));
                  setBanEnd(addDays(value(e), HOME_BAN_DAYS));
                }}
              />
              <Field id="iv-ban-end" type="date" label={tx.banEnd} hint={tx.banEndHint} required value={banEnd} onInput={(e) => setBanEnd(value(e))} />
            </>
          ) : null}
          <Field id="iv-order" type="checkbox" label={tx.orderRequested} checked={orderRequested} onChange={(e) => setOrderRequested(checked(e))} />
          {orderRequested ? (
            <Field id="iv-order-id" label={tx.orderId} optional autocomplete="off" value={orderId} onInput={(e) => setOrderId(value(e))} />
          ) : null}
          {children.length > 0 ? <Field id="iv-secured" type="checkbox" label={tx.secured} checked={secured} onChange={(e) => setSecured(checked(e))} /> : null}
          {secured && children.length > 0 ? (
            <>
              <SelectField
                id="iv-secured-with"
                label={tx.securedWith}
                value={securedWith}
                onChange={setSecuredWith}
                options={choices(SECURED_WITH, tx.securedWithOptions)}
              />
              <Field id="iv-secured-whom" label={tx.withWhom} optional autocomplete="off" value={securedWhom} onInput={(e) => setSecuredWhom(value(e))} />
              <SelectField id="iv-referral" label={tx.referral} value={referral} onChange={setReferral} options={choices(CHILD_REFERRALS, tx.referrals)} />
            </>
          ) : null}
          <Field id="iv-prosecutor" type="checkbox" label={tx.prosecutor} checked={prosecutor} onChange={(e) => setProsecutor(checked(e))} />
          <Field id="iv-interpreter" type="checkbox" label={tx.interpreter} checked={interpreter} onChange={(e) => setInterpreter(checked(e))} />
          <SelectField id="iv-fjc" label={tx.fjc} value={fjc} onChange={setFjc} options={choices(FJC, t.cases.fjcStatuses)} />
        </fieldset>

        {safe === 'yes' ? <DashChecklist id="iv-dash" hint={t.cases.dashHint} dash={dash} /> : null}
        <RiskJudgement id="iv-risk" dash={dash} />
        <ErrorText error={action.error} />
        <SubmitCancel busy={action.busy} submitText={tx.save} onCancel={() => navigate('#/')} />
      </form>
    </Page>
  );
}

/** On the case page: the children as the intervention recorded them (its read is audited). */
export function InterventionChildren({ id }: { id: string }) {
  const { t } = useI18n();
  const tx = t.interventions;
  const loaded = useLoad((signal) => api<InterventionRecord>('GET', `/api/interventions/${seg(id)}`, { signal }), id);
  const iv = loaded.data;
  return (
    <section aria-labelledby="case-intervention">
      <h2 id="case-intervention">{tx.fromIntervention}</h2>
      <ErrorText error={loaded.error} />
      {loaded.loading && !iv ? <Loading /> : null}
      {iv ? (
        <>
          <Facts>
            <Fact term={tx.date}>{iv.date}</Fact>
            <Fact term={tx.homeBan}>
              {iv.actions.homeBan ? `${iv.actions.homeBan.start} – ${iv.actions.homeBan.extendedUntil ?? iv.actions.homeBan.legalEnd}` : t.no}
            </Fact>
            <Fact term={tx.secured}>{iv.actions.childrenSecured ? label(tx.referrals, iv.actions.childrenSecured.referral) : t.no}</Fact>
          </Facts>
          <h3>{tx.children}</h3>
          {iv.children.length === 0 ? <p>{tx.noChildren}</p> : null}
          <ul data-testid="case-children">
            {iv.children.map((c, i) => (
              <li key={i}>
                {tx.child(i + 1)}: {label(tx.ageBands, c.ageBand)}, {label(tx.presences, c.presence)}
                {c.injured ? `, ${tx.injured.toLowerCase()}` : ''} — {label(tx.whereabouts, c.whereNow)}
                {c.withWhom ? ` (${c.withWhom})` : ''}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
