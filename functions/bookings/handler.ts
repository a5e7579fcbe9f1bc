// Declared with personalData in shared/functions.ts: this function seals and opens, so it loads the Encryption SDK.
import '../lib/encryption-sdk.js';
import { slug } from '../../shared/catalog/schemas.js';
import { BOOKINGS_PER_CLIENT_ENV, MAX_BOOKINGS_PER_CLIENT_PER_DAY } from '../../shared/catalog/booking.js';
import { PROOF_HEADER } from '../../shared/catalog/booking-proof.js';
import { TooManyAttemptsError, ValidationError } from '../../shared/errors.js';
import { TABLE_ENV } from '../../shared/table.js';
import { DynamoCatalogRepository } from '../catalog/repository.js';
import { callerOf } from '../lib/auth.js';
import { clock } from '../lib/clock.js';
import { optionalIntEnv, requireEnv } from '../lib/config.js';
import { created, httpApi, noContent, ok, withQuery, type ApiRequest } from '../lib/http.js';
import { SnsNotifier } from '../lib/notifier.js';
import { parse } from '../lib/validation.js';
import { idempotent, type CreatePayload } from './idempotency.js';
import { derivePin, randomPin } from './pin.js';
import { checkProof } from './proof.js';
import { DynamoBookingRepository } from './repository.js';
import {
  attendanceSchema,
  attendanceValue,
  bookingInputSchema,
  contactChoicesSchema,
  IDEMPOTENCY_HEADER,
  idempotencyKeySchema,
  PIN_HEADER,
  rescheduleSchema,
  slotsQuerySchema,
  staffListQuerySchema,
} from '../../shared/bookings/api.js';
import {
  cancelBooking,
  changeContact,
  confirmBooking,
  createBooking,
  currentReceipt,
  eraseBooking,
  freeSlots,
  listDay,
  markAttendance,
  rescheduleBooking,
  staffView,
  viewBooking,
  type Deps,
} from './use-cases.js';

const tableName = requireEnv(TABLE_ENV);
const bookingsPerClient = optionalIntEnv(BOOKINGS_PER_CLIENT_ENV, MAX_BOOKINGS_PER_CLIENT_PER_DAY);
const deps: Deps = {
  repo: new DynamoBookingRepository(tableName),
  services: new DynamoCatalogRepository(tableName),
  notifier: new SnsNotifier(['partnerIntake']),
};

/** With an Idempotency-Key the PIN is derived from it (so a replay shows the same PIN without storing it). */
const createOnce = idempotent(({ key, input }: CreatePayload) => createBooking(deps, input, (reference) => derivePin(key, reference), clock.now()), tableName);

const pinOf = (req: ApiRequest) => req.headers[PIN_HEADER];
const refOf = (req: ApiRequest) => req.pathParameters.reference ?? '';

/**
 * The cost of a booking for an anonymous client: a proof of work bound to this request, and one of the
 * client address's daily bookings. A retry with the same Idempotency-Key and proof is the same booking
 * (answered from the idempotency record) and costs nothing more.
 */
async function admit(req: ApiRequest, input: { serviceId: string; start: string }, key: string | undefined): Promise<void> {
  const now = clock.now();
  const proof = checkProof(req.headers[PROOF_HEADER], input.serviceId, input.start, key, now);
  if (!(await deps.repo.useProof(proof, now))) {
    if (key) return;
    throw new ValidationError('X-Booking-Proof', 'This proof was used already; make a new one');
  }
  if (!(await deps.repo.reserveClientBooking(req.client, bookingsPerClient, now))) {
    throw new TooManyAttemptsError('Too many bookings from this connection today; call the service to book');
  }
}

export const handler = httpApi('bookings', {
  'GET /api/services/{id}/slots': withQuery(slotsQuerySchema, async (req, range) => {
    const id = parse(slug, req.pathParameters.id, 'id');
    return ok(await freeSlots(deps, id, range, clock.now()));
  }),
  'POST /api/bookings': async (req) => {
    const rawKey = req.headers[IDEMPOTENCY_HEADER];
    const key = rawKey === undefined ? undefined : parse(idempotencyKeySchema, rawKey, 'Idempotency-Key');
    const input = parse(bookingInputSchema, req.body);
    await admit(req, input, key);
    let pin: string;
    let receipt: Awaited<ReturnType<typeof currentReceipt>>;
    if (key) {
      receipt = await currentReceipt(deps, await createOnce({ key, input }, req.context));
      pin = derivePin(key, receipt.reference);
    } else {
      let drawn = '';
      receipt = await createBooking(deps, input, () => (drawn = randomPin()), clock.now());
      pin = drawn;
    }
    // The PIN is shown here once; only its slow hash is stored.
    return { ...created({ ...receipt, pin }), headers: { location: `/api/bookings/${receipt.reference}` } };
  },
  'GET /api/bookings/{reference}': async (req) => ok(await viewBooking(deps, refOf(req), pinOf(req), req.client, clock.now())),
  'POST /api/bookings/{reference}/reschedule': async (req) => {
    const body = parse(rescheduleSchema, req.body);
    return ok(await rescheduleBooking(deps, refOf(req), pinOf(req), body.start, req.client, clock.now()));
  },
  'PUT /api/bookings/{reference}/contact': async (req) =>
    ok(await changeContact(deps, refOf(req), pinOf(req), parse(contactChoicesSchema, req.body), req.client, clock.now())),
  'POST /api/bookings/{reference}/cancel': async (req) => ok(await cancelBooking(deps, refOf(req), pinOf(req), req.client, clock.now())),
  'DELETE /api/bookings/{reference}': async (req) => {
    await eraseBooking(deps, refOf(req), pinOf(req), req.client, clock.now());
    return noContent();
  },
  'GET /api/staff/bookings': withQuery(staffListQuerySchema, async (req, q) =>
    ok({ serviceId: q.serviceId, date: q.date, bookings: await listDay(deps, q.serviceId, q.date, callerOf(req), clock.now()) }),
  ),
  'GET /api/staff/bookings/{reference}': async (req) => ok(await staffView(deps, refOf(req), callerOf(req), clock.now())),
  'POST /api/staff/bookings/{reference}/confirm': async (req) => ok(await confirmBooking(deps, refOf(req), callerOf(req), clock.now())),
  'POST /api/staff/bookings/{reference}/attendance': async (req) => {
    const body = parse(attendanceSchema, req.body);
    return ok(await markAttendance(deps, refOf(req), attendanceValue(body.attended), callerOf(req), clock.now()));
  },
});
