import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import type { BookingRequest } from '../../../shared/bookings/api.js';
import { useAction } from '../../common/use-action.js';
import { languageName } from '../format.js';
import { LANGS, type BookingTexts, type Lang } from '../i18n/index.js';
import { LanguageSelect } from '../language-select.js';
import { useStore } from '../store.js';
import { bookingApi, newIdempotencyKey } from './api.js';
import { takenThisSession } from './slot-picker.js';
import { emptyDetails, flowStore, patchFlow, type Details } from './state.js';
import { BookingFailure, failureOf, failureText, StepHeading, when } from './ui.js';

/** Minimal details and the safe way to contact her, checked here first; the same retry keeps its key. */
export function DetailsForm({ t, lang, languages }: { t: BookingTexts; lang: Lang; languages: string[] }): JSX.Element {
  const flow = useStore(flowStore);
  const d = flow.details;
  // A check failed before sending (`check`), or the server refused (`action.error`).
  const [check, setCheck] = useState<{ field: string; text: string } | undefined>(undefined);
  const action = useAction();
  const set = (patch: Partial<Details>) => patchFlow({ details: { ...flowStore.get().details, ...patch } });
  const val = (e: Event) => (e.currentTarget as HTMLInputElement).value;
  // The app's languages first, then any other the service offers.
  const langs = [...new Set([...LANGS, ...languages])];

  const submit = async (e: Event) => {
    e.preventDefault();
    const refuse = (field: string, text: string) => {
      action.setError(undefined);
      setCheck({ field, text });
    };
    if (!d.alias.trim()) return refuse('alias', t.errors.aliasMissing);
    if (d.mayContact && !d.phone.trim()) return refuse('phone', t.errors.phoneMissing);
    const digits = d.phone.replace(/\D/g, '').length;
    if (d.mayContact && (digits < 8 || digits > 15)) return refuse('phone', t.errors.phoneRule);
    setCheck(undefined);
    const input: BookingRequest = {
      serviceId: flow.serviceId ?? '',
      start: flow.start ?? '',
      alias: d.alias.trim(),
      language: d.language,
      interpreter: d.interpreter,
      childcare: d.childcare,
      ...(d.accessibility.trim() ? { accessibility: d.accessibility.trim() } : {}),
      safeContact: d.mayContact
        ? {
            mayContact: true,
            method: 'phone',
            phone: d.phone.trim(),
            windows: d.safeFrom && d.safeTo ? [{ start: d.safeFrom, end: d.safeTo }] : [],
            voicemail: d.voicemail,
            ...(d.codeWord.trim() ? { codeWord: d.codeWord.trim() } : {}),
          }
        : { mayContact: false, method: 'none', windows: [], voicemail: false },
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
          receipt: { reference: r.reference, pin: r.pin, start: r.start, serviceId: r.serviceId },
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
      throw new BookingFailure(res.failure);
    });
  };
  const failure = action.error === undefined ? undefined : failureOf(action.error);
  const error = check ?? (failure && { field: failure.kind === 'invalid' ? failure.field.split('.').pop() : undefined, text: failureText(t, failure) });
  const invalid = (field: string) => (error?.field === field ? { 'aria-invalid': 'true' as const, 'aria-describedby': 'details-error' } : {});

  return (
    <form onSubmit={submit} noValidate>
      <StepHeading>{t.detailsTitle}</StepHeading>
      {flow.start && <p class="notice">{when(flow.start, lang)}</p>}
      <TextField id="b-alias" label={t.alias} hint={t.aliasHint} maxLength={40} value={d.alias} invalid={invalid('alias')} onInput={(v) => set({ alias: v })} />
      <LanguageSelect
        id="b-lang"
        class="field"
        label={t.language}
        value={d.language}
        codes={langs}
        nameOf={(code) => languageName(code, lang)}
        onChange={(code) => set({ language: code })}
      />
      <label class="check">
        <input type="checkbox" checked={d.interpreter} onChange={(e) => set({ interpreter: (e.currentTarget as HTMLInputElement).checked })} /> {t.interpreter}
      </label>
      <label class="check">
        <input type="checkbox" checked={d.childcare} onChange={(e) => set({ childcare: (e.currentTarget as HTMLInputElement).checked })} /> {t.childcare}
      </label>
      <TextField
        id="b-access"
        label={t.accessibility}
        hint={t.accessibilityHint}
        maxLength={300}
        value={d.accessibility}
        invalid={invalid('accessibility')}
        onInput={(v) => set({ accessibility: v })}
      />

      <fieldset>
        <legend>{t.safeTitle}</legend>
        <p class="hint">{t.safeIntro}</p>
        <fieldset>
          <legend>{t.mayContact}</legend>
          <label class="check">
            <input type="radio" name="may-contact" checked={d.mayContact === true} onChange={() => set({ mayContact: true })} /> {t.mayContactYes}
          </label>
          <label class="check">
            <input type="radio" name="may-contact" checked={d.mayContact === false} onChange={() => set({ mayContact: false })} /> {t.mayContactNo}
          </label>
        </fieldset>
        {d.mayContact && (
          <>
            <TextField
              id="b-phone"
              label={t.phone}
              hint={t.phoneHint}
              maxLength={24}
              value={d.phone}
              invalid={invalid('phone')}
              onInput={(v) => set({ phone: v })}
              tel
            />
            <p id="b-times-hint" class="hint">
              {t.safeTimesHint}
            </p>
            <div class="times">
              <div class="field">
                <label for="b-from">{t.safeFrom}</label>
                <input
                  id="b-from"
                  class="text-input"
                  type="time"
                  value={d.safeFrom}
                  aria-describedby="b-times-hint"
                  onInput={(e) => set({ safeFrom: val(e) })}
                />
              </div>
              <div class="field">
                <label for="b-to">{t.safeTo}</label>
                <input
                  id="b-to"
                  class="text-input"
                  type="time"
                  value={d.safeTo}
                  aria-describedby="b-times-hint"
                  {...invalid('end')}
                  onInput={(e) => set({ safeTo: val(e) })}
                />
              </div>
            </div>
            <label class="check">
              <input type="checkbox" checked={d.voicemail} onChange={(e) => set({ voicemail: (e.currentTarget as HTMLInputElement).checked })} /> {t.voicemail}
            </label>
            <TextField
              id="b-code"
              label={t.codeWord}
              hint={t.codeWordHint}
              maxLength={40}
              value={d.codeWord}
              invalid={invalid('codeWord')}
              onInput={(v) => set({ codeWord: v })}
            />
          </>
        )}
      </fieldset>
      {error && (
        <p id="details-error" role="alert" class="field-error">
          {error.text}
        </p>
      )}
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

/** A text input with its label and hint; `invalid` (aria-invalid and the error's id) takes over from the hint. */
function TextField(props: {
  id: string;
  label: string;
  hint: string;
  value: string;
  maxLength: number;
  invalid: { 'aria-invalid'?: 'true'; 'aria-describedby'?: string };
  onInput: (value: string) => void;
  tel?: boolean;
}): JSX.Element {
  return (
    <div class="field">
      <label for={props.id}>{props.label}</label>
      <p id={`${props.id}-hint`} class="hint">
        {props.hint}
      </p>
      <input
        id={props.id}
        class="text-input"
        {...(props.tel ? ({ type: 'tel', dir: 'ltr' } as const) : ({ type: 'text' } as const))}
        autocomplete="off"
        maxLength={props.maxLength}
        value={props.value}
        aria-describedby={`${props.id}-hint`}
        {...props.invalid}
        onInput={(e) => props.onInput((e.currentTarget as HTMLInputElement).value)}
      />
    </div>
  );
}
