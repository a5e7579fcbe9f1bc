import { describe, expect, it } from 'vitest';
import { bookingInputSchema } from '../../shared/bookings/api.js';
import { cancelBooking, createBooking, freeSlots, viewBooking, type Deps } from '../../functions/bookings/use-cases.js';
import { openCase, patchCase } from '../../functions/cases/use-cases.js';
import type { Principal } from '../../functions/lib/auth.js';
import { orderBodySchema } from '../../shared/orders/api.js';
import { createOrder, endOrder } from '../../functions/orders/use-cases.js';
import { LOCK_MINUTES, MAX_WRONG_PINS, MAX_WRONG_PINS_PER_CLIENT } from '../../shared/catalog/booking.js';
import { generateSlots } from '../../shared/catalog/slots.js';
import type { Service } from '../../shared/catalog/types.js';
import { createCaseSchema } from '../../shared/cases/index.js';
import { metric, monthOf } from '../../shared/metrics.js';
import { caseBody } from '../support/bodies.js';
import { InMemoryBookingRepository, InMemoryServices } from '../support/fakes/bookings.js';
import { InMemoryCaseRepository } from '../support/fakes/cases.js';
import { RecordingNotifier } from '../support/fakes/notifier.js';
import { InMemoryOrderRepository } from '../support/fakes/orders.js';
import { DemoStaffDirectory } from '../../functions/lib/staff-directory.js';
import { DEMO_ZONE } from '../../shared/identity.js';
import { districtsOfZone } from '../../shared/zones-list.js';

const directory = new DemoStaffDirectory();

/** Use-case rules on the in-memory ports: no DynamoDB, no Java. The adapters are tested on DynamoDB Local. */
/** A staff member of Zone Ruppel covering all its districts, as the demo users are. */
const principal = (username: string, ...roles: Principal['roles']): Principal => ({
  sub: `sub-${username}`,
  username,
  roles,
  zone: DEMO_ZONE,
  districts: districtsOfZone(DEMO_ZONE),
  scopes: [],
  clientId: 'staff-console',
});
const now = new Date('2026-03-02T08:00:00Z');

const service: Service = {
  id: 'one-place',
  zone: 'ruppel',
  name: { nl: 'Eén plaats' },
  description: { nl: 'Test' },
  forWhom: { nl: 'Iedereen' },
  partnerId: 'partner',
  partner: 'Partner',
  location: { label: 'FJC', address: 'Straat 1' },
  languages: ['nl'],
  slotMinutes: 60,
  bufferMinutes: 0,
  capacity: 1,
  leadHours: 0,
  horizonDays: 30,
  openingRules: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start: '09:00', end: '17:00' })),
  closures: [],
  bookable: true,
  demo: false,
  confidential: false,
};

function bookingDeps(): Deps & { repo: InMemoryBookingRepository; notifier: RecordingNotifier } {
  return { repo: new InMemoryBookingRepository(), services: new InMemoryServices([service]), notifier: new RecordingNotifier() };
}
const firstSlot = generateSlots(service, now.getTime(), now.getTime() + 7 * 86_400_000, now.getTime()).find(
  (s) => Date.parse(s.start) > now.getTime() + 86_400_000,
)!;
const input = (alias: string) =>
  bookingInputSchema.parse({ serviceId: service.id, start: firstSlot.start, alias, language: 'nl', safeContact: { mayContact: false } });

describe('booking rules (in-memory ports)', () => {
  it('the last place goes once: the second booking of the slot is a 409 and nothing of it is kept', async () => {
    const deps = bookingDeps();
    const first = await createBooking(deps, input('A'), () => '123456', now);
    await expect(createBooking(deps, input('B'), () => '654321', now)).rejects.toMatchObject({ status: 409, field: 'start' });
    expect(deps.repo.bookings.size).toBe(1);
    expect((await freeSlots(deps, service.id, {}, now)).slots.find((s) => s.start === first.start)?.remaining).toBe(0);
    expect(deps.repo.stats.of(monthOf(now), service.zone)).toEqual({ [metric.bookingsMade(service.id)]: 1 });
  });

  it('cancelling frees the place, counts once and tells the partner; the booking stands when SNS is down', async () => {
    const deps = bookingDeps();
    deps.notifier.failNext();
    const made = await createBooking(deps, input('Zelda'), () => '123456', now);
    expect(deps.notifier.sent).toHaveLength(0);
    await cancelBooking(deps, made.reference, '123456', 'client-a', now);
    await expect(cancelBooking(deps, made.reference, '123456', 'client-a', now)).rejects.toMatchObject({ status: 409 });
    expect((await freeSlots(deps, service.id, {}, now)).slots.map((s) => s.start)).toContain(made.start);
    expect(deps.repo.stats.of(monthOf(now), service.zone)[metric.bookingsCancelled(service.id)]).toBe(1);
    expect(deps.notifier.sent.map((s) => s.topic)).toEqual(['partnerIntake']);
    expect(JSON.stringify(deps.notifier.sent)).not.toContain('Zelda');
  });

  it(`one client gets ${MAX_WRONG_PINS_PER_CLIENT} PIN checks; ${MAX_WRONG_PINS} wrong PINs in all lock the reference for the window, even against the right PIN`, async () => {
    const deps = bookingDeps();
    const made = await createBooking(deps, input('A'), () => '123456', now);
    for (let i = 0; i < MAX_WRONG_PINS_PER_CLIENT; i++)
      await expect(viewBooking(deps, made.reference, '000000', 'client-a', now)).rejects.toMatchObject({ status: 404 });
    await expect(viewBooking(deps, made.reference, '000000', 'client-a', now)).rejects.toMatchObject({ status: 429 });
    for (let i = MAX_WRONG_PINS_PER_CLIENT; i < MAX_WRONG_PINS; i++)
      await expect(viewBooking(deps, made.reference, '000000', `client-${i}`, now)).rejects.toMatchObject({ status: 404 });
    await expect(viewBooking(deps, made.reference, '123456', 'client-z', now)).rejects.toMatchObject({ status: 429 });
    // The window does not grow: once it is over, the right PIN works again.
    const later = new Date(now.getTime() + LOCK_MINUTES * 60_000 + 1000);
    await expect(viewBooking(deps, made.reference, '123456', 'client-z', later)).resolves.toMatchObject({ reference: made.reference });
  });
});

describe('case rules (in-memory ports)', () => {
  const olivia = { principal: principal('olivia.officer', 'officer'), route: 'POST /api/cases' };
  const body = (victimRef: string) => createCaseSchema.parse(caseBody('ruppel', { victimRef, interventionDate: '2026-03-01', children: false }));

  it('the same victim within twelve months is a repeat, counted once per case', async () => {
    const repo = new InMemoryCaseRepository();
    const first = await openCase({ repo, directory }, body('V-1'), olivia, now);
    const again = await openCase({ repo, directory }, body(' v-1 '), olivia, new Date(now.getTime() + 86_400_000));
    expect(first.repeat).toBe(false);
    expect(again.repeat).toBe(true);
    expect(repo.stats.of(monthOf(now), 'ruppel')).toMatchObject({ [metric.casesOpened]: 2, [metric.casesRepeat]: 1 });
    expect(repo.auditLog.map((a) => a.action)).toEqual(['create', 'create']);
  });

  it('a change made on a stale version is a 409 and leaves the case as it was', async () => {
    const repo = new InMemoryCaseRepository();
    const opened = await openCase({ repo, directory }, body('V-2'), olivia, now);
    const patched = await patchCase(
      { repo, directory },
      opened.id,
      { expectedVersion: 1, fjcIntroduction: 'offered' },
      { ...olivia, route: 'PATCH /api/cases/{id}' },
      now,
    );
    expect(patched.version).toBe(2);
    await expect(
      patchCase({ repo, directory }, opened.id, { expectedVersion: 1, fjcIntroduction: 'accepted' }, { ...olivia, route: 'PATCH /api/cases/{id}' }, now),
    ).rejects.toMatchObject({ status: 409 });
    expect(repo.cases.get(opened.id)).toMatchObject({ version: 2, fjcIntroduction: 'offered' });
  });
});

describe('order rules (in-memory ports)', () => {
  const police = { principal: principal('paula.police', 'police'), route: 'POST /api/orders' };
  const body = orderBodySchema.parse({
    district: 'ruppel',
    respondentDeviceId: 'DEV-R-1',
    protectedPersonRef: 'CASE-1',
    validFrom: now.toISOString(),
    validUntil: new Date(now.getTime() + 30 * 86_400_000).toISOString(),
    zones: [{ label: 'home', centre: { lat: 51.09, lon: 4.37 }, alertRadiusM: 500 }],
    noContact: true,
    device: { signalLossMinutes: 10, batteryLowPercent: 15 },
  });

  it('keeps only the hash of the protection code, and ending unlinks it; ending twice is a 409', async () => {
    const repo = new InMemoryOrderRepository();
    const { order, protectionCode } = await createOrder(repo, body, police, now);
    expect(JSON.stringify([...repo.orders.values(), ...repo.codes.keys()])).not.toContain(protectionCode);
    expect(repo.codes.size).toBe(1);
    await endOrder(repo, order.id, 'lifted_by_court', { ...police, route: 'POST /api/orders/{id}/end' }, now);
    expect(repo.codes.size).toBe(0);
    expect(repo.versions.map((v) => v.version)).toEqual([1]);
    await expect(endOrder(repo, order.id, 'lifted_by_court', { ...police, route: 'POST /api/orders/{id}/end' }, now)).rejects.toMatchObject({ status: 409 });
  });
});
