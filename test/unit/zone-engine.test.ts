import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_ENGINE_CONFIG,
  destination,
  evaluate,
  initialState,
  margin,
  stepZone,
  type EngineEvent,
  type OrderRules,
  type OrderState,
} from '../../shared/zones/index.js';

const HOME = { lat: 51.0899, lon: 4.3712 };
const T0 = Date.parse('2026-11-28T10:00:00Z');
const at = (minutes: number) => new Date(T0 + minutes * 60_000).toISOString();

function order(overrides: Partial<OrderRules> = {}): OrderRules {
  return {
    orderId: 'O1',
    district: 'ruppel',
    validFrom: '2026-01-01T00:00:00.000Z',
    validUntil: '2027-01-01T00:00:00.000Z',
    active: true,
    respondentDeviceId: 'DEV-R',
    protectedDeviceId: 'DEV-P',
    shareProtectedPosition: true,
    zones: [{ id: 'z-home', label: 'home', centre: HOME, alertRadiusM: 500, preAlertRadiusM: 1000 }],
    curfews: [],
    noContact: true,
    device: { signalLossMinutes: 10, batteryLowPercent: 15 },
    ...overrides,
  };
}

let seq = 0;
/** A respondent fix `meters` north of the protected home. */
function fixAt(minutes: number, meters: number, accuracy = 10, deviceId = 'DEV-R'): EngineEvent {
  const p = destination(HOME, 0, meters);
  return { kind: 'position', eventId: `e${++seq}`, deviceId, at: at(minutes), lat: p.lat, lon: p.lon, accuracy };
}

function run(o: OrderRules, events: EngineEvent[], start: OrderState = initialState()) {
  let state = start;
  const alerts = [];
  for (const e of events) {
    const now = new Date(e.kind === 'tick' ? e.at : e.at);
    const r = evaluate(o, state, e, now);
    state = r.state;
    alerts.push(...r.alerts);
  }
  return { state, alerts };
}

describe('fixed zones: outside → pre-alert → alert → cleared', () => {
  it('raises a low pre-alert then a high alert on approach, exactly once each', () => {
    const { state, alerts } = run(order(), [fixAt(0, 3000), fixAt(1, 1500), fixAt(2, 900), fixAt(3, 700), fixAt(4, 450), fixAt(5, 100), fixAt(6, 50)]);
    expect(alerts.map((a) => [a.kind, a.severity, a.zoneLabel])).toEqual([
      ['preAlert', 'low', 'home'],
      ['zone', 'high', 'home'],
    ]);
    expect(state.zones['z-home']?.phase).toBe('alert');
    expect(alerts[1]?.evidence?.fix).toMatchObject({ at: at(4) });
  });

  it('uses the accuracy conservatively: enters when the disc touches the zone', () => {
    // 540 m away with 50 m accuracy: the disc reaches 490 m < 500 m → alert
    const { alerts } = run(order(), [fixAt(0, 540, 50)]);
    expect(alerts.map((a) => a.kind)).toEqual(['zone']);
    // 560 m with 50 m: the disc stays outside the alert radius → pre-alert only
    expect(run(order(), [fixAt(0, 560, 50)]).alerts.map((a) => a.kind)).toEqual(['preAlert']);
  });

  it('clears only when the whole disc is beyond radius + margin (hysteresis)', () => {
    const m = margin(500); // 50 m
    const base = run(order(), [fixAt(0, 100)]).state;
    // just outside the radius but within the margin: still alert
    expect(run(order(), [fixAt(1, 500 + m - 1)], base).state.zones['z-home']?.phase).toBe('alert');
    // beyond the margin but the accuracy disc reaches back: still alert
    expect(run(order(), [fixAt(1, 500 + m + 30, 40)], base).state.zones['z-home']?.phase).toBe('alert');
    // clearly beyond the alert margin, still near: pre-alert phase, no new alert
    const back = run(order(), [fixAt(1, 700)], base);
    expect(back.state.zones['z-home']?.phase).toBe('preAlert');
    expect(back.alerts).toEqual([]);
    // far away: cleared
    expect(run(order(), [fixAt(1, 5000)], base).state.zones['z-home']?.phase).toBe('cleared');
  });

  it('a very imprecise fix raises only when certainly inside and never clears', () => {
    expect(run(order(), [fixAt(0, 1500, 2000)]).alerts).toEqual([]);
    const alerted = run(order(), [fixAt(0, 100)]).state;
    expect(run(order(), [fixAt(1, 3000, 2500)], alerted).state.zones['z-home']?.phase).toBe('alert');
    expect(
      run(order({ zones: [{ id: 'big', label: 'work', centre: HOME, alertRadiusM: 10_000, preAlertRadiusM: 20_000 }] }), [fixAt(0, 100, 1500)]).alerts.map(
        (a) => a.kind,
      ),
    ).toEqual(['zone']);
  });

  it('re-alerts after leaving and coming back later than the re-alert interval, not before', () => {
    const { alerts } = run(order(), [fixAt(0, 100), fixAt(1, 5000), fixAt(5, 100), fixAt(6, 5000), fixAt(20, 100)]);
    expect(alerts.filter((a) => a.kind === 'zone').map((a) => a.at)).toEqual([at(0), at(20)]);
  });

  it('a pre-alert right after an alert is not raised again (stepping down is quiet)', () => {
    const { alerts } = run(order(), [fixAt(0, 100), fixAt(1, 800), fixAt(2, 5000), fixAt(3, 800)]);
    expect(alerts.map((a) => a.kind)).toEqual(['zone']);
  });
});

describe('out-of-order fixes', () => {
  it('ignores an older fix for state and reports it as out of order', () => {
    const first = run(order(), [fixAt(10, 5000)]);
    const late = evaluate(order(), first.state, fixAt(5, 100), new Date(at(11)));
    expect(late.outOfOrder).toBe(true);
    expect(late.alerts).toEqual([]);
    expect(late.state.respondent.lastFix?.at).toBe(at(10));
  });
  it('a duplicate timestamp is out of order too', () => {
    const first = run(order(), [fixAt(10, 5000)]);
    expect(evaluate(order(), first.state, fixAt(10, 100), new Date(at(11))).outOfOrder).toBe(true);
  });
});

describe('moving zone around the protected person', () => {
  const mz = order({ zones: [], movingZone: { alertRadiusM: 300, preAlertRadiusM: 600, maxPositionAgeMinutes: 5 } });
  const pFix = (minutes: number, meters: number): EngineEvent => fixAt(minutes, meters, 10, 'DEV-P');
  it('alerts when the respondent comes near the protected person, with only the respondent fix as evidence', () => {
    const { alerts } = run(mz, [pFix(0, 2000), fixAt(1, 0), fixAt(2, 1500), fixAt(3, 1800)]);
    expect(alerts.map((a) => [a.kind, a.zoneLabel])).toEqual([
      ['preAlert', 'protected person'],
      ['zone', 'protected person'],
    ]);
    expect(alerts[1]?.evidence?.fix?.eventId).not.toMatch(/DEV-P/);
    expect(JSON.stringify(alerts)).not.toContain(String(destination(HOME, 0, 2000).lat));
  });
  it('alerts when the protected person moves towards the respondent too', () => {
    const { alerts } = run(mz, [fixAt(0, 0), pFix(1, 200)]);
    expect(alerts.map((a) => a.kind)).toEqual(['zone']);
  });
  it('ignores positions too far apart in time, and protected positions without consent', () => {
    expect(run(mz, [fixAt(0, 0), pFix(10, 100)]).alerts).toEqual([]);
    const noConsent = { ...mz, shareProtectedPosition: false };
    const r = run(noConsent, [fixAt(0, 0), pFix(1, 100)]);
    expect(r.alerts).toEqual([]);
    expect(r.state.protectedFix).toBeUndefined();
  });
});

describe('device conditions', () => {
  it('tamper → high, once per re-alert interval', () => {
    const t = (m: number): EngineEvent => ({ kind: 'tamper', eventId: `t${m}`, deviceId: 'DEV-R', at: at(m), detail: 'strap' });
    const { alerts } = run(order(), [t(0), t(1), t(16)]);
    expect(alerts.map((a) => [a.kind, a.severity, a.at])).toEqual([
      ['tamper', 'high', at(0)],
      ['tamper', 'high', at(16)],
    ]);
  });
  it('battery low → low, once until it recovers above the threshold + 10', () => {
    const b = (m: number, level: number): EngineEvent => ({ kind: 'battery', eventId: `b${m}`, deviceId: 'DEV-R', at: at(m), level });
    const { alerts } = run(order(), [b(0, 50), b(1, 15), b(2, 14), b(3, 20), b(4, 10), b(5, 30), b(6, 12)]);
    expect(alerts.map((a) => [a.kind, a.severity, a.evidence?.batteryLevel])).toEqual([
      ['batteryLow', 'low', 15],
      ['batteryLow', 'low', 12],
    ]);
  });
  it('signal loss after N minutes without a fix, once, and again after a new fix then silence', () => {
    const tick = (m: number): EngineEvent => ({ kind: 'tick', at: at(m) });
    const { alerts, state } = run(order(), [fixAt(0, 5000), tick(5), tick(10), tick(11), fixAt(12, 5000), tick(21), tick(22)]);
    expect(alerts.map((a) => [a.kind, a.severity, a.at])).toEqual([
      ['signalLoss', 'high', at(10)],
      ['signalLoss', 'high', at(22)],
    ]);
    expect(state.respondent.signalLost).toBe(true);
  });
  it('heartbeats keep the device seen but do not stop signal loss (no position)', () => {
    const hb = (m: number): EngineEvent => ({ kind: 'heartbeat', eventId: `h${m}`, deviceId: 'DEV-R', at: at(m) });
    const { alerts } = run(order(), [fixAt(0, 5000), hb(5), hb(9), { kind: 'tick', at: at(10) }]);
    expect(alerts.map((a) => a.kind)).toEqual(['signalLoss']);
  });
});

describe('panic and contact', () => {
  it('panic is critical at once, with the position as evidence when given; repeated presses within a minute are one alert', () => {
    const p = (m: number, withPos: boolean): EngineEvent => ({
      kind: 'panic',
      eventId: `p${m}`,
      at: at(m),
      ...(withPos ? { position: { lat: 51, lon: 4, accuracy: 20 } } : {}),
    });
    const { alerts } = run(order(), [p(0, true), { ...(p(0.5, false) as object), eventId: 'p0.5' } as EngineEvent, p(2, false)]);
    expect(alerts.map((a) => [a.kind, a.severity])).toEqual([
      ['panic', 'critical'],
      ['panic', 'critical'],
    ]);
    expect(alerts[0]?.evidence?.fix).toMatchObject({ lat: 51, lon: 4 });
  });
  it('contact report → high under a no-contact condition', () => {
    expect(run(order(), [{ kind: 'contact', eventId: 'c', at: at(0) }]).alerts.map((a) => [a.kind, a.severity])).toEqual([['contact', 'high']]);
  });
});

describe('validity', () => {
  it('ignores events of an order not in force (ended, or outside its window)', () => {
    expect(evaluate(order({ active: false }), initialState(), fixAt(0, 0), new Date(T0)).ignored).toBe(true);
    expect(evaluate(order({ validUntil: at(-1) }), initialState(), fixAt(0, 0), new Date(T0)).alerts).toEqual([]);
    expect(evaluate(order(), initialState(), fixAt(0, 0, 10, 'OTHER'), new Date(T0)).ignored).toBe(true);
  });
});

describe('curfew (Europe/Brussels), across midnight and DST', () => {
  const curfewOrder = order({
    zones: [],
    curfews: [{ id: 'c1', start: '22:00', end: '06:00', centre: HOME, radiusM: 150 }],
    device: { signalLossMinutes: 600, batteryLowPercent: 15 },
  });
  const fixIso = (iso: string, meters: number, accuracy = 10): EngineEvent => {
    const p = destination(HOME, 90, meters);
    return { kind: 'position', eventId: `c${++seq}`, deviceId: 'DEV-R', at: iso, lat: p.lat, lon: p.lon, accuracy };
  };
  it('checks at window start: away from home at 22:00 local → one curfew alert', () => {
    const { alerts } = run(curfewOrder, [
      fixIso('2026-11-28T20:50:00.000Z', 3000),
      { kind: 'tick', at: '2026-11-28T20:59:00.000Z' },
      { kind: 'tick', at: '2026-11-28T21:00:00.000Z' },
      { kind: 'tick', at: '2026-11-28T21:01:00.000Z' },
    ]);
    expect(alerts.map((a) => [a.kind, a.severity, a.at])).toEqual([['curfew', 'high', '2026-11-28T21:00:00.000Z']]);
  });
  it('home at window start, leaves after midnight → alert on that fix; returns and leaves within 15 min → no storm', () => {
    const { alerts } = run(curfewOrder, [
      fixIso('2026-11-28T20:55:00.000Z', 20),
      { kind: 'tick', at: '2026-11-28T21:00:00.000Z' },
      fixIso('2026-11-28T23:30:00.000Z', 20),
      fixIso('2026-11-29T00:10:00.000Z', 800),
      fixIso('2026-11-29T00:12:00.000Z', 30),
      fixIso('2026-11-29T00:14:00.000Z', 900),
      fixIso('2026-11-29T05:30:00.000Z', 900), // 06:30 local: window over
    ]);
    expect(alerts.map((a) => [a.kind, a.at])).toEqual([['curfew', '2026-11-29T00:10:00.000Z']]);
  });
  it('a poor fix indoors is no breach', () => {
    const { alerts } = run(curfewOrder, [fixIso('2026-11-28T22:00:00.000Z', 300, 200)]);
    expect(alerts).toEqual([]);
  });
  it('on the spring DST night the window ends at 06:00 CEST (04:00Z); on the autumn night at 06:00 CET (05:00Z)', () => {
    expect(run(curfewOrder, [fixIso('2026-03-29T03:59:00.000Z', 900)]).alerts).toHaveLength(1);
    expect(run(curfewOrder, [fixIso('2026-03-29T04:00:00.000Z', 900)]).alerts).toHaveLength(0);
    expect(run(curfewOrder, [fixIso('2026-10-25T04:59:00.000Z', 900)]).alerts).toHaveLength(1);
    expect(run(curfewOrder, [fixIso('2026-10-25T05:00:00.000Z', 900)]).alerts).toHaveLength(0);
  });
  it('a new window re-checks at its start', () => {
    const { alerts } = run(curfewOrder, [
      fixIso('2026-11-28T20:00:00.000Z', 3000),
      { kind: 'tick', at: '2026-11-28T21:00:00.000Z' },
      { kind: 'tick', at: '2026-11-29T21:00:00.000Z' },
    ]);
    expect(alerts.filter((a) => a.kind === 'curfew').map((a) => a.at)).toEqual(['2026-11-28T21:00:00.000Z', '2026-11-29T21:00:00.000Z']);
  });
});

describe('properties (fast-check)', () => {
  const cfg = DEFAULT_ENGINE_CONFIG;

  it('jitter: fixes oscillating around the alert radius raise at most one alert per re-alert interval', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({ gapS: fc.integer({ min: 1, max: 120 }), offset: fc.double({ min: -150, max: 150, noNaN: true }), acc: fc.integer({ min: 0, max: 80 }) }),
          { minLength: 1, maxLength: 300 },
        ),
        (steps) => {
          let t = T0;
          const events = steps.map((s) => {
            t += s.gapS * 1000;
            const p = destination(HOME, 0, Math.max(0, 500 + s.offset));
            return {
              kind: 'position',
              eventId: `j${++seq}`,
              deviceId: 'DEV-R',
              at: new Date(t).toISOString(),
              lat: p.lat,
              lon: p.lon,
              accuracy: s.acc,
            } as EngineEvent;
          });
          const alerts = run(order(), events).alerts.filter((a) => a.kind === 'zone');
          for (let i = 1; i < alerts.length; i++) {
            expect(Date.parse(alerts[i]!.at) - Date.parse(alerts[i - 1]!.at)).toBeGreaterThanOrEqual(cfg.reAlertIntervalMs);
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it('boundary: a single fix alerts exactly when distance − accuracy < alert radius', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 3000, noNaN: true }), fc.integer({ min: 0, max: 500 }), (meters, acc) => {
        const step = stepZone(undefined, meters, acc, 500, 1000, at(0));
        expect(step.emit === 'alert').toBe(meters - acc < 500);
        expect(step.emit === 'preAlert').toBe(meters - acc >= 500 && meters - acc < 1000);
      }),
    );
  });

  it('hysteresis: once in alert, no fix within radius + margin (disc-wise) leaves the alert phase', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 550, noNaN: true }), fc.integer({ min: 0, max: 200 }), (meters, acc) => {
        const inAlert = stepZone(undefined, 0, 0, 500, 1000, at(0)).zone;
        const next = stepZone(inAlert, meters, acc, 500, 1000, at(1));
        expect(next.zone.phase).toBe('alert');
        expect(next.emit).toBeUndefined();
      }),
    );
  });

  it('out-of-order: shuffling in older fixes after the newest never changes the state or raises alerts', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 3000 }), { minLength: 2, maxLength: 30 }),
        fc.array(fc.integer({ min: 0, max: 3000 }), { maxLength: 10 }),
        (path, late) => {
          const events = path.map((m, i) => fixAt(i, m));
          const done = run(order(), events);
          let state = done.state;
          for (const [i, m] of late.entries()) {
            const r = evaluate(order(), state, fixAt(i % path.length, m), new Date(at(path.length)));
            expect(r.outOfOrder).toBe(true);
            expect(r.alerts).toEqual([]);
            state = r.state;
          }
          expect(state.zones).toEqual(done.state.zones);
        },
      ),
    );
  });

  it('the engine is pure: evaluating never mutates the previous state', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 3000 }), { minLength: 1, maxLength: 20 }), (path) => {
        let state = initialState();
        for (const [i, m] of path.entries()) {
          const frozen = structuredClone(state);
          const r = evaluate(order(), state, fixAt(i, m), new Date(at(i)));
          expect(state).toEqual(frozen);
          state = r.state;
        }
      }),
    );
  });
});

describe('first-report grace of a new order', () => {
  it('a device that never reported raises no signal loss before the grace after monitoring began, even with a short limit', () => {
    const o = order({ monitoredSince: at(0), device: { signalLossMinutes: 1, batteryLowPercent: 15 } });
    const tick = (m: number): EngineEvent => ({ kind: 'tick', at: at(m) });
    const { alerts } = run(o, [
      tick(1),
      tick(10),
      tick(DEFAULT_ENGINE_CONFIG.firstReportGraceMs / 60_000 - 1),
      tick(DEFAULT_ENGINE_CONFIG.firstReportGraceMs / 60_000),
    ]);
    expect(alerts.map((a) => [a.kind, a.at])).toEqual([['signalLoss', at(DEFAULT_ENGINE_CONFIG.firstReportGraceMs / 60_000)]]);
  });
});
