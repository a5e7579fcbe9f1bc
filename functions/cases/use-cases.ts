import { ulid } from 'ulid';
import type { StaffDirectory } from '../lib/staff-directory.js';
import {
  addDays,
  brusselsDay,
  bucketOf,
  dashRisk,
  decideRisk,
  DEFAULT_CADENCE,
  nextFollowup,
  planFollowups,
  repeatWindowStart,
  reportOutcome,
  riskRank,
  safeContactOfBooking,
  twoNotReachedInARow,
  urgentFollowup,
  type Cadence,
  type CaseRecord,
  type CreateCaseBody,
  type FollowupPurpose,
  type Outcome,
  type PatchCaseBody,
  type PlannedFollowup,
  type SafeContactFromBookingBody,
} from '../../shared/cases/index.js';
import type { CaseDetail, CaseSummary, CompletedFollowup, FollowupBuckets, FollowupView } from '../../shared/cases/api.js';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../shared/errors.js';
import { metric } from '../../shared/metrics.js';
import { brusselsToUtc } from '../../shared/brussels-time.js';
import type { AuditAction, AuditEntry } from '../lib/audit.js';
import type { Caller } from '../lib/auth.js';
import { pick } from '../lib/pick.js';
import { inZone, zoneOf } from '../lib/scope.js';
import type { CaseChange, CaseNotice, CaseRepository, ListedCase, StatsDelta, StoredFollowup } from './repository.js';
import { victimHash } from './victim-key.js';
import { normalizeReference } from '../../shared/catalog/booking.js';
import type { BookingRecord } from '../bookings/model.js';

export interface CaseDeps {
  repo: CaseRepository;
  cadence?: Cadence;
  /** Who may own a follow-up: only active officers of the case's zone. */
  directory: StaffDirectory;
  /** Her bookings, read only to take over contact choices she agreed to share (shared/functions.ts: read and open, never write). */
  bookings?: BookingReader;
}

/** What the cases function reads of a booking. */
export interface BookingReader {
  get(reference: string): Promise<BookingRecord | undefined>;
}

/** Another owner than the caller is accepted only from the directory: never free text, never no one. */
export async function requireOfficerOfZone(deps: CaseDeps, zone: string, officer: string): Promise<void> {
  const officers = await deps.directory.officersOfZone(zone);
  if (!officers.some((o) => o.username === officer && o.active && o.roles.includes('officer'))) {
    throw new ValidationError('officer', "Not an active officer of the case's zone");
  }
}

const isSupervisor = (c: Caller) => c.principal.roles.includes('supervisor');
const me = (c: Caller) => c.principal.username;
const auditOf = (caller: Caller, caseId: string, action: AuditAction, at: Date): AuditEntry => ({
  entity: 'case',
  entityId: caseId,
  action,
  route: caller.route,
  principal: caller.principal,
  at,
});

/** A follow-up as the API returns it (no tick internals). */
export function followupView(f: StoredFollowup): FollowupView {
  return {
    ...pick(f, ['id', 'caseId', 'zone', 'officer', 'purpose', 'urgency', 'status', 'dueAt', 'version']),
    ...(f.outcome ? { outcome: f.outcome, completedAt: f.completedAt, completedBy: f.completedBy, reportOutcome: f.reportOutcome } : {}),
    ...(f.note ? { note: f.note } : {}),
    ...(f.remindedAt ? { remindedAt: f.remindedAt } : {}),
    ...(f.escalatedAt ? { escalatedAt: f.escalatedAt } : {}),
    ...(f.alertId ? { alertId: f.alertId } : {}),
  };
}

/** A new pending follow-up of a case, reminded at its due time. */
export function newFollowup(caseRecord: Pick<CaseRecord, 'id' | 'zone'>, plan: PlannedFollowup, officer: string, now: Date, urgent = false): StoredFollowup {
  const dueAt = plan.dueAt.toISOString();
  return {
    id: `FU-${ulid(now.getTime())}`,
    version: 1,
    caseId: caseRecord.id,
    zone: caseRecord.zone,
    officer,
    purpose: plan.purpose,
    urgency: urgent ? 'urgent' : 'normal',
    status: 'pending',
    dueAt,
    countedDueAt: dueAt,
    createdAt: now.toISOString(),
    tick: { stage: 'remind', at: dueAt },
  };
}
/** The report counter of a new follow-up: one more due in the month of its first due time. */
export const dueCounter = (f: StoredFollowup): StatsDelta => ({ at: new Date(f.countedDueAt), zone: f.zone, counters: { [metric.followupsDue]: 1 } });

/** What opening a case writes: the case with its victim hash, its first follow-ups and their counters. */
export interface CaseOpening {
  record: CaseRecord;
  victimHash: string;
  followups: StoredFollowup[];
  stats: StatsDelta[];
}

/**
 * Plans a new case for `officer`, opened by `openedBy` (the officer, a supervisor, or the police officer
 * who recorded the intervention): the record, its follow-ups by the risk level's cadence and the
 * report counters. Nothing is written; the caller commits it (alone, or inside a larger transaction).
 */
export async function planCase(
  deps: CaseDeps,
  body: CreateCaseBody,
  openedBy: string,
  officer: string,
  now: Date,
  extra: Pick<CaseRecord, 'interventionId'> = {},
): Promise<CaseOpening> {
  const checklist = dashRisk(body.dashYes.length);
  const decided = decideRisk(checklist, body.riskLevel, body.riskReason);
  if (!decided.ok) throw new ValidationError('riskReason', 'Lowering the risk below the checklist needs a reason');
  const hash = victimHash(body.victimRef, await deps.repo.victimKey());
  const repeat = (await deps.repo.casesOfVictimSince(hash, repeatWindowStart(now).toISOString())).length > 0;
  const at = now.toISOString();
  const record: CaseRecord = {
    id: `C-${ulid(now.getTime())}`,
    version: 1,
    status: 'open',
    victimRef: body.victimRef,
    zone: body.zone,
    interventionDate: body.interventionDate,
    kind: body.kind,
    children: body.children,
    substanceAbuse: body.substanceAbuse,
    victimGender: body.victimGender,
    aggressorGender: body.aggressorGender,
    dashYes: body.dashYes,
    dashLevel: checklist,
    riskLevel: decided.level,
    riskHistory: [{ at, by: openedBy, from: null, to: decided.level, ...(decided.lowered && body.riskReason ? { riskReason: body.riskReason } : {}) }],
    officer,
    fjcIntroduction: body.fjcIntroduction,
    ...(body.fjcIntroduction === 'done' ? { fjcIntroducedAt: at } : {}),
    repeat,
    bookingRefs: body.bookingRefs,
    orderIds: body.orderIds,
    ...extra,
    openedAt: at,
    openedBy,
    updatedAt: at,
    updatedBy: openedBy,
  };
  const followups = planFollowups(record.riskLevel, now, deps.cadence ?? DEFAULT_CADENCE).map((p) => newFollowup(record, p, officer, now));
  const yn = (b: boolean) => (b ? 'yes' : 'no');
  const stats: StatsDelta[] = [
    {
      at: now,
      zone: record.zone,
      counters: {
        [metric.casesOpened]: 1,
        [metric.casesByKind(record.kind)]: 1,
        [metric.casesByRisk(record.riskLevel)]: 1,
        [metric.casesChildren(yn(record.children))]: 1,
        [metric.casesSubstance(yn(record.substanceAbuse))]: 1,
        [metric.casesVictimGender(record.victimGender)]: 1,
        [metric.casesAggressorGender(record.aggressorGender)]: 1,
        ...(repeat ? { [metric.casesRepeat]: 1 } : {}),
        ...(record.fjcIntroducedAt ? { [metric.fjcIntroductions]: 1 } : {}),
      },
    },
    ...followups.map(dueCounter),
  ];
  return { record, victimHash: hash, followups, stats };
}

/** The change that writes a planned case: with its audit record, for one transaction. */
export function openingChange(opening: CaseOpening, audit: AuditEntry): CaseChange {
  return {
    newCase: { record: opening.record, victimHash: opening.victimHash },
    followups: opening.followups.map((f) => ({ next: f, expectedVersion: undefined })),
    notices: [],
    audit,
    stats: opening.stats,
  };
}

/** Opens a case: the case, its victim hash, its first follow-ups, counters and audit in ONE transaction. */
export async function openCase(deps: CaseDeps, body: CreateCaseBody, caller: Caller, now: Date): Promise<CaseDetail> {
  if (body.zone !== zoneOf(caller.principal)) throw new ForbiddenError('Cases are opened in your own zone');
  const officer = body.officer ?? me(caller);
  if (officer !== me(caller) && !isSupervisor(caller)) throw new ForbiddenError('Only supervisors open a case for another officer');
  if (officer !== me(caller)) await requireOfficerOfZone(deps, body.zone, officer);
  const opening = await planCase(deps, body, me(caller), officer, now);
  await deps.repo.commit(openingChange(opening, auditOf(caller, opening.record.id, 'create', now)));
  return { ...opening.record, followups: opening.followups.map(followupView) };
}

function canSee(c: CaseRecord, followups: readonly StoredFollowup[], caller: Caller): boolean {
  return isSupervisor(caller) || c.officer === me(caller) || followups.some((f) => f.officer === me(caller));
}

/** A case of the caller's zone (another zone's is answered as if it did not exist), then theirs or their team's. */
async function loadVisible(deps: CaseDeps, id: string, caller: Caller) {
  const found = await deps.repo.load(id);
  if (!found || !inZone(caller.principal, found.record.zone)) throw new NotFoundError('No such case');
  if (!canSee(found.record, found.followups, caller)) throw new ForbiddenError('Not your case');
  return found;
}

export async function getCase(deps: CaseDeps, id: string, caller: Caller, now: Date): Promise<CaseDetail> {
  const { record, followups } = await loadVisible(deps, id, caller);
  await deps.repo.audit([auditOf(caller, id, 'read', now)]);
  return { ...record, followups: followups.filter((f) => f.status !== 'cancelled').map(followupView) };
}

/** A case in a list: no victim reference (open the case, audited, to see it). */
function caseSummary(c: ListedCase): CaseSummary {
  return pick(c, ['id', 'zone', 'status', 'riskLevel', 'officer', 'openedAt', 'interventionDate', 'repeat', 'fjcIntroduction', 'version']);
}

export async function listCases(deps: CaseDeps, zone: string | undefined, caller: Caller, now: Date) {
  const mine = zoneOf(caller.principal);
  if (zone !== undefined && zone !== mine) throw new ForbiddenError('Your own zone only');
  const cases = (isSupervisor(caller) ? await deps.repo.listTeam(mine, 200) : await deps.repo.listByOfficer(me(caller), 200)).filter((c) => c.zone === mine);
  await deps.repo.audit(cases.map((c) => auditOf(caller, c.id, 'list', now)));
  return cases.map(caseSummary);
}

/** An open case the caller may change (its officer or a supervisor), at the version the caller expects. */
async function loadChangeable(deps: CaseDeps, id: string, caller: Caller, expectedVersion: number | undefined) {
  const found = await loadVisible(deps, id, caller);
  const c = found.record;
  if (!isSupervisor(caller) && c.officer !== me(caller)) throw new ForbiddenError('Only the case officer or a supervisor changes a case');
  if (c.status !== 'open') throw new ConflictError('The case is closed', 'status');
  if (expectedVersion !== undefined && expectedVersion !== c.version)
    throw new ConflictError(`The case is at version ${c.version}; reload it`, 'expectedVersion');
  return found;
}

export async function patchCase(deps: CaseDeps, id: string, body: PatchCaseBody, caller: Caller, now: Date) {
  const { record: c, followups } = await loadChangeable(deps, id, caller, body.expectedVersion);
  const at = now.toISOString();
  const next: CaseRecord = { ...c, version: c.version + 1, updatedAt: at, updatedBy: me(caller), riskHistory: [...c.riskHistory] };
  const stats: StatsDelta[] = [];
  const changed: { next: StoredFollowup; expectedVersion: number }[] = [];
  const pending = followups.filter((f) => f.status === 'pending');

  if (body.riskLevel !== undefined && body.riskLevel !== c.riskLevel) {
    const d = decideRisk(c.riskLevel, body.riskLevel, body.riskReason);
    if (!d.ok) throw new ValidationError('riskReason', 'Lowering the risk level needs a reason');
    next.riskLevel = d.level;
    next.riskHistory.push({ at, by: me(caller), from: c.riskLevel, to: d.level, ...(d.lowered && body.riskReason ? { riskReason: body.riskReason } : {}) });
    // A raised risk brings the next follow-up forward to the new level's first-contact time.
    if (riskRank(d.level) > riskRank(c.riskLevel) && pending.length > 0) {
      const first = pending[0] as StoredFollowup;
      const latest = urgentFollowup(d.level, now, deps.cadence ?? DEFAULT_CADENCE).dueAt.toISOString();
      if (first.dueAt > latest)
        changed.push({
          next: { ...withoutReminder(first), dueAt: latest, version: first.version + 1, tick: { stage: 'remind', at: latest } },
          expectedVersion: first.version,
        });
    }
  }
  if (body.fjcIntroduction !== undefined) {
    next.fjcIntroduction = body.fjcIntroduction;
    if (body.fjcIntroduction === 'done' && !c.fjcIntroducedAt) {
      next.fjcIntroducedAt = at;
      stats.push({ at: now, zone: c.zone, counters: { [metric.fjcIntroductions]: 1 } });
    }
  }
  if (body.safeContact === null) delete next.safeContact;
  else if (body.safeContact !== undefined) next.safeContact = { ...body.safeContact, setBy: me(caller), setAt: at };
  if (body.bookingRefs !== undefined) next.bookingRefs = [...new Set(body.bookingRefs)];
  if (body.orderIds !== undefined) next.orderIds = [...new Set(body.orderIds)];
  if (body.status === 'closed') {
    next.status = 'closed';
    next.closedAt = at;
    stats.push({ at: now, zone: c.zone, counters: { [metric.casesClosed]: 1 } });
    for (const f of pending) {
      if (changed.some((x) => x.next.id === f.id)) continue;
      const { tick: _t, ...rest } = f;
      changed.push({ next: { ...rest, status: 'cancelled', version: f.version + 1 }, expectedVersion: f.version });
    }
    for (const x of changed) if (x.next.status === 'pending') x.next = { ...x.next, status: 'cancelled' };
  }
  await deps.repo.commit({
    caseUpdate: { next, expectedVersion: c.version, previousOrderIds: c.orderIds },
    followups: changed,
    notices: [],
    audit: auditOf(caller, id, 'update', now),
    stats,
  });
  return next;
}

/**
 * Takes her booking's contact choices over into the case, ONLY when she agreed in the booking that the
 * police social service may (and has not withdrawn it, nor cancelled the booking). An unknown reference
 * and a booking without that consent get the same 404: an officer holding a reference learns nothing of
 * a booking she did not share. The read of the booking is audited on the booking, the change on the case;
 * the reference joins the case's linked bookings.
 */
export async function takeOverSafeContact(deps: CaseDeps, id: string, body: SafeContactFromBookingBody, caller: Caller, now: Date) {
  const { record: c } = await loadChangeable(deps, id, caller, body.expectedVersion);
  if (!deps.bookings) throw new Error('No booking reader configured');
  const reference = normalizeReference(body.reference);
  const b = reference ? await deps.bookings.get(reference) : undefined;
  if (!b?.shareWithPolice || b.status === 'cancelled') throw new NotFoundError('No booking with this reference shares its contact choices with the police');
  await deps.repo.audit([{ ...auditOf(caller, b.reference, 'read', now), entity: 'booking' }]);
  const at = now.toISOString();
  const next: CaseRecord = {
    ...c,
    version: c.version + 1,
    updatedAt: at,
    updatedBy: me(caller),
    safeContact: { ...safeContactOfBooking(b), fromBooking: b.reference, setBy: me(caller), setAt: at },
    bookingRefs: [...new Set([...c.bookingRefs, b.reference])],
  };
  await deps.repo.commit({
    caseUpdate: { next, expectedVersion: c.version },
    followups: [],
    notices: [],
    audit: auditOf(caller, id, 'take-over-safe-contact', now),
    stats: [],
  });
  return next;
}

function withoutReminder(f: StoredFollowup): StoredFollowup {
  const { remindedAt: _r, ...rest } = f;
  return rest;
}

async function loadFollowup(deps: CaseDeps, caseId: string, followupId: string, caller: Caller) {
  const found = await loadVisible(deps, caseId, caller);
  const f = found.followups.find((x) => x.id === followupId);
  if (!f) throw new NotFoundError('No such follow-up');
  if (found.record.status !== 'open') throw new ConflictError('The case is closed', 'status');
  if (f.status !== 'pending') throw new ConflictError('The follow-up is already done', 'status');
  const owner = f.officer === me(caller) || found.record.officer === me(caller);
  return { ...found, f, owner };
}

export async function addFollowup(
  deps: CaseDeps,
  caseId: string,
  body: { dueAt: string; purpose: FollowupPurpose; officer?: string | undefined },
  caller: Caller,
  now: Date,
) {
  const { record } = await loadVisible(deps, caseId, caller);
  if (record.status !== 'open') throw new ConflictError('The case is closed', 'status');
  const due = new Date(body.dueAt);
  if (due.getTime() < now.getTime() - 60_000) throw new ValidationError('dueAt', 'Must not be in the past');
  const officer = body.officer ?? record.officer;
  if (!isSupervisor(caller) && officer !== me(caller) && officer !== record.officer)
    throw new ForbiddenError('Only supervisors assign a follow-up to another officer');
  if (officer !== record.officer) await requireOfficerOfZone(deps, record.zone, officer);
  const f = newFollowup(record, { dueAt: due, purpose: body.purpose }, officer, now);
  await deps.repo.commit({
    caseCheck: { id: caseId, version: record.version },
    followups: [{ next: f, expectedVersion: undefined }],
    notices: [],
    audit: auditOf(caller, caseId, 'update', now),
    stats: [dueCounter(f)],
  });
  return followupView(f);
}

export async function completeFollowup(
  deps: CaseDeps,
  caseId: string,
  followupId: string,
  outcome: Outcome,
  caller: Caller,
  now: Date,
  note?: string,
): Promise<CompletedFollowup> {
  const { record, followups, f, owner } = await loadFollowup(deps, caseId, followupId, caller);
  if (!owner && !isSupervisor(caller)) throw new ForbiddenError('Not your follow-up');
  const at = now.toISOString();
  const rep = reportOutcome(new Date(f.dueAt), now, f.escalatedAt !== undefined);
  const { tick: _t, ...rest } = f;
  const done: StoredFollowup = {
    ...rest,
    status: 'done',
    outcome,
    ...(note ? { note } : {}),
    completedAt: at,
    completedBy: me(caller),
    reportOutcome: rep,
    version: f.version + 1,
  };
  const stats: StatsDelta[] = [];
  // "missed" was counted by the tick when it escalated; on time / late are counted here, in the month it was due.
  if (rep !== 'missed')
    stats.push({ at: new Date(f.countedDueAt), zone: f.zone, counters: { [rep === 'on_time' ? metric.followupsOnTime : metric.followupsLate]: 1 } });

  const history = followups
    .filter((x) => x.status === 'done' && x.outcome !== undefined && x.id !== f.id)
    .sort((a, b) => (a.completedAt ?? '').localeCompare(b.completedAt ?? ''))
    .map((x) => x.outcome as Outcome);
  history.push(outcome);
  const others = followups.filter((x) => x.status === 'pending' && x.id !== f.id);
  const changes: { next: StoredFollowup; expectedVersion: number | undefined }[] = [{ next: done, expectedVersion: f.version }];
  const notices: CaseNotice[] = [];
  const cadence = deps.cadence ?? DEFAULT_CADENCE;
  let urgent: StoredFollowup | undefined;
  if (twoNotReachedInARow(history)) {
    // Two "not reached" in a row: the next follow-up becomes urgent, and the supervisors are told.
    const next = others[0];
    if (next) {
      urgent = { ...next, urgency: 'urgent', version: next.version + 1 };
      changes.push({ next: urgent, expectedVersion: next.version });
    } else {
      const created = newFollowup(record, urgentFollowup(record.riskLevel, now, cadence), f.officer, now, true);
      changes.push({ next: created, expectedVersion: undefined });
      stats.push(dueCounter(created));
      urgent = created;
    }
    notices.push({
      id: `N-${ulid(now.getTime())}`,
      caseId,
      zone: record.zone,
      officer: urgent.officer,
      kind: 'unreachable',
      followupId: urgent.id,
      dueAt: urgent.dueAt,
      purpose: urgent.purpose,
      createdAt: at,
    });
  } else if (outcome === 'not_reached') {
    // Not reached: try again within the level's first-contact time, by bringing the next follow-up
    // forward (as a raised risk does) or, with none left, planning one.
    const retry = urgentFollowup(record.riskLevel, now, cadence);
    const next = others[0];
    if (!next) {
      const created = newFollowup(record, retry, f.officer, now);
      changes.push({ next: created, expectedVersion: undefined });
      stats.push(dueCounter(created));
    } else if (next.dueAt > retry.dueAt.toISOString()) {
      const iso = retry.dueAt.toISOString();
      changes.push({
        next: { ...withoutReminder(next), dueAt: iso, version: next.version + 1, tick: { stage: 'remind', at: iso } },
        expectedVersion: next.version,
      });
    }
  } else if (others.length === 0) {
    // Never leave an open case without a planned follow-up: plan the next one by the cadence.
    const after = new Date(Math.max(now.getTime(), new Date(f.dueAt).getTime()));
    const created = newFollowup(record, nextFollowup(record.riskLevel, after, cadence), f.officer, now);
    changes.push({ next: created, expectedVersion: undefined });
    stats.push(dueCounter(created));
  }
  await deps.repo.commit({
    caseCheck: { id: caseId, version: record.version },
    followups: changes,
    notices,
    audit: auditOf(caller, caseId, 'complete', now),
    stats,
  });
  return {
    followup: followupView(done),
    ...(urgent ? { urgentFollowupId: urgent.id, supervisorNotified: true } : {}),
    planned: changes.slice(1).map((c) => followupView(c.next)),
  };
}

/** One follow-up changed in place (a new due time, another owner): both versions checked, audited as an update, nothing counted. */
function commitFollowupChange(deps: CaseDeps, caseId: string, caseVersion: number, expectedVersion: number, next: StoredFollowup, caller: Caller, now: Date) {
  return deps.repo.commit({
    caseCheck: { id: caseId, version: caseVersion },
    followups: [{ next, expectedVersion }],
    notices: [],
    audit: auditOf(caller, caseId, 'update', now),
    stats: [],
  });
}

export async function rescheduleFollowup(deps: CaseDeps, caseId: string, followupId: string, dueAt: string, caller: Caller, now: Date) {
  const { record, f, owner } = await loadFollowup(deps, caseId, followupId, caller);
  if (!owner && !isSupervisor(caller)) throw new ForbiddenError('Not your follow-up');
  const due = new Date(dueAt);
  if (due.getTime() < now.getTime() - 60_000) throw new ValidationError('dueAt', 'Must not be in the past');
  const iso = due.toISOString();
  const next: StoredFollowup = { ...withoutReminder(f), dueAt: iso, version: f.version + 1, tick: { stage: 'remind', at: iso } };
  await commitFollowupChange(deps, caseId, record.version, f.version, next, caller, now);
  return followupView(next);
}

export async function reassignFollowup(deps: CaseDeps, caseId: string, followupId: string, officer: string, caller: Caller, now: Date) {
  const { record, f, owner } = await loadFollowup(deps, caseId, followupId, caller);
  if (!owner && !isSupervisor(caller)) throw new ForbiddenError("Only a supervisor or the follow-up's owner reassigns it");
  if (officer === f.officer) throw new ValidationError('officer', 'Already assigned to this officer');
  await requireOfficerOfZone(deps, record.zone, officer);
  const next: StoredFollowup = { ...f, officer, version: f.version + 1 };
  await commitFollowupChange(deps, caseId, record.version, f.version, next, caller, now);
  return followupView(next);
}

/** Overdue / due today / next 7 days (Brussels days). Officers: their own; supervisors: the team (optionally one zone or officer). */
export async function listFollowups(
  deps: CaseDeps,
  q: { zone?: string | undefined; officer?: string | undefined },
  caller: Caller,
  now: Date,
): Promise<FollowupBuckets> {
  if (!isSupervisor(caller) && (q.zone !== undefined || (q.officer !== undefined && q.officer !== me(caller))))
    throw new ForbiddenError('Officers see their own follow-ups');
  const zone = zoneOf(caller.principal);
  if (q.zone !== undefined && q.zone !== zone) throw new ForbiddenError('Your own zone only');
  const filter = isSupervisor(caller) ? { zone, ...(q.officer ? { officer: q.officer } : {}) } : { officer: me(caller), zone };
  const [y, m, d] = addDays(brusselsDay(now), 8).split('-').map(Number) as [number, number, number];
  const until = new Date(brusselsToUtc(y, m, d, 0, 0)).toISOString();
  const items = await deps.repo.pendingFollowups(until, filter);
  const out = { overdue: [] as FollowupView[], today: [] as FollowupView[], next7Days: [] as FollowupView[] };
  for (const f of items.sort((a, b) => a.dueAt.localeCompare(b.dueAt))) {
    const b = bucketOf(new Date(f.dueAt), now);
    if (b !== 'later') out[b].push(followupView(f));
  }
  const caseIds = [...new Set([...out.overdue, ...out.today, ...out.next7Days].map((f) => f.caseId))];
  // Each card shows her safe-contact preferences before anything else: opened per listed case (the list is audited).
  const safeContacts: FollowupBuckets['safeContacts'] = {};
  for (const id of caseIds) {
    const found = await deps.repo.load(id);
    if (found?.record.safeContact) safeContacts[id] = found.record.safeContact;
  }
  await deps.repo.audit([...new Set(items.map((f) => f.caseId))].map((id) => auditOf(caller, id, 'list', now)));
  return { ...out, safeContacts, generatedAt: now.toISOString() };
}
