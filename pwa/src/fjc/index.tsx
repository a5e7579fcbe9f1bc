import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import type { VictimView } from '../../../shared/fjc/api.js';
import { useI18n, type Messages } from '../i18n/index.js';
import { navigate } from '../router.js';
import { CodeField } from '../field.js';
import { useStore } from '../store.js';
import { sendWithRetry, type Failure } from '../protection/send.js';
import { fjcStore } from './state.js';
import { ScreenHeading } from '../screen-heading.js';

/**
 * "Who knows about me": with the case code her case director handed her (typed, never kept), she sees
 * which FJC partners know about her, what each may see now, and withdraws a consent
 * (POST /api/fjc/victim/view and /withdraw, the code in the body). The partner loses access at its next
 * read. Nothing here is stored on the device, logged, or put in the title or the address bar.
 */
type ConsentKindText = keyof Messages['fjc']['kinds'];
type Phase = { k: 'idle' } | { k: 'busy' } | { k: 'failed'; reason: Failure } | { k: 'withdrawn' };

async function post(path: string, body: unknown): Promise<{ ok: true; view: VictimView } | { ok: false; reason: Failure }> {
  // The same careful sender as the panic screen (time-outs, retries on network trouble, no cookies, no cache).
  let view: VictimView | undefined;
  const fetchFn: typeof fetch = async (input, init) => {
    const res = await fetch(input, init);
    if (res.ok) view = (await res.clone().json()) as VictimView;
    return res;
  };
  const out = await sendWithRetry(path, body, { fetchFn, attempts: 3 });
  return out.ok && view ? { ok: true, view } : { ok: false, reason: out.ok ? 'failed' : out.reason };
}

export default function FjcScreen(): JSX.Element {
  const t = useI18n().t.fjc;
  const state = useStore(fjcStore);
  const [phase, setPhase] = useState<Phase>({ k: 'idle' });
  const [confirm, setConfirm] = useState<{ partnerId: string; name: string; kind: ConsentKindText } | undefined>(undefined);

  const show = async (e: Event) => {
    e.preventDefault();
    setPhase({ k: 'busy' });
    const out = await post('/api/fjc/victim/view', { code: state.code.trim() });
    if (out.ok) {
      fjcStore.set({ ...fjcStore.get(), view: out.view });
      setPhase({ k: 'idle' });
    } else setPhase({ k: 'failed', reason: out.reason });
  };

  const withdraw = async () => {
    if (!confirm) return;
    setPhase({ k: 'busy' });
    const out = await post('/api/fjc/victim/withdraw', { code: state.code.trim(), partnerId: confirm.partnerId, kinds: [confirm.kind] });
    setConfirm(undefined);
    if (out.ok) {
      fjcStore.set({ ...fjcStore.get(), view: out.view });
      setPhase({ k: 'withdrawn' });
    } else setPhase({ k: 'failed', reason: out.reason });
  };

  return (
    <section class="fjc-view">
      <ScreenHeading>{t.title}</ScreenHeading>
      <p>{t.intro}</p>
      <form onSubmit={show}>
        <CodeField id="fjc-code" label={t.codeLabel} hint={t.codeHint} value={state.code} onInput={(code) => fjcStore.set({ ...fjcStore.get(), code })} />
        <button type="submit" class="button primary" disabled={phase.k === 'busy' || state.code.trim().length < 4}>
          {phase.k === 'busy' ? t.loading : t.show}
        </button>
      </form>
      <p class="hint">{t.forgetNote}</p>
      {phase.k === 'failed' ? (
        <p role="alert" class="field-error">
          {t.errors[phase.reason]}
        </p>
      ) : null}
      {phase.k === 'withdrawn' ? (
        <p role="status" class="notice">
          {t.withdrawn}
        </p>
      ) : null}
      {state.view ? (
        state.view.partners.length === 0 ? (
          <p>{t.none}</p>
        ) : (
          <ul class="cards" data-fjc-partners="">
            {state.view.partners.map((p) => (
              <li key={p.partnerId} class="card" data-partner={p.partnerId}>
                <h2>{p.name}</h2>
                <p>{[p.referral ? t.status[p.referral] : undefined, p.consulted ? t.status.consulted : undefined].filter(Boolean).join(' · ')}</p>
                {p.kinds.length === 0 ? (
                  <p>{t.mayNothing}</p>
                ) : (
                  <p>
                    {t.mayLabel} {p.kinds.map((k) => t.kinds[k]).join(', ')}
                  </p>
                )}
                {p.consented.map((k) =>
                  confirm?.partnerId === p.partnerId && confirm.kind === k ? (
                    <div key={k} class="confirm" role="group" aria-label={t.withdraw(t.kinds[k])}>
                      <p>{t.confirmWithdraw(t.kinds[k], p.name)}</p>
                      <button type="button" class="button primary" onClick={withdraw}>
                        {t.yes}
                      </button>
                      <button type="button" class="button" onClick={() => setConfirm(undefined)}>
                        {t.no}
                      </button>
                    </div>
                  ) : (
                    <button key={k} type="button" class="button" onClick={() => setConfirm({ partnerId: p.partnerId, name: p.name, kind: k })}>
                      {t.withdraw(t.kinds[k])}
                    </button>
                  ),
                )}
              </li>
            ))}
          </ul>
        )
      ) : null}
      <button type="button" class="link-button" onClick={() => navigate('home')}>
        {t.back}
      </button>
    </section>
  );
}
