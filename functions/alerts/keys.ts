import { SEVERITY_RANK, shardOf, type Severity } from '../../shared/zones/index.js';
import { WORK_SHARDS } from '../../shared/table.js';

/**
 * Keys of orders, monitoring and alerts in the one table (documented in functions/alerts/README.md).
 * Nothing else builds these strings.
 */
export const keys = {
  order: (id: string) => ({ pk: `ORDER#${id}`, sk: 'ORDER' }),
  orderVersion: (id: string, version: number) => ({ pk: `ORDER#${id}`, sk: `VERSION#${String(version).padStart(6, '0')}` }),
  orderState: (id: string) => ({ pk: `ORDER#${id}`, sk: 'STATE' }),
  /** One link item per device of an order (respondent's, protected person's); gsi1 finds orders by device. */
  deviceLink: (orderId: string, deviceId: string) => ({ pk: `ORDER#${orderId}`, sk: `DEVICE#${deviceId}` }),
  deviceIndex: (deviceId: string, orderId: string) => ({ gsi1pk: `DEVICE#${deviceId}`, gsi1sk: `ORDER#${orderId}` }),
  /** Active orders (sparse: removed when the order ends), for the watchdog and the police list. */
  activeIndex: (district: string, orderId: string) => ({ gsi2pk: 'ORDERS#ACTIVE', gsi2sk: `${district}#${orderId}` }),
  protect: (codeHash: string) => ({ pk: `PROTECT#${codeHash}`, sk: 'PROTECT' }),
  /** Wrong protection codes per caller and 15-minute window (rate limit). */
  protectFailures: (callerHash: string, window: string) => ({ pk: `PROTECTFAIL#${callerHash}`, sk: `WINDOW#${window}` }),
  /** Protection-code checks reserved per caller (functions/lib/attempts.ts: fixed window, reserved before the check). */
  protectAttempts: (callerHash: string) => ({ pk: `PROTECTFAIL#${callerHash}`, sk: 'BUDGET' }),
  seenEvent: (eventId: string) => ({ pk: `EVENT#${eventId}`, sk: 'EVENT' }),
  fix: (orderId: string, at: string, eventId: string) => ({ pk: `ORDER#${orderId}`, sk: `FIX#${at}#${eventId}` }),
  fixPrefix: 'FIX#',
  alert: (id: string) => ({ pk: `ALERT#${id}`, sk: 'ALERT' }),
  escalation: (alertId: string, level: number) => ({ pk: `ALERT#${alertId}`, sk: `ESCALATION#${String(level).padStart(3, '0')}` }),
  openAlertsIndex: (district: string, severity: Severity, at: string, id: string) => ({
    gsi1pk: `ALERTS#OPEN#${district}`,
    gsi1sk: `${SEVERITY_RANK[severity]}#${at}#${id}`,
  }),
  openAlertsPk: (district: string) => `ALERTS#OPEN#${district}`,
  escalateIndex: (alertId: string, escalateAt: string) => ({
    gsi2pk: `ESCALATE#${shardOf(alertId, WORK_SHARDS)}`,
    gsi2sk: `${escalateAt}#${alertId}`,
  }),
  escalatePk: (shard: number) => `ESCALATE#${shard}`,
};

/** Seen-event markers expire after this long (a provider redelivering later than this is not expected). */
export const SEEN_EVENT_DAYS = 30;
