import type { JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { BookingRequest } from '../../../shared/bookings/api.js';
import { useAction } from '../../common/use-action.js';
import { languageName } from '../format.js';
import { LANGS, type BookingTexts, type Lang } from '../i18n/index.js';
import { Check, Field } from '../field.js';
import { LanguageSelect } from '../language-select.js';
import { useStore } from '../store.js';
import { bookingApi, newIdempotencyKey } from './api.js';
import { takenThisSession } from './slot-picker.js';
import { emptyDetails, flowStore, patchFlow, type Details } from './state.js';
import { checkDetails, FIELD_INPUT, formField, type DetailsField, type FieldError } from './rules.js';
import { Alert, BookingFailure, failureOf, failureText, StepHeading, when } from './ui.js';

/**
 * Minimal details and the safe way to contact her, checked here first; the same retry keeps its key.
 * What is wrong is said at the field, with the rule, and focus moves there; the message goes as soon
 * as the field is right (checked as she types), a refusal from the server as soon as she edits.
 */
export function DetailsForm({ t, lang, languages }: { t: BookingTexts; lang: Lang; languages: string[] }): JSX.Element {
  const flow = useStore(flowStore);
  const d = flow.details;
  const [check, setCheck] = useState<FieldError | undefined>(undefined);
  const [focus, setFocus] = useState<{ field: DetailsField; seq: number } | undefined>(undefined);
  const action = useAction();
  const set = (patch: Partial<Details>) => {
    if (action.error !== undefined) action.setError(undefined);
    patchFlow({ details: { ...flowStore.get().details, ...patch } });
  };
  const focusOn = (field: DetailsField) => setFocus((f) => ({ field, seq: (f?.seq ?? 0) + 1 }));
  useEffect(() => {
    if (focus) document.getElementById(FIELD_INPUT[focus.field])?.focus();
  }, [focus]);
  // The app's languages first, then any other the service offers.
  const langs = [...new Set([...LANGS, ...languages])];

  const submit = async (e: Event) => {
    e.preventDefault();
    const wrong = checkDetails(d, t);
    setCheck(wrong);
    if (wrong) {
      action.setError(undefined);
      return focusOn(wrong.field);
    }
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
      const field = res.failure.kind === 'invalid' ? formField(res.failure.field) : undefined;
      if (field) focusOn(field);
      throw new BookingFailure(res.failure);
    });
  };
  // A check shows while its field is still wrong; it goes once that field is right.
  const current = check && checkDetails(d, t);
  const shown = current?.field === check?.field ? current : undefined;
  const failure = action.error === undefined ? undefined : failureOf(action.error);
  const refused = failure?.kind === 'invalid' ? formField(failure.field) : undefined;
  const errorOf = (field: DetailsField): string | undefined =>
    shown?.field === field ? shown.text : failure && refused === field ? failureText(t, failure) : undefined;

  return (
    <form onSubmit={submit} noValidate>
      <StepHeading>{t.detailsTitle}</StepHeading>
      {flow.start && <p class="notice">{when(flow.start, lang)}</p>}
      <Field
        id={FIELD_INPUT.alias}
        label={t.alias}
        hint={t.aliasHint}
        maxLength={40}
        value={d.alias}
        error={errorOf('alias')}
        onInput={(v) => set({ alias: v })}
      />
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
      <Field
        id={FIELD_INPUT.accessibility}
        label={t.accessibility}
        hint={t.accessibilityHint}
        maxLength={300}
        value={d.accessibility}
        error={errorOf('accessibility')}
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
            <Field
              id={FIELD_INPUT.phone}
              type="tel"
              label={t.phone}
              hint={t.phoneHint}
              maxLength={24}
              value={d.phone}
              error={errorOf('phone')}
              onInput={(v) => set({ phone: v })}
            />
            <p id="b-times-hint" class="hint">
              {t.safeTimesHint}
            </p>
            <div class="times">
              <Field
                id={FIELD_INPUT.start}
                type="time"
                label={t.safeFrom}
                describedBy="b-times-hint"
                value={d.safeFrom}
                error={errorOf('start')}
                onInput={(v) => set({ safeFrom: v })}
              />
              <Field
                id={FIELD_INPUT.end}
                type="time"
                label={t.safeTo}
                describedBy="b-times-hint"
                value={d.safeTo}
                error={errorOf('end')}
                onInput={(v) => set({ safeTo: v })}
              />
            </div>
            <Check label={t.voicemail} checked={d.voicemail} onChange={(on) => set({ voicemail: on })} />
            <Field
              id={FIELD_INPUT.codeWord}
              label={t.codeWord}
              hint={t.codeWordHint}
              maxLength={40}
              value={d.codeWord}
              error={errorOf('codeWord')}
              onInput={(v) => set({ codeWord: v })}
            />
          </>
        )}
      </fieldset>
      {/* What no field of this form can show (no connection, the chosen time refused, anything else). */}
      <Alert text={failure && !refused ? failureText(t, failure) : undefined} />
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
