import { mergeStats, type CaseChange, type CaseNotice, type CaseRepository, type StoredFollowup } from '../../../functions/cases/repository.js';
import type { AuditEntry } from '../../../functions/lib/audit.js';
import type { CaseRecord } from '../../../shared/cases/index.js';
import { ConflictError } from '../../../shared/errors.js';
import { InMemoryStats } from './stats.js';

/**
 * The CaseRepository port in memory. A change is checked as a whole before anything is applied (the
 * adapter's one transaction): a case or follow-up at another version, a closed case, or an id that
 * exists already refuses the change with the adapter's 409, and nothing of it is kept.
 */
export class InMemoryCaseRepository implements CaseRepository {
  readonly cases = new Map<string, CaseRecord>();
  readonly followups = new Map<string, StoredFollowup>();
  readonly notices: CaseNotice[] = [];
  readonly victims: { hash: string; openedAt: string; caseId: string }[] = [];
  readonly auditLog: AuditEntry[] = [];
  readonly stats = new InMemoryStats();

  async victimKey(): Promise<Buffer> {
    return Buffer.alloc(32, 7);
  }

  async casesOfVictimSince(hash: string, sinceIso: string): Promise<string[]> {
    return this.victims.filter((v) => v.hash === hash && v.openedAt >= sinceIso).map((v) => v.openedAt);
  }

  async load(id: string) {
    const record = this.cases.get(id);
    if (!record) return undefined;
    const followups = [...this.followups.values()].filter((f) => f.caseId === id).map((f) => structuredClone(f));
    followups.sort((a, b) => a.dueAt.localeCompare(b.dueAt) || a.id.localeCompare(b.id));
    return { record: structuredClone(record), followups };
  }

  private newestFirst(list: CaseRecord[], limit: number): CaseRecord[] {
    return list
      .sort((a, b) => `${b.openedAt}#${b.id}`.localeCompare(`${a.openedAt}#${a.id}`))
      .slice(0, limit)
      .map((c) => structuredClone(c));
  }

  async listByOfficer(officer: string, limit: number): Promise<CaseRecord[]> {
    return this.newestFirst(
      [...this.cases.values()].filter((c) => c.officer === officer),
      limit,
    );
  }

  async listTeam(zone: string | undefined, limit: number): Promise<CaseRecord[]> {
    return this.newestFirst(
      [...this.cases.values()].filter((c) => zone === undefined || c.zone === zone),
      limit,
    );
  }

  async pendingFollowups(untilIso: string, filter: { officer?: string; zone?: string }): Promise<StoredFollowup[]> {
    return [...this.followups.values()]
      .filter((f) => f.status === 'pending' && `${f.dueAt}#${f.id}` < untilIso)
      .filter((f) => (!filter.officer || f.officer === filter.officer) && (!filter.zone || f.zone === filter.zone))
      .sort((a, b) => `${a.dueAt}#${a.id}`.localeCompare(`${b.dueAt}#${b.id}`))
      .map((f) => structuredClone(f));
  }

  async commit(change: CaseChange): Promise<void> {
    const conflict = () => new ConflictError('The case or follow-up was changed meanwhile; reload it and try again');
    if (change.newCase && this.cases.has(change.newCase.record.id)) throw conflict();
    if (change.caseUpdate && this.cases.get(change.caseUpdate.next.id)?.version !== change.caseUpdate.expectedVersion) throw conflict();
    if (change.caseCheck) {
      const c = this.cases.get(change.caseCheck.id);
      if (c?.version !== change.caseCheck.version || c.status !== 'open') throw conflict();
    }
    for (const { next, expectedVersion } of change.followups) {
      const stored = this.followups.get(next.id);
      if (expectedVersion === undefined ? stored !== undefined : stored?.version !== expectedVersion) throw conflict();
    }
    if (change.notices.some((n) => this.notices.some((m) => m.id === n.id))) throw conflict();

    if (change.newCase) {
      this.cases.set(change.newCase.record.id, structuredClone(change.newCase.record));
      this.victims.push({ hash: change.newCase.victimHash, openedAt: change.newCase.record.openedAt, caseId: change.newCase.record.id });
    }
    if (change.caseUpdate) this.cases.set(change.caseUpdate.next.id, structuredClone(change.caseUpdate.next));
    for (const { next } of change.followups) this.followups.set(next.id, structuredClone(next));
    this.notices.push(...change.notices.map((n) => structuredClone(n)));
    this.auditLog.push(change.audit);
    for (const d of mergeStats(change.stats)) this.stats.add(d.at, d.zone, d.counters);
  }

  async audit(entries: readonly AuditEntry[]): Promise<void> {
    this.auditLog.push(...entries);
  }
}
