import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import type { Lang, BookingTexts } from '../i18n/index.js';
import { useStore } from '../store.js';
import { flowStore, forget, patchFlow, remember } from './state.js';
import { StepHeading, when } from './ui.js';

/** The receipt: reference + PIN shown once, kept on this device only if she ticks it. */
export function Done({ t, lang, serviceName }: { t: BookingTexts; lang: Lang; serviceName: string }): JSX.Element {
  const flow = useStore(flowStore);
  const r = flow.receipt;
  const [kept, setKept] = useState(false);
  if (!r) return <p>{t.errors.generic}</p>;
  return (
    <div>
      <StepHeading>{t.doneTitle}</StepHeading>
      <dl class="facts">
        <dt>{t.service}</dt>
        <dd>{serviceName}</dd>
        <dt>{t.when}</dt>
        <dd>{when(r.start, lang)}</dd>
        <dt>{t.reference}</dt>
        <dd class="secret" dir="ltr" data-reference="">
          {r.reference}
        </dd>
        <dt>{t.pin}</dt>
        <dd class="secret" dir="ltr" data-pin="">
          {r.pin}
        </dd>
      </dl>
      <p class="notice">{t.doneNotice}</p>
      <p>
        <strong>{t.doneOnce}</strong>
      </p>
      <label class="check">
        <input
          type="checkbox"
          checked={kept}
          aria-describedby="b-remember-hint"
          onChange={(e) => {
            const on = (e.currentTarget as HTMLInputElement).checked;
            setKept(on);
            if (on) remember(r.reference, r.pin);
            else forget();
          }}
        />{' '}
        {t.remember}
      </label>
      <p id="b-remember-hint" class="hint">
        {t.rememberHint}
      </p>
      <div class="actions">
        <button
          type="button"
          class="button primary"
          onClick={() => patchFlow({ step: 'manage', credentials: { reference: r.reference, pin: r.pin }, receipt: undefined })}
        >
          {t.viewBooking}
        </button>
      </div>
    </div>
  );
}
