import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import type { ShareSummary, SpaceContents, SpaceExport, StoredEntry } from '../../../shared/space/api.js';
import { verifyChain, verifyStatement, entryHash, type ChainProblem } from '../../../shared/space/chain.js';
import { aadOf, deriveSpaceKeys, isDuressShaped, passphraseProblem, sealJson } from '../../../shared/space/crypto.js';
import type { SafetyPlan, SelfCheckResult } from '../../../shared/space/plan.js';
import { ZONES } from '../../../shared/zones-list.js';
import { Check, Field, hintIdOf, Labelled } from '../field.js';
import { dateTime } from '../format.js';
import { useI18n } from '../i18n/index.js';
import { sendWithRetry } from '../protection/send.js';
import { navigate } from '../router.js';
import { useStore } from '../store.js';
import { cleanPhoto, sealPhoto } from './photo.js';
import { PlanForm } from './plan-form.js';
import { PrintablePlan } from './printable-plan.js';
import { Said, useSaid } from './said.js';
import { SafeContactView } from './safe-contact.js';
import { SelfCheck } from './self-check.js';
import { type PlanMessages, WithPlanTexts } from './texts.js';
import { api, apiRetrying, closeSpace, decrypt, photoUrl, spaceStore, type ApiFailure, type OpenSpace } from './state.js';
import { ScreenHeading } from '../screen-heading.js';

/**
 * Her own space: the passphrase opens it (keys derived here, shared/space/crypto.ts), and everything
 * she writes is encrypted here before it is sent. A 6–8-digit entry at the prompt is treated as a
 * duress code: sent to POST /api/duress as the neutral notes do, and the neutral screen opens — no sign.
 */
type T = PlanMessages['space'];
type View = 'menu' | 'plan' | 'journal' | 'callback' | 'safe-contact' | 'share' | 'export' | 'self-check';

const randomId = () => Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');

export default function SpaceScreen(): JSX.Element {
  return <WithPlanTexts>{(texts) => <Space t={texts.space} />}</WithPlanTexts>;
}

function Space({ t }: { t: T }): JSX.Element {
  const open = useStore(spaceStore);
  const [view, setView] = useState<View>('menu');
  return (
    <section class="space" data-space="">
      <ScreenHeading>{t.title}</ScreenHeading>
      {!open ? (
        <Gate t={t} />
      ) : view === 'menu' ? (
        <Menu t={t} policeLinked={open.policeLinked} onPick={setView} />
      ) : (
        <Sub t={t} s={open} view={view} back={() => setView('menu')} />
      )}
      <button type="button" class="link-button" onClick={() => navigate('home')}>
        {useI18n().t.backHome}
      </button>
    </section>
  );
}

function Gate({ t }: { t: T }): JSX.Element {
  const [pass, setPass] = useState('');
  const [error, setError] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);

  const go = async (create: boolean) => {
    setError(undefined);
    if (isDuressShaped(pass)) {
      // As on the neutral notes: checked silently, and she sees the neutral screen whatever the answer.
      void sendWithRetry('/api/duress', { code: pass.trim() });
      setPass('');
      navigate('notes');
      return;
    }
    const problem = passphraseProblem(pass);
    if (problem) {
      setError(t.errors[problem]);
      document.getElementById('space-pass')?.focus();
      return;
    }
    setBusy(true);
    const keys = await deriveSpaceKeys(pass);
    if (create) {
      const made = await api<{ createdAt: string }>(keys, 'POST', '/api/space', undefined, 'exists');
      if (!made.ok) return fail(made.reason);
    }
    const out = await api<SpaceContents>(keys, 'GET', '/api/space');
    if (!out.ok) return fail(out.reason);
    setPass('');
    setBusy(false);
    spaceStore.set(await decrypt(keys, out.value));
  };
  const fail = (reason: ApiFailure) => {
    setBusy(false);
    setError(t.errors[reason]);
    document.getElementById('space-pass')?.focus();
  };

  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        void go(false);
      }}
    >
      <p>{t.intro}</p>
      <Field id="space-pass" type="password" label={t.passphraseLabel} hint={t.passphraseHint} error={error} value={pass} onInput={setPass} maxLength={200} />
      <div class="actions">
        <button type="submit" class="button primary" disabled={busy}>
          {busy ? t.busy : t.open}
        </button>
        <button type="button" class="button" disabled={busy} onClick={() => void go(true)}>
          {t.create}
        </button>
      </div>
      <p class="hint">{t.keptNote}</p>
    </form>
  );
}

const menuLabel = (t: T, v: Exclude<View, 'menu'>) => t.menu[v === 'self-check' ? 'selfCheck' : v === 'safe-contact' ? 'safeContact' : v];

function Menu({ t, policeLinked, onPick }: { t: T; policeLinked: boolean; onPick: (v: View) => void }): JSX.Element {
  const items: Exclude<View, 'menu'>[] = ['plan', 'journal', 'callback', ...(policeLinked ? (['safe-contact'] as const) : []), 'share', 'export', 'self-check'];
  return (
    <nav aria-labelledby="space-menu-title">
      <h2 id="space-menu-title">{t.menuTitle}</h2>
      <ul class="menu">
        {items.map((v) => (
          <li key={v}>
            <button type="button" class="button menu-item" data-space-menu={v} onClick={() => onPick(v)}>
              {menuLabel(t, v)}
            </button>
          </li>
        ))}
        <li>
          <button type="button" class="button" data-space-close="" onClick={closeSpace}>
            {t.menu.close}
          </button>
        </li>
      </ul>
    </nav>
  );
}

function Sub({ t, s, view, back }: { t: T; s: OpenSpace; view: Exclude<View, 'menu'>; back: () => void }): JSX.Element {
  const title = menuLabel(t, view);
  return (
    <>
      <h2>{title}</h2>
      {view === 'plan' && <PlanView t={t} s={s} />}
      {view === 'journal' && <JournalView t={t} s={s} />}
      {view === 'callback' && <CallbackView t={t} s={s} />}
      {view === 'safe-contact' && <SafeContactView t={t} s={s} />}
      {view === 'share' && <ShareView t={t} s={s} />}
      {view === 'export' && <ExportView t={t} s={s} />}
      {view === 'self-check' && <SelfCheck onSave={(r) => saveSelfCheck(s, r)} />}
      <button type="button" class="button" onClick={back}>
        {t.backToSpace}
      </button>
    </>
  );
}

async function saveSelfCheck(s: OpenSpace, result: SelfCheckResult): Promise<void> {
  const out = await api(s.keys, 'PUT', '/api/space/self-check', await sealJson(s.keys.contentKey, result, aadOf.selfCheck()));
  if (!out.ok) throw new Error(out.reason);
  spaceStore.set({ ...s, selfCheck: result });
}

function PlanView({ t, s }: { t: T; s: OpenSpace }): JSX.Element {
  const [plan, setPlan] = useState<SafetyPlan>(s.plan);
  const [said, say] = useSaid();
  const save = async () => {
    const sealed = await sealJson(s.keys.contentKey, plan, aadOf.plan());
    const out = await api<{ version: number }>(s.keys, 'PUT', '/api/space/plan', { ...sealed, expectedVersion: s.planVersion });
    if (!out.ok) return say(false, t.errors[out.reason]);
    spaceStore.set({ ...s, plan, planVersion: out.value.version });
    say(true, t.plan.saved);
  };
  return (
    <>
      <PlanForm value={plan} onChange={setPlan} />
      <button type="button" class="button primary" data-plan-save="" onClick={() => void save()}>
        {t.plan.save}
      </button>
      <Said {...said} />
      <PrintablePlan value={plan} />
    </>
  );
}

const EMPTY_ENTRY = { when: '', what: '', where: '', witnesses: '', injuries: '' };

function JournalView({ t, s }: { t: T; s: OpenSpace }): JSX.Element {
  const { lang } = useI18n();
  const [draft, setDraft] = useState(EMPTY_ENTRY);
  const [photo, setPhoto] = useState<File | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const [said, say] = useSaid();
  const tj = t.journal;

  const save = async (e: Event) => {
    e.preventDefault();
    if (!draft.what.trim()) {
      say(false, t.errors.failed);
      return;
    }
    setBusy(true);
    const photos: string[] = [];
    const urls: Record<string, string> = {};
    if (photo) {
      const jpeg = await cleanPhoto(photo);
      const upload = await sealPhoto(s.keys.contentKey, jpeg);
      for (const part of upload.parts) {
        const out = await api(s.keys, 'POST', '/api/space/photos', part);
        if (!out.ok) {
          setBusy(false);
          return say(false, t.errors[out.reason]);
        }
      }
      photos.push(upload.id);
      urls[upload.id] = photoUrl(jpeg);
    }
    const seq = s.head.seq + 1;
    const body = { ...draft, photos };
    const { iv, ct } = await sealJson(s.keys.contentKey, body, aadOf.entry(seq));
    const hash = await entryHash(s.head.hash, seq, iv, ct);
    const out = await api<StoredEntry>(s.keys, 'POST', '/api/space/journal', { seq, prevHash: s.head.hash, iv, ct, hash });
    setBusy(false);
    if (!out.ok) return say(false, t.errors[out.reason]);
    spaceStore.set({
      ...s,
      head: { seq, hash },
      entries: [...s.entries, { ...body, seq, hash, receivedAt: out.value.receivedAt }],
      chain: [...s.chain, out.value],
      photos: { ...s.photos, ...urls },
    });
    setDraft(EMPTY_ENTRY);
    setPhoto(undefined);
    say(true, tj.saved);
  };

  const field = (key: keyof typeof EMPTY_ENTRY, label: string, multiline = false, hint?: string) => (
    <Field
      id={`entry-${key}`}
      label={label}
      {...(hint ? { hint } : {})}
      multiline={multiline}
      value={draft[key]}
      maxLength={4000}
      onInput={(v) => setDraft({ ...draft, [key]: v })}
    />
  );

  return (
    <>
      {s.entries.length === 0 ? (
        <p>{tj.empty}</p>
      ) : (
        <ol class="cards" data-journal="">
          {s.entries.map((e) => (
            <li key={e.seq} class="card" data-entry={e.seq}>
              <h3>{tj.entry(e.seq)}</h3>
              {e.what ? (
                <>
                  {e.when && <p>{e.when}</p>}
                  <p class="entry-text">{e.what}</p>
                  {e.where && <p>{`${tj.where} ${e.where}`}</p>}
                  {e.witnesses && <p>{`${tj.witnesses} ${e.witnesses}`}</p>}
                  {e.injuries && <p>{`${tj.injuries}: ${e.injuries}`}</p>}
                  {e.photos.map((id) =>
                    s.photos[id] ? <img key={id} class="entry-photo" src={s.photos[id]} alt={tj.photoAlt(e.seq)} data-photo={id} /> : null,
                  )}
                </>
              ) : (
                <p class="field-error">{tj.unreadable}</p>
              )}
              <p class="hint">{tj.received(dateTime(Date.parse(e.receivedAt), lang))}</p>
            </li>
          ))}
        </ol>
      )}
      <form onSubmit={save} data-entry-form="">
        <h3>{tj.newTitle}</h3>
        {field('when', tj.when, false, tj.whenHint)}
        {field('what', tj.what, true)}
        {field('where', tj.where)}
        {field('witnesses', tj.witnesses)}
        {field('injuries', tj.injuries, true)}
        <Labelled id="entry-photo" label={tj.photo} hint={tj.photoHint}>
          <input
            id="entry-photo"
            type="file"
            accept="image/*"
            aria-describedby={hintIdOf('entry-photo')}
            onChange={(e) => setPhoto((e.currentTarget as HTMLInputElement).files?.[0])}
          />
        </Labelled>
        <button type="submit" class="button primary" disabled={busy}>
          {busy ? t.busy : tj.save}
        </button>
        <Said {...said} />
      </form>
    </>
  );
}

function CallbackView({ t, s }: { t: T; s: OpenSpace }): JSX.Element {
  const { lang } = useI18n();
  const tc = t.callback;
  const [from, setFrom] = useState<'police' | 'fjc'>('police');
  const [zone, setZone] = useState<string>(ZONES[0]?.id ?? '');
  const [phone, setPhone] = useState('');
  const [times, setTimes] = useState<string[]>([]);
  const [voicemail, setVoicemail] = useState(false);
  const [said, say] = useSaid();
  const [phoneError, setPhoneError] = useState<string | undefined>(undefined);
  // While one request (and its retries, with the same id) is under way, no second one with a new id.
  const [sending, setSending] = useState(false);

  const send = async (e: Event) => {
    e.preventDefault();
    const digits = phone.replace(/\D/g, '').length;
    if (digits < 3 || digits > 15) {
      setPhoneError(tc.phoneHint);
      document.getElementById('callback-phone')?.focus();
      return;
    }
    if (times.length === 0) return say(false, tc.timesRequired);
    const id = randomId();
    setSending(true);
    const mine = await sealJson(s.keys.contentKey, { from, safeTimes: times, voicemail }, aadOf.callback(id));
    const out = await apiRetrying<{ id: string }>(s.keys, 'POST', '/api/space/callbacks', {
      id,
      from,
      zone,
      phone: phone.trim(),
      safeTimes: times,
      voicemail,
      language: lang,
      mine,
    });
    setSending(false);
    if (!out.ok) return say(false, t.errors[out.reason]);
    spaceStore.set({ ...s, callbacks: [...s.callbacks, { id, requestedAt: new Date().toISOString(), from, safeTimes: times, voicemail }] });
    setPhone('');
    say(true, tc.sent);
  };
  const toggle = (time: string, on: boolean) => setTimes(on ? [...times.filter((x) => x !== time), time] : times.filter((x) => x !== time));

  return (
    <form onSubmit={send} data-callback-form="">
      <p>{tc.intro}</p>
      <fieldset>
        <legend>{tc.from}</legend>
        {(['police', 'fjc'] as const).map((f) => (
          <label key={f} class="check">
            <input type="radio" name="callback-from" checked={from === f} onChange={() => setFrom(f)} /> {f === 'police' ? tc.fromPolice : tc.fromFjc}
          </label>
        ))}
      </fieldset>
      {!s.linked && (
        <Labelled id="callback-zone" label={tc.zone}>
          <select id="callback-zone" class="text-input" value={zone} onChange={(e) => setZone((e.currentTarget as HTMLSelectElement).value)}>
            {ZONES.map((z) => (
              <option key={z.id} value={z.id}>
                {z.name}
              </option>
            ))}
          </select>
        </Labelled>
      )}
      <Field
        id="callback-phone"
        type="tel"
        label={tc.phone}
        hint={tc.phoneHint}
        error={phoneError}
        value={phone}
        maxLength={24}
        onInput={(v) => {
          setPhoneError(undefined);
          setPhone(v);
        }}
      />
      <fieldset>
        <legend>{tc.times}</legend>
        {(['morning', 'afternoon', 'evening'] as const).map((time) => (
          <Check key={time} label={tc[time]} checked={times.includes(time)} onChange={(on) => toggle(time, on)} />
        ))}
      </fieldset>
      <fieldset>
        <legend>{tc.voicemail}</legend>
        <label class="check">
          <input type="radio" name="callback-voicemail" checked={voicemail} onChange={() => setVoicemail(true)} /> {tc.voicemailYes}
        </label>
        <label class="check">
          <input type="radio" name="callback-voicemail" checked={!voicemail} onChange={() => setVoicemail(false)} /> {tc.voicemailNo}
        </label>
      </fieldset>
      <button type="submit" class="button primary" disabled={sending}>
        {tc.send}
      </button>
      <Said {...said} />
      {s.callbacks.length > 0 && (
        <>
          <h3>{tc.earlier}</h3>
          <ul data-callbacks="">
            {s.callbacks.map((c) => (
              <li key={c.id}>{`${dateTime(Date.parse(c.requestedAt), lang)} — ${c.from === 'police' ? tc.fromPolice : tc.fromFjc}`}</li>
            ))}
          </ul>
        </>
      )}
    </form>
  );
}

function ShareView({ t, s }: { t: T; s: OpenSpace }): JSX.Element {
  const { lang } = useI18n();
  const ts = t.share;
  const [code, setCode] = useState('');
  const [plan, setPlan] = useState(false);
  const [chosen, setChosen] = useState<number[]>([]);
  const [said, say] = useSaid();

  const link = async () => {
    const out = await api<{ policeLinked: boolean }>(s.keys, 'POST', '/api/space/link', { code: code.trim() });
    if (!out.ok) return say(false, t.errors[out.reason]);
    spaceStore.set({ ...s, linked: true, policeLinked: out.value.policeLinked });
    say(true, ts.linked);
  };
  const send = async () => {
    if (!plan && chosen.length === 0) return say(false, ts.nothing);
    const entries = s.entries
      .filter((e) => chosen.includes(e.seq))
      .map((e) => ({
        seq: e.seq,
        hash: e.hash,
        receivedAt: e.receivedAt,
        text: [e.when, e.what, e.where, e.witnesses, e.injuries].filter(Boolean).join('\n'),
      }));
    const out = await api<ShareSummary>(s.keys, 'POST', '/api/space/shares', { code: code.trim(), ...(plan ? { plan: s.plan } : {}), entries });
    if (!out.ok) return say(false, t.errors[out.reason]);
    spaceStore.set({ ...s, shares: [...s.shares, out.value] });
    setChosen([]);
    setPlan(false);
    say(true, ts.shared);
  };
  const revoke = async (id: string) => {
    const out = await api(s.keys, 'DELETE', `/api/space/shares/${id}`);
    if (!out.ok) return say(false, t.errors[out.reason]);
    spaceStore.set({ ...s, shares: s.shares.filter((x) => x.id !== id) });
    say(true, ts.revoked);
  };

  return (
    <>
      <p>{ts.intro}</p>
      <Field id="share-code" label={ts.code} hint={ts.codeHint} value={code} onInput={setCode} maxLength={40} autocapitalize="characters" />
      <button type="button" class="button" disabled={code.trim().length < 4} onClick={() => void link()}>
        {ts.link}
      </button>
      <fieldset>
        <legend>{ts.what}</legend>
        <Check label={ts.sharePlan} checked={plan} onChange={setPlan} />
        {s.entries.map((e) => (
          <Check
            key={e.seq}
            label={t.journal.entry(e.seq)}
            checked={chosen.includes(e.seq)}
            onChange={(on) => setChosen(on ? [...chosen, e.seq] : chosen.filter((x) => x !== e.seq))}
          />
        ))}
      </fieldset>
      <button type="button" class="button primary" disabled={code.trim().length < 4} onClick={() => void send()}>
        {ts.send}
      </button>
      <Said {...said} />
      {s.shares.length > 0 && (
        <>
          <h3>{ts.list}</h3>
          <ul class="cards" data-shares="">
            {s.shares.map((x) => (
              <li key={x.id} class="card">
                <p>
                  {ts.item([...(x.plan ? [ts.sharePlan] : []), ...x.entries.map((n) => t.journal.entry(n))].join(', '), dateTime(Date.parse(x.sharedAt), lang))}
                </p>
                <button type="button" class="button" onClick={() => void revoke(x.id)}>
                  {ts.revoke}
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}

function ExportView({ t, s }: { t: T; s: OpenSpace }): JSX.Element {
  const te = t.export;
  const [result, setResult] = useState<{ problems: ChainProblem[]; signed: boolean; bundle: string } | undefined>(undefined);
  const [said, say] = useSaid();

  const check = async () => {
    // The chain as the server holds it now (not this page's copy), against the head it signs.
    const fresh = await api<SpaceContents>(s.keys, 'GET', '/api/space');
    const signed = await api<SpaceExport>(s.keys, 'POST', '/api/space/export');
    if (!fresh.ok || !signed.ok) return say(false, t.errors[!fresh.ok ? fresh.reason : signed.ok ? 'failed' : signed.reason]);
    const statement = JSON.parse(signed.value.statement) as { head: { seq: number; hash: string } };
    const problems = await verifyChain(fresh.value.entries, statement.head);
    const valid = await verifyStatement(signed.value.statement, signed.value.signature, signed.value.publicKey);
    const opened = await decrypt(s.keys, fresh.value);
    const bundle = JSON.stringify(
      {
        kind: 'oneroof-space-export/v1',
        entries: opened.entries.map(({ photos: _p, ...e }) => e),
        chain: fresh.value.entries,
        serverStatement: signed.value.statement,
        serverSignature: signed.value.signature,
        serverPublicKey: signed.value.publicKey,
        check: { problems, signatureValid: valid },
      },
      null,
      2,
    );
    setResult({ problems, signed: valid, bundle });
    say(true, undefined);
  };

  return (
    <>
      <p>{te.intro}</p>
      <button type="button" class="button primary" data-chain-check="" onClick={() => void check()}>
        {te.check}
      </button>
      <Said {...said} />
      {result && (
        <div data-chain-result={result.problems.length === 0 ? 'intact' : 'problems'}>
          {result.problems.length === 0 ? (
            <p role="status" class="notice">
              {te.intact}
            </p>
          ) : (
            <div role="alert" class="notice">
              <p>{te.problems}</p>
              <ul>
                {result.problems.map((p) => (
                  <li key={`${p.kind}-${p.seq}`} data-problem={p.kind} data-seq={p.seq}>
                    {te.problem[p.kind](p.seq)}
                  </li>
                ))}
              </ul>
            </div>
          )}
          <p>{result.signed ? te.signed : te.signedBad}</p>
          <a class="button" download="journal.json" href={`data:application/json;charset=utf-8,${encodeURIComponent(result.bundle)}`}>
            {te.download}
          </a>
          <p class="hint">{te.downloadNote}</p>
        </div>
      )}
    </>
  );
}
