import { demoServices } from '../../infra/local/demo/catalog.js';

/** Every day of the week, 00:00–23:55: a test finds free times whatever the hour it runs. */
export const ALL_DAY = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start: '00:00', end: '23:55' }));

/**
 * The body of `POST /api/services` for a bookable test service of its own zone: the first demo service's
 * texts, open all day every day, no lead time, no buffer, no closures.
 */
export function allDayService(id: string, zone: string, capacity: number) {
  const { id: _demoId, ...template } = demoServices[0]!;
  return {
    ...template,
    id,
    zone,
    partnerId: 'test-partner',
    demo: false,
    capacity,
    slotMinutes: 30,
    bufferMinutes: 0,
    leadHours: 0,
    horizonDays: 30,
    closures: [],
    openingRules: ALL_DAY,
  };
}
