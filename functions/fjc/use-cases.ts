import { randomBytes, scryptSync } from 'node:crypto';
import { ulid } from 'ulid';
import { ConflictError, ForbiddenError, NotFoundError, TooManyAttemptsError, ValidationError } from '../../shared/errors.js';
import type {
  ActionView,
  ConsultationView,
  DirectorDashboard,
  FjcCaseSummary,
  FjcCaseView,
  FromBookingBody,
  OpenFjcCaseBody,
  PartnerInbox,
  PoliceReferralBody,
  ReferralView,
  SharedFromSpace,
  VictimView,
} from '../../shared/fjc/api.js';
import type { SafetyPlan } from '../../shared/space/plan.js';
import type {
  ActionRecord,
  ActionStatus,
  CaseOrigin,
  ConsentHow,
  ConsentKind,
  ConsentRecord,
  ConsultationRecord,
  FjcCaseRecord,
  LegalBasis,
  PoliceReferralRecord,
  ReferralRecord,
} from '../../shared/fjc/model.js';
import { CLOSED_RETENTION_DAYS, FJC_INTAKE_SERVICES, firstContactBucket } from '../../shared/fjc/model.js';
import { metric } from '../../shared/metrics.js';
import { disclosure, whoKnows, type CaseFacts, type Disclosure, type Viewer } from '../../shared/fjc/policy.js';
import { partnerById, type PartnerId } from '../../shared/partners.js';
import { formatProtectionCode, normalizeProtectionCode } from '../../shared/zones/index.js';
import type { AuditAction, AuditEntry } from '../lib/audit.js';
import type { Caller, Principal } from '../lib/auth.js';
import type { Item, TransactItem } from '../lib/dynamo.js';
import { pick } from '../lib/pick.js';
import { zoneOf } from '../lib/scope.js';
import { statsAdd } from '../lib/stats.js';
import { fjcKeys } from './keys.js';
import type { FjcRepository, StoredCase } from './repository.js';

/**
 * The FJC family case's use cases. Every read decides with ONE policy (shared/fjc/policy.ts `disclosure`)
 * on the facts of one consistent read, opens only the sealed items the policy lets the reader see, and
 * writes an audit record before it answers. Every change is one transaction with its audit record.
 */
export interface FjcDeps {
  repo: FjcRepository;
}

const AUDIT_ENTITY = 'fjc-case';
/** A consent older than this, still standing, is confirmed with her again. */
export const CONSENT_RENEW_MS = 365 * 24 * 3_600_000;

const me = (c: Caller) => c.principal.username;
const isDirector = (c: Caller) => c.principal.roles.includes('case_director');

export function viewerOf(c: Caller): Viewer {
  return isDirector(c) ? { kind: 'director', zone: c.principal.zone } : { kind: 'partner', partnerId: c.principal.partner };
}

function audit(c: Caller, caseId: string, action: AuditAction, at: Date): AuditEntry {
  return { entity: AUDIT_ENTITY, entityId: caseId, action, route: c.route, principal: c.principal, at };
}

/** The partner organisation on the caller's token (a partner worker without one reaches nothing). */
function partnerOf(c: Caller): PartnerId {
  const p = c.principal.partner;
  if (!p || !partnerById(p)) throw new ForbiddenError('Your account names no partner organisation; ask for one to be assigned');
  return p as PartnerId;
}

export function factsOf(s: StoredCase): CaseFacts {
  return { zone: s.header.zone, status: s.header.status, referrals: s.referrals, consents: s.consents, consultations: s.consultations };
}

/** The report counters of one change (shared/metrics.ts), in its own transaction. */
const counted = (deps: FjcDeps, at: Date, zone: string, counters: Record<string, number>): TransactItem => statsAdd(deps.repo.table, at, zone, counters);
const kindOf = (partnerId: string) => partnerById(partnerId)?.kind ?? 'unknown';

function openingItems(deps: FjcDeps, record: FjcCaseRecord, now: Date): TransactItem[] {
  return [counted(deps, now, record.zone, { [metric.fjcFamiliesOpened]: 1, [metric.fjcFamiliesByOrigin(record.origin)]: 1 })];
}

/** The case and what the policy lets this caller know of it; a case it may not know of is a 404, as if absent. */
async function loadFor(deps: FjcDeps, id: string, caller: Caller, now: Date): Promise<{ s: StoredCase; d: Disclosure }> {
  const s = await deps.repo.load(id);
  if (!s) throw new NotFoundError('No such case');
  const d = disclosure(viewerOf(caller), factsOf(s), now);
  if (!d.visible) throw new NotFoundError('No such case');
  return { s, d };
}

async function loadHeld(deps: FjcDeps, id: string, caller: Caller, now: Date) {
  const found = await loadFor(deps, id, caller, now);
  if (!found.d.holds) throw new ForbiddenError('Only the case director changes this');
  if (found.s.header.status !== 'open') throw new ConflictError('The case is closed', 'status');
  return found;
}

function referralView(r: ReferralRecord, now: Date, withReason: boolean): ReferralView {
  return {
    partnerId: r.partnerId,
    status: r.status,
    referredAt: r.referredAt,
    firstContactDue: r.firstContactDue,
    overdue: r.status === 'pending' && Date.parse(r.firstContactDue) <= now.getTime(),
    ...(r.decidedAt ? { decidedAt: r.decidedAt } : {}),
    ...(r.escalatedAt ? { escalatedAt: r.escalatedAt } : {}),
    ...(withReason && r.reason ? { reason: r.reason } : {}),
  };
}

const isLate = (a: Pick<ActionRecord, 'status' | 'dueAt'>, now: Date) =>
  (a.status === 'open' || a.status === 'in_progress') && Date.parse(a.dueAt) <= now.getTime();

function actionView(a: ActionRecord, now: Date): ActionView {
  return {
    id: a.id,
    caseId: a.caseId,
    title: a.title,
    ownerPartner: a.ownerPartner,
    dueAt: a.dueAt,
    status: a.status,
    late: isLate(a, now),
    ...(a.consultationId ? { consultationId: a.consultationId } : {}),
  };
}

/** Builds the answer from exactly what `d` allows: nothing else is opened or copied. */
async function caseView(deps: FjcDeps, s: StoredCase, d: Disclosure, caller: Caller, now: Date): Promise<FjcCaseView> {
  const { header } = s;
  const sections = new Set(d.sections);
  const needsSealed =
    sections.has('contact') || sections.has('children') || sections.has('notes') || sections.has('orders') || (d.holds && header.closedAt !== undefined);
  const record = needsSealed ? await deps.repo.openCase(s) : undefined;
  const partner = caller.principal.partner;
  const ownReferrals = d.holds ? s.referrals : s.referrals.filter((r) => r.partnerId === partner);
  const referrals: ReferralView[] = [];
  for (const r of ownReferrals) {
    const withReason = r.status === 'declined';
    const full = withReason ? { ...r, ...(await deps.repo.opened<Pick<ReferralRecord, 'reason'>>(header.id, r.item)) } : r;
    referrals.push(referralView(full, now, withReason));
  }
  const consultations: ConsultationView[] = [];
  for (const c of s.consultations.filter((x) => d.minutes.includes(x.id))) {
    const summaryAllowed = d.summaries.includes(c.id);
    const sealed = summaryAllowed || c.hasMinutes ? await deps.repo.opened<ConsultationRecord>(header.id, c.item) : undefined;
    consultations.push(consultationView(c, sealed, summaryAllowed, now));
  }
  const actions: ActionView[] = [];
  for (const a of s.actions.filter((x) => d.holds || x.ownerPartner === partner)) {
    actions.push(actionView(await deps.repo.opened<ActionRecord>(header.id, a.item), now));
  }
  return {
    id: header.id,
    zone: header.zone,
    status: header.status,
    origin: header.origin,
    openedAt: header.openedAt,
    sections: d.sections,
    referrals,
    ...(record && sections.has('contact') ? { contact: { ...(record.contact ?? {}), victimRefs: record.family.victims.map((v) => v.ref) } } : {}),
    ...(sections.has('risk')
      ? { risk: { ...(header.riskLevel ? { riskLevel: header.riskLevel } : {}), ...(header.policeCaseId ? { policeCaseId: header.policeCaseId } : {}) } }
      : {}),
    ...(record && sections.has('children') ? { children: record.family.children } : {}),
    ...(record && sections.has('orders')
      ? {
          orders: {
            orderIds: header.orderIds,
            bookingRefs: header.bookingRefs,
            ...(record.family.aggressor ? { aggressorRef: record.family.aggressor.ref } : {}),
          },
        }
      : {}),
    ...(record && sections.has('notes') ? { notes: record.notes } : {}),
    consultations,
    actions,
    ...(d.holds
      ? {
          consents: s.consents,
          version: header.version,
          ...(header.victimCodeIssuedAt ? { victimCodeIssuedAt: header.victimCodeIssuedAt } : {}),
          ...(header.closedAt ? { closed: { at: header.closedAt, by: header.closedBy ?? '', reason: record?.closeReason ?? '' } } : {}),
        }
      : {}),
  };
}

function consultationView(
  c: Omit<ConsultationRecord, 'summary' | 'minutes'>,
  sealed: ConsultationRecord | undefined,
  summaryAllowed: boolean,
  now: Date,
): ConsultationView {
  const t = now.getTime();
  return {
    id: c.id,
    purpose: c.purpose,
    legalBasis: c.legalBasis,
    startsAt: c.startsAt,
    endsAt: c.endsAt,
    participants: c.participants,
    running: Date.parse(c.startsAt) <= t && t < Date.parse(c.endsAt),
    ...(summaryAllowed && sealed ? { summary: sealed.summary } : {}),
    ...(sealed?.minutes ? { minutes: sealed.minutes } : {}),
  };
}

export async function getFjcCase(deps: FjcDeps, id: string, caller: Caller, now: Date): Promise<FjcCaseView> {
  const { s, d } = await loadFor(deps, id, caller, now);
  await deps.repo.audit([audit(caller, id, 'read', now)]);
  return caseView(deps, s, d, caller, now);
}

/**
 * What she shared from her space with the case. The policy decides: the share is a note of hers, so it
 * shows where the case's `notes` section does (its director; a partner on a referral she consented to
 * for notes) and only while the case is open. Only her words go out: no space id, no chain hash.
 */
export async function getSpaceShares(deps: FjcDeps, id: string, caller: Caller, now: Date): Promise<{ shares: SharedFromSpace[] }> {
  const { s, d } = await loadFor(deps, id, caller, now);
  await deps.repo.audit([audit(caller, id, 'read', now)]);
  if (s.header.status !== 'open' || !d.sections.includes('notes')) return { shares: [] };
  const opened = await deps.repo.spaceShares(id);
  return {
    shares: opened.map((i) => sharedView(i.id, i.sharedAt, i.content as SharedContent)).sort((a, b) => a.sharedAt.localeCompare(b.sharedAt)),
  };
}

type SharedContent = { plan?: SafetyPlan; entries?: { seq: number; receivedAt: string; text: string }[] };

function sharedView(id: unknown, sharedAt: unknown, content: SharedContent): SharedFromSpace {
  const entries = (content.entries ?? []).map((e) => ({ seq: e.seq, receivedAt: e.receivedAt, text: e.text }));
  const kinds: SharedFromSpace['kinds'] = [...(content.plan ? (['plan'] as const) : []), ...(entries.length > 0 ? (['entries'] as const) : [])];
  return { id: String(id), sharedAt: String(sharedAt), kinds, ...(content.plan ? { plan: content.plan } : {}), entries };
}

// ---- opening a case

function caseItem(r: FjcCaseRecord): Item {
  return { ...fjcKeys.case(r.id), type: 'FJC_CASE', ...r, ...fjcKeys.zoneIndex(r.zone, r.openedAt, r.id) };
}

/** `zone`: the case's, for the escalation's routing attribute (the tick reads nothing else of the case). */
function referralItem(r: ReferralRecord, zone: string, queued: boolean): Item {
  return {
    ...fjcKeys.referral(r.caseId, r.partnerId),
    type: 'FJC_REFERRAL',
    id: `${r.caseId}:${r.partnerId}`,
    zone,
    ...r,
    ...fjcKeys.partnerIndex(r.partnerId, 'REFERRAL', r.referredAt, r.caseId),
    ...(queued ? { tickStage: 'notice', tickAt: r.firstContactDue, ...fjcKeys.dueIndex(`${r.caseId}:${r.partnerId}`, r.firstContactDue) } : {}),
  };
}

function newRecord(
  input: Pick<OpenFjcCaseBody, 'victimRefs' | 'aggressorRef' | 'children' | 'contact' | 'note'>,
  extra: {
    zone: string;
    origin: CaseOrigin;
    riskLevel?: FjcCaseRecord['riskLevel'];
    policeCaseId?: string;
    openedByPartner?: PartnerId;
    orderIds?: string[];
    bookingRefs?: string[];
  },
  caller: Caller,
  now: Date,
): FjcCaseRecord {
  const at = now.toISOString();
  return {
    id: `FJ-${ulid(now.getTime())}`,
    version: 1,
    status: 'open',
    zone: extra.zone,
    origin: extra.origin,
    ...(extra.policeCaseId ? { policeCaseId: extra.policeCaseId } : {}),
    ...(extra.openedByPartner ? { openedByPartner: extra.openedByPartner } : {}),
    ...(extra.riskLevel ? { riskLevel: extra.riskLevel } : {}),
    orderIds: extra.orderIds ?? [],
    bookingRefs: extra.bookingRefs ?? [],
    family: {
      victims: input.victimRefs.map((ref) => ({ ref })),
      ...(input.aggressorRef ? { aggressor: { ref: input.aggressorRef } } : {}),
      children: input.children,
    },
    ...(input.contact ? { contact: input.contact } : {}),
    notes: input.note ? [{ at, by: me(caller), text: input.note }] : [],
    openedAt: at,
    openedBy: me(caller),
    updatedAt: at,
  };
}

const RISK = new Set(['standard', 'medium', 'high']);

/**
 * A police FJC referral: the police case (of the caller's zone; another zone's is answered as absent)
 * becomes ONE family case, with its risk level, orders and bookings linked. The one path for both: police
 * referring a case themselves, and a case director opening the family case from the referral an
 * intervention wrote (functions/fjc/police-referral.ts), which is removed in the same transaction. A
 * second referral of the same police case is a 409 naming the family case it already is.
 */
export async function referFromPolice(deps: FjcDeps, body: PoliceReferralBody, caller: Caller, now: Date): Promise<FjcCaseView> {
  const zone = zoneOf(caller.principal);
  const pc = await deps.repo.policeCase(body.policeCaseId);
  if (!pc || pc.zone !== zone) throw new NotFoundError('No such police case in your zone');
  if (pc.status !== 'open') throw new ConflictError('The police case is closed', 'policeCaseId');
  const existing = await deps.repo.existingForPoliceCase(pc.id);
  if (existing) throw new ConflictError(`This police case is already family case ${existing}`, 'policeCaseId');
  const waiting = await deps.repo.policeReferral(pc.id);
  const record = newRecord(
    body,
    {
      zone,
      origin: 'police',
      policeCaseId: pc.id,
      orderIds: pc.orderIds,
      bookingRefs: pc.bookingRefs,
      ...(RISK.has(pc.riskLevel) ? { riskLevel: pc.riskLevel as FjcCaseRecord['riskLevel'] } : {}),
    },
    caller,
    now,
  );
  await commitLinked(
    deps,
    record,
    { ...fjcKeys.policeLink(pc.id), type: 'FJC_POLICE_LINK', policeCaseId: pc.id },
    waiting ? [{ Delete: { TableName: deps.repo.table, Key: fjcKeys.policeReferral(pc.id), ConditionExpression: 'attribute_exists(pk)' } }] : [],
    caller,
    now,
    'This police case was referred meanwhile; reload it',
  );
  return directorView(record);
}

/** A new case with the link that makes it the only one of its police case or booking, counted and audited, in one transaction. */
async function commitLinked(deps: FjcDeps, record: FjcCaseRecord, link: Item, extra: TransactItem[], caller: Caller, now: Date, conflict: string) {
  await deps.repo.commit(
    [
      { Put: { TableName: deps.repo.table, Item: await deps.repo.sealed(record.id, caseItem(record)), ConditionExpression: 'attribute_not_exists(pk)' } },
      { Put: { TableName: deps.repo.table, Item: { ...link, caseId: record.id, at: record.openedAt }, ConditionExpression: 'attribute_not_exists(pk)' } },
      ...extra,
      ...openingItems(deps, record, now),
    ],
    audit(caller, record.id, 'create', now),
    conflict,
  );
}

/** What the opener gets back: the case's own fields (the opener gave them). */
function directorView(r: FjcCaseRecord): FjcCaseView {
  return { ...pick(r, ['id', 'zone', 'status', 'origin', 'openedAt']), sections: [], referrals: [], consultations: [], actions: [], version: r.version };
}

/** A case opened by a case director, or by a partner for its own organisation (then referred to it, accepted). */
export async function openFjcCase(deps: FjcDeps, body: OpenFjcCaseBody, caller: Caller, now: Date): Promise<FjcCaseView> {
  const zone = zoneOf(caller.principal);
  const partner = isDirector(caller) ? undefined : partnerOf(caller);
  const record = newRecord(
    body,
    {
      zone,
      origin: partner ? 'partner' : 'director',
      ...(partner ? { openedByPartner: partner } : {}),
      ...(body.riskLevel ? { riskLevel: body.riskLevel } : {}),
    },
    caller,
    now,
  );
  const items: TransactItem[] = [
    { Put: { TableName: deps.repo.table, Item: await deps.repo.sealed(record.id, caseItem(record)), ConditionExpression: 'attribute_not_exists(pk)' } },
  ];
  if (partner) {
    const at = record.openedAt;
    const own: ReferralRecord = {
      caseId: record.id,
      partnerId: partner,
      status: 'accepted',
      referredAt: at,
      referredBy: me(caller),
      firstContactDue: at,
      decidedAt: at,
      decidedBy: me(caller),
    };
    items.push({ Put: { TableName: deps.repo.table, Item: referralItem(own, zone, false), ConditionExpression: 'attribute_not_exists(pk)' } });
  }
  await deps.repo.commit([...items, ...openingItems(deps, record, now)], audit(caller, record.id, 'create', now));
  return directorView(record);
}

/**
 * A case director opens a family case from the victim's own booking of an FJC intake service
 * (shared/fjc/model.ts `FJC_INTAKE_SERVICES`) of her zone: the booking is linked by its reference, nothing
 * of it is copied (its PIN, alias and needs stay sealed in the booking). One family case per booking.
 */
export async function openFromBooking(deps: FjcDeps, body: FromBookingBody, caller: Caller, now: Date): Promise<FjcCaseView> {
  const zone = zoneOf(caller.principal);
  const booking = await deps.repo.booking(body.bookingReference);
  if (!booking || booking.zone !== zone) throw new NotFoundError('No such booking in your zone');
  if (!FJC_INTAKE_SERVICES.includes(booking.serviceId)) throw new ValidationError('bookingReference', 'Not a booking of an FJC intake service');
  if (booking.status === 'cancelled') throw new ConflictError('The booking was cancelled', 'bookingReference');
  const existing = await deps.repo.existingForBooking(booking.reference);
  if (existing) throw new ConflictError(`This booking is already family case ${existing}`, 'bookingReference');
  const record = newRecord(
    body,
    { zone, origin: 'booking', bookingRefs: [booking.reference], ...(body.riskLevel ? { riskLevel: body.riskLevel } : {}) },
    caller,
    now,
  );
  await commitLinked(
    deps,
    record,
    { ...fjcKeys.bookingLink(booking.reference), type: 'FJC_BOOKING_LINK' },
    [],
    caller,
    now,
    'This booking became a family case meanwhile; reload it',
  );
  return directorView(record);
}

// ---- closing

/** Every attribute that puts an item in a queue, a list or an inbox: a closed case is in none of them. */
const LISTED = 'gsi1pk, gsi1sk, gsi2pk, gsi2sk, tickStage, tickAt, leaseUntil, leaseToken, attempts';
/** DynamoDB's limit of one transaction. */
const TRANSACTION_LIMIT = 100;

/**
 * The case director closes the family case with a reason (sealed). In ONE transaction: the case closed
 * (version-checked), every referral and action out of the escalation queue, the inboxes and the zone's
 * lists; the victim's code and its lookup deleted; the families counter; the audit record. Every item of
 * the case (and its police and booking links) gets the retention TTL (`CLOSED_RETENTION_DAYS`); a
 * partition beyond one transaction's size gets the rest of its TTLs in further writes, each idempotent.
 * From then on the policy shows a partner nothing of it (shared/fjc/policy.ts).
 */
export async function closeCase(deps: FjcDeps, id: string, reason: string, caller: Caller, now: Date): Promise<FjcCaseView> {
  const { s } = await loadHeld(deps, id, caller, now);
  const record = await deps.repo.openCase(s);
  const at = now.toISOString();
  const expiresAt = Math.floor(now.getTime() / 1000) + CLOSED_RETENTION_DAYS * 86_400;
  const next: FjcCaseRecord = {
    ...record,
    version: record.version + 1,
    status: 'closed',
    closedAt: at,
    closedBy: me(caller),
    closeReason: reason,
    updatedAt: at,
  };
  const caseUpdate: TransactItem = {
    Put: {
      TableName: deps.repo.table,
      // Still on the zone's list: the director sees it closed until it expires.
      Item: { ...(await deps.repo.sealed(id, caseItem(next))), expiresAt },
      ConditionExpression: '#v = :v',
      ExpressionAttributeNames: { '#v': 'version' },
      ExpressionAttributeValues: { ':v': record.version },
    },
  };
  const hash = await deps.repo.codePointer(id);
  const essential: TransactItem[] = [
    caseUpdate,
    ...(hash
      ? [{ Delete: { TableName: deps.repo.table, Key: fjcKeys.code(hash) } }, { Delete: { TableName: deps.repo.table, Key: fjcKeys.codePointer(id) } }]
      : []),
    counted(deps, now, s.header.zone, { [metric.fjcFamiliesClosed]: 1 }),
  ];
  const stamp = (key: Item, unlist: boolean): TransactItem => ({
    Update: {
      TableName: deps.repo.table,
      Key: key,
      UpdateExpression: `SET expiresAt = :exp${unlist ? ` REMOVE ${LISTED}` : ''}`,
      ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeValues: { ':exp': expiresAt },
    },
  });
  const others = (await deps.repo.raw(id)).filter((i) => i.sk !== 'CASE' && i.sk !== 'CODE');
  // Items in a queue or an inbox go first: they must leave it with the closing itself.
  const listed = others.filter((i) => i.gsi1pk !== undefined || i.gsi2pk !== undefined).map((i) => stamp({ pk: i.pk, sk: i.sk }, true));
  const links = [
    ...(s.header.policeCaseId ? [fjcKeys.policeLink(s.header.policeCaseId)] : []),
    ...(s.header.origin === 'booking' ? s.header.bookingRefs.map((r) => fjcKeys.bookingLink(r)) : []),
  ];
  const rest = [
    ...others.filter((i) => i.gsi1pk === undefined && i.gsi2pk === undefined).map((i) => stamp({ pk: i.pk, sk: i.sk }, false)),
    ...links.map((k) => stamp(k, false)),
  ];
  const room = TRANSACTION_LIMIT - 1 - essential.length; // one for the audit record
  if (listed.length > room) throw new ConflictError('This case has too many open referrals and actions to close at once; finish some first', 'status');
  const first = [...essential, ...listed, ...rest.slice(0, room - listed.length)];
  await deps.repo.commit(first, audit(caller, id, 'close', now), 'The case was changed meanwhile; reload it and try again');
  const later = rest.slice(room - listed.length);
  for (let i = 0; i < later.length; i += TRANSACTION_LIMIT) await deps.repo.transactOnly(later.slice(i, i + TRANSACTION_LIMIT));
  return { ...directorView(next), closed: { at, by: me(caller), reason } };
}

// ---- consent

/** A director records consent for any partner; a partner worker for its own organisation, on a case referred to it. */
function mayRecordFor(d: Disclosure, caller: Caller, partnerId: PartnerId): void {
  if (d.holds) return;
  if (partnerOf(caller) !== partnerId) throw new ForbiddenError('A partner records consents for its own organisation only');
  if (!d.referral || d.referral === 'declined') throw new ForbiddenError('The case is not referred to your organisation');
}

export async function recordConsent(
  deps: FjcDeps,
  id: string,
  body: { partnerId: PartnerId; kinds: ConsentKind[]; how: ConsentHow; givenBy: 'victim' | 'representative'; givenAt?: string | undefined },
  caller: Caller,
  now: Date,
): Promise<{ consents: ConsentRecord[] }> {
  const { s, d } = await loadFor(deps, id, caller, now);
  mayRecordFor(d, caller, body.partnerId);
  if (s.header.status !== 'open') throw new ConflictError('The case is closed', 'status');
  const givenAt = body.givenAt ?? now.toISOString();
  if (Date.parse(givenAt) > now.getTime() + 60_000) throw new ValidationError('givenAt', 'Must not be in the future');
  const consents: ConsentRecord[] = body.kinds.map((kind) => ({
    partnerId: body.partnerId,
    kind,
    givenBy: body.givenBy,
    givenAt,
    how: body.how,
    recordedBy: me(caller),
  }));
  await deps.repo.commit(
    consents.map((c) => ({ Put: { TableName: deps.repo.table, Item: { ...fjcKeys.consent(id, c.partnerId, c.kind), type: 'FJC_CONSENT', ...c } } })),
    audit(caller, id, 'record-consent', now),
  );
  return { consents };
}

function withdrawItems(table: string, id: string, partnerId: string, kinds: readonly ConsentKind[], by: string, now: Date): TransactItem[] {
  return kinds.map((kind) => ({
    Update: {
      TableName: table,
      Key: fjcKeys.consent(id, partnerId, kind),
      UpdateExpression: 'SET withdrawnAt = :now, withdrawnBy = :by',
      ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(withdrawnAt)',
      ExpressionAttributeValues: { ':now': now.toISOString(), ':by': by },
    },
  }));
}

function standing(s: StoredCase, partnerId: string, kinds: readonly ConsentKind[]): ConsentKind[] {
  return kinds.filter((k) => s.consents.some((c) => c.partnerId === partnerId && c.kind === k && c.withdrawnAt === undefined));
}

/** Staff record that she withdrew a consent: the partner loses the section at its next read. */
export async function withdrawConsent(
  deps: FjcDeps,
  id: string,
  body: { partnerId: PartnerId; kinds: ConsentKind[] },
  caller: Caller,
  now: Date,
): Promise<{ withdrawn: ConsentKind[] }> {
  const { s, d } = await loadFor(deps, id, caller, now);
  if (!d.holds && partnerOf(caller) !== body.partnerId) throw new ForbiddenError('A partner records withdrawals for its own organisation only');
  const kinds = standing(s, body.partnerId, body.kinds);
  if (kinds.length > 0)
    await deps.repo.commit(withdrawItems(deps.repo.table, id, body.partnerId, kinds, me(caller), now), audit(caller, id, 'withdraw-consent', now));
  return { withdrawn: kinds };
}

// ---- notes

export async function addNote(deps: FjcDeps, id: string, text: string, caller: Caller, now: Date) {
  const { s } = await loadHeld(deps, id, caller, now);
  const record = await deps.repo.openCase(s);
  const note = { at: now.toISOString(), by: me(caller), text };
  const next: FjcCaseRecord = { ...record, version: record.version + 1, notes: [...record.notes, note], updatedAt: note.at };
  await deps.repo.commit(
    [
      {
        Put: {
          TableName: deps.repo.table,
          Item: await deps.repo.sealed(id, caseItem(next)),
          ConditionExpression: '#v = :v',
          ExpressionAttributeNames: { '#v': 'version' },
          ExpressionAttributeValues: { ':v': record.version },
        },
      },
    ],
    audit(caller, id, 'update', now),
  );
  return note;
}

// ---- referrals

export async function refer(
  deps: FjcDeps,
  id: string,
  body: { partnerId: PartnerId; firstContactDue: string },
  caller: Caller,
  now: Date,
): Promise<ReferralView> {
  const { s } = await loadHeld(deps, id, caller, now);
  if (Date.parse(body.firstContactDue) <= now.getTime()) throw new ValidationError('firstContactDue', 'Must be in the future');
  const before = s.referrals.find((r) => r.partnerId === body.partnerId);
  if (before && before.status !== 'declined') throw new ConflictError('The family is already referred to this partner', 'partnerId');
  const r: ReferralRecord = {
    caseId: id,
    partnerId: body.partnerId,
    status: 'pending',
    referredAt: now.toISOString(),
    referredBy: me(caller),
    firstContactDue: body.firstContactDue,
  };
  await deps.repo.commit(
    [
      {
        Put: {
          TableName: deps.repo.table,
          Item: referralItem(r, s.header.zone, true),
          // Only anew, or again after a decline.
          ConditionExpression: 'attribute_not_exists(pk) OR #s = :declined',
          ExpressionAttributeNames: { '#s': 'status' },
          ExpressionAttributeValues: { ':declined': 'declined' },
        },
      },
      counted(deps, now, s.header.zone, { [metric.fjcReferrals(kindOf(r.partnerId))]: 1 }),
    ],
    audit(caller, id, 'update', now),
  );
  return referralView(r, now, false);
}

/** The referred partner accepts or declines; either takes it out of the escalation queue. */
export async function decide(
  deps: FjcDeps,
  id: string,
  partnerId: PartnerId,
  decision: { accept: true } | { accept: false; reason: string },
  caller: Caller,
  now: Date,
): Promise<ReferralView> {
  const { s, d } = await loadFor(deps, id, caller, now);
  if (partnerOf(caller) !== partnerId) throw new ForbiddenError('Only the referred organisation decides on its referral');
  const r = s.referrals.find((x) => x.partnerId === partnerId);
  if (!r || !d.referral) throw new NotFoundError('No such referral');
  if (r.status !== 'pending') throw new ConflictError(`The referral is already ${r.status}`, 'status');
  const at = now.toISOString();
  const values: Record<string, unknown> = { ':next': decision.accept ? 'accepted' : 'declined', ':at': at, ':by': me(caller), ':pending': 'pending' };
  let set = '#s = :next, decidedAt = :at, decidedBy = :by';
  if (!decision.accept) {
    const sealed = await deps.repo.sealed(id, { ...fjcKeys.referral(id, partnerId), reason: decision.reason });
    values[':sealed'] = sealed.sealed;
    set += ', sealed = :sealed';
  }
  await deps.repo.commit(
    [
      {
        Update: {
          TableName: deps.repo.table,
          Key: fjcKeys.referral(id, partnerId),
          UpdateExpression: `SET ${set} REMOVE gsi1pk, gsi1sk, tickStage, tickAt, leaseUntil, leaseToken, attempts`,
          ConditionExpression: '#s = :pending',
          ExpressionAttributeNames: { '#s': 'status' },
          ExpressionAttributeValues: values,
        },
      },
      counted(deps, now, s.header.zone, {
        [metric.fjcFirstContact]: 1,
        [metric.fjcFirstContactWithin(firstContactBucket(r.referredAt, at))]: 1,
        [metric.fjcFirstContactKind(kindOf(partnerId))]: 1,
      }),
    ],
    audit(caller, id, 'update', now),
    'The referral was decided meanwhile',
  );
  const { item: _i, ...rest } = r;
  return referralView(
    { ...rest, status: decision.accept ? 'accepted' : 'declined', decidedAt: at, ...(decision.accept ? {} : { reason: decision.reason }) },
    now,
    true,
  );
}

// ---- consultations and the joint action plan

function actionItem(a: ActionRecord): Item {
  const open = a.status === 'open' || a.status === 'in_progress';
  return {
    ...fjcKeys.action(a.caseId, a.id),
    type: 'FJC_ACTION',
    ...a,
    ...(open ? fjcKeys.actionsIndex(a.zone, a.dueAt, a.id) : {}),
    ...(open ? { tickStage: 'notice', tickAt: a.dueAt, ...fjcKeys.dueIndex(a.id, a.dueAt) } : {}),
  };
}

function newAction(
  s: StoredCase,
  input: { title: string; ownerPartner: PartnerId; dueAt: string },
  caller: Caller,
  now: Date,
  consultationId?: string,
): ActionRecord {
  const at = now.toISOString();
  return {
    id: `AC-${ulid(now.getTime())}`,
    caseId: s.header.id,
    zone: s.header.zone,
    title: input.title,
    ownerPartner: input.ownerPartner,
    dueAt: input.dueAt,
    status: 'open',
    createdAt: at,
    createdBy: me(caller),
    ...(consultationId ? { consultationId } : {}),
    updatedAt: at,
    updatedBy: me(caller),
  };
}

export async function convene(
  deps: FjcDeps,
  id: string,
  body: { purpose: string; legalBasis: LegalBasis; startsAt: string; endsAt: string; participants: PartnerId[]; summary: string },
  caller: Caller,
  now: Date,
): Promise<ConsultationView> {
  const { s } = await loadHeld(deps, id, caller, now);
  if (Date.parse(body.endsAt) <= now.getTime()) throw new ValidationError('endsAt', 'Must be in the future');
  const c: ConsultationRecord = { id: `CO-${ulid(now.getTime())}`, caseId: id, ...body, convenedBy: me(caller) };
  const items: TransactItem[] = [
    {
      Put: {
        TableName: deps.repo.table,
        Item: await deps.repo.sealed(id, { ...fjcKeys.consultation(id, c.id), type: 'FJC_CONSULTATION', ...c }),
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    },
    ...c.participants.map(
      (p): TransactItem => ({
        Put: {
          TableName: deps.repo.table,
          Item: {
            ...fjcKeys.participant(id, c.id, p),
            type: 'FJC_PARTICIPANT',
            caseId: id,
            consultationId: c.id,
            partnerId: p,
            legalBasis: c.legalBasis,
            startsAt: c.startsAt,
            endsAt: c.endsAt,
            ...fjcKeys.partnerIndex(p, 'CONSULT', c.startsAt, c.id),
          },
        },
      }),
    ),
    counted(deps, new Date(c.startsAt), s.header.zone, { [metric.fjcConsultations]: 1 }),
  ];
  await deps.repo.commit(items, audit(caller, id, 'update', now));
  return consultationView(c, c, true, now);
}

export async function getConsultation(deps: FjcDeps, id: string, consultationId: string, caller: Caller, now: Date): Promise<ConsultationView> {
  const { s, d } = await loadFor(deps, id, caller, now);
  const c = s.consultations.find((x) => x.id === consultationId);
  if (!c || !d.minutes.includes(consultationId)) throw new NotFoundError('No such consultation');
  await deps.repo.audit([audit(caller, id, 'read', now)]);
  const summaryAllowed = d.summaries.includes(consultationId);
  const sealed = summaryAllowed || c.hasMinutes ? await deps.repo.opened<ConsultationRecord>(id, c.item) : undefined;
  return consultationView(c, sealed, summaryAllowed, now);
}

export async function writeMinutes(
  deps: FjcDeps,
  id: string,
  consultationId: string,
  body: { decisions: string[]; actions: { title: string; ownerPartner: PartnerId; dueAt: string }[] },
  caller: Caller,
  now: Date,
): Promise<{ consultation: ConsultationView; actions: ActionView[] }> {
  const { s } = await loadHeld(deps, id, caller, now);
  const c = s.consultations.find((x) => x.id === consultationId);
  if (!c) throw new NotFoundError('No such consultation');
  if (c.hasMinutes) throw new ConflictError('The minutes are written', 'minutes');
  if (Date.parse(c.startsAt) > now.getTime()) throw new ConflictError('The consultation has not started', 'startsAt');
  const full = await deps.repo.opened<ConsultationRecord>(id, c.item);
  const actions = body.actions.map((a, i) => newAction(s, a, caller, new Date(now.getTime() + i), consultationId));
  const minutes = { decisions: body.decisions, writtenAt: now.toISOString(), writtenBy: me(caller), actionIds: actions.map((a) => a.id) };
  const next: ConsultationRecord = { ...full, minutes };
  await deps.repo.commit(
    [
      {
        Put: {
          TableName: deps.repo.table,
          Item: await deps.repo.sealed(id, { ...fjcKeys.consultation(id, c.id), type: 'FJC_CONSULTATION', ...next, hasMinutes: true }),
          ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(hasMinutes)',
        },
      },
      ...(await Promise.all(
        actions.map(
          async (a): Promise<TransactItem> => ({
            Put: { TableName: deps.repo.table, Item: await deps.repo.sealed(id, actionItem(a)), ConditionExpression: 'attribute_not_exists(pk)' },
          }),
        ),
      )),
    ],
    audit(caller, id, 'update', now),
  );
  return { consultation: consultationView(c, next, true, now), actions: actions.map((a) => actionView(a, now)) };
}

export async function addAction(
  deps: FjcDeps,
  id: string,
  body: { title: string; ownerPartner: PartnerId; dueAt: string },
  caller: Caller,
  now: Date,
): Promise<ActionView> {
  const { s } = await loadHeld(deps, id, caller, now);
  const a = newAction(s, body, caller, now);
  await deps.repo.commit(
    [{ Put: { TableName: deps.repo.table, Item: await deps.repo.sealed(id, actionItem(a)), ConditionExpression: 'attribute_not_exists(pk)' } }],
    audit(caller, id, 'update', now),
  );
  return actionView(a, now);
}

export async function setActionStatus(deps: FjcDeps, id: string, actionId: string, status: ActionStatus, caller: Caller, now: Date): Promise<ActionView> {
  const { s, d } = await loadFor(deps, id, caller, now);
  const a = s.actions.find((x) => x.id === actionId);
  if (!a || (!d.holds && a.ownerPartner !== caller.principal.partner)) throw new NotFoundError('No such action');
  if (s.header.status !== 'open') throw new ConflictError('The case is closed', 'status');
  const open = status === 'open' || status === 'in_progress';
  const at = now.toISOString();
  await deps.repo.commit(
    [
      {
        Update: {
          TableName: deps.repo.table,
          Key: fjcKeys.action(id, actionId),
          UpdateExpression: open
            ? 'SET #s = :s, updatedAt = :at, updatedBy = :by'
            : 'SET #s = :s, updatedAt = :at, updatedBy = :by REMOVE gsi2pk, gsi2sk, gsi1pk, gsi1sk, tickStage, tickAt, leaseUntil, leaseToken, attempts',
          ConditionExpression: 'updatedAt = :was',
          ExpressionAttributeNames: { '#s': 'status' },
          ExpressionAttributeValues: { ':s': status, ':at': at, ':by': me(caller), ':was': a.updatedAt },
        },
      },
    ],
    audit(caller, id, 'update', now),
  );
  const full = await deps.repo.opened<ActionRecord>(id, a.item);
  return actionView({ ...full, status, updatedAt: at, updatedBy: me(caller) }, now);
}

// ---- the victim's case code

/** Scrypt with a fixed application salt (the code is 60 random bits; a per-record salt would prevent the lookup by hash). */
export function hashCaseCode(normalized: string): string {
  return scryptSync(normalized, 'oneroof/fjc-case-code/v1', 32, { N: 16_384, r: 8, p: 1 }).toString('hex');
}

/** A new case code for the victim, shown once; the old one's lookup is deleted in the same transaction. */
export async function issueVictimCode(deps: FjcDeps, id: string, caller: Caller, now: Date): Promise<{ caseId: string; code: string }> {
  await loadHeld(deps, id, caller, now);
  const code = formatProtectionCode(randomBytes(12));
  const hash = hashCaseCode(normalizeProtectionCode(code) as string);
  const old = await deps.repo.codePointer(id);
  const at = now.toISOString();
  const items: TransactItem[] = [
    ...(old ? [{ Delete: { TableName: deps.repo.table, Key: fjcKeys.code(old) } }] : []),
    { Put: { TableName: deps.repo.table, Item: { ...fjcKeys.code(hash), type: 'FJC_CODE', caseId: id }, ConditionExpression: 'attribute_not_exists(pk)' } },
    {
      Put: {
        TableName: deps.repo.table,
        Item: { ...fjcKeys.codePointer(id), type: 'FJC_CODE_POINTER', hash, issuedAt: at },
        ...(old
          ? { ConditionExpression: '#h = :old', ExpressionAttributeNames: { '#h': 'hash' }, ExpressionAttributeValues: { ':old': old } }
          : { ConditionExpression: 'attribute_not_exists(pk)' }),
      },
    },
    {
      Update: {
        TableName: deps.repo.table,
        Key: fjcKeys.case(id),
        UpdateExpression: 'SET victimCodeIssuedAt = :at',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeValues: { ':at': at },
      },
    },
  ];
  await deps.repo.commit(items, audit(caller, id, 'issue-victim-code', now), 'A code was issued meanwhile; try again');
  return { caseId: id, code };
}

/** The victim app is no staff member: its audit records name it so. */
const VICTIM_APP: Principal = { sub: 'victim-app', username: 'victim-app', roles: [], scopes: [], clientId: undefined };

/**
 * Her code → her case. A check is reserved BEFORE the lookup (per client address, the booking PIN's
 * machinery: functions/lib/attempts.ts); a right code refunds its own reservation. Unknown and throttled
 * look alike only in that neither says anything about any case.
 */
async function caseOfCode(deps: FjcDeps, code: string, client: string, now: Date): Promise<StoredCase> {
  // A closed case's code lookup is deleted with the closing; a lookup read just before it reaches nothing either.
  return caseIdOfCode(deps.repo, code, client, now, async (caseId) => {
    const s = await deps.repo.load(caseId);
    return s?.header.status === 'open' ? s : undefined;
  });
}

/** The same lookup for another capability (her space links to her case): `found` reads what it needs of the case. */
export async function caseIdOfCode<T>(
  repo: Pick<FjcRepository, 'reserveCodeAttempt' | 'refundCodeAttempt' | 'caseIdForCode'>,
  code: string,
  client: string,
  now: Date,
  found: (caseId: string) => Promise<T | undefined>,
): Promise<T> {
  const reservation = await repo.reserveCodeAttempt(client, now);
  if (!reservation.reserved) throw new TooManyAttemptsError('Too many wrong codes; try again in 15 minutes');
  const normalized = normalizeProtectionCode(code);
  const caseId = normalized ? await repo.caseIdForCode(hashCaseCode(normalized)) : undefined;
  const s = caseId ? await found(caseId) : undefined;
  if (!s) throw new NotFoundError('Unknown case code');
  await repo.refundCodeAttempt(client, reservation.windowStart);
  return s;
}

function victimViewOf(s: StoredCase, now: Date): VictimView {
  return {
    partners: whoKnows(factsOf(s), now).map((k) => {
      const p = partnerById(k.partnerId);
      return { ...k, name: p?.name ?? k.partnerId, kind: p?.kind ?? 'unknown' };
    }),
  };
}

export async function victimView(deps: FjcDeps, code: string, client: string, route: string, now: Date): Promise<VictimView> {
  const s = await caseOfCode(deps, code, client, now);
  await deps.repo.audit([{ entity: AUDIT_ENTITY, entityId: s.header.id, action: 'read', route, principal: VICTIM_APP, at: now }]);
  return victimViewOf(s, now);
}

/** She withdraws consents herself: the partner loses those sections at its next read. */
export async function victimWithdraw(
  deps: FjcDeps,
  body: { code: string; partnerId: PartnerId; kinds: ConsentKind[] },
  client: string,
  route: string,
  now: Date,
): Promise<VictimView> {
  const s = await caseOfCode(deps, body.code, client, now);
  const kinds = standing(s, body.partnerId, body.kinds);
  if (kinds.length > 0) {
    await deps.repo.commit(withdrawItems(deps.repo.table, s.header.id, body.partnerId, kinds, 'victim-app', now), {
      entity: AUDIT_ENTITY,
      entityId: s.header.id,
      action: 'withdraw-consent',
      route,
      principal: VICTIM_APP,
      at: now,
    });
  }
  const after = await deps.repo.load(s.header.id);
  return victimViewOf(after ?? s, now);
}

// ---- lists: the partner's inbox, the director's dashboard

export async function partnerInbox(deps: FjcDeps, caller: Caller, now: Date): Promise<PartnerInbox> {
  const partnerId = partnerOf(caller);
  const zone = zoneOf(caller.principal);
  const entries = await deps.repo.partnerEntries(partnerId);
  const referrals = entries
    .filter((e) => e.type === 'FJC_REFERRAL')
    .map((e) => {
      const r = e as unknown as ReferralRecord;
      return { caseId: r.caseId, ...referralView({ ...r, ...(typeof e.publishedAt === 'string' ? { escalatedAt: e.publishedAt } : {}) }, now, false) };
    });
  const t = now.getTime();
  const consultations = entries
    .filter((e) => e.type === 'FJC_PARTICIPANT')
    .map((e) => ({
      id: String(e.consultationId),
      caseId: String(e.caseId),
      legalBasis: e.legalBasis as LegalBasis,
      startsAt: String(e.startsAt),
      endsAt: String(e.endsAt),
      running: Date.parse(String(e.startsAt)) <= t && t < Date.parse(String(e.endsAt)),
    }));
  const actions: ActionView[] = [];
  for (const item of await deps.repo.openActions(zone)) {
    if (item.ownerPartner !== partnerId) continue;
    actions.push(actionView(await deps.repo.opened<ActionRecord>(String(item.caseId), item), now));
  }
  const caseIds = [...new Set([...referrals.map((r) => r.caseId), ...consultations.map((c) => c.caseId), ...actions.map((a) => a.caseId)])];
  await deps.repo.audit(caseIds.map((id) => audit(caller, id, 'list', now)));
  return { partnerId, referrals, actions, consultations };
}

/** At most this many of the zone's newest families are summarised with their referrals. */
const FAMILIES_LIMIT = 100;

async function families(deps: FjcDeps, zone: string, now: Date): Promise<{ summaries: FjcCaseSummary[]; loaded: StoredCase[] }> {
  const headers = await deps.repo.zoneCases(zone, FAMILIES_LIMIT);
  const loaded = (await Promise.all(headers.map((h) => deps.repo.load(String(h.id))))).filter((s): s is StoredCase => s !== undefined);
  const summaries = loaded.map((s) => ({
    id: s.header.id,
    zone: s.header.zone,
    status: s.header.status,
    origin: s.header.origin,
    openedAt: s.header.openedAt,
    referrals: s.referrals.map((r) => ({ partnerId: r.partnerId, status: r.status, overdue: referralView(r, now, false).overdue })),
  }));
  return { summaries, loaded };
}

export async function listFjcCases(deps: FjcDeps, caller: Caller, now: Date): Promise<{ cases: FjcCaseSummary[] }> {
  const zone = zoneOf(caller.principal);
  const { summaries } = await families(deps, zone, now);
  await deps.repo.audit(summaries.map((c) => audit(caller, c.id, 'list', now)));
  return { cases: summaries };
}

export async function dashboard(deps: FjcDeps, caller: Caller, now: Date): Promise<DirectorDashboard> {
  const zone = zoneOf(caller.principal);
  const { summaries, loaded } = await families(deps, zone, now);
  const lateActions: ActionView[] = [];
  for (const item of await deps.repo.openActions(zone, now.toISOString())) {
    lateActions.push(actionView(await deps.repo.opened<ActionRecord>(String(item.caseId), item), now));
  }
  const overdueReferrals = loaded.flatMap((s) => s.referrals.map((r) => ({ caseId: s.header.id, ...referralView(r, now, false) })).filter((r) => r.overdue));
  const consentsToRenew = loaded.flatMap((s) =>
    s.consents
      .filter((c) => c.withdrawnAt === undefined && now.getTime() - Date.parse(c.givenAt) >= CONSENT_RENEW_MS)
      .map((c) => ({ caseId: s.header.id, partnerId: c.partnerId, kind: c.kind, givenAt: c.givenAt })),
  );
  const policeReferrals = (await deps.repo.zonePoliceReferrals(zone)).map(
    (i): PoliceReferralRecord => ({
      policeCaseId: String(i.policeCaseId),
      interventionId: String(i.interventionId),
      zone: String(i.zone),
      ...(typeof i.district === 'string' ? { district: i.district } : {}),
      riskLevel: i.riskLevel as PoliceReferralRecord['riskLevel'],
      introduction: i.introduction as PoliceReferralRecord['introduction'],
      children: Number(i.children ?? 0),
      referredAt: String(i.referredAt),
      referredBy: String(i.referredBy),
    }),
  );
  await deps.repo.audit(summaries.map((c) => audit(caller, c.id, 'list', now)));
  return { zone, families: summaries, lateActions, overdueReferrals, consentsToRenew, policeReferrals };
}
