import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { benchBreachEngine } from '../../bench/breach-engine.js';
import { activeWindow, compileWindow } from '../../shared/brussels-time.js';
import {
  destination,
  evaluate,
  initialState,
  rulesOfVersion,
  type EngineEvent,
  type OrderRecord,
  type OrderRules,
  type OrderState,
} from '../../shared/zones/index.js';
import { orderRecord } from '../support/orders.js';

/**
 * The engine derives what it needs from an order's rules once per rules object (shared/zones/compiled.ts)
 * and monitoring hands it one rules object per order version (`rulesOfVersion`). These properties hold
 * the decisions to what they were: a compiled curfew window answers as `activeWindow`, an engine fed
 * the same rules object decides as one fed a fresh copy on every event, and the bench's stream still
 * raises its 363 alerts per 30,000 events.
 */
const HOME = { lat: 51.0899, lon: 4.3712 };
const hhmm = fc
  .tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }))
  .map(([h, m]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`);
const days = fc.option(fc.uniqueArray(fc.integer({ min: 1, max: 7 }), { maxLength: 7 }), { nil: undefined });
// Instants around both DST changes of 2026 and an ordinary week, minute by minute.
const instant = fc.oneof(
  fc.integer({ min: Date.parse('2026-03-27T00:00:00Z'), max: Date.parse('2026-03-31T00:00:00Z') }),
  fc.integer({ min: Date.parse('2026-10-23T00:00:00Z'), max: Date.parse('2026-10-27T00:00:00Z') }),
  fc.integer({ min: Date.parse('2026-06-01T00:00:00Z'), max: Date.parse('2026-06-08T00:00:00Z') }),
);

describe('compiled rules keep the engine’s decisions', () => {
  it('a compiled curfew window answers exactly as activeWindow, across midnight, weekdays and DST', () => {
    fc.assert(
      fc.property(hhmm, hhmm, days, fc.array(instant, { minLength: 1, maxLength: 40 }), (start, end, d, instants) => {
        const window = { start, end, ...(d ? { days: d } : {}) };
        const compiled = compileWindow(window);
        for (const t of instants) expect(compiled(t) ?? undefined).toEqual(activeWindow(window, t));
      }),
      { numRuns: 300 },
    );
  });

  it('the same rules object on every event decides as a fresh copy per event (zones, curfew, validity)', () => {
    const rules = (): OrderRules => ({
      orderId: 'O1',
      district: 'ruppel',
      validFrom: '2026-03-28T00:00:00.000Z',
      validUntil: '2026-03-30T12:00:00.000Z',
      active: true,
      respondentDeviceId: 'DEV-R',
      shareProtectedPosition: false,
      zones: [{ id: 'z-home', label: 'home', centre: HOME, alertRadiusM: 500, preAlertRadiusM: 1000 }],
      curfews: [{ id: 'c-1', start: '22:00', end: '06:00', centre: destination(HOME, 180, 2000), radiusM: 200 }],
      noContact: true,
      device: { signalLossMinutes: 10, batteryLowPercent: 15 },
    });
    const step = fc.record({ gapMin: fc.integer({ min: 1, max: 90 }), bearing: fc.integer({ min: 0, max: 359 }), meters: fc.integer({ min: 0, max: 4000 }) });
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 60 }), (steps) => {
        const shared = rules();
        let t = Date.parse('2026-03-28T18:00:00Z');
        let a: OrderState = initialState();
        let b: OrderState = initialState();
        steps.forEach((s, i) => {
          t += s.gapMin * 60_000;
          const p = destination(HOME, s.bearing, s.meters);
          const event: EngineEvent =
            i % 7 === 6
              ? { kind: 'tick', at: new Date(t).toISOString() }
              : { kind: 'position', eventId: `e${i}`, deviceId: 'DEV-R', at: new Date(t).toISOString(), lat: p.lat, lon: p.lon, accuracy: 10 };
          const once = evaluate(shared, a, event, new Date(t));
          const fresh = evaluate(rules(), b, event, new Date(t));
          expect(once).toEqual(fresh);
          a = once.state;
          b = fresh.state;
        });
      }),
      { numRuns: 150 },
    );
  });

  it('the bench’s stream: 363 alerts per 30,000 events, as before the rules were compiled', () => {
    expect(benchBreachEngine({ events: 30_000 }).alerts).toBe(363);
  });
});

describe('rulesOfVersion', () => {
  const order = (overrides: Partial<OrderRecord> = {}): OrderRecord =>
    orderRecord({ zones: [{ id: 'z-home', label: 'home', centre: HOME, alertRadiusM: 500, preAlertRadiusM: 1000 }], ...overrides });

  it('one rules object per order version (read again from the table, it is the same object), a new one at once for a new version or an end', () => {
    const first = rulesOfVersion(order());
    expect(rulesOfVersion(order())).toBe(first);
    const moved = order({
      version: 2,
      updatedAt: '2026-02-01T00:00:00Z',
      zones: [{ id: 'z-home', label: 'home', centre: HOME, alertRadiusM: 900, preAlertRadiusM: 1800 }],
    });
    const second = rulesOfVersion(moved);
    expect(second).not.toBe(first);
    expect(second.zones[0]?.alertRadiusM).toBe(900);
    // A fix 700 m from home: outside the old circle, inside the new one — the new version decides at once.
    const p = destination(HOME, 0, 700);
    const fix: EngineEvent = { kind: 'position', eventId: 'e1', deviceId: 'DEV-R', at: '2026-02-02T10:00:00Z', lat: p.lat, lon: p.lon, accuracy: 10 };
    expect(evaluate(second, initialState(), fix, new Date(fix.at)).alerts.map((x) => x.kind)).toEqual(['zone']);
    expect(rulesOfVersion(order({ version: 3, status: 'ended', updatedAt: '2026-02-03T00:00:00Z' })).active).toBe(false);
  });
});
