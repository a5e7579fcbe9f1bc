import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import type { ActionView, DirectorDashboard, FjcCaseView, PartnerInbox, ReferralView, SharedFromSpace } from '../../../../shared/fjc/api.js';
import type { SafetyPlan } from '../../../../shared/space/plan.js';
import { PARTNERS } from '../../../../shared/partners.js';
import { api, seg } from '../api.js';
import { label, useI18n } from '../i18n/index.js';
import { href, navigate } from '../router.js';
import { ErrorText } from '../ui/errors.js';
import { Checkboxes, Field, isoToLocal, localToIso, SelectField, TextArea, value } from '../ui/fields.js';
import { choices } from '../ui/form-bits.js';
import { useAction, useLoad } from '../ui/hooks.js';
import { LoadedPage, Status } from '../ui/page.js';
import { fjcText, type FjcText } from './fjc-text.js';

/**
 * The FJC screens: a partner worker's inbox, a case director's dashboard and the family case page. The
 * case page shows exactly what the API answered: the server's consent policy (shared/fjc/policy.ts)
 * decides each section, and the page names the sections held back (`sections`), never guessing them.
 */
const KINDS = ['contact', 'risk', 'children', 'orders', 'notes'] as const;
const partnerName = (id: string) => PARTNERS.find((p) => p.id === id)?.name ?? id;
const partnerOptions = PARTNERS.filter((p) => p.kind !== 'police').map((p) => [p.id, p.name] as const);

/** A section of a screen, with its heading; on the case page present only when the API sent its content (the policy allowed it). */
function Section({ id, title, kind, children }: { id: string; title: ComponentChildren; kind?: string; children: ComponentChildren }) {
  return (
    <section aria-labelledby={id} {...(kind ? { 'data-section': kind } : {})}>
      <h2 id={id}>{title}</h2>
      {children}
    </section>
  );
}

/** A section listing `items`, a line each (`line` gives the `li`); with `none`, that text stands above an empty list. */
function ListSection<T>({
  id,
  title,
  kind,
  items,
  none,
  line,
}: {
  id: string;
  title: ComponentChildren;
  kind?: string;
  items: readonly T[];
  none?: string;
  line: (item: T, i: number) => ComponentChildren;
}) {
  return (
    <Section id={id} title={title} kind={kind}>
      {none !== undefined && items.length === 0 ? <p>{none}</p> : null}
      <ul>{items.map(line)}</ul>
    </Section>
  );
}

/** A form named by its own heading, then its fields (`children`), its submit button and what follows it (`after`). */
function TitledForm({
  id,
  title,
  onSubmit,
  submitText,
  disabled,
  danger,
  after,
  children,
}: {
  id: string;
  title: string;
  onSubmit: () => void;
  submitText: string;
  disabled: boolean;
  danger?: boolean;
  after?: ComponentChildren;
  children: ComponentChildren;
}) {
  return (
    <form
      class="form"
      aria-labelledby={id}
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit();
      }}
    >
      <h2 id={id}>{title}</h2>
      {children}
      <button type="submit" class={danger ? 'button danger' : 'button primary'} disabled={disabled}>
        {submitText}
      </button>
      {after}
    </form>
  );
}

function useFjcText(): FjcText {
  return fjcText[useI18n().lang];
}

function ReferralLine({ r, x }: { r: ReferralView & { caseId?: string }; x: FjcText }) {
  const { dateTime } = useI18n();
  return (
    <>
      <strong>{partnerName(r.partnerId)}</strong> — {label(x.statuses, r.status)}; {x.firstContactDue} {dateTime(r.firstContactDue)}
      {r.overdue ? <span class="badge warn"> {x.overdue}</span> : null}
      {r.escalatedAt ? <span class="muted"> ({x.escalated})</span> : null}
      {r.reason ? <span class="muted"> — {r.reason}</span> : null}
    </>
  );
}

function ActionLine({ a, x, onChanged }: { a: ActionView; x: FjcText; onChanged?: () => void }) {
  const { dateTime } = useI18n();
  const action = useAction();
  return (
    <li data-action={a.id}>
      <a href={href('fjc', a.caseId)}>{a.caseId}</a>: {a.title} — {x.owner} {partnerName(a.ownerPartner)}, {x.due} {dateTime(a.dueAt)}{' '}
      {a.late ? <span class="badge warn">{x.late}</span> : null} ({label(x.actionStatuses, a.status)})
      {onChanged && a.status !== 'done' ? (
        <button
          type="button"
          class="button"
          disabled={action.busy}
          onClick={() =>
            void action.run(async () => {
              await api('POST', `/api/fjc/cases/${seg(a.caseId)}/actions/${seg(a.id)}/status`, { body: { status: 'done' } });
              onChanged();
            })
          }
        >
          {label(x.actionStatuses, 'done')}
        </button>
      ) : null}
      <ErrorText error={action.error} />
    </li>
  );
}

export function FjcInboxScreen() {
  const x = useFjcText();
  const { dateTime } = useI18n();
  const inbox = useLoad((signal) => api<PartnerInbox>('GET', '/api/fjc/inbox', { signal }), 'inbox');
  return (
    <LoadedPage
      title={x.inboxTitle}
      audited
      loaded={inbox}
      view={(data) => (
        <>
          <ListSection
            id="inbox-referrals"
            title={x.referrals}
            items={data.referrals}
            none={x.none}
            line={(r) => (
              <li key={r.caseId} data-referral={r.caseId}>
                <a href={href('fjc', r.caseId)}>{r.caseId}</a>: <ReferralLine r={r} x={x} />
              </li>
            )}
          />
          <ListSection
            id="inbox-actions"
            title={x.actions}
            items={data.actions}
            none={x.none}
            line={(a) => <ActionLine key={a.id} a={a} x={x} onChanged={inbox.reload} />}
          />
          <ListSection
            id="inbox-consultations"
            title={x.consultations}
            items={data.consultations}
            none={x.none}
            line={(c) => (
              <li key={c.id}>
                <a href={href('fjc', c.caseId)}>{c.caseId}</a>: {x.from} {dateTime(c.startsAt)} {x.to} {dateTime(c.endsAt)}
                {c.running ? <span class="badge"> {x.running}</span> : null}
              </li>
            )}
          />
        </>
      )}
    />
  );
}

export function FjcDashboardScreen() {
  const x = useFjcText();
  const { dateTime } = useI18n();
  const dash = useLoad((signal) => api<DirectorDashboard>('GET', '/api/fjc/dashboard', { signal }), 'dashboard');
  return (
    <LoadedPage
      title={x.dashboardTitle}
      audited
      loaded={dash}
      view={(d) => (
        <>
          <ListSection
            id="dash-families"
            title={x.families}
            items={d.families}
            none={x.none}
            line={(f) => (
              <li key={f.id} data-family={f.id}>
                <a href={href('fjc', f.id)}>{f.id}</a> — {label(x.origins, f.origin)}, {dateTime(f.openedAt)};{' '}
                {f.referrals.map((r) => `${partnerName(r.partnerId)}: ${label(x.statuses, r.status)}${r.overdue ? ` (${x.overdue})` : ''}`).join(' · ')}
              </li>
            )}
          />
          <PoliceReferrals d={d} x={x} />
          <ListSection id="dash-late" title={x.lateActions} items={d.lateActions} none={x.none} line={(a) => <ActionLine key={a.id} a={a} x={x} />} />
          <ListSection
            id="dash-overdue"
            title={x.overdueReferrals}
            items={d.overdueReferrals}
            none={x.none}
            line={(r) => (
              <li key={`${r.caseId}-${r.partnerId}`}>
                <a href={href('fjc', r.caseId)}>{r.caseId}</a>: <ReferralLine r={r} x={x} />
              </li>
            )}
          />
          <ListSection
            id="dash-renew"
            title={x.consentsToRenew}
            items={d.consentsToRenew}
            none={x.none}
            line={(c) => (
              <li key={`${c.caseId}-${c.partnerId}-${c.kind}`}>
                <a href={href('fjc', c.caseId)}>{c.caseId}</a>: {partnerName(c.partnerId)}, {label(x.sections, c.kind)} ({x.given} {dateTime(c.givenAt)})
              </li>
            )}
          />
        </>
      )}
    />
  );
}

/**
 * Police FJC referrals an intervention wrote, waiting for a family case: the director opens it by the one
 * police-referral route; and a family case from the victim's own intake booking (its reference only).
 */
function PoliceReferrals({ d, x }: { d: DirectorDashboard; x: FjcText }) {
  const { dateTime } = useI18n();
  const [reference, setReference] = useState('');
  const action = useAction();
  const open = (path: string, body: Record<string, string>) =>
    void action.run(async () => {
      const c = await api<FjcCaseView>('POST', path, { body });
      navigate(href('fjc', c.id));
    });
  return (
    <>
      <ListSection
        id="dash-police"
        title={x.policeReferrals}
        items={d.policeReferrals}
        none={x.none}
        line={(r) => (
          <li key={r.policeCaseId} data-police-referral={r.policeCaseId}>
            {x.policeCase} {r.policeCaseId}, {dateTime(r.referredAt)} — {x.referralLine(label(x.introductions, r.introduction), r.riskLevel, r.children)}{' '}
            <button
              type="button"
              class="button"
              disabled={action.busy}
              onClick={() => open('/api/fjc/referrals-from-police', { policeCaseId: r.policeCaseId })}
            >
              {x.openFamilyCase}
            </button>
          </li>
        )}
      />
      <TitledForm
        id="dash-booking"
        title={x.fromBooking}
        onSubmit={() => open('/api/fjc/cases-from-booking', { bookingReference: reference.trim() })}
        submitText={x.openFamilyCase}
        disabled={action.busy || reference.trim() === ''}
      >
        <Field id="fjc-booking-ref" label={x.bookingReference} hint={x.bookingHint} required value={reference} onInput={(e) => setReference(value(e))} />
      </TitledForm>
      <ErrorText error={action.error} />
    </>
  );
}

/** The case director closes the case, saying why. */
function CloseForm({ c, x, onSaved }: { c: FjcCaseView; x: FjcText; onSaved: () => void }) {
  const [reason, setReason] = useState('');
  const action = useAction();
  return (
    <TitledForm
      id="fjc-close"
      title={x.close}
      onSubmit={() =>
        void action.run(async () => {
          await api('POST', `/api/fjc/cases/${seg(c.id)}/close`, { body: { reason: reason.trim() } });
          onSaved();
        })
      }
      submitText={x.close}
      disabled={action.busy || reason.trim() === ''}
      danger
      after={<ErrorText error={action.error} />}
    >
      <TextArea id="fjc-close-reason" label={x.closeReason} hint={x.closeHint} maxLength={500} value={reason} onInput={(e) => setReason(value(e))} />
    </TitledForm>
  );
}

/** The case director's forms on a case: refer, record a consent, give the victim a case code. */
function DirectorForms({ c, x, onSaved }: { c: FjcCaseView; x: FjcText; onSaved: () => void }) {
  const [partner, setPartner] = useState<string>('vrouwenhulp-rupel');
  const [due, setDue] = useState(isoToLocal(new Date(Date.now() + 3 * 24 * 3_600_000)));
  const [consentPartner, setConsentPartner] = useState<string>('vrouwenhulp-rupel');
  const [kinds, setKinds] = useState<string[]>(['contact']);
  const [how, setHow] = useState<string>('oral');
  const [code, setCode] = useState<string | undefined>(undefined);
  const [saved, setSaved] = useState<string | undefined>(undefined);
  const action = useAction();
  const path = `/api/fjc/cases/${seg(c.id)}`;
  const run = (fn: () => Promise<string>) =>
    void action.run(async () => {
      setSaved(await fn());
      onSaved();
    });
  return (
    <section aria-labelledby="fjc-director" class="panel">
      <TitledForm
        id="fjc-refer"
        title={x.refer}
        onSubmit={() =>
          run(async () => {
            await api('POST', `${path}/referrals`, { body: { partnerId: partner, firstContactDue: localToIso(due) } });
            return x.referSaved;
          })
        }
        submitText={x.refer}
        disabled={action.busy}
      >
        <SelectField id="fjc-refer-partner" label={x.partner} value={partner} onChange={setPartner} options={partnerOptions} />
        <Field id="fjc-refer-due" type="datetime-local" label={x.firstContactDue} required value={due} onInput={(e) => setDue(value(e))} />
      </TitledForm>
      <TitledForm
        id="fjc-consent"
        title={x.recordConsent}
        onSubmit={() =>
          run(async () => {
            await api('POST', `${path}/consents`, { body: { partnerId: consentPartner, kinds, how } });
            return x.consentSaved;
          })
        }
        submitText={x.recordConsent}
        disabled={action.busy || kinds.length === 0}
      >
        <SelectField id="fjc-consent-partner" label={x.partner} value={consentPartner} onChange={setConsentPartner} options={partnerOptions} />
        <fieldset>
          <legend>{x.kinds}</legend>
          <Checkboxes id="fjc-kind" options={choices(KINDS, x.sections)} value={new Set(kinds)} onChange={(next) => setKinds([...next])} />
        </fieldset>
        <SelectField id="fjc-consent-how" label={x.how} value={how} onChange={setHow} options={choices(['oral', 'written'], x.hows)} />
      </TitledForm>
      <h2 id="fjc-director">{x.victimCode}</h2>
      <button
        type="button"
        class="button"
        disabled={action.busy}
        onClick={() =>
          run(async () => {
            const out = await api<{ code: string }>('POST', `${path}/victim-code`);
            setCode(out.code);
            return '';
          })
        }
      >
        {x.issueCode}
      </button>
      {code ? (
        <p class="notice" data-victim-code="">
          <strong dir="ltr">{code}</strong> — {x.codeOnce}
        </p>
      ) : null}
      <Status text={saved || undefined} />
      <ErrorText error={action.error} />
    </section>
  );
}

function ReferralDecision({ c, r, x, onSaved }: { c: FjcCaseView; r: ReferralView; x: FjcText; onSaved: () => void }) {
  const [reason, setReason] = useState('');
  const action = useAction();
  const path = `/api/fjc/cases/${seg(c.id)}/referrals/${seg(r.partnerId)}`;
  return (
    <form
      class="form"
      onSubmit={(e) => {
        e.preventDefault();
        void action.run(async () => {
          await api('POST', `${path}/decline`, { body: { reason: reason.trim() } });
          onSaved();
        });
      }}
    >
      <button
        type="button"
        class="button primary"
        disabled={action.busy}
        onClick={() =>
          void action.run(async () => {
            await api('POST', `${path}/accept`);
            onSaved();
          })
        }
      >
        {x.accept}
      </button>
      <Field id="fjc-decline-reason" label={x.declineReason} value={reason} onInput={(e) => setReason(value(e))} />
      <button type="submit" class="button" disabled={action.busy || reason.trim() === ''}>
        {x.decline}
      </button>
      <ErrorText error={action.error} />
    </form>
  );
}

/** Her plan as plain lines: each section's filled fields, a list item by item. */
function planLines(plan: SafetyPlan): [string, string][] {
  return Object.entries(plan).flatMap(([section, v]) =>
    (Array.isArray(v) ? v : [v])
      .map((item: Record<string, string | undefined>) => [section, Object.values(item).filter(Boolean).join(' · ')] as [string, string])
      .filter(([, text]) => text !== ''),
  );
}

/** What she shared from her space: the server answers only where its policy shows the case's notes, so it is asked only then. */
function SharedByHer({ id, x }: { id: string; x: FjcText }) {
  const { dateTime } = useI18n();
  const loaded = useLoad((signal) => api<{ shares: SharedFromSpace[] }>('GET', `/api/fjc/cases/${seg(id)}/shares`, { signal }), id);
  const shares = loaded.data?.shares ?? [];
  if (shares.length === 0) return <ErrorText error={loaded.error} />;
  return (
    <Section id="fjc-shared" title={x.sharedByHer}>
      {shares.map((s) => (
        <div key={s.id} class="card" data-share={s.id}>
          <p>{x.sharedOn(dateTime(s.sharedAt))}</p>
          {s.plan ? (
            <>
              <h3>{x.safetyPlan}</h3>
              <dl>
                {planLines(s.plan).map(([section, text], i) => (
                  <div key={`${section}-${i}`}>
                    <dt>{label(x.planSections, section)}</dt>
                    <dd>{text}</dd>
                  </div>
                ))}
              </dl>
            </>
          ) : null}
          {s.entries.map((e) => (
            <div key={e.seq} data-entry={e.seq}>
              <h3>{x.entry(e.seq, dateTime(e.receivedAt))}</h3>
              <p class="shared-text">{e.text}</p>
            </div>
          ))}
        </div>
      ))}
    </Section>
  );
}

export function FjcCaseScreen({ id }: { id: string }) {
  const x = useFjcText();
  const { dateTime } = useI18n();
  const loaded = useLoad((signal) => api<FjcCaseView>('GET', `/api/fjc/cases/${seg(id)}`, { signal }), id);
  const held = loaded.data ? KINDS.filter((k) => !loaded.data?.sections.includes(k)) : [];
  return (
    <LoadedPage
      title={x.caseTitle(id)}
      audited
      loaded={loaded}
      view={(c) => (
        <>
          <p>
            {label(x.origins, c.origin)}, {dateTime(c.openedAt)}
          </p>
          {c.closed ? (
            <p class="notice" data-closed="">
              {x.closed(dateTime(c.closed.at), c.closed.by, c.closed.reason)}
            </p>
          ) : null}
          {c.consents === undefined && c.sections.length === 0 ? (
            <p class="notice" data-only-referral="">
              {x.onlyReferral}
            </p>
          ) : held.length > 0 && c.consents === undefined ? (
            <p class="notice" data-held="">
              {x.held(held.map((k) => label(x.sections, k)).join(', '))}
            </p>
          ) : null}
          <ListSection
            id="fjc-referrals"
            title={x.referrals}
            items={c.referrals}
            line={(r) => (
              <li key={r.partnerId} data-referral={r.partnerId}>
                <ReferralLine r={r} x={x} />
                {c.consents === undefined && r.status === 'pending' ? <ReferralDecision c={c} r={r} x={x} onSaved={loaded.reload} /> : null}
              </li>
            )}
          />
          {c.contact ? (
            <Section id="fjc-contact" kind="contact" title={x.sections.contact}>
              <dl>
                <dt>{x.victimRefs}</dt>
                <dd>{c.contact.victimRefs.join(', ') || x.none}</dd>
                {c.contact.phone ? (
                  <>
                    <dt>{x.phone}</dt>
                    <dd dir="ltr">{c.contact.phone}</dd>
                  </>
                ) : null}
                {c.contact.safeTimes ? (
                  <>
                    <dt>{x.safeTimes}</dt>
                    <dd>{c.contact.safeTimes}</dd>
                  </>
                ) : null}
                {c.contact.codeWord ? (
                  <>
                    <dt>{x.codeWord}</dt>
                    <dd>{c.contact.codeWord}</dd>
                  </>
                ) : null}
              </dl>
            </Section>
          ) : null}
          {c.risk ? (
            <Section id="fjc-risk" kind="risk" title={x.sections.risk}>
              <p>
                {x.riskLevel}: {c.risk.riskLevel ?? x.none}
                {c.risk.policeCaseId ? ` · ${x.policeCase} ${c.risk.policeCaseId}` : ''}
              </p>
            </Section>
          ) : null}
          {c.children ? (
            <ListSection
              id="fjc-children"
              kind="children"
              title={x.sections.children}
              items={c.children}
              line={(ch, i) => (
                <li key={`${ch.ageBand}-${i}`}>
                  {x.ageBand} {ch.ageBand}
                  {ch.livesWith ? ` · ${x.livesWith}: ${ch.livesWith}` : ''}
                </li>
              )}
            />
          ) : null}
          {c.orders ? (
            <Section id="fjc-orders" kind="orders" title={x.sections.orders}>
              <p>
                {x.orderIds}: {c.orders.orderIds.join(', ') || x.none} · {x.bookingRefs}: {c.orders.bookingRefs.join(', ') || x.none}
                {c.orders.aggressorRef ? ` · ${x.aggressorRef}: ${c.orders.aggressorRef}` : ''}
              </p>
            </Section>
          ) : null}
          {c.notes ? (
            <ListSection
              id="fjc-notes"
              kind="notes"
              title={x.sections.notes}
              items={c.notes}
              line={(n) => (
                <li key={n.at}>
                  {dateTime(n.at)} ({n.by}): {n.text}
                </li>
              )}
            />
          ) : null}
          {c.status === 'open' && c.sections.includes('notes') ? <SharedByHer id={id} x={x} /> : null}
          {c.consultations.length > 0 ? (
            <Section id="fjc-consultations" title={x.consultations}>
              {c.consultations.map((k) => (
                <div key={k.id} class="card" data-consultation={k.id}>
                  <p>
                    {x.purpose}: {k.purpose} · {x.legalBasis}: {k.legalBasis} · {x.from} {dateTime(k.startsAt)} {x.to} {dateTime(k.endsAt)}
                    {k.running ? <span class="badge"> {x.running}</span> : null}
                  </p>
                  <p>
                    {x.participants}: {k.participants.map(partnerName).join(', ')}
                  </p>
                  {k.summary ? (
                    <p>
                      <strong>{x.summary}:</strong> {k.summary}
                    </p>
                  ) : null}
                  {k.minutes ? (
                    <p>
                      <strong>{x.decisions}:</strong> {k.minutes.decisions.join('; ')}
                    </p>
                  ) : null}
                </div>
              ))}
            </Section>
          ) : null}
          {c.actions.length > 0 ? (
            <ListSection id="fjc-actions" title={x.actions} items={c.actions} line={(a) => <ActionLine key={a.id} a={a} x={x} onChanged={loaded.reload} />} />
          ) : null}
          {c.consents ? (
            <>
              <ListSection
                id="fjc-consents"
                title={x.consents}
                items={c.consents}
                none={x.none}
                line={(k) => (
                  <li key={`${k.partnerId}-${k.kind}`}>
                    {partnerName(k.partnerId)}: {label(x.sections, k.kind)} — {x.given} {dateTime(k.givenAt)} ({label(x.hows, k.how)}, {x.by} {k.recordedBy})
                    {k.withdrawnAt ? ` — ${x.withdrawn} ${dateTime(k.withdrawnAt)} ${x.by} ${k.withdrawnBy ?? ''}` : ''}
                  </li>
                )}
              />
              {c.status === 'open' ? (
                <>
                  <DirectorForms c={c} x={x} onSaved={loaded.reload} />
                  <CloseForm c={c} x={x} onSaved={loaded.reload} />
                </>
              ) : null}
            </>
          ) : null}
        </>
      )}
    />
  );
}
