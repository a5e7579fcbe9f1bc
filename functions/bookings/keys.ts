import { fixedPartitions as F, prefixes as P } from '../../shared/partitions.js';

/**
 * Bookings keys (see README.md):
 * - slot counter `SLOTS#<serviceId>` / `<start ISO>`: `booked`, guarded by `booked < capacity`; one
 *   partition per service, so one Query returns the counters of a range;
 * - booking `BOOKING#<reference>` / `BOOKING`, gsi1 `BOOKINGS#<serviceId>#<date>` / `<start>#<reference>`;
 * - PIN attempt budgets `BOOKING#<reference>` / `PINFAIL` (everyone) and `PINFAIL#<client hash>` (one
 *   client address), also for references that do not exist;
 * - bookings made per client address per day `BOOKINGCLIENT#<client hash>` / `DAILY` (a budget, TTL) and
 *   used proofs of work `BOOKINGPROOF#<proof hash>` / `PROOF` (TTL): never linked to a booking;
 * - idempotency records `IDEMPOTENCY#bookings` / `<prefix>#<key hash>` (Powertools).
 */
export const bookingKeys = {
  slot: (serviceId: string, start: string) => ({ pk: `${P.slots}${serviceId}`, sk: start }),
  slotPartition: (serviceId: string) => `${P.slots}${serviceId}`,
  booking: (reference: string) => ({ pk: `${P.booking}${reference}`, sk: 'BOOKING' }),
  pinFailures: (reference: string) => ({ pk: `${P.booking}${reference}`, sk: 'PINFAIL' }),
  pinClientFailures: (reference: string, client: string) => ({ pk: `${P.booking}${reference}`, sk: `PINFAIL#${client}` }),
  dayIndex: (serviceId: string, date: string, start: string, reference: string) => ({
    gsi1pk: `${P.bookingsDay}${serviceId}#${date}`,
    gsi1sk: `${start}#${reference}`,
  }),
  dayPartition: (serviceId: string, date: string) => `${P.bookingsDay}${serviceId}#${date}`,
  clientBookings: (client: string) => ({ pk: `${P.bookingClient}${client}`, sk: 'DAILY' }),
  usedProof: (proofHash: string) => ({ pk: `${P.bookingProof}${proofHash}`, sk: 'PROOF' }),
};
export const IDEMPOTENCY_PK = F.bookingsIdempotency;
