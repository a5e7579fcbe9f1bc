import type { JSX } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { telHref } from '../emergency.js';
import { CodeField, hintIdOf, Labelled } from '../field.js';
import { clockTime } from '../format.js';
import { useI18n, type ProtectionTexts } from '../i18n/index.js';
import { navigate } from '../router.js';
import { useStore } from '../store.js';
import { DuressCode } from './duress.js';
import type { PanicStatusAnswer } from '../../../shared/monitoring/api.js';
import { pollPanicStatus } from './panic-status.js';
import { currentPosition, sendWithRetry, type Failure, type SendResult } from './send.js';
import { applyRemember, protectionStore, restoreRemembered, type ProtectionState } from './state.js';
import './protection.css';
import { ScreenHeading } from '../screen-heading.js';

/**
 * The protected person's screen: the protection code (kept in memory; on the device only if
 * they tick "remember"), a panic alarm with a confirmation step (POST /api/panic, with the position if
 * they allow it), and "report contact" (POST /api/contact-reports). Both survive a slow network
 * (time-outs, retries, progress shown) and always offer 112 when sending fails. Nothing is logged, and
 * nothing here changes the page title or the address bar.
 */
type Phase =
  | { k: 'idle' }
  | { k: 'confirm' }
  | { k: 'locating' }
  | { k: 'sending'; attempt: number; of: number }
  | { k: 'sent'; at: string; panicId?: string | undefined }
  | { k: 'failed'; reason: Failure };

const CODE_FAILURES: readonly Failure[] = ['unknown-code', 'invalid'];

function setState(patch: Partial<ProtectionState>): void {
  const next = { ...protectionStore.get(), ...patch };
  protectionStore.set(next);
  void applyRemember(next);
}

export default function ProtectionScreen(): JSX.Element {
  const { lang, t: all } = useI18n();
  const t = all.protection;
  const state = useStore(protectionStore);
  const [codeError, setCodeError] = useState('');
  const codeInput = useRef<HTMLInputElement>(null);
  useEffect(() => void restoreRemembered(), []);
  const time = (iso: string) => clockTime(iso, lang);

  /** The code to send, or undefined after pointing the person at the empty field. */
  const codeOrFocus = (): string | undefined => {
    const code = state.code.trim();
    if (code.length >= 4) return code;
    setCodeError(t.codeMissing);
    codeInput.current?.focus();
    return undefined;
  };
  const codeRejected = (reason: Failure) => {
    if (CODE_FAILURES.includes(reason)) setCodeError(t.errors[reason]);
  };

  return (
    <section class="protection">
      <ScreenHeading>{t.title}</ScreenHeading>

      <CodeField
        id="protection-code"
        label={t.codeLabel}
        hint={t.codeHint}
        value={state.code}
        error={codeError}
        inputRef={codeInput}
        onInput={(code) => {
          setCodeError('');
          setState({ code });
        }}
      />
      <Panic t={t} time={time} codeOrFocus={codeOrFocus} codeRejected={codeRejected} shareLocation={state.shareLocation} />
      <div class="check">
        <input
          id="protection-remember"
          type="checkbox"
          checked={state.remember}
          aria-describedby="protection-remember-hint"
          onChange={(e) => setState({ remember: (e.currentTarget as HTMLInputElement).checked })}
        />
        <label for="protection-remember">{t.rememberLabel}</label>
        <p id="protection-remember-hint" class="hint">
          {t.rememberHint}
        </p>
      </div>

      <p class="notice">{t.noCode}</p>
      <p>{t.intro}</p>
      <Contact t={t} time={time} codeOrFocus={codeOrFocus} codeRejected={codeRejected} />
      <DuressCode t={t} codeOrFocus={codeOrFocus} />

      <button type="button" class="link-button" onClick={() => navigate('home')}>
        {t.back}
      </button>
    </section>
  );
}

/**
 * What the panic and the contact report share: sending with retries, each attempt shown in `phase`,
 * the outcome focused (`result`) so it is read out, and nothing done once the part is gone (`live`).
 * `post` answers the result when it went through; a failure it shows itself (and points at the code
 * when that was the trouble) and answers undefined, as it does when the part has gone meanwhile.
 */
function useSending(codeRejected: (reason: Failure) => void) {
  const [phase, setPhase] = useState<Phase>({ k: 'idle' });
  const result = useRef<HTMLParagraphElement>(null);
  const live = useRef(true);
  useEffect(() => () => void (live.current = false), []);
  useEffect(() => {
    if (phase.k === 'sent' || phase.k === 'failed') result.current?.focus();
  }, [phase.k]);
  const post = async (path: string, body: unknown): Promise<Extract<SendResult, { ok: true }> | undefined> => {
    const out = await sendWithRetry(path, body, { onAttempt: (attempt, of) => live.current && setPhase({ k: 'sending', attempt, of }) });
    if (!live.current) return undefined;
    if (out.ok) return out;
    codeRejected(out.reason);
    setPhase({ k: 'failed', reason: out.reason });
    return undefined;
  };
  return { phase, setPhase, result, live, post };
}

interface PartProps {
  t: ProtectionTexts;
  time: (iso: string) => string;
  codeOrFocus: () => string | undefined;
  codeRejected: (reason: Failure) => void;
}

function Panic({ t, time, codeOrFocus, codeRejected, shareLocation }: PartProps & { shareLocation: boolean }): JSX.Element {
  const { phase, setPhase, result, live, post } = useSending(codeRejected);
  const confirmHeading = useRef<HTMLHeadingElement>(null);
  // The code the panic was sent with (memory only), to ask what became of it.
  const sentWith = useRef<string | undefined>(undefined);
  const [progress, setProgress] = useState<PanicStatusAnswer | undefined>(undefined);
  const panicId = phase.k === 'sent' ? phase.panicId : undefined;
  useEffect(() => {
    const code = sentWith.current;
    if (!panicId || !code) return;
    const ctl = new AbortController();
    void pollPanicStatus({ protectionCode: code, panicId, signal: ctl.signal, onStatus: (a) => live.current && setProgress(a) });
    return () => ctl.abort();
  }, [panicId]);
  useEffect(() => {
    if (phase.k === 'confirm') confirmHeading.current?.focus();
  }, [phase.k]);

  const ask = () => {
    if (codeOrFocus()) setPhase({ k: 'confirm' });
  };
  const send = async () => {
    const protectionCode = codeOrFocus();
    if (!protectionCode) return setPhase({ k: 'idle' });
    let position: Awaited<ReturnType<typeof currentPosition>>;
    if (shareLocation) {
      setPhase({ k: 'locating' });
      position = await currentPosition(5_000);
    }
    const out = await post('/api/panic', { protectionCode, ...(position ? { position } : {}) });
    if (!out) return;
    sentWith.current = protectionCode;
    setProgress(undefined);
    setPhase({ k: 'sent', at: out.at, panicId: out.panicId });
  };
  const busy = phase.k === 'locating' || phase.k === 'sending';

  return (
    <section class="panel panic" aria-labelledby="panic-title">
      <h2 id="panic-title">{t.panicTitle}</h2>
      {phase.k === 'confirm' ? (
        <div class="confirm" role="group" aria-labelledby="panic-confirm-title">
          <h3 id="panic-confirm-title" ref={confirmHeading} tabIndex={-1}>
            {t.confirmTitle}
          </h3>
          <p>{t.confirmText}</p>
          <div class="actions">
            <button type="button" class="button panic-button" onClick={() => void send()}>
              {t.confirmYes}
            </button>
            <button type="button" class="button" onClick={() => setPhase({ k: 'idle' })}>
              {t.confirmNo}
            </button>
          </div>
        </div>
      ) : (
        <>
          <div class="check">
            <input
              id="panic-location"
              type="checkbox"
              checked={shareLocation}
              disabled={busy}
              onChange={(e) => setState({ shareLocation: (e.currentTarget as HTMLInputElement).checked })}
            />
            <label for="panic-location">{t.shareLocation}</label>
          </div>
          <button type="button" class="button panic-button" disabled={busy} onClick={ask}>
            {t.panicButton}
          </button>
        </>
      )}
      <p>{t.panicIntro}</p>
      <p class="progress" role="status" aria-live="polite">
        {phase.k === 'locating' ? t.locating : phase.k === 'sending' ? t.sending(phase.attempt, phase.of) : ''}
      </p>
      {phase.k === 'sent' ? (
        <div class="result ok">
          <p ref={result} tabIndex={-1} role="status">
            <strong>{t.received(time(progress?.receivedAt ?? phase.at))}</strong>
          </p>
          {phase.panicId ? (
            <ul class="panic-progress" aria-live="polite">
              <li>{progress?.sentAt ? t.forwarded(time(progress.sentAt)) : t.forwarding}</li>
              <li>{progress?.seenAt ? t.seen(time(progress.seenAt)) : t.notSeen}</li>
            </ul>
          ) : null}
          <p>{t.sentHint}</p>
        </div>
      ) : null}
      {phase.k === 'failed' ? (
        <div class="result failed call-112">
          <p ref={result} tabIndex={-1} role="alert">
            <strong>{t.errors[phase.reason]}</strong>
          </p>
          <div class="actions">
            <a class="button call" href={telHref('112')}>
              {t.call112}
            </a>
            <button type="button" class="button" onClick={ask}>
              {t.tryAgain}
            </button>
          </div>
        </div>
      ) : (
        <p class="call-112">
          <a class="button call" href={telHref('112')}>
            {t.call112}
          </a>
        </p>
      )}
    </section>
  );
}

/** `datetime-local` value (local wall-clock time) → ISO instant, or undefined when empty or not a time. */
function localToIso(value: string): string | undefined {
  if (!value) return undefined;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
}

function Contact({ t, time, codeOrFocus, codeRejected }: PartProps): JSX.Element {
  const [when, setWhen] = useState('');
  const { phase, setPhase, result, post } = useSending(codeRejected);

  const submit = async (e: Event) => {
    e.preventDefault();
    const protectionCode = codeOrFocus();
    if (!protectionCode) return;
    const at = localToIso(when);
    const out = await post('/api/contact-reports', { protectionCode, ...(at ? { at } : {}) });
    if (!out) return;
    setWhen('');
    setPhase({ k: 'sent', at: out.at });
  };
  const busy = phase.k === 'sending';

  return (
    <section class="panel" aria-labelledby="contact-title">
      <h2 id="contact-title">{t.contactTitle}</h2>
      <p>{t.contactIntro}</p>
      <form onSubmit={(e) => void submit(e)}>
        <Labelled id="contact-when" label={t.contactWhen} hint={t.contactWhenHint}>
          <input
            id="contact-when"
            class="text-input"
            type="datetime-local"
            value={when}
            aria-describedby={hintIdOf('contact-when')}
            onInput={(e) => setWhen((e.currentTarget as HTMLInputElement).value)}
          />
        </Labelled>
        <button type="submit" class="button primary" disabled={busy}>
          {t.contactButton}
        </button>
      </form>
      <p class="progress" role="status" aria-live="polite">
        {phase.k === 'sending' ? t.contactSending(phase.attempt, phase.of) : ''}
      </p>
      {phase.k === 'sent' ? (
        <p class="result ok" ref={result} tabIndex={-1} role="status">
          {t.contactSent(time(phase.at))}
        </p>
      ) : null}
      {phase.k === 'failed' ? (
        <p class="result failed" ref={result} tabIndex={-1} role="alert">
          {t.errors[phase.reason]}
        </p>
      ) : null}
    </section>
  );
}
