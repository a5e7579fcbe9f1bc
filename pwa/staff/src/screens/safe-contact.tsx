import { useState } from 'preact/hooks';
import type { CaseSafeContactRecord, CaseSafeContactRequest } from '../../../../shared/cases/api.js';
import { api, seg } from '../api.js';
import { useI18n } from '../i18n/index.js';
import { ErrorText } from '../ui/errors.js';
import { checked, Fact, Facts, Field, value } from '../ui/fields.js';
import { useAction } from '../ui/hooks.js';
import { safeContactText } from './safe-contact-text.js';

type Window = CaseSafeContactRecord['windows'][number];

/**
 * Her safe-contact preferences as the officer reads them before calling: whether and when she may be
 * called, voicemail, the code word, language and interpreter, a note — and only then the number, so
 * nobody dials before reading how. On every follow-up card and on the case page (where a reminder's
 * link leads).
 */
export function SafeContactBlock({ sc, id }: { sc: CaseSafeContactRecord | undefined; id: string }) {
  const { lang, dateTime } = useI18n();
  const x = safeContactText[lang];
  const headingId = `safe-contact-${id}`;
  const yesNo = (v: boolean) => (v ? x.yes : x.no);
  const when = (w: Window) => `${w.days?.length ? `${w.days.map((d) => x.days[d - 1]).join(', ')} ` : ''}${w.start}–${w.end}`;
  return (
    <section class="safe-contact" aria-labelledby={headingId} data-safe-contact>
      <h4 id={headingId}>{x.title}</h4>
      {!sc ? (
        <p class="muted">{x.none}</p>
      ) : (
        <Facts>
          <Fact term={x.mayCall}>{sc.mayCall ? x.yes : <strong>{x.mayNotCall}</strong>}</Fact>
          {sc.mayCall ? <Fact term={x.when}>{sc.windows.length ? sc.windows.map(when).join('; ') : x.anyTime}</Fact> : null}
          <Fact term={x.voicemail}>{yesNo(sc.voicemail)}</Fact>
          {sc.codeWord ? <Fact term={x.codeWord}>{sc.codeWord}</Fact> : null}
          {sc.language ? <Fact term={x.language}>{sc.language}</Fact> : null}
          <Fact term={x.interpreter}>{yesNo(sc.interpreter)}</Fact>
          {sc.note ? <Fact term={x.note}>{sc.note}</Fact> : null}
          {sc.mayCall && sc.phone ? <Fact term={x.phone}>{sc.phone}</Fact> : null}
        </Facts>
      )}
      {sc?.fromBooking ? <p class="hint">{x.fromBookingNote(sc.fromBooking)}</p> : null}
      {sc ? <p class="hint">{sc.fromSpace ? x.setByHer(dateTime(sc.setAt)) : x.setBy(sc.setBy, dateTime(sc.setAt))}</p> : null}
    </section>
  );
}

/** The officer records or changes her safe-contact preferences (replaced whole; sent with the version read). */
export function SafeContactEditor({
  caseId,
  version,
  sc,
  onSaved,
}: {
  caseId: string;
  version: number | undefined;
  sc: CaseSafeContactRecord | undefined;
  onSaved: () => void;
}) {
  const { lang } = useI18n();
  const x = safeContactText[lang];
  const [open, setOpen] = useState(false);
  const [mayCall, setMayCall] = useState(sc?.mayCall ?? true);
  const [phone, setPhone] = useState(sc?.phone ?? '');
  const [start, setStart] = useState(sc?.windows[0]?.start ?? '');
  const [end, setEnd] = useState(sc?.windows[0]?.end ?? '');
  const [voicemail, setVoicemail] = useState(sc?.voicemail ?? false);
  const [codeWord, setCodeWord] = useState(sc?.codeWord ?? '');
  const [language, setLanguage] = useState(sc?.language ?? '');
  const [interpreter, setInterpreter] = useState(sc?.interpreter ?? false);
  const [note, setNote] = useState(sc?.note ?? '');
  const [saved, setSaved] = useState(false);
  const action = useAction();
  const send = (safeContact: CaseSafeContactRequest | null) =>
    action.run(async () => {
      await api('PATCH', `/api/cases/${seg(caseId)}`, { body: { ...(version !== undefined ? { expectedVersion: version } : {}), safeContact } });
      setSaved(true);
      setOpen(false);
      onSaved();
    });
  const submit = (e: Event) => {
    e.preventDefault();
    const trimmed = (s: string) => (s.trim() === '' ? undefined : s.trim());
    const body: CaseSafeContactRequest = {
      mayCall,
      ...(mayCall && trimmed(phone) ? { phone: phone.trim() } : {}),
      windows: mayCall && start && end ? [{ start, end }] : [],
      voicemail,
      interpreter,
      ...(trimmed(codeWord) ? { codeWord: codeWord.trim() } : {}),
      ...(trimmed(language) ? { language: language.trim().toLowerCase() } : {}),
      ...(trimmed(note) ? { note: note.trim() } : {}),
    };
    void send(body);
  };
  return (
    <div class="safe-contact-editor">
      <p class={saved ? 'saved' : 'visually-hidden'} role="status">
        {saved ? x.saved : ''}
      </p>
      <button type="button" class="button" aria-expanded={open} onClick={() => setOpen(!open)}>
        {x.edit}
      </button>
      {open ? (
        <form onSubmit={submit} class="panel" aria-label={x.edit}>
          <Field id="sc-may-call" type="checkbox" label={x.mayCall} checked={mayCall} onChange={(e) => setMayCall(checked(e))} />
          {mayCall ? (
            <>
              <fieldset>
                <legend>{x.when}</legend>
                <p class="hint">{x.windowHint}</p>
                <Field id="sc-from" type="time" label={x.from} optional value={start} onInput={(e) => setStart(value(e))} />
                <Field id="sc-until" type="time" label={x.until} optional value={end} onInput={(e) => setEnd(value(e))} />
              </fieldset>
              <Field id="sc-voicemail" type="checkbox" label={x.voicemail} checked={voicemail} onChange={(e) => setVoicemail(checked(e))} />
            </>
          ) : null}
          <Field id="sc-code-word" label={x.codeWord} optional value={codeWord} onInput={(e) => setCodeWord(value(e))} />
          <Field id="sc-language" label={x.language} hint={x.languageHint} optional value={language} onInput={(e) => setLanguage(value(e))} />
          <Field id="sc-interpreter" type="checkbox" label={x.interpreter} checked={interpreter} onChange={(e) => setInterpreter(checked(e))} />
          <Field id="sc-note" label={x.note} optional value={note} onInput={(e) => setNote(value(e))} />
          {mayCall ? <Field id="sc-phone" type="tel" label={x.phone} required value={phone} autocomplete="off" onInput={(e) => setPhone(value(e))} /> : null}
          <ErrorText error={action.error} />
          <div class="actions">
            <button type="submit" class="button primary" disabled={action.busy}>
              {x.save}
            </button>
            {sc ? (
              <button type="button" class="button" disabled={action.busy} onClick={() => void send(null)}>
                {x.remove}
              </button>
            ) : null}
          </div>
        </form>
      ) : null}
    </div>
  );
}

/**
 * The officer takes her booking's contact choices over into the case: only when she consented in the
 * booking (the API answers 404 otherwise, as for an unknown reference); audited on both.
 */
export function SafeContactFromBooking({ caseId, version, onSaved }: { caseId: string; version: number | undefined; onSaved: () => void }) {
  const { lang } = useI18n();
  const x = safeContactText[lang];
  const [reference, setReference] = useState('');
  const [taken, setTaken] = useState(false);
  const action = useAction();
  const submit = (e: Event) => {
    e.preventDefault();
    void action.run(async () => {
      await api('POST', `/api/cases/${seg(caseId)}/safe-contact/from-booking`, {
        body: { reference: reference.trim(), ...(version !== undefined ? { expectedVersion: version } : {}) },
      });
      setTaken(true);
      setReference('');
      onSaved();
    });
  };
  return (
    <form onSubmit={submit} class="safe-contact-from-booking" aria-label={x.fromBooking}>
      <p class={taken ? 'saved' : 'visually-hidden'} role="status">
        {taken ? x.takenOver : ''}
      </p>
      <h4>{x.fromBooking}</h4>
      <Field
        id="sc-booking-ref"
        label={x.bookingReference}
        hint={x.fromBookingHint}
        value={reference}
        autocomplete="off"
        onInput={(e) => setReference(value(e))}
      />
      <ErrorText error={action.error} />
      <button type="submit" class="button" disabled={action.busy || reference.trim() === ''}>
        {x.fromBookingButton}
      </button>
    </form>
  );
}
