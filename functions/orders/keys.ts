import { fixedPartitions as F, prefixes as P } from '../../shared/partitions.js';

/**
 * Keys of restraining orders in the one table (documented in functions/orders/README.md): the order,
 * its versions, its monitoring state, its devices and kept position fixes share the partition
 * `ORDER#<id>`; the protection-code lookup is its own partition. Nothing else builds these strings.
 */
export const orderKeys = {
  orderPk: (id: string) => `${P.order}${id}`,
  order: (id: string) => ({ pk: `${P.order}${id}`, sk: 'ORDER' }),
  orderVersion: (id: string, version: number) => ({ pk: `${P.order}${id}`, sk: `VERSION#${String(version).padStart(6, '0')}` }),
  versionPrefix: 'VERSION#',
  orderState: (id: string) => ({ pk: `${P.order}${id}`, sk: 'STATE' }),
  /** One link item per device of an order (respondent's, protected person's); gsi1 finds orders by device. */
  deviceLink: (orderId: string, deviceId: string) => ({ pk: `${P.order}${orderId}`, sk: `DEVICE#${deviceId}` }),
  deviceLinkPrefix: 'DEVICE#',
  deviceIndex: (deviceId: string, orderId: string) => ({ gsi1pk: `${P.device}${deviceId}`, gsi1sk: `ORDER#${orderId}` }),
  devicePk: (deviceId: string) => `${P.device}${deviceId}`,
  /** Active orders (sparse: removed when the order ends), for the watchdog and the police list. */
  activeIndex: (district: string, orderId: string) => ({ gsi2pk: F.activeOrders, gsi2sk: `${district}#${orderId}` }),
  activePk: F.activeOrders,
  /** The protection-code lookup: keyed by the code's slow hash, never the code. */
  protect: (codeHash: string) => ({ pk: `${P.protect}${codeHash}`, sk: 'PROTECT' }),
  /** A duress code's lookup (scrypt hash → order), and the order's pointer to its current one (to replace it). */
  duress: (codeHash: string) => ({ pk: `${P.duress}${codeHash}`, sk: 'DURESS' }),
  orderDuress: (orderId: string) => ({ pk: `${P.order}${orderId}`, sk: 'DURESS' }),
  /** A respondent position fix kept with the order (written by monitoring, read by the police). */
  fix: (orderId: string, at: string, eventId: string) => ({ pk: `${P.order}${orderId}`, sk: `FIX#${at}#${eventId}` }),
  fixPrefix: 'FIX#',
  /**
   * The order's pointer to an alert raised under it (written with the alert): the alerts of an order
   * are found through its own partition, so their retention follows the order's end.
   */
  alertRef: (orderId: string, alertId: string) => ({ pk: `ORDER#${orderId}`, sk: `ALERT#${alertId}` }),
  alertRefPrefix: 'ALERT#',
  /** A programme session or justice-house report the partner recorded (expires with the order's positions). */
  attendance: (orderId: string, session: string, id: string) => ({ pk: `${P.order}${orderId}`, sk: `ATTEND#${session}#${id}` }),
  attendancePrefix: 'ATTEND#',
};
