import type { AuditEntry } from '../../../functions/lib/audit.js';
import { orderCounterDeltas } from '../../../functions/orders/counters.js';
import type { OrderRepository, StoredFix } from '../../../functions/orders/repository.js';
import { ConflictError } from '../../../shared/errors.js';
import { initialState, type OrderRecord, type OrderState } from '../../../shared/zones/index.js';
import { InMemoryStats } from './stats.js';

/**
 * The OrderRepository port in memory: a change of an order is refused with the adapter's 409 unless the
 * order is still active at the version it was read; earlier versions are kept; counters move with it.
 */
export class InMemoryOrderRepository implements OrderRepository {
  readonly orders = new Map<string, { order: OrderRecord; codeHash: string | undefined }>();
  readonly versions: OrderRecord[] = [];
  /** Protection-code hash → order id (the lookup monitoring reads). */
  readonly codes = new Map<string, string>();
  readonly positions = new Map<string, StoredFix[]>();
  readonly auditLog: AuditEntry[] = [];
  readonly stats = new InMemoryStats();

  private count(previous: OrderRecord | undefined, next: OrderRecord): void {
    for (const d of orderCounterDeltas(previous, next)) this.stats.add(d.at, d.zone, d.counters);
  }

  private changing(previous: OrderRecord): { order: OrderRecord; codeHash: string | undefined } {
    const stored = this.orders.get(previous.id);
    if (!stored || stored.order.version !== previous.version || stored.order.status !== 'active')
      throw new ConflictError('The order was changed or ended meanwhile; reload it');
    return stored;
  }

  async create(order: OrderRecord, codeHash: string, audit: AuditEntry): Promise<void> {
    if (this.orders.has(order.id) || this.codes.has(codeHash)) throw new ConflictError('Order could not be created; try again');
    this.orders.set(order.id, { order: structuredClone(order), codeHash });
    this.codes.set(codeHash, order.id);
    this.auditLog.push(audit);
    this.count(undefined, order);
  }

  async get(id: string) {
    const stored = this.orders.get(id);
    return stored ? structuredClone(stored) : undefined;
  }

  async state(id: string): Promise<OrderState | undefined> {
    return this.orders.has(id) ? initialState() : undefined;
  }

  async listActive(district: string | undefined): Promise<OrderRecord[]> {
    return [...this.orders.values()]
      .map((o) => o.order)
      .filter((o) => o.status === 'active' && (district === undefined || o.district === district))
      .map((o) => structuredClone(o));
  }

  async replace(previous: OrderRecord, next: OrderRecord, audit: AuditEntry): Promise<void> {
    const stored = this.changing(previous);
    this.versions.push(structuredClone(previous));
    this.orders.set(next.id, { order: structuredClone(next), codeHash: stored.codeHash });
    this.auditLog.push(audit);
    this.count(previous, next);
  }

  async end(previous: OrderRecord, ended: OrderRecord, codeHash: string | undefined, audit: AuditEntry): Promise<void> {
    this.changing(previous);
    this.versions.push(structuredClone(previous));
    this.orders.set(ended.id, { order: structuredClone(ended), codeHash });
    if (codeHash) this.codes.delete(codeHash);
    this.auditLog.push(audit);
    this.count(previous, ended);
  }

  async replaceCode(order: OrderRecord, oldHash: string | undefined, newHash: string, audit: AuditEntry): Promise<void> {
    const stored = this.changing(order);
    if (stored.codeHash !== oldHash) throw new ConflictError('The order was changed, ended or given a new code meanwhile; reload it');
    if (oldHash) this.codes.delete(oldHash);
    this.codes.set(newHash, order.id);
    this.orders.set(order.id, { order: stored.order, codeHash: newHash });
    this.auditLog.push(audit);
  }

  async fixes(id: string): Promise<StoredFix[]> {
    return structuredClone(this.positions.get(id) ?? []);
  }

  async audit(entry: AuditEntry): Promise<void> {
    this.auditLog.push(entry);
  }
}
