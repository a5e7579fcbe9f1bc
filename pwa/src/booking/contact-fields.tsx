import type { JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { BookingView, SafeContact } from '../../../shared/bookings/api.js';
import { Check, Field } from '../field.js';
import { languageName } from '../format.js';
import type { BookingTexts, Lang } from '../i18n/index.js';
import { FIELD_INPUT, formField, type DetailsField, type FieldError } from './rules.js';
import type { Details } from './state.js';
import { failureOf, failureText } from './ui.js';

/**
 * A booking form's errors: what is wrong is said at the field, with the rule, and focus moves there;
 * the message goes as soon as the field is right (checked as she types), a refusal from the server
 * (`error`, as `useAction` holds it) as soon as she edits. `ready()` checks before sending.
 */
export function useFieldErrors<D>(d: D, rule: (d: D) => FieldError | undefined, t: BookingTexts, error: unknown) {
  const [check, setCheck] = useState<FieldError | undefined>(undefined);
  const [focus, setFocus] = useState<{ field: DetailsField; seq: number } | undefined>(undefined);
  const focusOn = (field: DetailsField) => setFocus((f) => ({ field, seq: (f?.seq ?? 0) + 1 }));
  useEffect(() => {
    if (focus) document.getElementById(FIELD_INPUT[focus.field])?.focus();
  }, [focus]);
  const current = check && rule(d);
  const shown = current?.field === check?.field ? current : undefined;
  const failure = error === undefined ? undefined : failureOf(error);
  const refused = failure?.kind === 'invalid' ? formField(failure.field) : undefined;
  return {
    focusOn,
    failure,
    /** True when nothing is wrong; otherwise the first wrong field is marked and focused. */
    ready(): boolean {
      const wrong = rule(d);
      setCheck(wrong);
      if (wrong) focusOn(wrong.field);
      return wrong === undefined;
    },
    errorOf: (field: DetailsField): string | undefined =>
      shown?.field === field ? shown.text : failure && refused === field ? failureText(t, failure) : undefined,
    /** What no field of the form can show (no connection, the chosen time refused, anything else). */
    unplaced: failure && !refused ? failureText(t, failure) : undefined,
  };
}

/** Her contact choices as the form holds them. */
export type ContactDetails = Pick<Details, 'mayContact' | 'phone' | 'safeFrom' | 'safeTo' | 'voicemail' | 'codeWord' | 'interpreter' | 'shareWithPolice'>;

/** What the API takes of them (shared/bookings/api.ts `safeContactSchema`), every default written out. */
export function safeContactOf(d: ContactDetails): SafeContact {
  return d.mayContact
    ? {
        mayContact: true,
        method: 'phone',
        phone: d.phone.trim(),
        windows: d.safeFrom && d.safeTo ? [{ start: d.safeFrom, end: d.safeTo }] : [],
        voicemail: d.voicemail,
        ...(d.codeWord.trim() ? { codeWord: d.codeWord.trim() } : {}),
      }
    : { mayContact: false, method: 'none', windows: [], voicemail: false };
}

/** A booking's choices back into the form (the app asks for one safe window; the first is shown). */
export function contactDetailsOf(b: BookingView): ContactDetails {
  const sc = b.safeContact;
  const w = sc.windows[0];
  return {
    mayContact: sc.mayContact,
    phone: sc.phone ?? '',
    safeFrom: w?.start ?? '',
    safeTo: w?.end ?? '',
    voicemail: sc.voicemail,
    codeWord: sc.codeWord ?? '',
    interpreter: b.interpreter,
    shareWithPolice: b.shareWithPolice === true,
  };
}

/**
 * When and how it is safe to contact her, and whether the police social service may take that over:
 * the booking form and "my appointment" ask the same, with the same fields and rules. Her space asks
 * the same for her police case without `askConsent`: sending them there is her consent.
 */
export function ContactFields({
  t,
  d,
  set,
  errorOf,
  askConsent = true,
}: {
  t: BookingTexts;
  d: ContactDetails;
  set: (patch: Partial<ContactDetails>) => void;
  errorOf: (field: DetailsField) => string | undefined;
  askConsent?: boolean;
}): JSX.Element {
  return (
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
            {(['start', 'end'] as const).map((field) => (
              <Field
                key={field}
                id={FIELD_INPUT[field]}
                type="time"
                label={field === 'start' ? t.safeFrom : t.safeTo}
                describedBy="b-times-hint"
                value={field === 'start' ? d.safeFrom : d.safeTo}
                error={errorOf(field)}
                onInput={(v) => set(field === 'start' ? { safeFrom: v } : { safeTo: v })}
              />
            ))}
          </div>
          <Check label={t.voicemail} checked={d.voicemail} onChange={(on) => set({ voicemail: on })} />
          <TextDetail t={t} field="codeWord" maxLength={40} value={d.codeWord} error={errorOf('codeWord')} onInput={(v) => set({ codeWord: v })} />
        </>
      )}
      {askConsent && (
        <Check
          label={t.shareWithPolice}
          checked={d.shareWithPolice}
          hint={{ id: 'b-share-hint', text: t.shareWithPoliceHint }}
          onChange={(on) => set({ shareWithPolice: on })}
        />
      )}
    </fieldset>
  );
}

/** A free-text detail of the booking form: its label and hint from the texts, its input id from FIELD_INPUT. */
export function TextDetail(props: {
  t: BookingTexts;
  field: 'alias' | 'accessibility' | 'codeWord';
  maxLength: number;
  value: string;
  error: string | undefined;
  onInput: (value: string) => void;
}): JSX.Element {
  const { t, field, ...rest } = props;
  return <Field id={FIELD_INPUT[field]} label={t[field]} hint={t[`${field}Hint`]} {...rest} />;
}

/** Her contact choices as a booking holds them (and as the confirmation keeps what she sent, in memory). */
export type ContactChoices = Pick<BookingView, 'safeContact' | 'language' | 'interpreter' | 'shareWithPolice'>;

/** Her choices as the confirmation and "my appointment" show them, before she changes them. */
export function ContactSummary({ t, lang, b }: { t: BookingTexts; lang: Lang; b: ContactChoices }): JSX.Element {
  const sc = b.safeContact;
  const w = sc.windows[0];
  return (
    <>
      <dt>{t.safeTitle}</dt>
      <dd data-contact-choices="">
        {sc.mayContact ? (
          <>
            {t.mayContactYes}: <span dir="ltr">{sc.phone}</span>
            {w && (
              <>
                {' · '}
                <span dir="ltr">
                  {w.start}–{w.end}
                </span>
              </>
            )}
            {sc.voicemail && ` · ${t.voicemail}`}
            {sc.codeWord && ` · ${t.codeWord}: ${sc.codeWord}`}
          </>
        ) : (
          t.mayContactNo
        )}
        <br />
        {t.language}: {languageName(b.language, lang)}
        {b.interpreter && ` · ${t.interpreter}`}
        <br />
        {b.shareWithPolice ? t.sharedWithPolice : t.notSharedWithPolice}
      </dd>
    </>
  );
}
