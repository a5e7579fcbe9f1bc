import type { metricCategories } from '../metrics.js';
import type { LatLon } from './geo.js';
import type { DailyWindow } from '../brussels-time.js';

/** Severities: pre-alert (monitoring) → low; alert, tamper, curfew, signal loss, contact → high; panic → critical. */
export const SEVERITIES = ['low', 'high', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];
/** Sorts the open-alert index: higher = more severe. */
export const SEVERITY_RANK: Record<Severity, number> = { low: 1, high: 2, critical: 3 };

export const ALERT_KINDS = ['preAlert', 'zone', 'curfew', 'tamper', 'batteryLow', 'signalLoss', 'panic', 'contact', 'condition'] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];

/**
 * The report's breach kinds (shared/metrics.ts `metricCategories.breachKind`) for each alert kind:
 * producers count `breaches.<this>` in the transaction that writes the alert.
 */
export const BREACH_METRIC_KIND: Record<AlertKind, (typeof metricCategories.breachKind)[number]> = {
  preAlert: 'pre_alert',
  zone: 'alert',
  curfew: 'curfew',
  tamper: 'tamper',
  batteryLow: 'battery',
  signalLoss: 'signal_loss',
  panic: 'panic',
  contact: 'contact',
  condition: 'condition',
};

export const ZONE_LABELS = ['home', 'work', 'school', 'other'] as const;
export type ZoneLabel = (typeof ZONE_LABELS)[number];

/** A fixed exclusion zone around a protected place. */
export interface ZoneRule {
  id: string;
  label: ZoneLabel;
  centre: LatLon;
  alertRadiusM: number;
  /** Default: twice the alert radius. */
  preAlertRadiusM: number;
}

/** The moving zone around the protected person's own device (only when they consented to share it). */
export interface MovingZoneRule {
  alertRadiusM: number;
  preAlertRadiusM: number;
  /** The two positions compared must be at most this far apart in time (minutes). */
  maxPositionAgeMinutes: number;
}

/** The respondent must be inside the circle (their home) during the window (Europe/Brussels). */
export interface CurfewRule extends DailyWindow {
  id: string;
  centre: LatLon;
  radiusM: number;
}

export interface DeviceRules {
  /** No position fix from the respondent's device for this long → signal loss. */
  signalLossMinutes: number;
  /** Battery at or below this level (percent) → battery low. */
  batteryLowPercent: number;
}

/** What the engine needs of an order (the stored order carries more: references, history). */
export interface OrderRules {
  orderId: string;
  district: string;
  /** ISO instants; the order is in force in [validFrom, validUntil). */
  validFrom: string;
  validUntil: string;
  /** False once ended. */
  active: boolean;
  /** When monitoring of the order began (its creation); a device that never reported is judged from the later of this and validFrom. */
  monitoredSince?: string;
  respondentDeviceId: string;
  protectedDeviceId?: string;
  /** The protected person agreed to share their device's position (moving zone). */
  shareProtectedPosition: boolean;
  zones: ZoneRule[];
  movingZone?: MovingZoneRule;
  curfews: CurfewRule[];
  noContact: boolean;
  device: DeviceRules;
}

export interface Fix extends LatLon {
  at: string;
  /** Radius of the 68 % confidence circle reported by the device, metres. */
  accuracy: number;
  eventId: string;
}

export type ZonePhase = 'outside' | 'preAlert' | 'alert' | 'cleared';

export interface ZoneState {
  phase: ZonePhase;
  /** Event time of the last phase change. */
  since: string;
  lastAlertAt?: string;
  lastPreAlertAt?: string;
}

export interface CurfewState {
  /** Start of the window instance this state belongs to (ISO). */
  windowStart: string;
  phase: 'ok' | 'breach';
  lastAlertAt?: string;
}

export interface RespondentState {
  lastSeenAt?: string;
  lastFix?: Fix;
  signalLost?: boolean;
  batteryLow?: boolean;
  lastBatteryAt?: string;
  lastTamperAlertAt?: string;
}

/** Persisted per order (`ORDER#id`/`STATE`), updated under optimistic locking on `version`. */
export interface OrderState {
  version: number;
  zones: Record<string, ZoneState>;
  curfews: Record<string, CurfewState>;
  respondent: RespondentState;
  /** The protected person's last shared position (kept only here, for the moving zone; no history). */
  protectedFix?: Fix;
  lastPanicAt?: string;
  lastContactAt?: string;
}

export const MOVING_ZONE_ID = 'moving';

export interface PositionEvent {
  kind: 'position';
  eventId: string;
  deviceId: string;
  at: string;
  lat: number;
  lon: number;
  accuracy: number;
}
export interface TamperEvent {
  kind: 'tamper';
  eventId: string;
  deviceId: string;
  at: string;
  /** e.g. strap cut, case opened. */
  detail: 'strap' | 'case' | 'other';
}
export interface BatteryEvent {
  kind: 'battery';
  eventId: string;
  deviceId: string;
  at: string;
  level: number;
}
export interface HeartbeatEvent {
  kind: 'heartbeat';
  eventId: string;
  deviceId: string;
  at: string;
}
export interface PanicEvent {
  kind: 'panic';
  eventId: string;
  at: string;
  position?: { lat: number; lon: number; accuracy: number };
}
export interface ContactEvent {
  kind: 'contact';
  eventId: string;
  at: string;
}
/** The watchdog's periodic check (signal loss, curfew window start). */
export interface TickEvent {
  kind: 'tick';
  at: string;
}
export type DeviceEvent = PositionEvent | TamperEvent | BatteryEvent | HeartbeatEvent;
export type EngineEvent = DeviceEvent | PanicEvent | ContactEvent | TickEvent;

/** An alert decided by the engine; the use case gives it an id and writes it. */
export interface AlertDraft {
  kind: AlertKind;
  severity: Severity;
  /** Event time that caused it (for a tick: the check time). */
  at: string;
  /** Which condition: zone id, `moving`, curfew id. */
  conditionId?: string;
  zoneLabel?: ZoneLabel | 'protected person' | 'curfew home';
  eventId?: string;
  /** Evidence kept with the alert: the triggering fix (respondent or panic position), distance to the zone edge. */
  evidence?: { fix?: Fix; distanceM?: number; batteryLevel?: number; tamper?: string; lastFixAt?: string };
}

export interface Evaluation {
  state: OrderState;
  alerts: AlertDraft[];
  /** The event was older than the last processed one of its kind: kept as evidence only. */
  outOfOrder: boolean;
  /** The event does not concern this order (other device, order not in force, position not shared). */
  ignored: boolean;
}

export interface EngineConfig {
  /** A condition that alerted does not alert again within this interval (ms). */
  reAlertIntervalMs: number;
  /** Leaving a zone requires the whole uncertainty disc beyond radius + margin; margin = max(min, fraction × radius). */
  hysteresisMinM: number;
  hysteresisFraction: number;
  /** Fixes less precise than this can raise an alert only when certainly inside, and never clear one. */
  maxUsefulAccuracyM: number;
  /** Repeated panics / contact reports within this interval are one alert. */
  panicDedupeMs: number;
  contactDedupeMs: number;
  /** Battery low clears only above threshold + this many percent points. */
  batteryHysteresis: number;
  /**
   * Grace for a device that has never reported: no signal-loss ("no position") alert until this long
   * after monitoring began, however short the order's signal-loss limit (fitting a tag takes time).
   */
  firstReportGraceMs: number;
}

/** Minutes a new order's respondent device has to send its first position before "no position" is raised. */
export const FIRST_REPORT_GRACE_MINUTES = 30;

export const DEFAULT_ENGINE_CONFIG: EngineConfig = {
  reAlertIntervalMs: 15 * 60_000,
  hysteresisMinM: 25,
  hysteresisFraction: 0.1,
  maxUsefulAccuracyM: 1_000,
  panicDedupeMs: 60_000,
  contactDedupeMs: 5 * 60_000,
  batteryHysteresis: 10,
  firstReportGraceMs: FIRST_REPORT_GRACE_MINUTES * 60_000,
};

export function initialState(): OrderState {
  return { version: 0, zones: {}, curfews: {}, respondent: {} };
}
