import { compiledRules, type CompiledRules } from './compiled.js';
import { distanceMeters, reach } from './geo.js';
import {
  DEFAULT_ENGINE_CONFIG,
  MOVING_ZONE_ID,
  type AlertDraft,
  type EngineConfig,
  type EngineEvent,
  type Evaluation,
  type Fix,
  type OrderRules,
  type OrderState,
  type PositionEvent,
  type ZoneLabel,
  type CurfewState,
  type RespondentState,
  type ZoneState,
} from './types.js';

/**
 * The breach engine: (order, last state, event, now) → (new state, alerts). Pure: no I/O, no clock.
 *
 * Accuracy is handled conservatively (a fix is a disc of radius `accuracy` around the reported point):
 * - a zone is ENTERED (pre-alert / alert) as soon as the disc touches it: `distance − accuracy < radius`;
 * - it is LEFT only when the whole disc is beyond the radius plus a hysteresis margin:
 *   `distance − accuracy > radius + margin`, margin = max(25 m, 10 % of the radius);
 * - a fix less precise than `maxUsefulAccuracyM` (1 km) raises only when the whole disc is inside
 *   (`distance + accuracy < radius`) and never clears anything;
 * - a curfew is BREACHED only when the whole disc is outside the home circle (`distance − accuracy > radius`):
 *   a poor fix indoors is no breach; losing the fix altogether is signal loss.
 * A condition that alerted does not alert again within the re-alert interval (15 min), so a device
 * jittering on a boundary raises one alert, not a storm; leaving and re-entering later raises a new one.
 * Out-of-order fixes (not newer than the last processed one) never change zone state: evidence only.
 */
export function evaluate(order: OrderRules, previous: OrderState, event: EngineEvent, now: Date, config: EngineConfig = DEFAULT_ENGINE_CONFIG): Evaluation {
  // Derived once per rules object (shared/zones/compiled.ts): callers that pass the same object reuse it.
  const compiled = compiledRules(order);
  const state = clone(previous);
  const alerts: AlertDraft[] = [];
  const result = (extra: Partial<Evaluation> = {}): Evaluation => ({ state, alerts, outOfOrder: false, ignored: false, ...extra });

  const at = event.kind === 'tick' ? now.toISOString() : event.at;
  if (!inForce(order, compiled, at)) return { state: previous, alerts: [], outOfOrder: false, ignored: true };

  switch (event.kind) {
    case 'tick':
      tick(order, compiled, state, now, alerts, config);
      return result();
    case 'panic': {
      if (recent(state.lastPanicAt, at, config.panicDedupeMs)) return result();
      state.lastPanicAt = maxIso(state.lastPanicAt, at);
      const fix = event.position ? { ...event.position, at, eventId: event.eventId } : undefined;
      alerts.push({ kind: 'panic', severity: 'critical', at, eventId: event.eventId, ...(fix ? { evidence: { fix } } : {}) });
      return result();
    }
    case 'contact': {
      if (recent(state.lastContactAt, at, config.contactDedupeMs)) return result();
      state.lastContactAt = maxIso(state.lastContactAt, at);
      alerts.push({ kind: 'contact', severity: order.noContact ? 'high' : 'low', at, eventId: event.eventId });
      return result();
    }
    default:
      break;
  }

  // Device events.
  const isRespondent = event.deviceId === order.respondentDeviceId;
  const isProtected = order.protectedDeviceId !== undefined && event.deviceId === order.protectedDeviceId;
  if (!isRespondent && !isProtected) return { state: previous, alerts: [], outOfOrder: false, ignored: true };

  if (isProtected) {
    // Only the position matters, and only with consent; nothing else of the protected device is kept.
    if (event.kind !== 'position' || !order.shareProtectedPosition || !order.movingZone) {
      return { state: previous, alerts: [], outOfOrder: false, ignored: true };
    }
    if (state.protectedFix && event.at <= state.protectedFix.at) return result({ outOfOrder: true, state: previous });
    state.protectedFix = fixOf(event);
    const r = state.respondent.lastFix;
    if (r) evaluateMovingZone(order, state, r, state.protectedFix, event.at, alerts, config);
    return result();
  }

  const resp = state.respondent;
  resp.lastSeenAt = maxIso(resp.lastSeenAt, event.at);
  switch (event.kind) {
    case 'heartbeat':
      return result();
    case 'tamper':
      if (recent(resp.lastTamperAlertAt, event.at, config.reAlertIntervalMs)) return result();
      resp.lastTamperAlertAt = maxIso(resp.lastTamperAlertAt, event.at);
      alerts.push({ kind: 'tamper', severity: 'high', at: event.at, eventId: event.eventId, evidence: { tamper: event.detail } });
      return result();
    case 'battery':
      if (resp.lastBatteryAt && event.at <= resp.lastBatteryAt) return result({ outOfOrder: true });
      resp.lastBatteryAt = event.at;
      if (!resp.batteryLow && event.level <= order.device.batteryLowPercent) {
        resp.batteryLow = true;
        alerts.push({ kind: 'batteryLow', severity: 'low', at: event.at, eventId: event.eventId, evidence: { batteryLevel: event.level } });
      } else if (resp.batteryLow && event.level >= order.device.batteryLowPercent + config.batteryHysteresis) {
        resp.batteryLow = false;
      }
      return result();
    case 'position':
      break;
  }

  if (resp.lastFix && event.at <= resp.lastFix.at) return result({ outOfOrder: true });
  const fix = fixOf(event);
  resp.lastFix = fix;
  resp.signalLost = false;

  for (const zone of order.zones) {
    const d = distanceMeters(fix, zone.centre);
    const step = stepZone(state.zones[zone.id], d, fix.accuracy, zone.alertRadiusM, zone.preAlertRadiusM, fix.at, config);
    state.zones[zone.id] = step.zone;
    if (step.emit) alerts.push(zoneAlert(step.emit, zone.id, zone.label, fix, d - zone.alertRadiusM));
  }
  if (state.protectedFix) evaluateMovingZone(order, state, fix, state.protectedFix, fix.at, alerts, config);
  const fixMs = Date.parse(fix.at);
  for (const curfew of order.curfews) {
    const window = compiled.curfewWindow(curfew, fixMs);
    if (!window) continue;
    const windowStart = new Date(window.startMs).toISOString();
    const current = state.curfews[curfew.id];
    const cs =
      current && current.windowStart === windowStart
        ? current
        : { windowStart, phase: 'ok' as const, ...(current?.lastAlertAt ? { lastAlertAt: current.lastAlertAt } : {}) };
    const d = distanceMeters(fix, curfew.centre);
    const outside = fix.accuracy <= config.maxUsefulAccuracyM && reach(d, fix.accuracy).nearest > curfew.radiusM;
    const inside = reach(d, fix.accuracy).nearest <= curfew.radiusM;
    if (outside && cs.phase === 'ok') {
      cs.phase = 'breach';
      if (!recent(cs.lastAlertAt, fix.at, config.reAlertIntervalMs)) {
        cs.lastAlertAt = fix.at;
        alerts.push({
          kind: 'curfew',
          severity: 'high',
          at: fix.at,
          conditionId: curfew.id,
          zoneLabel: 'curfew home',
          eventId: fix.eventId,
          evidence: { fix, distanceM: round(d - curfew.radiusM) },
        });
      }
    } else if (inside && cs.phase === 'breach') {
      cs.phase = 'ok';
    }
    state.curfews[curfew.id] = cs;
  }
  return result();
}

/** Signal loss and curfew window starts, checked by the watchdog every minute. */
function tick(order: OrderRules, compiled: CompiledRules, state: OrderState, now: Date, alerts: AlertDraft[], config: EngineConfig): void {
  const at = now.toISOString();
  const resp = state.respondent;
  const limitMs = order.device.signalLossMinutes * 60_000;
  // Never reported: counted from when monitoring began, with the first-report grace.
  const reference = resp.lastFix?.at ?? maxIso(order.monitoredSince, order.validFrom);
  const allowedMs = resp.lastFix ? limitMs : Math.max(limitMs, config.firstReportGraceMs);
  if (!resp.signalLost && now.getTime() - Date.parse(reference) >= allowedMs) {
    resp.signalLost = true;
    alerts.push({ kind: 'signalLoss', severity: 'high', at, ...(resp.lastFix ? { evidence: { lastFixAt: resp.lastFix.at } } : {}) });
  }
  for (const curfew of order.curfews) {
    const window = compiled.curfewWindow(curfew, now.getTime());
    if (!window) continue;
    const windowStart = new Date(window.startMs).toISOString();
    const current = state.curfews[curfew.id];
    if (current && current.windowStart === windowStart) continue; // this window was already checked
    const cs = { windowStart, phase: 'ok' as 'ok' | 'breach', ...(current?.lastAlertAt ? { lastAlertAt: current.lastAlertAt } : {}) };
    const fix = resp.lastFix;
    if (fix && fix.accuracy <= config.maxUsefulAccuracyM) {
      const d = distanceMeters(fix, curfew.centre);
      if (reach(d, fix.accuracy).nearest > curfew.radiusM) {
        cs.phase = 'breach';
        if (!recent(cs.lastAlertAt, at, config.reAlertIntervalMs)) {
          cs.lastAlertAt = at;
          alerts.push({
            kind: 'curfew',
            severity: 'high',
            at,
            conditionId: curfew.id,
            zoneLabel: 'curfew home',
            evidence: { fix, distanceM: round(d - curfew.radiusM) },
          });
        }
      }
    }
    state.curfews[curfew.id] = cs;
  }
}

function evaluateMovingZone(
  order: OrderRules,
  state: OrderState,
  respondent: Fix,
  protectedFix: Fix,
  at: string,
  alerts: AlertDraft[],
  config: EngineConfig,
): void {
  const rule = order.movingZone;
  if (!rule || !order.shareProtectedPosition) return;
  if (Math.abs(Date.parse(respondent.at) - Date.parse(protectedFix.at)) > rule.maxPositionAgeMinutes * 60_000) return;
  const d = distanceMeters(respondent, protectedFix);
  const step = stepZone(state.zones[MOVING_ZONE_ID], d, respondent.accuracy + protectedFix.accuracy, rule.alertRadiusM, rule.preAlertRadiusM, at, config);
  state.zones[MOVING_ZONE_ID] = step.zone;
  // Evidence is the respondent's fix only: the protected person's position never leaves the state item.
  if (step.emit) alerts.push(zoneAlert(step.emit, MOVING_ZONE_ID, 'protected person', respondent, d - rule.alertRadiusM));
}

export interface ZoneStep {
  zone: ZoneState;
  emit?: 'preAlert' | 'alert';
}

/** One zone's state machine: outside → pre-alert → alert → cleared, with hysteresis and the re-alert interval. */
export function stepZone(
  previous: ZoneState | undefined,
  distance: number,
  accuracy: number,
  alertRadius: number,
  preAlertRadius: number,
  at: string,
  config: EngineConfig = DEFAULT_ENGINE_CONFIG,
): ZoneStep {
  const zone: ZoneState = previous ? { ...previous } : { phase: 'outside', since: at };
  // Plain values and module-level helpers, no closures: this runs for every zone on every fix.
  const imprecise = accuracy > config.maxUsefulAccuracyM;
  const nearest = Math.max(0, distance - accuracy);
  const farthest = distance + accuracy;

  if (mayBeIn(imprecise, nearest, farthest, alertRadius)) {
    if (zone.phase !== 'alert') {
      move(zone, 'alert', at);
      if (!recent(zone.lastAlertAt, at, config.reAlertIntervalMs)) {
        zone.lastAlertAt = at;
        return { zone, emit: 'alert' };
      }
    }
    return { zone };
  }
  if (zone.phase === 'alert') {
    if (clearlyOut(imprecise, nearest, alertRadius, config)) move(zone, clearlyOut(imprecise, nearest, preAlertRadius, config) ? 'cleared' : 'preAlert', at);
    return { zone };
  }
  if (mayBeIn(imprecise, nearest, farthest, preAlertRadius)) {
    if (zone.phase === 'outside' || zone.phase === 'cleared') {
      move(zone, 'preAlert', at);
      const quiet = !recent(zone.lastPreAlertAt, at, config.reAlertIntervalMs) && !recent(zone.lastAlertAt, at, config.reAlertIntervalMs);
      if (quiet) {
        zone.lastPreAlertAt = at;
        return { zone, emit: 'preAlert' };
      }
    }
    return { zone };
  }
  if (zone.phase === 'preAlert' && clearlyOut(imprecise, nearest, preAlertRadius, config)) {
    move(zone, zone.lastAlertAt !== undefined ? 'cleared' : 'outside', at);
  }
  return { zone };
}

/** The disc may touch the circle (an imprecise fix only when the whole disc is inside). */
function mayBeIn(imprecise: boolean, nearest: number, farthest: number, radius: number): boolean {
  return imprecise ? farthest < radius : nearest < radius;
}

/** The whole disc is beyond the circle plus its hysteresis margin (never for an imprecise fix). */
function clearlyOut(imprecise: boolean, nearest: number, radius: number, config: EngineConfig): boolean {
  return !imprecise && nearest > radius + margin(radius, config);
}

function move(zone: ZoneState, phase: ZoneState['phase'], at: string): void {
  if (zone.phase !== phase) {
    zone.phase = phase;
    zone.since = at;
  }
}

export function margin(radius: number, config: EngineConfig = DEFAULT_ENGINE_CONFIG): number {
  return Math.max(config.hysteresisMinM, config.hysteresisFraction * radius);
}

function zoneAlert(emit: 'preAlert' | 'alert', conditionId: string, label: ZoneLabel | 'protected person', fix: Fix, distanceToEdge: number): AlertDraft {
  return {
    kind: emit === 'alert' ? 'zone' : 'preAlert',
    severity: emit === 'alert' ? 'high' : 'low',
    at: fix.at,
    conditionId,
    zoneLabel: label,
    eventId: fix.eventId,
    evidence: { fix, distanceM: round(distanceToEdge) },
  };
}

function inForce(order: OrderRules, compiled: CompiledRules, at: string): boolean {
  const t = Date.parse(at);
  return order.active && compiled.fromMs <= t && t < compiled.untilMs;
}

/** True when `last` is set and `at` is less than `intervalMs` after it (or before it). */
function recent(last: string | undefined, at: string, intervalMs: number): boolean {
  return last !== undefined && Date.parse(at) - Date.parse(last) < intervalMs;
}

function maxIso(a: string | undefined, b: string): string {
  return a !== undefined && a > b ? a : b;
}

function fixOf(e: PositionEvent): Fix {
  return { lat: e.lat, lon: e.lon, accuracy: e.accuracy, at: e.at, eventId: e.eventId };
}

const round = (n: number) => Math.round(n);

/**
 * A copy the evaluation may change without touching the caller's state: every level of the state is a
 * record of plain values (zones, curfews, the respondent, fixes), so one copy per level is a deep copy,
 * at a fraction of `structuredClone`'s cost per event.
 */
function clone(s: OrderState): OrderState {
  const zones: Record<string, ZoneState> = {};
  for (const id in s.zones) zones[id] = { ...(s.zones[id] as ZoneState) };
  const curfews: Record<string, CurfewState> = {};
  for (const id in s.curfews) curfews[id] = { ...(s.curfews[id] as CurfewState) };
  const respondent: RespondentState = { ...s.respondent, ...(s.respondent.lastFix ? { lastFix: { ...s.respondent.lastFix } } : {}) };
  return { ...s, zones, curfews, respondent, ...(s.protectedFix ? { protectedFix: { ...s.protectedFix } } : {}) };
}
