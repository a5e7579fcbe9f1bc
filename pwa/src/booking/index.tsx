import type { JSX } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { brusselsFormat } from '../../../shared/brussels-time.js';
import { textIn, type Service } from '../catalog-types.js';
import { useList } from '../data.js';
import { languageName } from '../format.js';
import { localeOf, useI18n, useLang, type Lang } from '../i18n/index.js';
import { navigate, useRoute } from '../router.js';
import { useStore } from '../store.js';
import type { BookingRequest, BookingView, FreeSlot } from '../../../shared/bookings/api.js';
import { bookingApi, newIdempotencyKey, type Failure } from './api.js';
import { emptyDetails, flowStore, forget, patchFlow, remember, type Details } from './state.js';
import { texts, type BookingTexts } from './texts.js';
import './booking.css';

/**
 * Booking an FJC service: choose a service → a free time (next ones first) → minimal details
 * and safe contact → reference + PIN shown once; and "my appointment" by reference + PIN (see, move,
 * cancel, erase). Everything lives in memory (state.ts) and the quick exit forgets it; nothing is kept
 * on the device unless the person explicitly ticks "keep on this device".
 */
const DAY = 86_400_000;
const WINDOW_DAYS = 14;

function when(iso: string, lang: Lang, withDate = true): string {
  return brusselsFormat(localeOf(lang), {
    // Belgian services show 24-hour times; Arabic's locale default would be 12-hour.
    hourCycle: 'h23',
    ...(withDate ? { weekday: 'long', day: 'numeric', month: 'long' } : {}),
    hour: '2-digit',
    minute: '2-digit',
  }).format(new Date(iso));
}

function failureText(t: BookingTexts, f: Failure): string {
  switch (f.kind) {
    case 'full': return t.errors.full;
    case 'not-found': return t.errors.notFound;
    case 'locked': return t.errors.locked;
    case 'offline': return t.errors.offline;
    case 'invalid': return t.errors.invalid(t.fields[f.field.split('.').pop() ?? ''] ?? f.field);
    default: return t.errors.generic;
  }
}

/** A step's heading: focused when the step opens, so screen readers announce where they are. */
function StepHeading({ children }: { children: string }): JSX.Element {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return <h2 ref={ref} tabIndex={-1}>{children}</h2>;
}

function Alert({ text }: { text: string | undefined }): JSX.Element | null {
  return text ? <p role="alert" class="field-error">{text}</p> : null;
}

export default function BookingScreen(): JSX.Element {
  const lang = useLang();
  const t = texts[lang];
  const flow = useStore(flowStore);
  const route = useRoute();
  const { t: common } = useI18n();
  const services = useList<Service & { capacity?: number }>('/api/services');
  const serviceList = services.status === 'ready' ? services.items.filter((s) => s.bookable) : [];
  const service = serviceList.find((s) => s.id === flow.serviceId);

  // Opened from the services screen with a service: go straight to its times.
  useEffect(() => {
    const id = route.params.service;
    if (id && flow.step === 'start') patchFlow({ step: 'slot', serviceId: id });
  }, [route.seq]);

  let body: JSX.Element;
  switch (flow.step) {
    case 'start':
      body = (
        <div class="actions">
          <button type="button" class="button primary" onClick={() => patchFlow({ step: 'service' })}>{t.startNew}</button>
          <button type="button" class="button" onClick={() => patchFlow({ step: 'manage' })}>{t.startManage}</button>
        </div>
      );
      break;
    case 'service':
      body = (
        <div>
          <StepHeading>{t.chooseService}</StepHeading>
          {services.status === 'loading' && <p class="loading" role="status">…</p>}
          {services.status === 'unavailable' && <p class="notice">{t.servicesUnavailable}</p>}
          <ul class="cards">
            {serviceList.map((s) => (
              <li key={s.id} class="card">
                <h3>{textIn(s.name, lang)}</h3>
                {s.description && <p>{textIn(s.description, lang)}</p>}
                {(s.capacity ?? 1) > 1 && <p class="hint">{t.groupSession(s.capacity ?? 1)}</p>}
                <button type="button" class="button" onClick={() => patchFlow({ step: 'slot', serviceId: s.id, start: undefined, details: emptyDetails(lang) })}>
                  {t.chooseTime}: {textIn(s.name, lang)}
                </button>
              </li>
            ))}
          </ul>
          <button type="button" class="button" onClick={() => patchFlow({ step: 'start' })}>{t.back}</button>
        </div>
      );
      break;
    case 'slot':
      body = (
        <div>
          <StepHeading>{`${t.chooseTime}${service ? ` — ${textIn(service.name, lang)}` : ''}`}</StepHeading>
          <SlotPicker
            t={t}
            lang={lang}
            serviceId={flow.serviceId ?? ''}
            selected={flow.start}
            confirmLabel={t.next}
            {...(flow.message ? { message: flow.message } : {})}
            onPick={(start) => patchFlow({ step: 'details', start, message: undefined, details: flow.details.language ? flow.details : emptyDetails(lang) })}
          />
          <button type="button" class="button" onClick={() => patchFlow({ step: 'service' })}>{t.back}</button>
        </div>
      );
      break;
    case 'details':
      body = <DetailsForm t={t} lang={lang} languages={service?.languages ?? []} />;
      break;
    case 'done':
      body = <Done t={t} lang={lang} serviceName={service ? textIn(service.name, lang) : flow.receipt?.serviceId ?? ''} />;
      break;
    case 'manage':
      body = <Manage t={t} lang={lang} nameOf={(id) => textIn(serviceList.find((s) => s.id === id)?.name, lang) || id} />;
      break;
  }

  return (
    <section class="booking">
      <h1 tabIndex={-1} data-screen-heading="">{flow.step === 'manage' ? t.manageTitle : t.title}</h1>
      {flow.step === 'start' && (
        <>
          <p>{t.intro}</p>
          <p class="notice">{t.noTrail}</p>
        </>
      )}
      {body}
      <button type="button" class="link-button" onClick={() => navigate('home')}>{common.backHome}</button>
    </section>
  );
}

/** Free times as radio buttons, grouped by day, the next ones first; later windows on demand. */
/**
 * Times the server answered "full" for in this session. The public list is coarse in time (it moves at
 * quarter-hour boundaries, so nobody can tell the minute a place was taken) and may still show them;
 * she already knows. In memory only: gone with the page (quick exit included).
 */
const takenThisSession = new Set<string>();

function SlotPicker(props: { t: BookingTexts; lang: Lang; serviceId: string; selected: string | undefined; confirmLabel: string; onPick: (start: string) => void; message?: string; exclude?: string }): JSX.Element {
  const { t, lang } = props;
  const [slots, setSlots] = useState<FreeSlot[] | undefined>(undefined);
  const [until, setUntil] = useState(() => Date.now() + WINDOW_DAYS * DAY);
  const [choice, setChoice] = useState<string | undefined>(props.selected);
  const [error, setError] = useState<string | undefined>(props.message);
  const [loading, setLoading] = useState(false);

  const load = async (from: number, to: number, append: boolean) => {
    setLoading(true);
    const res = await bookingApi.slots(props.serviceId, new Date(from), new Date(to));
    setLoading(false);
    if (!res.ok) return setError(failureText(t, res.failure));
    const open = res.value.slots.filter((s) => s.remaining > 0 && !takenThisSession.has(s.start) && s.start !== props.exclude);
    setSlots((old) => (append && old ? [...old, ...open] : open));
  };
  useEffect(() => {
    void load(Date.now(), until, false);
  }, [props.serviceId]);

  const byDay = new Map<string, FreeSlot[]>();
  for (const s of slots ?? []) byDay.set(s.date, [...(byDay.get(s.date) ?? []), s]);
  const dayLabel = (iso: string) => brusselsFormat(localeOf(lang), { weekday: 'long', day: 'numeric', month: 'long' }).format(new Date(iso));
  const submit = (e: Event) => {
    e.preventDefault();
    if (!choice) return setError(t.errors.slotMissing);
    props.onPick(choice);
  };
  return (
    <form onSubmit={submit} noValidate>
      <p class="hint">{t.chooseTimeHint}</p>
      <Alert text={error} />
      {loading && <p class="loading" role="status">…</p>}
      {slots && slots.length === 0 && !loading && <p>{t.noSlots}</p>}
      {slots && slots.length > 0 && (
        <fieldset>
          <legend>{t.chooseTime}</legend>
          {[...byDay.entries()].map(([date, list]) => (
            <div key={date} role="group" aria-labelledby={`day-${date}`}>
              <p class="day" id={`day-${date}`}>{dayLabel(list[0]!.start)}</p>
              <ul class="slots">
                {list.map((s) => (
                  <li key={s.start}>
                    <label class="check">
                      <input type="radio" name="slot" value={s.start} checked={choice === s.start} onChange={() => { setChoice(s.start); setError(undefined); }} />
                      <span>
                        {when(s.start, lang, false)}–{when(s.end, lang, false)}
                        {s.remaining > 1 ? ` (${t.placesLeft(s.remaining)})` : ''}
                      </span>
                    </label>
                  </li>
                ))}
              </ul>
            </div>
          ))}
        </fieldset>
      )}
      <div class="actions">
        <button type="button" class="button" disabled={loading} onClick={() => { const next = until + WINDOW_DAYS * DAY; void load(until, next, true); setUntil(next); }}>{t.moreSlots}</button>
        <button type="submit" class="button primary">{props.confirmLabel}</button>
      </div>
    </form>
  );
}

function DetailsForm({ t, lang, languages }: { t: BookingTexts; lang: Lang; languages: string[] }): JSX.Element {
  const flow = useStore(flowStore);
  const d = flow.details;
  const [error, setError] = useState<{ field?: string; text: string } | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const set = (patch: Partial<Details>) => patchFlow({ details: { ...flowStore.get().details, ...patch } });
  const val = (e: Event) => (e.currentTarget as HTMLInputElement).value;
  const langs = [...new Set(['nl', 'fr', 'en', 'ar', ...languages])];

  const submit = async (e: Event) => {
    e.preventDefault();
    if (!d.alias.trim()) return setError({ field: 'alias', text: t.errors.aliasMissing });
    if (d.mayContact && !d.phone.trim()) return setError({ field: 'phone', text: t.errors.phoneMissing });
    const digits = d.phone.replace(/\D/g, '').length;
    if (d.mayContact && (digits < 8 || digits > 15)) return setError({ field: 'phone', text: t.errors.phoneRule });
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
    setBusy(true);
    setError(undefined);
    const res = await bookingApi.create(input, attempt.key);
    setBusy(false);
    if (res.ok) {
      const r = res.value;
      patchFlow({ step: 'done', attempt: undefined, receipt: { reference: r.reference, pin: r.pin, start: r.start, serviceId: r.serviceId }, details: emptyDetails(lang) });
      return;
    }
    if (res.failure.kind === 'full') {
      // The place went to someone else: back to the times (refreshed), saying so.
      if (flow.start) takenThisSession.add(flow.start);
      patchFlow({ step: 'slot', start: undefined, attempt: undefined, message: t.errors.full });
      return;
    }
    const field = res.failure.kind === 'invalid' ? res.failure.field.split('.').pop() : undefined;
    setError({ ...(field ? { field } : {}), text: failureText(t, res.failure) });
  };
  const invalid = (field: string) => (error?.field === field ? { 'aria-invalid': 'true' as const, 'aria-describedby': 'details-error' } : {});

  return (
    <form onSubmit={submit} noValidate>
      <StepHeading>{t.detailsTitle}</StepHeading>
      {flow.start && <p class="notice">{when(flow.start, lang)}</p>}
      <div class="field">
        <label for="b-alias">{t.alias}</label>
        <p id="b-alias-hint" class="hint">{t.aliasHint}</p>
        <input id="b-alias" class="text-input" type="text" autocomplete="off" maxLength={40} value={d.alias} aria-describedby="b-alias-hint" {...invalid('alias')} onInput={(e) => set({ alias: val(e) })} />
      </div>
      <div class="field">
        <label for="b-lang">{t.language}</label>
        <select id="b-lang" class="text-input" value={d.language} onChange={(e) => set({ language: (e.currentTarget as HTMLSelectElement).value })}>
          {langs.map((l) => <option key={l} value={l}>{languageName(l, lang)}</option>)}
        </select>
      </div>
      <label class="check"><input type="checkbox" checked={d.interpreter} onChange={(e) => set({ interpreter: (e.currentTarget as HTMLInputElement).checked })} /> {t.interpreter}</label>
      <label class="check"><input type="checkbox" checked={d.childcare} onChange={(e) => set({ childcare: (e.currentTarget as HTMLInputElement).checked })} /> {t.childcare}</label>
      <div class="field">
        <label for="b-access">{t.accessibility}</label>
        <p id="b-access-hint" class="hint">{t.accessibilityHint}</p>
        <input id="b-access" class="text-input" type="text" autocomplete="off" maxLength={300} value={d.accessibility} aria-describedby="b-access-hint" {...invalid('accessibility')} onInput={(e) => set({ accessibility: val(e) })} />
      </div>

      <fieldset>
        <legend>{t.safeTitle}</legend>
        <p class="hint">{t.safeIntro}</p>
        <fieldset>
          <legend>{t.mayContact}</legend>
          <label class="check"><input type="radio" name="may-contact" checked={d.mayContact === true} onChange={() => set({ mayContact: true })} /> {t.mayContactYes}</label>
          <label class="check"><input type="radio" name="may-contact" checked={d.mayContact === false} onChange={() => set({ mayContact: false })} /> {t.mayContactNo}</label>
        </fieldset>
        {d.mayContact && (
          <>
            <div class="field">
              <label for="b-phone">{t.phone}</label>
              <p id="b-phone-hint" class="hint">{t.phoneHint}</p>
              <input id="b-phone" class="text-input" type="tel" dir="ltr" autocomplete="off" maxLength={24} value={d.phone} aria-describedby="b-phone-hint" {...invalid('phone')} onInput={(e) => set({ phone: val(e) })} />
            </div>
            <p id="b-times-hint" class="hint">{t.safeTimesHint}</p>
            <div class="times">
              <div class="field">
                <label for="b-from">{t.safeFrom}</label>
                <input id="b-from" class="text-input" type="time" value={d.safeFrom} aria-describedby="b-times-hint" onInput={(e) => set({ safeFrom: val(e) })} />
              </div>
              <div class="field">
                <label for="b-to">{t.safeTo}</label>
                <input id="b-to" class="text-input" type="time" value={d.safeTo} aria-describedby="b-times-hint" {...invalid('end')} onInput={(e) => set({ safeTo: val(e) })} />
              </div>
            </div>
            <label class="check"><input type="checkbox" checked={d.voicemail} onChange={(e) => set({ voicemail: (e.currentTarget as HTMLInputElement).checked })} /> {t.voicemail}</label>
            <div class="field">
              <label for="b-code">{t.codeWord}</label>
              <p id="b-code-hint" class="hint">{t.codeWordHint}</p>
              <input id="b-code" class="text-input" type="text" autocomplete="off" maxLength={40} value={d.codeWord} aria-describedby="b-code-hint" {...invalid('codeWord')} onInput={(e) => set({ codeWord: val(e) })} />
            </div>
          </>
        )}
      </fieldset>
      {error && <p id="details-error" role="alert" class="field-error">{error.text}</p>}
      <div class="actions">
        <button type="submit" class="button primary" disabled={busy}>{busy ? t.booking : t.book}</button>
        <button type="button" class="button" onClick={() => patchFlow({ step: 'slot' })}>{t.back}</button>
      </div>
    </form>
  );
}

function Done({ t, lang, serviceName }: { t: BookingTexts; lang: Lang; serviceName: string }): JSX.Element {
  const flow = useStore(flowStore);
  const r = flow.receipt;
  const [kept, setKept] = useState(false);
  if (!r) return <p>{t.errors.generic}</p>;
  return (
    <div>
      <StepHeading>{t.doneTitle}</StepHeading>
      <dl class="facts">
        <dt>{t.service}</dt><dd>{serviceName}</dd>
        <dt>{t.when}</dt><dd>{when(r.start, lang)}</dd>
        <dt>{t.reference}</dt><dd class="secret" dir="ltr" data-reference="">{r.reference}</dd>
        <dt>{t.pin}</dt><dd class="secret" dir="ltr" data-pin="">{r.pin}</dd>
      </dl>
      <p class="notice">{t.doneNotice}</p>
      <p><strong>{t.doneOnce}</strong></p>
      <label class="check">
        <input type="checkbox" checked={kept} aria-describedby="b-remember-hint" onChange={(e) => {
          const on = (e.currentTarget as HTMLInputElement).checked;
          setKept(on);
          if (on) remember(r.reference, r.pin);
          else forget();
        }} /> {t.remember}
      </label>
      <p id="b-remember-hint" class="hint">{t.rememberHint}</p>
      <div class="actions">
        <button type="button" class="button primary" onClick={() => patchFlow({ step: 'manage', credentials: { reference: r.reference, pin: r.pin }, receipt: undefined })}>{t.viewBooking}</button>
      </div>
    </div>
  );
}

type Confirming = 'cancel' | 'erase' | 'move' | undefined;

function Manage({ t, lang, nameOf }: { t: BookingTexts; lang: Lang; nameOf: (id: string) => string }): JSX.Element {
  const flow = useStore(flowStore);
  const creds = flow.credentials;
  const [booking, setBooking] = useState<BookingView | undefined>(undefined);
  const [error, setError] = useState<string | undefined>(undefined);
  const [done, setDone] = useState<string | undefined>(undefined);
  const [confirming, setConfirming] = useState<Confirming>(undefined);
  const [busy, setBusy] = useState(false);
  const setCreds = (patch: Partial<typeof creds>) => patchFlow({ credentials: { ...flowStore.get().credentials, ...patch } });

  const run = async <T,>(call: () => Promise<{ ok: true; value: T } | { ok: false; failure: Failure }>, onOk: (v: T) => void) => {
    setBusy(true);
    setError(undefined);
    setDone(undefined);
    const res = await call();
    setBusy(false);
    if (res.ok) onOk(res.value);
    else setError(failureText(t, res.failure));
  };
  const open = (e: Event) => {
    e.preventDefault();
    void run(() => bookingApi.view(creds.reference, creds.pin), (b) => { setBooking(b); setConfirming(undefined); });
  };
  // Arriving from the confirmation: open at once.
  useEffect(() => {
    if (creds.reference && creds.pin && !booking) void run(() => bookingApi.view(creds.reference, creds.pin), setBooking);
  }, []);

  if (!booking) {
    return (
      <form onSubmit={open} noValidate>
        <StepHeading>{t.manageIntro}</StepHeading>
        <div class="field">
          <label for="m-ref">{t.reference}</label>
          <input id="m-ref" class="text-input" type="text" dir="ltr" autocomplete="off" autocapitalize="characters" spellcheck={false} maxLength={12} value={creds.reference} onInput={(e) => setCreds({ reference: (e.currentTarget as HTMLInputElement).value })} />
        </div>
        <div class="field">
          <label for="m-pin">{t.pin}</label>
          <input id="m-pin" class="text-input" type="password" inputMode="numeric" dir="ltr" autocomplete="off" maxLength={7} value={creds.pin} onInput={(e) => setCreds({ pin: (e.currentTarget as HTMLInputElement).value })} />
        </div>
        <Alert text={error} />
        {done && <p role="status">{done}</p>}
        <div class="actions">
          <button type="submit" class="button primary" disabled={busy}>{t.manageOpen}</button>
          <button type="button" class="button" onClick={() => patchFlow({ step: 'start' })}>{t.back}</button>
        </div>
      </form>
    );
  }

  const active = booking.status !== 'cancelled';
  return (
    <div>
      <StepHeading>{t.yourBooking}</StepHeading>
      <dl class="facts" data-booking-view="">
        <dt>{t.reference}</dt><dd dir="ltr">{booking.reference}</dd>
        <dt>{t.service}</dt><dd>{nameOf(booking.serviceId)}</dd>
        <dt>{t.when}</dt><dd>{when(booking.start, lang)}</dd>
        <dt>{t.status}</dt><dd data-status={booking.status}>{t.statuses[booking.status]}</dd>
      </dl>
      {done && <p role="status" class="notice">{done}</p>}
      <Alert text={error} />
      {confirming === 'move' ? (
        <div>
          <h3>{t.moveTitle}</h3>
          <SlotPicker t={t} lang={lang} serviceId={booking.serviceId} selected={undefined} exclude={booking.start} confirmLabel={t.moveConfirm} onPick={(start) =>
            void run(() => bookingApi.reschedule(creds.reference, creds.pin, start), (b) => { setBooking(b); setConfirming(undefined); setDone(t.moved); })
          } />
          <button type="button" class="button" onClick={() => setConfirming(undefined)}>{t.keepIt}</button>
        </div>
      ) : confirming ? (
        <div role="group" aria-labelledby="m-confirm">
          <p id="m-confirm"><strong>{confirming === 'cancel' ? t.cancelConfirm : t.eraseConfirm}</strong></p>
          <div class="actions">
            <button type="button" class="button primary" disabled={busy} onClick={() =>
              confirming === 'cancel'
                ? void run(() => bookingApi.cancel(creds.reference, creds.pin), (b) => { setBooking(b); setConfirming(undefined); setDone(t.cancelled); })
                : void run(() => bookingApi.erase(creds.reference, creds.pin), () => {
                    forget();
                    setBooking(undefined);
                    setConfirming(undefined);
                    patchFlow({ credentials: { reference: '', pin: '' } });
                    setDone(t.erased);
                  })
            }>{confirming === 'cancel' ? t.cancelYes : t.eraseYes}</button>
            <button type="button" class="button" onClick={() => setConfirming(undefined)}>{t.keepIt}</button>
          </div>
        </div>
      ) : (
        <div class="actions">
          {active && <button type="button" class="button" onClick={() => setConfirming('move')}>{t.move}</button>}
          {active && <button type="button" class="button" onClick={() => setConfirming('cancel')}>{t.cancel}</button>}
          <button type="button" class="button" onClick={() => setConfirming('erase')}>{t.erase}</button>
        </div>
      )}
    </div>
  );
}
