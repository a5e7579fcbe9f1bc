import { randomBytes } from 'node:crypto';
import { ulid } from 'ulid';
import { ConflictError, ForbiddenError, NotFoundError } from '../../shared/errors.js';
import { formatProtectionCode, normalizeProtectionCode, type OrderRecord, type OrderState } from '../../shared/zones/index.js';
import type { Caller } from '../lib/auth.js';
import { coversPlace, zoneOf, zoneOfPlace } from '../lib/scope.js';
import { hashProtectionCode } from './protection-code.js';
import type { OrderRepository, StoredFix } from './repository.js';
import type { CreatedOrder, OrderBody, OrderMonitoring, OrderSummary, OrderView } from '../../shared/orders/api.js';

function conditions(
  body: OrderBody,
  id: string,
  caller: Caller,
): Omit<OrderRecord, 'version' | 'status' | 'createdAt' | 'createdBy' | 'updatedAt' | 'updatedBy'> {
  return {
    id,
    district: body.district,
    respondentDeviceId: body.respondentDeviceId,
    protectedPersonRef: body.protectedPersonRef,
    ...(body.protectedDeviceId ? { protectedDeviceId: body.protectedDeviceId } : {}),
    shareProtectedPosition: body.shareProtectedPosition,
    validFrom: body.validFrom,
    validUntil: body.validUntil,
    zones: body.zones.map((z, i) => ({
      id: `${z.label}-${i + 1}`,
      label: z.label,
      centre: z.centre,
      alertRadiusM: z.alertRadiusM,
      preAlertRadiusM: z.preAlertRadiusM ?? 2 * z.alertRadiusM,
    })),
    ...(body.movingZone
      ? {
          movingZone: {
            alertRadiusM: body.movingZone.alertRadiusM,
            preAlertRadiusM: body.movingZone.preAlertRadiusM ?? 2 * body.movingZone.alertRadiusM,
            maxPositionAgeMinutes: body.movingZone.maxPositionAgeMinutes,
          },
        }
      : {}),
    curfews: body.curfews.map((c, i) => ({
      id: `curfew-${i + 1}`,
      start: c.start,
      end: c.end,
      ...(c.days ? { days: c.days } : {}),
      centre: c.centre,
      radiusM: c.radiusM,
    })),
    noContact: body.noContact,
    device: body.device,
    fixRetentionDays: body.fixRetentionDays,
    ...(body.perpetrator
      ? { perpetrator: { ...body.perpetrator, rightsNoticeGivenBy: body.perpetrator.rightsNoticeGivenBy ?? caller.principal.username } }
      : {}),
  };
}

/** Creates an order; the protection code is returned here ONCE (only its hash is stored). */
/** An order of the caller's patch, or 404: one outside it is answered as if it did not exist. */
async function loadInPatch(repo: OrderRepository, id: string, caller: Caller) {
  const found = await repo.get(id);
  if (!found || !coversPlace(caller.principal, found.order)) throw new NotFoundError('No such order');
  return found;
}

/** The caller may only place an order in their own zone and, for a declared district, one they cover. */
function requirePatch(caller: Caller, district: string): string {
  const place = { zone: zoneOfPlace({ district }) ?? zoneOf(caller.principal), district };
  if (!coversPlace(caller.principal, place)) throw new ForbiddenError('Not a district you cover');
  return place.zone;
}

export async function createOrder(repo: OrderRepository, body: OrderBody, caller: Caller, now: Date): Promise<CreatedOrder> {
  const zone = requirePatch(caller, body.district);
  const id = `RO-${ulid(now.getTime())}`;
  const at = now.toISOString();
  const order: OrderRecord = {
    ...conditions(body, id, caller),
    zone,
    version: 1,
    status: 'active',
    createdAt: at,
    createdBy: caller.principal.username,
    updatedAt: at,
    updatedBy: caller.principal.username,
  };
  const protectionCode = formatProtectionCode(randomBytes(12));
  const hash = hashProtectionCode(normalizeProtectionCode(protectionCode) as string);
  await repo.create(order, hash, { entity: 'order', entityId: id, action: 'create', route: caller.route, principal: caller.principal, at: now });
  return { order, protectionCode };
}

export async function listActiveOrders(repo: OrderRepository, district: string | undefined, caller: Caller, now: Date): Promise<OrderSummary[]> {
  zoneOf(caller.principal);
  const orders = (await repo.listActive(district)).filter((o) => coversPlace(caller.principal, o));
  await repo.audit({ entity: 'orders', entityId: district ?? 'all', action: 'list', route: caller.route, principal: caller.principal, at: now });
  return orders.map((o) => ({
    id: o.id,
    version: o.version,
    district: o.district,
    validFrom: o.validFrom,
    validUntil: o.validUntil,
    respondentDeviceId: o.respondentDeviceId,
    conditions: { zones: o.zones.map((z) => z.label), movingZone: o.movingZone !== undefined, curfews: o.curfews.length, noContact: o.noContact },
  }));
}

/** Monitoring status without positions (those are read, audited, through the positions route). */
function status(state: OrderState | undefined): OrderMonitoring | undefined {
  if (!state) return undefined;
  return {
    version: state.version,
    zones: Object.fromEntries(Object.entries(state.zones).map(([id, z]) => [id, { phase: z.phase, since: z.since }])),
    curfews: Object.fromEntries(Object.entries(state.curfews).map(([id, c]) => [id, { phase: c.phase, windowStart: c.windowStart }])),
    lastSeenAt: state.respondent.lastSeenAt,
    lastFixAt: state.respondent.lastFix?.at,
    signalLost: state.respondent.signalLost ?? false,
    batteryLow: state.respondent.batteryLow ?? false,
  };
}

export async function getOrder(repo: OrderRepository, id: string, caller: Caller, now: Date): Promise<OrderView> {
  const found = await loadInPatch(repo, id, caller);
  await repo.audit({ entity: 'order', entityId: id, action: 'read', route: caller.route, principal: caller.principal, at: now });
  return { ...found.order, monitoring: status(await repo.state(id)) };
}

export async function changeOrder(
  repo: OrderRepository,
  id: string,
  expectedVersion: number,
  body: OrderBody,
  caller: Caller,
  now: Date,
): Promise<OrderRecord> {
  const found = await loadInPatch(repo, id, caller);
  const previous = found.order;
  if (previous.status !== 'active') throw new ConflictError('The order has ended', 'status');
  if (previous.version !== expectedVersion) throw new ConflictError(`The order is at version ${previous.version}; reload it`, 'expectedVersion');
  const next: OrderRecord = {
    ...conditions(body, id, caller),
    zone: requirePatch(caller, body.district),
    version: previous.version + 1,
    status: 'active',
    createdAt: previous.createdAt,
    createdBy: previous.createdBy,
    updatedAt: now.toISOString(),
    updatedBy: caller.principal.username,
  };
  await repo.replace(previous, next, { entity: 'order', entityId: id, action: 'update', route: caller.route, principal: caller.principal, at: now });
  return next;
}

export async function endOrder(repo: OrderRepository, id: string, reason: string, caller: Caller, now: Date): Promise<OrderRecord> {
  const found = await loadInPatch(repo, id, caller);
  const previous = found.order;
  if (previous.status !== 'active') throw new ConflictError('The order has already ended', 'status');
  const ended: OrderRecord = {
    ...previous,
    version: previous.version + 1,
    status: 'ended',
    endedAt: now.toISOString(),
    endedBy: caller.principal.username,
    endReason: reason,
    updatedAt: now.toISOString(),
    updatedBy: caller.principal.username,
  };
  await repo.end(previous, ended, found.codeHash, {
    entity: 'order',
    entityId: id,
    action: 'update',
    route: caller.route,
    principal: caller.principal,
    at: now,
  });
  return ended;
}

/**
 * A new protection code for an active order (she lost it, or the quick exit forgot a kept one): shown
 * once, only its hash stored; the old code stops working in the same transaction. Audited.
 */
export async function reissueProtectionCode(
  repo: OrderRepository,
  id: string,
  caller: Caller,
  now: Date,
): Promise<{ orderId: string; protectionCode: string }> {
  const found = await loadInPatch(repo, id, caller);
  if (found.order.status !== 'active') throw new ConflictError('The order has ended', 'status');
  const protectionCode = formatProtectionCode(randomBytes(12));
  const hash = hashProtectionCode(normalizeProtectionCode(protectionCode) as string);
  await repo.replaceCode(found.order, found.codeHash, hash, {
    entity: 'order',
    entityId: id,
    action: 'reissue-protection-code',
    route: caller.route,
    principal: caller.principal,
    at: now,
  });
  return { orderId: id, protectionCode };
}

/** The respondent's position fixes still retained (expired ones are filtered even before TTL deletes them). Audited. */
export async function orderPositions(repo: OrderRepository, id: string, caller: Caller, now: Date): Promise<StoredFix[]> {
  await loadInPatch(repo, id, caller);
  await repo.audit({ entity: 'order-positions', entityId: id, action: 'read', route: caller.route, principal: caller.principal, at: now });
  const nowS = Math.floor(now.getTime() / 1000);
  return (await repo.fixes(id)).filter((f) => f.expiresAt === undefined || f.expiresAt > nowS);
}
