import type { JSX } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { brusselsFormat } from '../../../shared/brussels-time.js';
import { localeOf, type Lang, type BookingTexts } from '../i18n/index.js';
import type { Failure, Result } from './api.js';

/** What the booking steps share: times in Brussels, failure texts, the step heading, the alert line. */
export function when(iso: string, lang: Lang, withDate = true): string {
  return brusselsFormat(localeOf(lang), {
    // Belgian services show 24-hour times; Arabic's locale default would be 12-hour.
    hourCycle: 'h23',
    ...(withDate ? { weekday: 'long', day: 'numeric', month: 'long' } : {}),
    hour: '2-digit',
    minute: '2-digit',
  }).format(new Date(iso));
}

export function failureText(t: BookingTexts, f: Failure): string {
  switch (f.kind) {
    case 'full':
      return t.errors.full;
    case 'not-found':
      return t.errors.notFound;
    case 'locked':
      return t.errors.locked;
    case 'offline':
      return t.errors.offline;
    case 'invalid':
      return t.errors.invalid((t.fields as Record<string, string | undefined>)[f.field.split('.').pop() ?? ''] ?? f.field);
    default:
      return t.errors.generic;
  }
}

/** A step's heading: focused when the step opens, so screen readers announce where they are. */
export function StepHeading({ children }: { children: string }): JSX.Element {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return (
    <h2 ref={ref} tabIndex={-1}>
      {children}
    </h2>
  );
}

export function Alert({ text }: { text: string | undefined }): JSX.Element | null {
  return text ? (
    <p role="alert" class="field-error">
      {text}
    </p>
  ) : null;
}

/** A failed call as something `useAction` (pwa/common) can hold: the API answers results, never throws. */
export class BookingFailure extends Error {
  constructor(readonly failure: Failure) {
    super(failure.kind);
  }
}

/** The value of a successful result; a failure is thrown as a `BookingFailure`. */
export async function settled<T>(result: Promise<Result<T>>): Promise<T> {
  const res = await result;
  if (!res.ok) throw new BookingFailure(res.failure);
  return res.value;
}

/** The failure behind what `useAction` caught (anything but a `BookingFailure` is a generic error). */
export const failureOf = (e: unknown): Failure => (e instanceof BookingFailure ? e.failure : { kind: 'error' });
