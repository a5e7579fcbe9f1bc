import { DeleteCommand, GetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Attendance } from '../../shared/catalog/booking.js';
import { LOCK_MINUTES, MAX_WRONG_PINS, MAX_WRONG_PINS_PER_CLIENT } from '../../shared/catalog/booking.js';
import { PROOF_MAX_AGE_MINUTES } from '../../shared/catalog/booking-proof.js';
import { ConflictError } from '../../shared/errors.js';
import { metric } from '../../shared/metrics.js';
import { refundAttempt, reserveAttempt } from '../lib/attempts.js';
import { auditPut, recordAudit, recordAudits, type AuditEntry } from '../lib/audit.js';
import { dynamo } from '../lib/clients.js';
import { cancellationCodes, fromItem, putIf, queryAll, readIndex, transact, transactOrConflict, type TransactItem } from '../lib/dynamo.js';
import { open, seal } from '../lib/personal-crypto.js';
import { statsAdd } from '../lib/stats.js';
import { bookingKeys } from './keys.js';
import { CANCELLED_RETENTION_DAYS, expiryAfter, type BookingRecord } from './model.js';

/** The slot is full (its counter's condition failed). */
export class SlotFullError extends ConflictError {
  constructor() {
    super('This time is fully booked; choose another', 'start');
  }
}

export interface SlotCount {
  start: string;
  booked: number;
  /** The count before the last change, and when that change was (for the public list's coarse availability). */
  previousBooked?: number;
  changedAt?: string;
}

/** Port: bookings persistence. Every change is ONE transaction (slot counters, booking, counters, audit). */
export interface BookingRepository {
  slotCounts(serviceId: string, fromIso: string, toIso: string): Promise<SlotCount[]>;
  /** `reference_taken` when the reference exists already (the caller draws another). */
  create(b: BookingRecord, capacity: number, now: Date): Promise<'created' | 'reference_taken'>;
  get(reference: string): Promise<BookingRecord | undefined>;
  reschedule(b: BookingRecord, to: { start: string; end: string; date: string }, capacity: number, now: Date): Promise<BookingRecord>;
  /** Writes `next` over `b` (her own changes), unless the booking was changed or cancelled meanwhile. */
  replace(b: BookingRecord, next: BookingRecord): Promise<BookingRecord>;
  cancel(b: BookingRecord, now: Date): Promise<BookingRecord>;
  erase(b: BookingRecord, releaseSlot: boolean, countCancelled: boolean, now: Date): Promise<void>;
  listDay(serviceId: string, date: string): Promise<BookingRecord[]>;
  confirm(b: BookingRecord, audit: AuditEntry, now: Date): Promise<BookingRecord>;
  markAttendance(b: BookingRecord, attendance: Attendance, audit: AuditEntry, now: Date): Promise<BookingRecord>;
  audit(entry: AuditEntry): Promise<void>;
  audits(entries: AuditEntry[]): Promise<void>;
  /**
   * Reserves one PIN check for `reference` from `client` (a hashed trusted source address) BEFORE the
   * PIN is verified: the client's own budget first, then the reference's. Refused (nothing reserved
   * that matters) when either is spent for the current window.
   */
  reservePinAttempt(reference: string, client: string, now: Date): Promise<PinReservation>;
  /** A right PIN gives its own reservation back; the wrong guesses of others (and their lock) stand. */
  refundPinAttempt(reservation: Extract<PinReservation, { reserved: true }>): Promise<void>;
  /** Remembers a proof of work as used (until it could no longer be accepted); false if it was used already. */
  useProof(proofHash: string, now: Date): Promise<boolean>;
  /** Takes one of the client's `limit` bookings per 24 hours; false when they are taken. */
  reserveClientBooking(client: string, limit: number, now: Date): Promise<boolean>;
}

export type PinReservation =
  | { reserved: true; reference: string; client: string; clientWindow: number; referenceWindow: number }
  | { reserved: false; retryAt: number };

export const PIN_BUDGET = { limit: MAX_WRONG_PINS, windowMs: LOCK_MINUTES * 60_000 } as const;
export const PIN_CLIENT_BUDGET = { limit: MAX_WRONG_PINS_PER_CLIENT, windowMs: LOCK_MINUTES * 60_000 } as const;

export class DynamoBookingRepository implements BookingRepository {
  constructor(
    private readonly table: string,
    private readonly client: DynamoDBDocumentClient = dynamo,
  ) {}

  private item(b: BookingRecord): Record<string, unknown> {
    return { ...bookingKeys.booking(b.reference), ...bookingKeys.dayIndex(b.serviceId, b.date, b.start, b.reference), type: 'BOOKING', ...b };
  }

  /** +1 on a slot's counter unless it is full. The counter item expires a day after the slot. */
  /** A conditional update of the booking item; its expressions name its status `#status` and, where they need it, its start `#start`. */
  private bookingUpdate(b: BookingRecord, update: string, condition: string, values: Record<string, unknown>): TransactItem {
    return {
      Update: {
        TableName: this.table,
        Key: bookingKeys.booking(b.reference),
        UpdateExpression: update,
        ConditionExpression: condition,
        ExpressionAttributeNames: { '#status': 'status', ...(`${update} ${condition}`.includes('#start') ? { '#start': 'start' } : {}) },
        ExpressionAttributeValues: values,
      },
    };
  }

  private takeSlot(serviceId: string, start: string, end: string, capacity: number, now: Date): TransactItem {
    return {
      Update: {
        TableName: this.table,
        Key: bookingKeys.slot(serviceId, start),
        UpdateExpression: 'SET #type = :slot, #end = :end, #exp = :exp, previousBooked = if_not_exists(#booked, :zero), changedAt = :now ADD #booked :one',
        ConditionExpression: 'attribute_not_exists(#booked) OR #booked < :capacity',
        ExpressionAttributeNames: { '#type': 'type', '#end': 'end', '#exp': 'expiresAt', '#booked': 'booked' },
        ExpressionAttributeValues: {
          ':slot': 'SLOT',
          ':end': end,
          ':exp': Math.floor(Date.parse(end) / 1000) + 86_400,
          ':one': 1,
          ':zero': 0,
          ':capacity': capacity,
          ':now': now.toISOString(),
        },
      },
    };
  }

  private releaseSlot(serviceId: string, start: string, now: Date): TransactItem {
    return {
      Update: {
        TableName: this.table,
        Key: bookingKeys.slot(serviceId, start),
        UpdateExpression: 'SET previousBooked = #booked, changedAt = :now ADD #booked :minus',
        ConditionExpression: '#booked > :zero',
        ExpressionAttributeNames: { '#booked': 'booked' },
        ExpressionAttributeValues: { ':minus': -1, ':zero': 0, ':now': now.toISOString() },
      },
    };
  }

  async slotCounts(serviceId: string, fromIso: string, toIso: string): Promise<SlotCount[]> {
    const items = await queryAll(this.client, {
      TableName: this.table,
      KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
      ExpressionAttributeValues: { ':pk': bookingKeys.slotPartition(serviceId), ':from': fromIso, ':to': toIso },
      ConsistentRead: true,
    });
    return items.map((i) => ({
      start: String(i.sk),
      booked: Number(i.booked ?? 0),
      ...(i.previousBooked !== undefined ? { previousBooked: Number(i.previousBooked) } : {}),
      ...(i.changedAt !== undefined ? { changedAt: String(i.changedAt) } : {}),
    }));
  }

  async create(b: BookingRecord, capacity: number, now: Date): Promise<'created' | 'reference_taken'> {
    try {
      await transact(this.client, [
        this.takeSlot(b.serviceId, b.start, b.end, capacity, now),
        { Put: { TableName: this.table, Item: await seal('booking', b.reference, this.item(b)), ConditionExpression: 'attribute_not_exists(pk)' } },
        statsAdd(this.table, now, b.zone, { [metric.bookingsMade(b.serviceId)]: 1 }),
      ]);
      return 'created';
    } catch (err) {
      const codes = cancellationCodes(err);
      if (codes) {
        const [slot, booking] = codes;
        if (slot === 'ConditionalCheckFailed') throw new SlotFullError();
        if (booking === 'ConditionalCheckFailed') return 'reference_taken';
        throw new ConflictError('Too many bookings at once; try again', 'start');
      }
      throw err;
    }
  }

  async get(reference: string): Promise<BookingRecord | undefined> {
    const out = await this.client.send(new GetCommand({ TableName: this.table, Key: bookingKeys.booking(reference), ConsistentRead: true }));
    return out.Item ? fromItem<BookingRecord>(await open('booking', reference, out.Item)) : undefined;
  }

  async reschedule(b: BookingRecord, to: { start: string; end: string; date: string }, capacity: number, now: Date): Promise<BookingRecord> {
    const next: BookingRecord = { ...b, ...to, status: 'booked', updatedAt: now.toISOString(), expiresAt: expiryAfter(to.end) };
    delete next.confirmedAt;
    try {
      await transact(this.client, [
        this.takeSlot(b.serviceId, to.start, to.end, capacity, now),
        this.releaseSlot(b.serviceId, b.start, now),
        {
          Put: {
            TableName: this.table,
            Item: await seal('booking', next.reference, this.item(next)),
            ConditionExpression: '#start = :oldStart AND #status IN (:booked, :confirmed)',
            ExpressionAttributeNames: { '#start': 'start', '#status': 'status' },
            ExpressionAttributeValues: { ':oldStart': b.start, ':booked': 'booked', ':confirmed': 'confirmed' },
          },
        },
      ]);
    } catch (err) {
      const codes = cancellationCodes(err);
      if (codes) {
        if (codes[0] === 'ConditionalCheckFailed') throw new SlotFullError();
        throw new ConflictError('The booking changed meanwhile; reload it');
      }
      throw err;
    }
    return next;
  }

  async replace(b: BookingRecord, next: BookingRecord): Promise<BookingRecord> {
    const replaced = await putIf(this.client, {
      TableName: this.table,
      Item: await seal('booking', next.reference, this.item(next)),
      ConditionExpression: 'updatedAt = :prev AND #status IN (:booked, :confirmed)',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':prev': b.updatedAt, ':booked': 'booked', ':confirmed': 'confirmed' },
    });
    if (!replaced) throw new ConflictError('The booking changed meanwhile; reload it', 'status');
    return next;
  }

  async cancel(b: BookingRecord, now: Date): Promise<BookingRecord> {
    const at = now.toISOString();
    const expiresAt = Math.min(b.expiresAt, Math.floor(now.getTime() / 1000) + CANCELLED_RETENTION_DAYS * 86_400);
    await transactOrConflict(
      this.client,
      [
        this.bookingUpdate(b, 'SET #status = :cancelled, cancelledAt = :at, updatedAt = :at, expiresAt = :exp', '#status IN (:booked, :confirmed)', {
          ':cancelled': 'cancelled',
          ':at': at,
          ':exp': expiresAt,
          ':booked': 'booked',
          ':confirmed': 'confirmed',
        }),
        this.releaseSlot(b.serviceId, b.start, now),
        statsAdd(this.table, now, b.zone, { [metric.bookingsCancelled(b.serviceId)]: 1 }),
      ],
      'The booking was cancelled already',
      'status',
    );
    return { ...b, status: 'cancelled', cancelledAt: at, updatedAt: at, expiresAt };
  }

  async erase(b: BookingRecord, releaseSlot: boolean, countCancelled: boolean, now: Date): Promise<void> {
    const items: TransactItem[] = [
      {
        Delete: {
          TableName: this.table,
          Key: bookingKeys.booking(b.reference),
          ConditionExpression: '#status = :status',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':status': b.status },
        },
      },
    ];
    if (releaseSlot) items.push(this.releaseSlot(b.serviceId, b.start, now));
    if (countCancelled) items.push(statsAdd(this.table, now, b.zone, { [metric.bookingsCancelled(b.serviceId)]: 1 }));
    await transactOrConflict(this.client, items, 'The booking changed meanwhile; try again');
    await this.client.send(new DeleteCommand({ TableName: this.table, Key: bookingKeys.pinFailures(b.reference) }));
  }

  async listDay(serviceId: string, date: string): Promise<BookingRecord[]> {
    const items = await readIndex(this.client, this.table, 'gsi1', bookingKeys.dayPartition(serviceId, date));
    return Promise.all(items.map(async (i) => fromItem<BookingRecord>(await open('booking', String(i.reference), i))));
  }

  async confirm(b: BookingRecord, audit: AuditEntry, now: Date): Promise<BookingRecord> {
    const at = now.toISOString();
    await transactOrConflict(
      this.client,
      [
        this.bookingUpdate(b, 'SET #status = :confirmed, confirmedAt = :at, updatedAt = :at', '#status = :booked AND #start = :start', {
          ':confirmed': 'confirmed',
          ':booked': 'booked',
          ':at': at,
          ':start': b.start,
        }),
        auditPut(this.table, audit),
      ],
      'The booking was confirmed, moved or cancelled meanwhile; reload it',
      'status',
    );
    return { ...b, status: 'confirmed', confirmedAt: at, updatedAt: at };
  }

  async markAttendance(b: BookingRecord, attendance: Attendance, audit: AuditEntry, now: Date): Promise<BookingRecord> {
    const at = now.toISOString();
    const delta = (attendance === 'attended' ? 1 : 0) - (b.attendance === 'attended' ? 1 : 0);
    const items: TransactItem[] = [
      this.bookingUpdate(
        b,
        'SET attendance = :a, updatedAt = :at',
        `#status IN (:booked, :confirmed) AND #start = :start AND ${b.attendance ? 'attendance = :prev' : 'attribute_not_exists(attendance)'}`,
        {
          ':a': attendance,
          ':at': at,
          ':booked': 'booked',
          ':confirmed': 'confirmed',
          ':start': b.start,
          ...(b.attendance ? { ':prev': b.attendance } : {}),
        },
      ),
      auditPut(this.table, audit),
    ];
    // Attendance counts in the month of the appointment; a change of mind moves the count, never doubles it.
    if (delta !== 0) items.push(statsAdd(this.table, new Date(b.start), b.zone, { [metric.bookingsAttended(b.serviceId)]: delta }));
    await transactOrConflict(this.client, items, 'The booking changed meanwhile; reload it', 'status');
    return { ...b, attendance, updatedAt: at };
  }

  async audit(entry: AuditEntry): Promise<void> {
    await recordAudit(this.client, this.table, entry);
  }

  async audits(entries: AuditEntry[]): Promise<void> {
    await recordAudits(this.client, this.table, entries);
  }

  async reservePinAttempt(reference: string, client: string, now: Date): Promise<PinReservation> {
    const own = await reserveAttempt(this.table, bookingKeys.pinClientFailures(reference, client), 'PIN_ATTEMPTS', PIN_CLIENT_BUDGET, now);
    if (!own.reserved) return own;
    const all = await reserveAttempt(this.table, bookingKeys.pinFailures(reference), 'PIN_ATTEMPTS', PIN_BUDGET, now);
    if (!all.reserved) return all;
    return { reserved: true, reference, client, clientWindow: own.windowStart, referenceWindow: all.windowStart };
  }

  useProof(proofHash: string, now: Date): Promise<boolean> {
    return putIf(this.client, {
      TableName: this.table,
      Item: { ...bookingKeys.usedProof(proofHash), type: 'USED_PROOF', expiresAt: Math.floor(now.getTime() / 1000) + (PROOF_MAX_AGE_MINUTES + 2) * 60 },
      ConditionExpression: 'attribute_not_exists(pk)',
    });
  }

  async reserveClientBooking(client: string, limit: number, now: Date): Promise<boolean> {
    return (await reserveAttempt(this.table, bookingKeys.clientBookings(client), 'CLIENT_BOOKINGS', { limit, windowMs: 86_400_000 }, now)).reserved;
  }

  async refundPinAttempt(r: Extract<PinReservation, { reserved: true }>): Promise<void> {
    await Promise.all([
      refundAttempt(this.table, bookingKeys.pinClientFailures(r.reference, r.client), r.clientWindow),
      refundAttempt(this.table, bookingKeys.pinFailures(r.reference), r.referenceWindow),
    ]);
  }
}
