import type { OrderRecord } from '../zones/order.js';

/**
 * How long an order's positions are kept once the order is over. Every item that holds a position
 * (the order and its versions with the zones' centres, the engine state with the last positions, the
 * respondent's fixes kept as alert evidence, the alerts with their evidence and panic position) carries
 * `expiresAt` = the order's end + this period, and DynamoDB TTL deletes it then. The period leaves the
 * prosecutor and a court time to take what a breach file needs (an appeal runs within months); after it,
 * neither the protected person's places nor the respondent's movements are kept anywhere. Fixes that
 * were never evidence expire much sooner, after the order's `fixRetentionDays`.
 */
export const EVIDENCE_DAYS_AFTER_ORDER_END = 365;

const DAY_SECONDS = 86_400;

/** The order's end: the legal end (`validUntil`), or earlier when it was ended early. */
export function orderEnd(order: Pick<OrderRecord, 'validUntil' | 'endedAt'>): string {
  return order.endedAt !== undefined && order.endedAt < order.validUntil ? order.endedAt : order.validUntil;
}

/** Epoch seconds at which the order's position-holding items expire. */
export function positionsExpireAt(order: Pick<OrderRecord, 'validUntil' | 'endedAt'>): number {
  return Math.floor(Date.parse(orderEnd(order)) / 1000) + EVIDENCE_DAYS_AFTER_ORDER_END * DAY_SECONDS;
}

/** Epoch seconds at which a fix that is not evidence expires: its own retention, never later than the order's positions. */
export function unattachedFixExpiresAt(order: Pick<OrderRecord, 'validUntil' | 'endedAt' | 'fixRetentionDays'>, fixAt: string): number {
  return Math.min(Math.floor(Date.parse(fixAt) / 1000) + order.fixRetentionDays * DAY_SECONDS, positionsExpireAt(order));
}
