import { randomInt } from 'node:crypto';
import {
  LOCK_MINUTES,
  normalizePin,
  normalizeReference,
  referenceFrom,
  REFERENCE_ALPHABET,
  REFERENCE_LENGTH,
  type Attendance,
} from '../../shared/catalog/booking.js';
import { generateSlots, MAX_SLOT_RANGE_DAYS, slotAt, slotProblem } from '../../shared/catalog/slots.js';
import type { Service } from '../../shared/catalog/types.js';
import { ConflictError, NotFoundError, TooManyAttemptsError, ValidationError } from '../../shared/errors.js';
import type { AuditEntry } from '../lib/audit.js';
import type { Caller } from '../lib/auth.js';
import { logger } from '../lib/logger.js';
import type { Notifier } from '../lib/notifier.js';
import { bookingMessage, type BookingEvent } from './messages.js';
import { expiryAfter, view, type BookingRecord } from './model.js';
import { hashPin, verifyPin, dummyHash } from './pin.js';
import type { BookingRepository, SlotCount } from './repository.js';
import type { BookingInput, ContactChoices, BookingReceipt, BookingView, FreeSlot, SlotsAnswer } from '../../shared/bookings/api.js';

/** Reads services from the catalogue. */
export interface ServiceReader {
  getService(id: string): Promise<Service | undefined>;
}

export interface Deps {
  repo: BookingRepository;
  services: ServiceReader;
  notifier: Notifier;
}

const DAY = 86_400_000;

const PROBLEMS = {
  past: 'This time has passed',
  lead: 'This time is too soon to book; choose a later one',
  horizon: 'This time is too far ahead to book',
  closed: 'The service is closed on that day',
  'off-grid': 'The service offers no appointment at this time',
} as const;

async function bookableService(services: ServiceReader, id: string, field = 'serviceId'): Promise<Service> {
  const service = await services.getService(id);
  if (!service) throw new ValidationError(field, 'No such service');
  if (!service.bookable) throw new ValidationError(field, 'This service is not booked online; see its contact details');
  return service;
}

/** Telling the partner is best-effort after the commit: the booking stands even if SNS is down (logged). */
async function tell(notifier: Notifier, event: BookingEvent, b: BookingRecord, previousStart?: string): Promise<void> {
  try {
    await notifier.publish('partnerIntake', bookingMessage(event, b, previousStart));
  } catch (error) {
    logger.error('Partner intake message not sent', { reference: b.reference, event, error: error as Error });
  }
}

// ---- slots ------------------------------------------------------------------------------------

/**
 * The public list's availability moves only at quarter-hour boundaries: a slot whose count changed in
 * the current quarter hour is shown with its count from before that change. So whoever watches the
 * list of a single-place slot learns at most in which quarter hour it was taken (or freed), never the
 * minute. Booking a slot shown as free that was just taken answers 409 `start`, as any full slot does.
 */
export const AVAILABILITY_WINDOW_MINUTES = 15;

function shownBooked(c: SlotCount, windowStartMs: number): number {
  const recent = c.changedAt !== undefined && Date.parse(c.changedAt) >= windowStartMs;
  return recent ? (c.previousBooked ?? 0) : c.booked;
}

/**
 * Every bookable slot of a service in [from, to), full ones included with `remaining: 0`; the range is
 * at most MAX_SLOT_RANGE_DAYS.
 */
export async function freeSlots(deps: Deps, serviceId: string, range: { from?: string; to?: string }, now: Date): Promise<SlotsAnswer> {
  const service = await deps.services.getService(serviceId);
  if (!service) throw new NotFoundError('No such service');
  const fromMs = range.from ? Date.parse(range.from) : now.getTime();
  const toMs = range.to ? Date.parse(range.to) : fromMs + 14 * DAY;
  if (toMs <= fromMs) throw new ValidationError('to', 'Must be after from');
  if (toMs - fromMs > MAX_SLOT_RANGE_DAYS * DAY) throw new ValidationError('to', `At most ${MAX_SLOT_RANGE_DAYS} days after from`);
  const slots = service.bookable ? generateSlots(service, fromMs, toMs, now.getTime()) : [];
  const counts = slots.length ? await deps.repo.slotCounts(serviceId, slots[0]!.start, slots[slots.length - 1]!.start) : [];
  const windowMs = AVAILABILITY_WINDOW_MINUTES * 60_000;
  const windowStart = Math.floor(now.getTime() / windowMs) * windowMs;
  const booked = new Map(counts.map((c) => [c.start, shownBooked(c, windowStart)]));
  const free: FreeSlot[] = slots.map((s) => ({ ...s, remaining: Math.max(0, service.capacity - (booked.get(s.start) ?? 0)) }));
  return { serviceId, capacity: service.capacity, from: new Date(fromMs).toISOString(), to: new Date(toMs).toISOString(), slots: free };
}

// ---- booking (victim) ---------------------------------------------------------------------------

const newReference = () => referenceFrom(Array.from({ length: REFERENCE_LENGTH }, () => randomInt(REFERENCE_ALPHABET.length)));

/**
 * Books a slot: validates the service and the slot, hashes the PIN, and commits the slot counter
 * (`booked < capacity`), the booking and the report counter in ONE transaction. `pinFor(reference)`
 * gives the PIN (random, or derived from the Idempotency-Key); the receipt carries no PIN.
 */
export async function createBooking(deps: Deps, input: BookingInput, pinFor: (reference: string) => string, now: Date): Promise<BookingReceipt> {
  const service = await bookableService(deps.services, input.serviceId);
  const problem = slotProblem(service, input.start, now.getTime());
  if (problem) throw new ValidationError('start', PROBLEMS[problem]);
  const slot = slotAt(service, input.start, now.getTime())!;
  for (let attempt = 0; attempt < 5; attempt++) {
    const reference = newReference();
    const at = now.toISOString();
    const record: BookingRecord = {
      reference,
      serviceId: service.id,
      partnerId: service.partnerId,
      zone: service.zone,
      start: slot.start,
      end: slot.end,
      date: slot.date,
      status: 'booked',
      alias: input.alias,
      language: input.language,
      interpreter: input.interpreter,
      childcare: input.childcare,
      ...(input.accessibility ? { accessibility: input.accessibility } : {}),
      safeContact: input.safeContact,
      shareWithPolice: input.shareWithPolice,
      pinHash: await hashPin(pinFor(reference)),
      createdAt: at,
      updatedAt: at,
      expiresAt: expiryAfter(slot.end),
    };
    if ((await deps.repo.create(record, service.capacity, now)) === 'created') {
      await tell(deps.notifier, 'made', record);
      return { reference, serviceId: service.id, start: slot.start, end: slot.end, status: 'booked' };
    }
  }
  throw new ConflictError('Could not make a booking reference; try again');
}

/**
 * Reference + PIN → the booking. Unknown reference and wrong PIN look the same (404, same slow hash).
 * A check is reserved BEFORE the PIN is verified (repository `reservePinAttempt`): per window of
 * LOCK_MINUTES, at most MAX_WRONG_PINS_PER_CLIENT from one client address and MAX_WRONG_PINS in all;
 * past either, 429 whatever the PIN, and the PIN is not looked at. A right PIN refunds its own
 * reservation only, so it never lifts a lock others caused; a lock lifts when its window ends.
 */
export async function authenticate(
  repo: BookingRepository,
  rawReference: string,
  rawPin: string | undefined,
  client: string,
  now: Date,
): Promise<BookingRecord> {
  const pin = rawPin === undefined ? undefined : normalizePin(rawPin);
  if (pin === undefined) throw new ValidationError('X-Booking-Pin', 'The 6-digit PIN goes in the X-Booking-Pin header');
  const reference = normalizeReference(rawReference);
  if (!reference) throw new NotFoundError('No booking with this reference and PIN');
  const reservation = await repo.reservePinAttempt(reference, client, now);
  if (!reservation.reserved) throw new TooManyAttemptsError(`Too many wrong PINs; try again in ${LOCK_MINUTES} minutes`);
  const booking = await repo.get(reference);
  // Without a booking, a hash is still checked, so a wrong reference takes as long as a wrong PIN.
  const ok = booking ? await verifyPin(pin, booking.pinHash) : await verifyPin(pin, await dummyHash()).then(() => false);
  if (!ok || !booking) throw new NotFoundError('No booking with this reference and PIN');
  await repo.refundPinAttempt(reservation);
  return booking;
}

export async function viewBooking(deps: Deps, reference: string, pin: string | undefined, client: string, now: Date): Promise<BookingView> {
  return view(await authenticate(deps.repo, reference, pin, client, now));
}

function assertChangeable(b: BookingRecord, now: Date): void {
  if (b.status === 'cancelled') throw new ConflictError('This booking is cancelled', 'status');
  if (Date.parse(b.start) <= now.getTime()) throw new ConflictError('This appointment has already started', 'status');
}

export async function rescheduleBooking(
  deps: Deps,
  reference: string,
  pin: string | undefined,
  start: string,
  client: string,
  now: Date,
): Promise<BookingView> {
  const b = await authenticate(deps.repo, reference, pin, client, now);
  assertChangeable(b, now);
  if (start === b.start) throw new ValidationError('start', 'This is the current time of the booking');
  const service = await bookableService(deps.services, b.serviceId, 'start');
  const problem = slotProblem(service, start, now.getTime());
  if (problem) throw new ValidationError('start', PROBLEMS[problem]);
  const slot = slotAt(service, start, now.getTime())!;
  const moved = await deps.repo.reschedule(b, { start: slot.start, end: slot.end, date: slot.date }, service.capacity, now);
  await tell(deps.notifier, 'moved', moved, b.start);
  return view(moved);
}

/**
 * Her contact choices from "my appointment", replaced whole with her consent for the police: she may
 * change or withdraw them at any time until the booking is cancelled (after the appointment too: a
 * withdrawal must always be possible while the booking exists). Nobody is told: staff read them when needed.
 */
export async function changeContact(
  deps: Deps,
  reference: string,
  pin: string | undefined,
  choices: ContactChoices,
  client: string,
  now: Date,
): Promise<BookingView> {
  const b = await authenticate(deps.repo, reference, pin, client, now);
  if (b.status === 'cancelled') throw new ConflictError('This booking is cancelled', 'status');
  const next: BookingRecord = {
    ...b,
    safeContact: choices.safeContact,
    shareWithPolice: choices.shareWithPolice,
    ...(choices.language !== undefined ? { language: choices.language } : {}),
    ...(choices.interpreter !== undefined ? { interpreter: choices.interpreter } : {}),
    updatedAt: now.toISOString(),
  };
  return view(await deps.repo.replace(b, next));
}

export async function cancelBooking(deps: Deps, reference: string, pin: string | undefined, client: string, now: Date): Promise<BookingView> {
  const b = await authenticate(deps.repo, reference, pin, client, now);
  assertChangeable(b, now);
  const cancelled = await deps.repo.cancel(b, now);
  await tell(deps.notifier, 'cancelled', cancelled);
  return view(cancelled);
}

/** Erases the booking at once (no TTL wait). A still-upcoming booking is cancelled on the way: slot freed, counted, partner told. */
export async function eraseBooking(deps: Deps, reference: string, pin: string | undefined, client: string, now: Date): Promise<void> {
  const b = await authenticate(deps.repo, reference, pin, client, now);
  const upcoming = b.status !== 'cancelled' && Date.parse(b.start) > now.getTime();
  await deps.repo.erase(b, upcoming, upcoming, now);
  if (upcoming) await tell(deps.notifier, 'cancelled', b);
}

/**
 * What an Idempotency-Key answers: the booking as it is now, not as it was made. A replay after the
 * booking was erased must not present the old receipt as `booked` (nor give its PIN again): 409 naming
 * the key, so the app books anew with a new key. A rescheduled or cancelled booking shows its current
 * times and status.
 */
export async function currentReceipt(deps: Deps, receipt: BookingReceipt): Promise<BookingReceipt> {
  const now = await deps.repo.get(receipt.reference);
  if (!now) throw new ConflictError('The booking made with this Idempotency-Key was erased; book again with a new key', 'Idempotency-Key');
  return { reference: now.reference, serviceId: now.serviceId, start: now.start, end: now.end, status: now.status };
}

// ---- staff (coordinators) ---------------------------------------------------------------------

const entry = (caller: Caller, reference: string, action: AuditEntry['action'], at: Date): AuditEntry => ({
  entity: 'booking',
  entityId: reference,
  action,
  route: caller.route,
  principal: caller.principal,
  at,
});

/**
 * What staff see of a booking. Once cancelled, the way to reach the person (phone, windows, voicemail,
 * code word) is no longer anyone's business: only "do not contact" remains, until the record is erased
 * (CANCELLED_RETENTION_DAYS after the cancellation, by TTL).
 */
function staffViewOf(b: BookingRecord): BookingView {
  const v = view(b);
  return b.status === 'cancelled' ? { ...v, safeContact: { mayContact: false, method: 'none', windows: [], voicemail: false } } : v;
}

/** Bookings of a service on a Brussels date, sorted by time; one audit record per booking shown. */
export async function listDay(deps: Deps, serviceId: string, date: string, caller: Caller, now: Date): Promise<BookingView[]> {
  const list = (await deps.repo.listDay(serviceId, date)).sort((a, b) => a.start.localeCompare(b.start) || a.reference.localeCompare(b.reference));
  if (list.length) await deps.repo.audits(list.map((b) => entry(caller, b.reference, 'list', now)));
  return list.map(staffViewOf);
}

async function staffGet(deps: Deps, rawReference: string): Promise<BookingRecord> {
  const reference = normalizeReference(rawReference);
  const b = reference ? await deps.repo.get(reference) : undefined;
  if (!b) throw new NotFoundError('No such booking');
  return b;
}

export async function staffView(deps: Deps, reference: string, caller: Caller, now: Date): Promise<BookingView> {
  const b = await staffGet(deps, reference);
  await deps.repo.audit(entry(caller, b.reference, 'read', now));
  return staffViewOf(b);
}

export async function confirmBooking(deps: Deps, reference: string, caller: Caller, now: Date): Promise<BookingView> {
  const b = await staffGet(deps, reference);
  if (b.status !== 'booked') throw new ConflictError(b.status === 'confirmed' ? 'Already confirmed' : 'This booking is cancelled', 'status');
  return view(await deps.repo.confirm(b, entry(caller, b.reference, 'update', now), now));
}

/** Attendance, from an hour before the appointment on; counted (attended) in the appointment's month, once. */
export async function markAttendance(deps: Deps, reference: string, attendance: Attendance, caller: Caller, now: Date): Promise<BookingView> {
  const b = await staffGet(deps, reference);
  if (b.status === 'cancelled') throw new ConflictError('This booking is cancelled', 'status');
  if (now.getTime() < Date.parse(b.start) - 3_600_000) throw new ConflictError('Attendance can be marked from an hour before the appointment', 'attended');
  if (b.attendance === attendance) return view(b);
  return view(await deps.repo.markAttendance(b, attendance, entry(caller, b.reference, 'update', now), now));
}
