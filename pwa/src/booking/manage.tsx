import type { JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { BookingView } from '../../../shared/bookings/api.js';
import type { Service } from '../catalog-types.js';
import { Check, Field } from '../field.js';
import { useAction } from '../../common/use-action.js';
import type { Lang, BookingTexts } from '../i18n/index.js';
import { useStore } from '../store.js';
import { bookingApi, type Result } from './api.js';
import { ContactFields, ContactSummary, contactDetailsOf, safeContactOf, useFieldErrors, type ContactDetails } from './contact-fields.js';
import { checkContact } from './rules.js';
import { SlotPicker } from './slot-picker.js';
import { flowStore, forget, patchFlow } from './state.js';
import { Alert, failureOf, failureText, settled, StepHeading, when } from './ui.js';
import { WhereToGo } from './where.js';

type Confirming = 'cancel' | 'erase' | 'move' | 'contact' | undefined;

/** "My appointment": opened with reference + PIN; change her contact choices (and the police's consent), move, cancel or erase it, each confirmed first. */
export function Manage({
  t,
  lang,
  nameOf,
  serviceOf,
}: {
  t: BookingTexts;
  lang: Lang;
  nameOf: (id: string) => string;
  serviceOf: (id: string) => Service | undefined;
}): JSX.Element {
  const flow = useStore(flowStore);
  const creds = flow.credentials;
  const [booking, setBooking] = useState<BookingView | undefined>(undefined);
  const [done, setDone] = useState<string | undefined>(undefined);
  const [confirming, setConfirming] = useState<Confirming>(undefined);
  const action = useAction();
  const { busy } = action;
  const error = action.error === undefined ? undefined : failureText(t, failureOf(action.error));
  const setCreds = (patch: Partial<typeof creds>) => patchFlow({ credentials: { ...flowStore.get().credentials, ...patch } });
  const [contact, setContact] = useState<ContactDetails | undefined>(undefined);
  const form = useFieldErrors(contact, (c: ContactDetails | undefined) => (c ? checkContact(c, t) : undefined), t, action.error);
  const editContact = (patch: Partial<ContactDetails>) => {
    if (action.error !== undefined) action.setError(undefined);
    setContact((c) => (c ? { ...c, ...patch } : c));
  };

  const run = async <T,>(call: () => Promise<Result<T>>, onOk: (v: T) => void) => {
    setDone(undefined);
    await action.run(async () => onOk(await settled(call())));
  };
  const saveContact = (c: ContactDetails, done: string) =>
    void run(
      () => bookingApi.contact(creds.reference, creds.pin, { safeContact: safeContactOf(c), interpreter: c.interpreter, shareWithPolice: c.shareWithPolice }),
      (b) => {
        setBooking(b);
        setConfirming(undefined);
        setDone(done);
      },
    );
  const view = () =>
    void run(
      () => bookingApi.view(creds.reference, creds.pin),
      (b) => {
        setBooking(b);
        setConfirming(undefined);
      },
    );
  const open = (e: Event) => {
    e.preventDefault();
    view();
  };
  useEffect(() => {
    if (!flow.openAtOnce) return;
    patchFlow({ openAtOnce: false });
    view();
  }, []);

  if (!booking) {
    return (
      <form onSubmit={open} noValidate>
        <StepHeading>{t.manageIntro}</StepHeading>
        <Field id="m-ref" label={t.reference} autocapitalize="characters" maxLength={12} value={creds.reference} onInput={(v) => setCreds({ reference: v })} />
        <Field id="m-pin" type="password" inputMode="numeric" label={t.pin} maxLength={7} value={creds.pin} onInput={(v) => setCreds({ pin: v })} />
        <Alert text={error} />
        {done && <p role="status">{done}</p>}
        <div class="actions">
          <button type="submit" class="button primary" disabled={busy}>
            {t.manageOpen}
          </button>
          <button type="button" class="button" onClick={() => patchFlow({ step: 'start' })}>
            {t.back}
          </button>
        </div>
      </form>
    );
  }

  const active = booking.status !== 'cancelled';
  return (
    <div>
      <StepHeading>{t.yourBooking}</StepHeading>
      <dl class="facts" data-booking-view="">
        <dt>{t.reference}</dt>
        <dd dir="ltr">{booking.reference}</dd>
        <dt>{t.service}</dt>
        <dd>{nameOf(booking.serviceId)}</dd>
        <dt>{t.when}</dt>
        <dd>{when(booking.start, lang)}</dd>
        {booking.status !== 'cancelled' && <WhereToGo t={t} service={serviceOf(booking.serviceId)} />}
        {booking.status !== 'cancelled' && <ContactSummary t={t} lang={lang} b={booking} />}
        <dt>{t.status}</dt>
        <dd data-status={booking.status}>{t.statuses[booking.status]}</dd>
      </dl>
      {done && (
        <p role="status" class="notice">
          {done}
        </p>
      )}
      <Alert text={confirming === 'contact' ? form.unplaced : error} />
      {confirming === 'contact' && contact ? (
        <form
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            if (form.ready()) saveContact(contact, t.contactSaved);
          }}
        >
          <h3>{t.contactChange}</h3>
          <ContactFields t={t} d={contact} set={editContact} errorOf={form.errorOf} />
          <Check label={t.interpreter} checked={contact.interpreter} onChange={(on) => editContact({ interpreter: on })} />
          <div class="actions">
            <button type="submit" class="button primary" disabled={busy}>
              {t.contactSave}
            </button>
            <button type="button" class="button" onClick={() => setConfirming(undefined)}>
              {t.keepIt}
            </button>
          </div>
        </form>
      ) : confirming === 'move' ? (
        <div>
          <h3>{t.moveTitle}</h3>
          <SlotPicker
            t={t}
            lang={lang}
            serviceId={booking.serviceId}
            selected={undefined}
            exclude={booking.start}
            confirmLabel={t.moveConfirm}
            onPick={(start) =>
              void run(
                () => bookingApi.reschedule(creds.reference, creds.pin, start),
                (b) => {
                  setBooking(b);
                  setConfirming(undefined);
                  setDone(t.moved);
                },
              )
            }
          />
          <button type="button" class="button" onClick={() => setConfirming(undefined)}>
            {t.keepIt}
          </button>
        </div>
      ) : confirming ? (
        <div role="group" aria-labelledby="m-confirm">
          <p id="m-confirm">
            <strong>{confirming === 'cancel' ? t.cancelConfirm : t.eraseConfirm}</strong>
          </p>
          <div class="actions">
            <button
              type="button"
              class="button primary"
              disabled={busy}
              onClick={() =>
                confirming === 'cancel'
                  ? void run(
                      () => bookingApi.cancel(creds.reference, creds.pin),
                      (b) => {
                        setBooking(b);
                        setConfirming(undefined);
                        setDone(t.cancelled);
                      },
                    )
                  : void run(
                      () => bookingApi.erase(creds.reference, creds.pin),
                      () => {
                        forget();
                        setBooking(undefined);
                        setConfirming(undefined);
                        patchFlow({ credentials: { reference: '', pin: '' } });
                        setDone(t.erased);
                      },
                    )
              }
            >
              {confirming === 'cancel' ? t.cancelYes : t.eraseYes}
            </button>
            <button type="button" class="button" onClick={() => setConfirming(undefined)}>
              {t.keepIt}
            </button>
          </div>
        </div>
      ) : (
        <div class="actions">
          {active && (
            <button
              type="button"
              class="button"
              onClick={() => {
                setContact(contactDetailsOf(booking));
                setConfirming('contact');
              }}
            >
              {t.contactChange}
            </button>
          )}
          {active && booking.shareWithPolice && (
            <button
              type="button"
              class="button"
              disabled={busy}
              onClick={() => saveContact({ ...contactDetailsOf(booking), shareWithPolice: false }, t.consentWithdrawn)}
            >
              {t.withdrawConsent}
            </button>
          )}
          {active && (
            <button type="button" class="button" onClick={() => setConfirming('move')}>
              {t.move}
            </button>
          )}
          {active && (
            <button type="button" class="button" onClick={() => setConfirming('cancel')}>
              {t.cancel}
            </button>
          )}
          <button type="button" class="button" onClick={() => setConfirming('erase')}>
            {t.erase}
          </button>
        </div>
      )}
    </div>
  );
}
