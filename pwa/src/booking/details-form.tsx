import type { JSX } from 'preact';
import type { BookingRequest } from '../../../shared/bookings/api.js';
import { useAction } from '../../common/use-action.js';
import { languageName } from '../format.js';
import { LANGS, type BookingTexts, type Lang } from '../i18n/index.js';
import { Check } from '../field.js';
import { LanguageSelect } from '../language-select.js';
import { useStore } from '../store.js';
import { bookingApi, newIdempotencyKey } from './api.js';
import { ContactFields, safeContactOf, TextDetail, useFieldErrors } from './contact-fields.js';
import { takenThisSession } from './slot-picker.js';
import { emptyDetails, flowStore, patchFlow, type Details } from './state.js';
import { checkDetails, formField } from './rules.js';
import { Alert, BookingFailure, StepHeading, when } from './ui.js';

/** Minimal details and the safe way to contact her, checked here first; the same retry keeps its key. */
export function DetailsForm({ t, lang, languages }: { t: BookingTexts; lang: Lang; languages: string[] }): JSX.Element {
  const flow = useStore(flowStore);
  const d = flow.details;
  const action = useAction();
  const form = useFieldErrors(d, (x: Details) => checkDetails(x, t), t, action.error);
  const set = (patch: Partial<Details>) => {
    if (action.error !== undefined) action.setError(undefined);
    patchFlow({ details: { ...flowStore.get().details, ...patch } });
  };
  // The app's languages first, then any other the service offers.
  const langs = [...new Set([...LANGS, ...languages])];

  const submit = async (e: Event) => {
    e.preventDefault();
    if (!form.ready()) return action.setError(undefined);
    const safeContact = safeContactOf(d);
    const input: BookingRequest = {
      serviceId: flow.serviceId ?? '',
      start: flow.start ?? '',
      alias: d.alias.trim(),
      language: d.language,
      interpreter: d.interpreter,
      childcare: d.childcare,
      ...(d.accessibility.trim() ? { accessibility: d.accessibility.trim() } : {}),
      safeContact,
      shareWithPolice: d.shareWithPolice,
    };
    // The same booking retried keeps its Idempotency-Key, so it is never made twice.
    const payload = JSON.stringify(input);
    const attempt = flow.attempt?.payload === payload ? flow.attempt : { key: newIdempotencyKey(), payload };
    patchFlow({ attempt });
    await action.run(async () => {
      const res = await bookingApi.create(input, attempt.key);
      if (res.ok) {
        const r = res.value;
        patchFlow({
          step: 'done',
          attempt: undefined,
          receipt: {
            reference: r.reference,
            pin: r.pin,
            start: r.start,
            serviceId: r.serviceId,
            choices: { safeContact, language: d.language, interpreter: d.interpreter, shareWithPolice: d.shareWithPolice },
          },
          details: emptyDetails(lang),
        });
        return;
      }
      if (res.failure.kind === 'full') {
        // The place went to someone else: back to the times (refreshed), saying so.
        if (flow.start) takenThisSession.add(flow.start);
        patchFlow({ step: 'slot', start: undefined, attempt: undefined, message: t.errors.full });
        return;
      }
      const field = res.failure.kind === 'invalid' ? formField(res.failure.field) : undefined;
      if (field) form.focusOn(field);
      throw new BookingFailure(res.failure);
    });
  };

  return (
    <form onSubmit={submit} noValidate>
      <StepHeading>{t.detailsTitle}</StepHeading>
      {flow.start && <p class="notice">{when(flow.start, lang)}</p>}
      <TextDetail t={t} field="alias" maxLength={40} value={d.alias} error={form.errorOf('alias')} onInput={(v) => set({ alias: v })} />
      <LanguageSelect
        id="b-lang"
        class="field"
        label={t.language}
        value={d.language}
        codes={langs}
        nameOf={(code) => languageName(code, lang)}
        onChange={(code) => set({ language: code })}
      />
      <Check label={t.interpreter} checked={d.interpreter} onChange={(on) => set({ interpreter: on })} />
      <Check label={t.childcare} checked={d.childcare} onChange={(on) => set({ childcare: on })} />
      <TextDetail
        t={t}
        field="accessibility"
        maxLength={300}
        value={d.accessibility}
        error={form.errorOf('accessibility')}
        onInput={(v) => set({ accessibility: v })}
      />
      <ContactFields t={t} d={d} set={set} errorOf={form.errorOf} />
      <Alert text={form.unplaced} />
      <div class="actions">
        <button type="submit" class="button primary" disabled={action.busy}>
          {action.busy ? t.booking : t.book}
        </button>
        <button type="button" class="button" onClick={() => patchFlow({ step: 'slot' })}>
          {t.back}
        </button>
      </div>
    </form>
  );
}
