import type { JSX } from 'preact';
import type { Service } from '../catalog-types.js';
import { Check } from '../field.js';
import { useState } from 'preact/hooks';
import type { Lang, BookingTexts } from '../i18n/index.js';
import { useStore } from '../store.js';
import { flowStore, forget, patchFlow, remember } from './state.js';
import { StepHeading, when } from './ui.js';
import { WhereToGo } from './where.js';
import { ContactSummary } from './contact-fields.js';

/** The receipt: reference + PIN shown once, kept on this device only if she ticks it. */
export function Done({ t, lang, service, serviceName }: { t: BookingTexts; lang: Lang; service: Service | undefined; serviceName: string }): JSX.Element {
  const flow = useStore(flowStore);
  const r = flow.receipt;
  const [kept, setKept] = useState(false);
  if (!r) return <p>{t.errors.generic}</p>;
  const toManage = () => patchFlow({ step: 'manage', credentials: { reference: r.reference, pin: r.pin }, openAtOnce: true, receipt: undefined });
  return (
    <div>
      <StepHeading>{t.doneTitle}</StepHeading>
      <dl class="facts">
        <dt>{t.service}</dt>
        <dd>{serviceName}</dd>
        <dt>{t.when}</dt>
        <dd>{when(r.start, lang)}</dd>
        <WhereToGo t={t} service={service} />
        <ContactSummary t={t} lang={lang} b={r.choices} />
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
      <Check
        label={t.remember}
        checked={kept}
        hint={{ id: 'b-remember-hint', text: t.rememberHint }}
        onChange={(on) => {
          setKept(on);
          if (on) remember(r.reference, r.pin);
          else forget();
        }}
      />
      <div class="actions">
        <button type="button" class="button primary" onClick={toManage}>
          {t.viewBooking}
        </button>
        <button type="button" class="button" data-change-contact="" onClick={toManage}>
          {t.contactChange}
        </button>
      </div>
    </div>
  );
}
