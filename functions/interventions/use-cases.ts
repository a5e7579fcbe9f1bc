import { ulid } from 'ulid';
import type { CreateCaseBody, ViolenceKind } from '../../shared/cases/index.js';
import { ForbiddenError, NotFoundError, ValidationError } from '../../shared/errors.js';
import type { CreateInterventionBody, InterventionReceipt, InterventionRecord, ViolenceForm } from '../../shared/interventions/api.js';
import { metric } from '../../shared/metrics.js';
import type { AuditEntry } from '../lib/audit.js';
import { inZone, zoneOf } from '../lib/scope.js';
import type { StatsDelta } from '../cases/repository.js';
import type { Caller } from '../lib/auth.js';
import { openingChange, planCase, requireOfficerOfZone, type CaseDeps } from '../cases/use-cases.js';
import { policeReferralOf } from '../fjc/police-referral.js';
import type { InterventionRepository } from './repository.js';

export interface InterventionDeps {
  repo: InterventionRepository;
  /** The cases capability's dependencies: the case is planned by its own use case, with its cadence. */
  cases: CaseDeps;
  /** New ids (tests give fixed ones to make a part of the transaction fail). */
  newId?: (now: Date) => string;
}

const PHYSICAL: readonly ViolenceForm[] = ['physical', 'sexual'];
/** The case's coarser kind (its report split): sexual violence counts as physical, economic and digital as psychological. */
export function caseKindOf(forms: readonly ViolenceForm[]): ViolenceKind {
  const physical = forms.some((f) => PHYSICAL.includes(f));
  const psychological = forms.some((f) => !PHYSICAL.includes(f));
  return physical && psychological ? 'both' : physical ? 'physical' : 'psychological';
}

type SubstanceUse = CreateInterventionBody['substanceUse']['victim']['use'];
/** Use recorded on one side: yes, no, or unknown (counted under neither). */
const usedSomething = (use: SubstanceUse): 'yes' | 'no' | undefined => (use === 'not_known' ? undefined : use === 'none' ? 'no' : 'yes');

/** The officer who follows the family up: the one named (an active officer of the zone), else the zone's first active officer. */
async function officerFor(deps: InterventionDeps, zone: string, named: string | undefined): Promise<string> {
  if (named !== undefined) {
    await requireOfficerOfZone(deps.cases, zone, named);
    return named;
  }
  const officers = (await deps.cases.directory.officersOfZone(zone)).filter((o) => o.active && o.roles.includes('officer'));
  officers.sort((a, b) => a.username.localeCompare(b.username));
  const first = officers[0];
  if (!first) throw new ValidationError('officer', 'No active officer in this zone to follow the family up; name one');
  return first.username;
}

/** The report counters of one intervention (added in the same transaction as the record). */
export function interventionCounters(body: CreateInterventionBody): Record<string, number> {
  const counters: Record<string, number> = { [metric.interventions]: 1 };
  const add = (name: string, n = 1) => {
    if (n > 0) counters[name] = (counters[name] ?? 0) + n;
  };
  for (const kind of body.violence) add(metric.interventionsByKind(kind));
  add(metric.interventionChildren('present'), body.children.filter((c) => c.presence === 'present').length);
  add(metric.interventionChildren('witness'), body.children.filter((c) => c.presence === 'witness').length);
  if (body.actions.childrenSecured) add(metric.interventionChildren('secured'), body.children.length);
  if (body.actions.homeBan) add(metric.interventionHomeBans);
  if (body.actions.arrest) add(metric.interventionArrests);
  add(metric.interventionFjc(body.fjcIntroduction));
  for (const side of ['aggressor', 'victim'] as const) {
    const yn = usedSomething(body.substanceUse[side].use);
    if (yn) add(metric.interventionSubstance(side, yn));
  }
  return counters;
}

const auditOf = (caller: Caller, entity: 'intervention' | 'case', id: string, action: AuditEntry['action'], at: Date): AuditEntry => ({
  entity,
  entityId: id,
  action,
  route: caller.route,
  principal: caller.principal,
  at,
});

/**
 * Records an intervention: the record (sealed), the case it opens for the follow-up officer with the
 * cadence of its risk level, the FJC introduction on the case and, when it was made, the police FJC
 * referral to the zone's case directors (functions/fjc/police-referral.ts), the report counters and both
 * audit records, in ONE transaction. The police officer records in their own zone only.
 */
export async function recordIntervention(deps: InterventionDeps, body: CreateInterventionBody, caller: Caller, now: Date): Promise<InterventionReceipt> {
  if (body.zone !== zoneOf(caller.principal)) throw new ForbiddenError('Interventions are recorded in your own zone');
  const officer = await officerFor(deps, body.zone, body.officer);
  const [victim] = body.victims;
  if (!victim) throw new ValidationError('victims', 'At least one victim');
  const id = deps.newId?.(now) ?? `IV-${ulid(now.getTime())}`;
  const anyUse = [body.substanceUse.aggressor.use, body.substanceUse.victim.use].some((u) => usedSomething(u) === 'yes');
  const caseBody: CreateCaseBody = {
    victimRef: victim.ref,
    zone: body.zone,
    interventionDate: body.date,
    kind: caseKindOf(body.violence),
    children: body.children.length > 0,
    substanceAbuse: anyUse,
    victimGender: victim.gender,
    aggressorGender: body.aggressor.gender,
    dashYes: body.risk.dashYes,
    riskLevel: body.risk.riskLevel,
    riskReason: body.risk.riskReason,
    officer,
    fjcIntroduction: body.fjcIntroduction,
    bookingRefs: [],
    orderIds: body.actions.orderId ? [body.actions.orderId] : [],
  };
  const opening = await planCase(deps.cases, caseBody, caller.principal.username, officer, now, { interventionId: id });
  const stats: StatsDelta[] = [...opening.stats, { at: now, zone: body.zone, counters: interventionCounters(body) }];
  const at = now.toISOString();
  const record: InterventionRecord = { ...body, id, version: 1, caseId: opening.record.id, officer, recordedAt: at, recordedBy: caller.principal.username };
  const fjcReferral = policeReferralOf(body.fjcIntroduction, {
    policeCaseId: opening.record.id,
    interventionId: id,
    zone: body.zone,
    district: body.district,
    riskLevel: opening.record.riskLevel,
    children: body.children.length,
    referredAt: at,
    referredBy: caller.principal.username,
  });
  await deps.repo.commit({
    record,
    audit: auditOf(caller, 'intervention', id, 'create', now),
    caseOpening: { ...openingChange(opening, auditOf(caller, 'case', opening.record.id, 'create', now)), stats },
    ...(fjcReferral ? { fjcReferral } : {}),
  });
  return {
    id,
    caseId: opening.record.id,
    officer,
    riskLevel: opening.record.riskLevel,
    fjcIntroduction: opening.record.fjcIntroduction,
    fjcReferral: fjcReferral !== undefined,
    followups: opening.followups.map((f) => ({ id: f.id, dueAt: f.dueAt, purpose: f.purpose })),
  };
}

/** One intervention of the caller's zone (another zone's is answered as if it did not exist); the read is audited. */
export async function getIntervention(deps: InterventionDeps, id: string, caller: Caller, now: Date): Promise<InterventionRecord> {
  const found = await deps.repo.load(id);
  if (!found || !inZone(caller.principal, found.zone)) throw new NotFoundError('No such intervention');
  await deps.repo.audit(auditOf(caller, 'intervention', id, 'read', now));
  return found;
}
