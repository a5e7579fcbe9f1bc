import { BatchGetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ulid } from 'ulid';
import { CASE_ALERT_KINDS } from '../../shared/cases/rules.js';
import { ForbiddenError, NotFoundError } from '../../shared/errors.js';
import { metric } from '../../shared/metrics.js';
import type { AttendanceBody, AttendanceRecord, PartnerOrder, TimelineEntry } from '../../shared/orders/api.js';
import { positionsExpireAt } from '../../shared/orders/retention.js';
import { BREACH_METRIC_KIND, type AlertKind, type OrderRecord } from '../../shared/zones/index.js';
import { alertPut, newAlert } from '../alerts/model.js';
import { keys as alertKeys } from '../alerts/keys.js';
import { auditPut, recordAudit, type AuditEntry } from '../lib/audit.js';
import { dynamo } from '../lib/clients.js';
import { queryAll, readPartition, transact, type Item, type TransactItem } from '../lib/dynamo.js';
import { coversPlace, inZone, reportZoneOf, zoneOfPlace } from '../lib/scope.js';
import { statsAdd } from '../lib/stats.js';
import { orderKeys } from './keys.js';
import type { Caller } from '../lib/auth.js';

/**
 * The respondent's conditions (an order's `perpetrator`): the partner that runs the programme or takes
 * the justice-house reports records each session; a missed one raises a LOW-severity police alert of
 * kind `condition` through the alerts machinery (the outbox publisher tells the police topic, the
 * escalation tick escalates it if nobody acknowledges), and — being one of the case alert kinds — the
 * case-alert intake gives every open case linked to the order an urgent follow-up, reminded at once
 * (the follow-up machinery). Everything about the respondent expires with the order's positions (TTL).
 */

export interface ConditionsPort {
  order(id: string): Promise<OrderRecord | undefined>;
  write(items: TransactItem[]): Promise<void>;
  /** Every item of the order's partition the timeline shows (fixes, alert refs, attendance), as stored. */
  partition(id: string): Promise<Item[]>;
  /** Alerts by id, their clear fields only (kind, severity, times, status): evidence stays sealed. */
  alerts(ids: readonly string[]): Promise<Item[]>;
  audit(entry: AuditEntry): Promise<void>;
  /** Active orders with a programme or reporting condition this partner runs (the conditions are clear fields). */
  activeForPartner(partner: string): Promise<OrderRecord[]>;
  /** The attendance items of one order this partner recorded. */
  attendanceBy(id: string, partner: string): Promise<Item[]>;
}

export class DynamoConditions implements ConditionsPort {
  constructor(
    private readonly table: string,
    private readonly load: (id: string) => Promise<OrderRecord | undefined>,
    private readonly client: DynamoDBDocumentClient = dynamo,
  ) {}
  order(id: string) {
    return this.load(id);
  }
  write(items: TransactItem[]) {
    return transact(this.client, items);
  }
  partition(id: string) {
    return readPartition(this.client, this.table, orderKeys.orderPk(id));
  }
  async alerts(ids: readonly string[]): Promise<Item[]> {
    const out: Item[] = [];
    for (let i = 0; i < ids.length; i += 100) {
      const res = await this.client.send(
        new BatchGetCommand({
          RequestItems: {
            [this.table]: {
              Keys: ids.slice(i, i + 100).map((id) => alertKeys.alert(id)),
              ProjectionExpression: 'id, kind, severity, #at, raisedAt, #s, acknowledgedAt, resolvedAt, outcome',
              ExpressionAttributeNames: { '#at': 'at', '#s': 'status' },
            },
          },
        }),
      );
      out.push(...(res.Responses?.[this.table] ?? []));
    }
    return out;
  }
  audit(entry: AuditEntry) {
    return recordAudit(this.client, this.table, entry);
  }
  async activeForPartner(partner: string): Promise<OrderRecord[]> {
    const items = await queryAll(this.client, {
      TableName: this.table,
      IndexName: 'gsi2',
      KeyConditionExpression: 'gsi2pk = :pk',
      FilterExpression: 'perpetrator.programme.partner = :p OR perpetrator.reporting.partner = :p',
      // Clear fields only: the sealed protected person, zones and curfew places are never read for a partner.
      ProjectionExpression: 'id, #s, validFrom, validUntil, perpetrator',
      ExpressionAttributeNames: { '#s': 'status' },
      ExpressionAttributeValues: { ':pk': orderKeys.activePk, ':p': partner },
    });
    return items as unknown as OrderRecord[];
  }
  attendanceBy(id: string, partner: string) {
    return queryAll(this.client, {
      TableName: this.table,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :a)',
      FilterExpression: 'partner = :p',
      ProjectionExpression: 'id, #c, #session, #s, recordedAt',
      ExpressionAttributeNames: { '#c': 'condition', '#session': 'session', '#s': 'status' },
      ExpressionAttributeValues: { ':pk': orderKeys.orderPk(id), ':a': orderKeys.attendancePrefix, ':p': partner },
    });
  }
}

const audit = (caller: Caller, id: string, action: AuditEntry['action'], at: Date): AuditEntry => ({
  entity: 'order',
  entityId: id,
  action,
  route: caller.route,
  principal: caller.principal,
  at,
});

/** Records a session or report; only the partner the condition names may, for any other the order does not exist. */
export async function recordAttendance(
  port: ConditionsPort,
  table: string,
  id: string,
  body: AttendanceBody,
  caller: Caller,
  now: Date,
): Promise<AttendanceRecord> {
  const order = await port.order(id);
  const condition = body.condition === 'programme' ? order?.perpetrator?.programme : order?.perpetrator?.reporting;
  if (!order || !condition || caller.principal.partner === undefined || condition.partner !== caller.principal.partner)
    throw new NotFoundError('No such order with a condition your organisation runs');
  const expiresAt = positionsExpireAt(order);
  const record: AttendanceRecord = {
    ...body,
    id: `AT-${ulid(now.getTime())}`,
    orderId: id,
    partner: condition.partner,
    recordedAt: now.toISOString(),
    recordedBy: caller.principal.username,
  };
  const items: TransactItem[] = [];
  if (body.status === 'missed' && order.status === 'active') {
    const alert = newAlert({ kind: 'condition', severity: 'low', at: now.toISOString(), conditionId: body.condition }, order, now);
    record.alertId = alert.id;
    items.push(await alertPut(table, alert, expiresAt));
    items.push({ Put: { TableName: table, Item: { ...orderKeys.alertRef(id, alert.id), type: 'ORDER_ALERT', alertId: alert.id, expiresAt } } });
    const zone = reportZoneOf(order);
    items.push(statsAdd(table, now, zone, { [metric.breaches(BREACH_METRIC_KIND.condition)]: 1 }));
  }
  items.unshift({
    Put: {
      TableName: table,
      Item: { ...orderKeys.attendance(id, body.session, record.id), type: 'ORDER_ATTENDANCE', ...record, expiresAt },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  });
  items.push(auditPut(table, audit(caller, id, 'update', now)));
  await port.write(items);
  return record;
}

/**
 * The partner worker's list: the active orders with a condition their organisation runs (the token's
 * `partner:<id>`), each with only what recording a session needs and what they recorded. Audited.
 */
export async function partnerOrders(port: ConditionsPort, caller: Caller, now: Date): Promise<PartnerOrder[]> {
  const partner = caller.principal.partner;
  if (partner === undefined) throw new ForbiddenError('Your account names no partner organisation');
  const orders = (await port.activeForPartner(partner)).filter((o) => o.status === 'active');
  const out = await Promise.all(
    orders.map(async (o): Promise<PartnerOrder> => {
      const recorded = await port.attendanceBy(o.id, partner);
      return {
        id: o.id,
        validFrom: o.validFrom,
        validUntil: o.validUntil,
        ...(o.perpetrator?.programme?.partner === partner ? { programme: true as const } : {}),
        ...(o.perpetrator?.reporting?.partner === partner ? { reporting: { every: o.perpetrator.reporting.every } } : {}),
        attendance: recorded
          .map((a) => ({
            id: String(a.id),
            condition: a.condition as AttendanceBody['condition'],
            session: String(a.session),
            status: a.status as AttendanceBody['status'],
            recordedAt: String(a.recordedAt),
          }))
          .sort((x, y) => y.session.localeCompare(x.session) || y.recordedAt.localeCompare(x.recordedAt)),
      };
    }),
  );
  await port.audit({ entity: 'orders', entityId: `partner:${partner}`, action: 'list', route: caller.route, principal: caller.principal, at: now });
  return out.sort((x, y) => x.validUntil.localeCompare(y.validUntil));
}

/** Alerts that are a broken condition (not a pre-alert, a low battery or lost signal). */
const VIOLATIONS: readonly AlertKind[] = CASE_ALERT_KINDS.filter((k) => k !== 'panic');

/**
 * One compliance timeline per order, oldest first: position fixes (times only — the positions
 * themselves are read through the audited positions route), alerts with their status, and the partners'
 * attendance; violations flagged. Police who cover the order's district, and the zone's officers and
 * supervisors; another patch's order does not exist. Every read is audited.
 */
export async function orderTimeline(port: ConditionsPort, id: string, caller: Caller, now: Date): Promise<TimelineEntry[]> {
  const order = await port.order(id);
  const police = caller.principal.roles.includes('police') || caller.principal.roles.includes('supervisor');
  const allowed = order && (coversPlace(caller.principal, order) || (!police && inZone(caller.principal, zoneOfPlace(order))));
  if (!order || !allowed) throw new NotFoundError('No such order');
  const items = await port.partition(id);
  const entries: TimelineEntry[] = [];
  for (const i of items) {
    const sk = String(i.sk);
    if (sk.startsWith(orderKeys.fixPrefix))
      entries.push({ at: String(i.at), kind: 'position', violation: false, detail: { ...(i.outOfOrder ? { outOfOrder: true } : {}) } });
    if (sk.startsWith(orderKeys.attendancePrefix))
      entries.push({
        at: String(i.recordedAt),
        kind: 'attendance',
        violation: i.status === 'missed',
        detail: { condition: String(i.condition), session: String(i.session), status: String(i.status), partner: String(i.partner) },
      });
  }
  const alertIds = items.filter((i) => String(i.sk).startsWith(orderKeys.alertRefPrefix)).map((i) => String(i.alertId));
  for (const a of await port.alerts(alertIds)) {
    const kind = a.kind as AlertKind;
    entries.push({
      at: String(a.at),
      kind: 'alert',
      violation: VIOLATIONS.includes(kind),
      detail: {
        id: String(a.id),
        alertKind: kind,
        severity: String(a.severity),
        status: String(a.status),
        ...(a.acknowledgedAt ? { acknowledgedAt: String(a.acknowledgedAt) } : {}),
      },
    });
  }
  entries.sort((x, y) => x.at.localeCompare(y.at));
  await port.audit(audit(caller, id, 'read', now));
  return entries;
}
