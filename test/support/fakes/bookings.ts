import type { Attendance } from '../../../shared/catalog/booking.js';
import type { Service } from '../../../shared/catalog/types.js';
import { ConflictError } from '../../../shared/errors.js';
import { metric } from '../../../shared/metrics.js';
import { CANCELLED_RETENTION_DAYS, expiryAfter, type BookingRecord } from '../../../functions/bookings/model.js';
import {
  PIN_BUDGET,
  PIN_CLIENT_BUDGET,
  SlotFullError,
  type BookingRepository,
  type PinReservation,
  type SlotCount,
} from '../../../functions/bookings/repository.js';
import type { Budget, Reservation } from '../../../functions/lib/attempts.js';
import type { ServiceReader } from '../../../functions/bookings/use-cases.js';
import type { AuditEntry } from '../../../functions/lib/audit.js';
import { InMemoryStats } from './stats.js';

/**
 * The BookingRepository port in memory, with the same rules as the DynamoDB adapter's conditions: a full
 * slot refuses (SlotFullError), a booking changed meanwhile is a 409, counters move with each change.
 * For unit tests of the booking use cases; the adapter itself is tested on DynamoDB Local.
 */
export class InMemoryBookingRepository implements BookingRepository {
  readonly bookings = new Map<string, BookingRecord>();
  readonly slots = new Map<string, number>();
  readonly auditLog: AuditEntry[] = [];
  readonly stats = new InMemoryStats();

  private slotKey = (serviceId: string, start: string) => `${serviceId}|${start}`;

  private take(serviceId: string, start: string, capacity: number): void {
    const key = this.slotKey(serviceId, start);
    const booked = this.slots.get(key) ?? 0;
    if (booked >= capacity) throw new SlotFullError();
    this.slots.set(key, booked + 1);
  }

  private release(serviceId: string, start: string): void {
    const key = this.slotKey(serviceId, start);
    this.slots.set(key, Math.max(0, (this.slots.get(key) ?? 0) - 1));
  }

  private current(b: BookingRecord, ok: (stored: BookingRecord) => boolean, message: string, field?: string): BookingRecord {
    const stored = this.bookings.get(b.reference);
    if (!stored || !ok(stored)) throw new ConflictError(message, field);
    return stored;
  }

  async slotCounts(serviceId: string, fromIso: string, toIso: string): Promise<SlotCount[]> {
    return [...this.slots.entries()]
      .map(([key, booked]) => ({ key: key.split('|'), booked }))
      .filter(({ key: [id, start] }) => id === serviceId && start !== undefined && start >= fromIso && start <= toIso)
      .map(({ key, booked }) => ({ start: key[1] as string, booked }))
      .sort((a, b) => a.start.localeCompare(b.start));
  }

  async create(b: BookingRecord, capacity: number, now: Date): Promise<'created' | 'reference_taken'> {
    const booked = this.slots.get(this.slotKey(b.serviceId, b.start)) ?? 0;
    if (booked >= capacity) throw new SlotFullError();
    if (this.bookings.has(b.reference)) return 'reference_taken';
    this.take(b.serviceId, b.start, capacity);
    this.bookings.set(b.reference, structuredClone(b));
    this.stats.add(now, b.zone, { [metric.bookingsMade(b.serviceId)]: 1 });
    return 'created';
  }

  async get(reference: string): Promise<BookingRecord | undefined> {
    const b = this.bookings.get(reference);
    return b ? structuredClone(b) : undefined;
  }

  async reschedule(b: BookingRecord, to: { start: string; end: string; date: string }, capacity: number, now: Date): Promise<BookingRecord> {
    this.current(b, (s) => s.start === b.start && (s.status === 'booked' || s.status === 'confirmed'), 'The booking changed meanwhile; reload it');
    this.take(b.serviceId, to.start, capacity);
    this.release(b.serviceId, b.start);
    const next: BookingRecord = { ...b, ...to, status: 'booked', updatedAt: now.toISOString(), expiresAt: expiryAfter(to.end) };
    delete next.confirmedAt;
    this.bookings.set(b.reference, structuredClone(next));
    return next;
  }

  async replace(b: BookingRecord, next: BookingRecord): Promise<BookingRecord> {
    this.current(
      b,
      (s) => s.updatedAt === b.updatedAt && (s.status === 'booked' || s.status === 'confirmed'),
      'The booking changed meanwhile; reload it',
      'status',
    );
    this.bookings.set(b.reference, structuredClone(next));
    return next;
  }

  async cancel(b: BookingRecord, now: Date): Promise<BookingRecord> {
    this.current(b, (s) => s.status === 'booked' || s.status === 'confirmed', 'The booking was cancelled already', 'status');
    const at = now.toISOString();
    const expiresAt = Math.min(b.expiresAt, Math.floor(now.getTime() / 1000) + CANCELLED_RETENTION_DAYS * 86_400);
    const next: BookingRecord = { ...b, status: 'cancelled', cancelledAt: at, updatedAt: at, expiresAt };
    this.release(b.serviceId, b.start);
    this.bookings.set(b.reference, structuredClone(next));
    this.stats.add(now, b.zone, { [metric.bookingsCancelled(b.serviceId)]: 1 });
    return next;
  }

  async erase(b: BookingRecord, releaseSlot: boolean, countCancelled: boolean, now: Date): Promise<void> {
    this.current(b, (s) => s.status === b.status, 'The booking changed meanwhile; try again');
    this.bookings.delete(b.reference);
    if (releaseSlot) this.release(b.serviceId, b.start);
    if (countCancelled) this.stats.add(now, b.zone, { [metric.bookingsCancelled(b.serviceId)]: 1 });
  }

  async listDay(serviceId: string, date: string): Promise<BookingRecord[]> {
    return [...this.bookings.values()].filter((b) => b.serviceId === serviceId && b.date === date).map((b) => structuredClone(b));
  }

  async confirm(b: BookingRecord, audit: AuditEntry, now: Date): Promise<BookingRecord> {
    this.current(b, (s) => s.status === 'booked' && s.start === b.start, 'The booking was confirmed, moved or cancelled meanwhile; reload it', 'status');
    const at = now.toISOString();
    const next: BookingRecord = { ...b, status: 'confirmed', confirmedAt: at, updatedAt: at };
    this.bookings.set(b.reference, structuredClone(next));
    this.auditLog.push(audit);
    return next;
  }

  async markAttendance(b: BookingRecord, attendance: Attendance, audit: AuditEntry, now: Date): Promise<BookingRecord> {
    this.current(
      b,
      (s) => (s.status === 'booked' || s.status === 'confirmed') && s.start === b.start && s.attendance === b.attendance,
      'The booking changed meanwhile; reload it',
      'status',
    );
    const delta = (attendance === 'attended' ? 1 : 0) - (b.attendance === 'attended' ? 1 : 0);
    const next: BookingRecord = { ...b, attendance, updatedAt: now.toISOString() };
    this.bookings.set(b.reference, structuredClone(next));
    this.auditLog.push(audit);
    if (delta !== 0) this.stats.add(new Date(b.start), b.zone, { [metric.bookingsAttended(b.serviceId)]: delta });
    return next;
  }

  async audit(entry: AuditEntry): Promise<void> {
    this.auditLog.push(entry);
  }

  async audits(entries: AuditEntry[]): Promise<void> {
    this.auditLog.push(...entries);
  }

  /** Fixed windows as functions/lib/attempts.ts keeps them: a window starts with its first attempt and never grows. */
  private readonly windows = new Map<string, { windowStart: number; used: number }>();
  private readonly proofs = new Set<string>();

  private reserve(key: string, budget: Budget, now: Date): Reservation {
    const nowMs = now.getTime();
    const w = this.windows.get(key);
    if (!w || w.windowStart <= nowMs - budget.windowMs) {
      this.windows.set(key, { windowStart: nowMs, used: 1 });
      return { reserved: true, windowStart: nowMs };
    }
    if (w.used >= budget.limit) return { reserved: false, retryAt: w.windowStart + budget.windowMs };
    w.used++;
    return { reserved: true, windowStart: w.windowStart };
  }

  private refund(key: string, windowStart: number): void {
    const w = this.windows.get(key);
    if (w && w.windowStart === windowStart && w.used > 0) w.used--;
  }

  async reservePinAttempt(reference: string, client: string, now: Date): Promise<PinReservation> {
    const own = this.reserve(`pin#${reference}#${client}`, PIN_CLIENT_BUDGET, now);
    if (!own.reserved) return own;
    const all = this.reserve(`pin#${reference}`, PIN_BUDGET, now);
    if (!all.reserved) return all;
    return { reserved: true, reference, client, clientWindow: own.windowStart, referenceWindow: all.windowStart };
  }

  async refundPinAttempt(r: Extract<PinReservation, { reserved: true }>): Promise<void> {
    this.refund(`pin#${r.reference}#${r.client}`, r.clientWindow);
    this.refund(`pin#${r.reference}`, r.referenceWindow);
  }

  async useProof(proofHash: string): Promise<boolean> {
    if (this.proofs.has(proofHash)) return false;
    this.proofs.add(proofHash);
    return true;
  }

  async reserveClientBooking(client: string, limit: number, now: Date): Promise<boolean> {
    return this.reserve(`client#${client}`, { limit, windowMs: 86_400_000 }, now).reserved;
  }
}

/** The catalogue as the booking use cases read it. */
export class InMemoryServices implements ServiceReader {
  constructor(private readonly services: readonly Service[]) {}

  async getService(id: string): Promise<Service | undefined> {
    const s = this.services.find((x) => x.id === id);
    return s ? structuredClone(s) : undefined;
  }
}
