import type { JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { brusselsFormat } from '../../../shared/brussels-time.js';
import type { FreeSlot } from '../../../shared/bookings/api.js';
import { localeOf, type Lang, type BookingTexts } from '../i18n/index.js';
import { bookingApi } from './api.js';
import { Alert, failureText, when } from './ui.js';

const DAY = 86_400_000;
const WINDOW_DAYS = 14;

/**
 * Times the server answered "full" for in this session. The public list is coarse in time (it moves at
 * quarter-hour boundaries, so nobody can tell the minute a place was taken) and may still show them;
 * she already knows. In memory only: gone with the page (quick exit included).
 */
export const takenThisSession = new Set<string>();

/** Free times as radio buttons, grouped by day, the next ones first; later windows on demand. */
export function SlotPicker(props: {
  t: BookingTexts;
  lang: Lang;
  serviceId: string;
  selected: string | undefined;
  confirmLabel: string;
  onPick: (start: string) => void;
  message?: string;
  exclude?: string;
}): JSX.Element {
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
      {loading && (
        <p class="loading" role="status">
          …
        </p>
      )}
      {slots && slots.length === 0 && !loading && <p>{t.noSlots}</p>}
      {slots && slots.length > 0 && (
        <fieldset>
          <legend>{t.chooseTime}</legend>
          {[...byDay.entries()].map(([date, list]) => (
            <div key={date} role="group" aria-labelledby={`day-${date}`}>
              <p class="day" id={`day-${date}`}>
                {dayLabel(list[0]!.start)}
              </p>
              <ul class="slots">
                {list.map((s) => (
                  <li key={s.start}>
                    <label class="check">
                      <input
                        type="radio"
                        name="slot"
                        value={s.start}
                        checked={choice === s.start}
                        onChange={() => {
                          setChoice(s.start);
                          setError(undefined);
                        }}
                      />
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
        <button
          type="button"
          class="button"
          disabled={loading}
          onClick={() => {
            const next = until + WINDOW_DAYS * DAY;
            void load(until, next, true);
            setUntil(next);
          }}
        >
          {t.moreSlots}
        </button>
        <button type="submit" class="button primary">
          {props.confirmLabel}
        </button>
      </div>
    </form>
  );
}
