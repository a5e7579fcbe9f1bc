import { randomUUID } from 'node:crypto';
import { DeleteCommand, GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ulid } from 'ulid';
import { ConflictError, NotFoundError, ServiceUnavailableError, TooManyAttemptsError, UnauthorizedError, ValidationError } from '../../shared/errors.js';
import { hasRole, type Caller, type Principal } from '../lib/auth.js';
import type * as z from 'zod';
import type {
  CallbackDone,
  CallbackDoneAnswer,
  CallbackView,
  callbackBody,
  entryBody,
  photoBody,
  planBody,
  SafeContactUpdated,
  safeContactBody,
  selfCheckBody,
  shareBody,
  ShareSummary,
  SpaceContents,
  SpaceExport,
  StoredEntry,
} from '../../shared/space/api.js';
import { entryHash, GENESIS } from '../../shared/space/chain.js';
import { callbackMessage, fjcCallbackMessage } from '../../shared/space/messages.js';
import type { CaseRecord } from '../../shared/cases/model.js';
import { safeContactOfBooking } from '../../shared/cases/rules.js';
import { caseKeys } from '../cases/keys.js';
import { changeItems } from '../cases/repository.js';
import { hashPin, verifyPin, dummyHash } from '../bookings/pin.js';
import { fjcKeys } from '../fjc/keys.js';
import type { FjcRepository } from '../fjc/repository.js';
import { caseIdOfCode } from '../fjc/use-cases.js';
import { reserveAttempt, refundAttempt, type Budget } from '../lib/attempts.js';
import { auditPut, recordAudit } from '../lib/audit.js';
import { cancellationCodes, fromItem, putIf, transactOrConflict, queryAll, transact, updateIf, type Item, type TransactItem } from '../lib/dynamo.js';
import { logger } from '../lib/logger.js';
import type { Notifier } from '../lib/notifier.js';
import { open, seal } from '../lib/personal-crypto.js';
import type { StaffDirectory } from '../lib/staff-directory.js';
import { spaceKeys } from './keys.js';
import { signStatement } from './signing.js';

/**
 * Her space's use cases (functions/space/README.md). The server holds ciphertext it cannot read; it
 * checks the auth secret (scrypt hash, as booking PINs), keeps the journal's chain append-only, signs
 * its head, and — only when she acts — seals what she shares or asks a call-back with.
 */

/** As PINs and case codes: per client address, reserved before the check. */
export const SPACE_BUDGET: Budget = { limit: 10, windowMs: 15 * 60_000 };
/** Retention: two years after her last use (every open renews it). */
export const RETENTION_SECONDS = 2 * 365 * 86_400;
/** Renew the items' TTL at most this often (an open touches every item). */
const RENEW_AFTER_MS = 7 * 86_400_000;

export interface SpaceDeps {
  table: string;
  client: DynamoDBDocumentClient;
  fjc: Pick<FjcRepository, 'reserveCodeAttempt' | 'refundCodeAttempt' | 'caseIdForCode'>;
  notifier: Notifier;
  directory: StaffDirectory;
  consoleOrigin?: string | undefined;
}

export interface Credential {
  spaceId: string;
  authSecret: string;
}

interface Meta {
  headSeq: number;
  headHash: string;
  planVersion: number;
  linkedCase?: string;
  policeCaseId?: string;
  zone?: string;
  renewedAt: string;
}

/** The victim app is no staff member: its audit records name it so. */
const VICTIM_APP: Principal = { sub: 'victim-app', username: 'victim-app', roles: [], scopes: [], clientId: undefined };
const expiresAt = (now: Date) => Math.floor(now.getTime() / 1000) + RETENTION_SECONDS;

const get = async (deps: SpaceDeps, key: Record<string, string>): Promise<Item | undefined> =>
  (await deps.client.send(new GetCommand({ TableName: deps.table, Key: key, ConsistentRead: true }))).Item;

/** Creating costs a guess too (an existing space answers 409: that is as good as a right guess), refunded when it is new. */
export async function createSpace(deps: SpaceDeps, cred: Credential, client: string, now: Date): Promise<{ createdAt: string }> {
  const reservation = await reserveAttempt(deps.table, spaceKeys.attempts(client), 'SPACE_ATTEMPTS', SPACE_BUDGET, now);
  if (!reservation.reserved) throw new TooManyAttemptsError('Too many attempts; try again in 15 minutes');
  const at = now.toISOString();
  const created = await putIf(deps.client, {
    TableName: deps.table,
    Item: {
      ...spaceKeys.meta(cred.spaceId),
      type: 'SPACE',
      authHash: await hashPin(cred.authSecret),
      headSeq: 0,
      headHash: GENESIS,
      planVersion: 0,
      createdAt: at,
      renewedAt: at,
      expiresAt: expiresAt(now),
    },
    ConditionExpression: 'attribute_not_exists(pk)',
  });
  if (!created) throw new ConflictError('A space with this passphrase exists: open it, or choose another passphrase');
  await refundAttempt(deps.table, spaceKeys.attempts(client), reservation.windowStart);
  return { createdAt: at };
}

/** The auth secret against the stored hash; an unknown space costs the same scrypt and answers the same. */
async function authenticate(deps: SpaceDeps, cred: Credential, client: string, now: Date): Promise<Meta> {
  const reservation = await reserveAttempt(deps.table, spaceKeys.attempts(client), 'SPACE_ATTEMPTS', SPACE_BUDGET, now);
  if (!reservation.reserved) throw new TooManyAttemptsError('Too many wrong passphrases; try again in 15 minutes');
  const item = await get(deps, spaceKeys.meta(cred.spaceId));
  const ok = await verifyPin(cred.authSecret, typeof item?.authHash === 'string' ? item.authHash : await dummyHash());
  if (!item || !ok) throw new UnauthorizedError('Wrong passphrase');
  await refundAttempt(deps.table, spaceKeys.attempts(client), reservation.windowStart);
  return item as unknown as Meta;
}

const sealedOf = (i: Item) => ({ iv: String(i.iv), ct: String(i.ct) });

export async function openSpace(deps: SpaceDeps, cred: Credential, client: string, now: Date): Promise<SpaceContents> {
  const meta = await authenticate(deps, cred, client, now);
  const items = await queryAll(deps.client, {
    TableName: deps.table,
    KeyConditionExpression: 'pk = :pk',
    ExpressionAttributeValues: { ':pk': spaceKeys.pk(cred.spaceId) },
    ConsistentRead: true,
  });
  if (now.getTime() - Date.parse(meta.renewedAt) > RENEW_AFTER_MS) await renew(deps, items, now);
  const of = (prefix: string) => items.filter((i) => String(i.sk).startsWith(prefix));
  const plan = items.find((i) => i.sk === 'PLAN');
  const selfCheck = items.find((i) => i.sk === 'SELFCHECK');
  return {
    head: { seq: meta.headSeq, hash: meta.headHash },
    ...(plan ? { plan: { ...sealedOf(plan), version: Number(plan.version) } } : {}),
    ...(selfCheck ? { selfCheck: sealedOf(selfCheck) } : {}),
    entries: of(spaceKeys.entryPrefix).map(entryOf),
    photos: photosOf(of(spaceKeys.photoPrefix)),
    callbacks: of(spaceKeys.callbackPrefix).map((i) => ({ id: String(i.id), ...sealedOf(i), requestedAt: String(i.requestedAt) })),
    shares: of(spaceKeys.sharePrefix).map(shareOf),
    linked: typeof meta.linkedCase === 'string',
    policeLinked: typeof meta.policeCaseId === 'string',
  };
}

/** A photo's parts joined in order; a photo missing a part is left out (its upload did not finish). */
function photosOf(parts: readonly Item[]): SpaceContents['photos'] {
  const byId = new Map<string, Item[]>();
  for (const p of parts) byId.set(String(p.id), [...(byId.get(String(p.id)) ?? []), p]);
  return [...byId.entries()]
    .filter(([, list]) => list.length === Number(list[0]?.parts))
    .map(([id, list]) => ({
      id,
      iv: String(list[0]?.iv),
      ct: list
        .sort((a, b) => Number(a.part) - Number(b.part))
        .map((p) => String(p.ct))
        .join(''),
    }));
}

const entryOf = (i: Item): StoredEntry => ({
  seq: Number(i.seq),
  prevHash: String(i.prevHash),
  iv: String(i.iv),
  ct: String(i.ct),
  hash: String(i.hash),
  receivedAt: String(i.receivedAt),
});
const shareOf = (i: Item): ShareSummary => ({
  id: String(i.id),
  caseId: String(i.caseId),
  plan: i.plan === true,
  entries: (i.entries as number[] | undefined) ?? [],
  sharedAt: String(i.sharedAt),
});

async function renew(deps: SpaceDeps, items: readonly Item[], now: Date): Promise<void> {
  for (const i of items) {
    await updateIf(deps.client, {
      TableName: deps.table,
      Key: { pk: String(i.pk), sk: String(i.sk) },
      UpdateExpression: i.sk === 'META' ? 'SET expiresAt = :exp, renewedAt = :at' : 'SET expiresAt = :exp',
      ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeValues: { ':exp': expiresAt(now), ...(i.sk === 'META' ? { ':at': now.toISOString() } : {}) },
    });
  }
}

export async function putPlan(deps: SpaceDeps, cred: Credential, body: z.infer<typeof planBody>, client: string, now: Date): Promise<{ version: number }> {
  await authenticate(deps, cred, client, now);
  const version = body.expectedVersion + 1;
  const items: TransactItem[] = [
    {
      Update: {
        TableName: deps.table,
        Key: spaceKeys.meta(cred.spaceId),
        UpdateExpression: 'SET planVersion = :v',
        ConditionExpression: 'planVersion = :expected',
        ExpressionAttributeValues: { ':v': version, ':expected': body.expectedVersion },
      },
    },
    {
      Put: {
        TableName: deps.table,
        Item: { ...spaceKeys.plan(cred.spaceId), type: 'SPACE_PLAN', iv: body.iv, ct: body.ct, version, expiresAt: expiresAt(now) },
      },
    },
  ];
  try {
    await transact(deps.client, items);
  } catch (err) {
    if (cancellationCodes(err)?.includes('ConditionalCheckFailed')) throw new ConflictError('The plan changed meanwhile: open it again');
    throw err;
  }
  return { version };
}

export async function putSelfCheck(
  deps: SpaceDeps,
  cred: Credential,
  body: z.infer<typeof selfCheckBody>,
  client: string,
  now: Date,
): Promise<{ savedAt: string }> {
  await authenticate(deps, cred, client, now);
  await deps.client.send(
    new PutCommand({
      TableName: deps.table,
      Item: { ...spaceKeys.selfCheck(cred.spaceId), type: 'SPACE_SELFCHECK', iv: body.iv, ct: body.ct, expiresAt: expiresAt(now) },
    }),
  );
  return { savedAt: now.toISOString() };
}

/**
 * Append-only: the entry and the new head in ONE conditional transaction, only if her head is still
 * the entry's `prevHash` (and the number follows it). A stale head writes nothing (409).
 */
export async function appendEntry(deps: SpaceDeps, cred: Credential, body: z.infer<typeof entryBody>, client: string, now: Date): Promise<StoredEntry> {
  await authenticate(deps, cred, client, now);
  if ((await entryHash(body.prevHash, body.seq, body.iv, body.ct)) !== body.hash)
    throw new ValidationError('hash', 'hash is not SHA-256(prevHash ‖ seq ‖ iv ‖ ct)');
  const receivedAt = now.toISOString();
  const entry: StoredEntry = { seq: body.seq, prevHash: body.prevHash, iv: body.iv, ct: body.ct, hash: body.hash, receivedAt };
  try {
    await transact(deps.client, [
      {
        Update: {
          TableName: deps.table,
          Key: spaceKeys.meta(cred.spaceId),
          UpdateExpression: 'SET headSeq = :seq, headHash = :hash',
          ConditionExpression: 'headSeq = :prevSeq AND headHash = :prevHash',
          ExpressionAttributeValues: { ':seq': body.seq, ':hash': body.hash, ':prevSeq': body.seq - 1, ':prevHash': body.prevHash },
        },
      },
      {
        Put: {
          TableName: deps.table,
          Item: { ...spaceKeys.entry(cred.spaceId, body.seq), type: 'SPACE_ENTRY', ...entry, expiresAt: expiresAt(now) },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
    ]);
  } catch (err) {
    if (cancellationCodes(err)?.includes('ConditionalCheckFailed')) throw new ConflictError('Not on the current head of the journal: open it again');
    throw err;
  }
  return entry;
}

export async function putPhoto(
  deps: SpaceDeps,
  cred: Credential,
  body: z.infer<typeof photoBody>,
  client: string,
  now: Date,
): Promise<{ id: string; part: number }> {
  await authenticate(deps, cred, client, now);
  const stored = await putIf(deps.client, {
    TableName: deps.table,
    Item: {
      ...spaceKeys.photo(cred.spaceId, body.id, body.part),
      type: 'SPACE_PHOTO',
      id: body.id,
      part: body.part,
      parts: body.parts,
      iv: body.iv,
      ct: body.ct,
      expiresAt: expiresAt(now),
    },
    ConditionExpression: 'attribute_not_exists(pk)',
  });
  if (!stored) throw new ConflictError('This part of the photo exists');
  return { id: body.id, part: body.part };
}

/** Her case: the family case of the code, with its zone and (when it came from the police) the police case. */
async function caseOf(deps: SpaceDeps, code: string, client: string, now: Date): Promise<{ caseId: string; zone: string; policeCaseId?: string }> {
  return caseIdOfCode(deps.fjc, code, client, now, async (caseId) => {
    const c = await get(deps, fjcKeys.case(caseId));
    // A closed family case takes no new links (its code is deleted with the closing).
    if (c?.status !== 'open') return undefined;
    return { caseId, zone: String(c.zone), ...(typeof c.policeCaseId === 'string' ? { policeCaseId: c.policeCaseId } : {}) };
  });
}

export async function linkCase(
  deps: SpaceDeps,
  cred: Credential,
  code: string,
  client: string,
  route: string,
  now: Date,
): Promise<{ linked: true; policeLinked: boolean }> {
  await authenticate(deps, cred, client, now);
  const c = await caseOf(deps, code, client, now);
  await transact(deps.client, [
    {
      Update: {
        TableName: deps.table,
        Key: spaceKeys.meta(cred.spaceId),
        UpdateExpression: c.policeCaseId ? 'SET linkedCase = :c, #z = :z, policeCaseId = :p' : 'SET linkedCase = :c, #z = :z REMOVE policeCaseId',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeNames: { '#z': 'zone' },
        ExpressionAttributeValues: { ':c': c.caseId, ':z': c.zone, ...(c.policeCaseId ? { ':p': c.policeCaseId } : {}) },
      },
    },
    auditPut(deps.table, { entity: 'fjc-case', entityId: c.caseId, action: 'link-space', route, principal: VICTIM_APP, at: now }),
  ]);
  return { linked: true, policeLinked: c.policeCaseId !== undefined };
}

/**
 * Her safe-contact choices replace those on her linked police case, which its officer reads before calling
 * (wherever the number is shown). Her act is the consent: nothing else of her space goes with it. Only
 * while that case is open; the change is audited on the case, by the victim app. An officer's change in
 * the same moment wins the version check: her choices are then written on top of it once more.
 */
export async function updateSafeContact(
  deps: SpaceDeps,
  cred: Credential,
  body: z.infer<typeof safeContactBody>,
  client: string,
  route: string,
  now: Date,
): Promise<SafeContactUpdated> {
  const meta = await authenticate(deps, cred, client, now);
  const caseId = meta.policeCaseId;
  if (caseId === undefined) throw new ConflictError('Your space is not linked to a case of the police social service', 'safeContact');
  const at = now.toISOString();
  for (let attempt = 1; ; attempt++) {
    const item = await get(deps, caseKeys.case(caseId));
    if (item?.status !== 'open') throw new ConflictError('Your police case is closed: ask for a call-back instead', 'safeContact');
    const c = fromItem<CaseRecord>(await open('case', caseId, item));
    const next: CaseRecord = {
      ...c,
      version: c.version + 1,
      updatedAt: at,
      updatedBy: VICTIM_APP.username,
      safeContact: { ...safeContactOfBooking(body), fromSpace: true, setBy: VICTIM_APP.username, setAt: at },
    };
    const audit = { entity: 'case', entityId: caseId, action: 'safe-contact-from-space', route, principal: VICTIM_APP, at: now } as const;
    const items = await changeItems(deps.table, { caseUpdate: { next, expectedVersion: c.version }, followups: [], notices: [], audit, stats: [] });
    try {
      await transactOrConflict(deps.client, items, 'Your police case was changed meanwhile; send your choices again', 'safeContact');
      return { updated: true, at };
    } catch (err) {
      if (!(err instanceof ConflictError) || attempt >= 2) throw err;
    }
  }
}

/**
 * A call-back: her number and choices sealed for the officer (SPACECALLBACK#<id>), her own encrypted
 * copy in her space, and a reminder over SNS — links only. The officer: the police case's officer when
 * her space is linked to a case that came from the police; otherwise the social service of her zone
 * (its active officers in the staff directory; with none listed, the zone's supervisors' topic). She asked
 * the FJC: its case directors of the zone, on the FJC's topic (partnerIntake), as referral escalations. The id is
 * hers: sending again after a failed reminder stores nothing twice and reminds again.
 */
export async function requestCallback(
  deps: SpaceDeps,
  cred: Credential,
  body: z.infer<typeof callbackBody>,
  client: string,
  route: string,
  now: Date,
): Promise<{ id: string; reminded: number }> {
  const meta = await authenticate(deps, cred, client, now);
  const at = now.toISOString();
  let caseOfficer: string | undefined;
  if (body.from === 'police' && meta.policeCaseId) {
    const c = await get(deps, caseKeys.case(meta.policeCaseId));
    if (c?.status === 'open' && typeof c.officer === 'string') caseOfficer = c.officer;
  }
  const zone = caseOfficer ? String(meta.zone ?? body.zone) : body.zone;
  const officer = await seal('spaceCallback', body.id, {
    ...spaceKeys.officerCallback(body.id),
    type: 'SPACE_CALLBACK',
    id: body.id,
    from: body.from,
    zone,
    ...(caseOfficer && meta.policeCaseId ? { caseId: meta.policeCaseId, officer: caseOfficer } : {}),
    phone: body.phone,
    safeTimes: body.safeTimes,
    voicemail: body.voicemail,
    language: body.language,
    requestedAt: at,
    expiresAt: Math.floor(now.getTime() / 1000) + 90 * 86_400,
  });
  const mine = {
    ...spaceKeys.callback(cred.spaceId, body.id),
    type: 'SPACE_MY_CALLBACK',
    id: body.id,
    iv: body.mine.iv,
    ct: body.mine.ct,
    requestedAt: at,
    expiresAt: expiresAt(now),
  };
  try {
    await transact(deps.client, [
      { Put: { TableName: deps.table, Item: officer, ConditionExpression: 'attribute_not_exists(pk)' } },
      { Put: { TableName: deps.table, Item: mine, ConditionExpression: 'attribute_not_exists(pk)' } },
      auditPut(deps.table, { entity: 'space-callback', entityId: body.id, action: 'create', route, principal: VICTIM_APP, at: now }),
    ]);
  } catch (err) {
    // The same request again (a retry after a failed reminder): stored already, remind again.
    if (!cancellationCodes(err)?.includes('ConditionalCheckFailed')) throw err;
  }
  try {
    return await remind(deps, body, zone, at, caseOfficer && meta.policeCaseId ? { officer: caseOfficer, caseId: meta.policeCaseId } : undefined);
  } catch (err) {
    // Stored: her app sends the same request again (the same id), which stores nothing twice and reminds.
    logger.error('Call-back reminder not sent', { callbackId: body.id, errorName: (err as Error).name });
    throw new ServiceUnavailableError('Your request is saved, but the reminder could not be sent yet; send it again');
  }
}

/** The reminder of a call-back, links only: the case's officer, else the zone's social service (else its supervisors); the FJC's case directors. */
async function remind(
  deps: SpaceDeps,
  body: z.infer<typeof callbackBody>,
  zone: string,
  at: string,
  linked: { officer: string; caseId: string } | undefined,
): Promise<{ id: string; reminded: number }> {
  if (body.from === 'fjc') {
    await deps.notifier.publish('partnerIntake', fjcCallbackMessage({ callbackId: body.id, zone, requestedAt: at }, deps.consoleOrigin));
    return { id: body.id, reminded: 1 };
  }
  const officers = linked ? [linked.officer] : (await deps.directory.officersOfZone(zone)).filter((o) => o.active).map((o) => o.username);
  const summary = { callbackId: body.id, zone, from: body.from, requestedAt: at, ...(linked ? { caseId: linked.caseId } : {}) };
  if (officers.length === 0) {
    await deps.notifier.publish('supervisorEscalations', callbackMessage({ ...summary, officer: undefined }, deps.consoleOrigin));
    return { id: body.id, reminded: 0 };
  }
  for (const o of officers) await deps.notifier.publish('officerReminders', callbackMessage({ ...summary, officer: o }, deps.consoleOrigin));
  return { id: body.id, reminded: officers.length };
}

/**
 * Who may open a call-back she asked the police for: the officer it names (the police case's officer) or,
 * when it names nobody, an officer of its zone; a supervisor of its zone. One she asked the FJC for: the
 * case directors of its zone only (and the zone's supervisor), never the police officers.
 */
function mayOpenCallback(p: Principal, c: Item): boolean {
  const inZone = p.zone !== undefined && p.zone === c.zone;
  if (hasRole(p, 'officer') && c.from !== 'fjc' && (typeof c.officer === 'string' ? c.officer === p.username : inZone)) return true;
  if (hasRole(p, 'supervisor') && inZone) return true;
  return hasRole(p, 'case_director') && inZone && c.from === 'fjc';
}

/** The staff side of a call-back: opened only for those who may call her back, every read audited; anyone else a 404. */
export async function openCallback(deps: SpaceDeps, id: string, caller: Caller, now: Date): Promise<CallbackView> {
  const item = await get(deps, spaceKeys.officerCallback(id));
  if (!item || !mayOpenCallback(caller.principal, item)) throw new NotFoundError('No such call-back');
  const c = await open('spaceCallback', id, item);
  await recordAudit(deps.client, deps.table, {
    entity: 'space-callback',
    entityId: id,
    action: 'read',
    route: caller.route,
    principal: caller.principal,
    at: now,
  });
  const done = doneOf(item);
  return {
    id,
    from: c.from as CallbackView['from'],
    zone: String(c.zone),
    ...(typeof c.caseId === 'string' ? { caseId: c.caseId } : {}),
    ...(typeof c.officer === 'string' ? { officer: c.officer } : {}),
    phone: String(c.phone),
    safeTimes: c.safeTimes as CallbackView['safeTimes'],
    voicemail: c.voicemail === true,
    language: String(c.language),
    requestedAt: String(c.requestedAt),
    ...(done ? { done } : {}),
  };
}

/** Who marked a call-back done and when, as its officer's copy holds it; nothing while it is open. */
function doneOf(item: Item | undefined): CallbackDone | undefined {
  return typeof item?.doneAt === 'string' ? { at: item.doneAt, by: String(item.doneBy) } : undefined;
}

/**
 * Marks a call-back done, by one who may open it (else the same 404). The first marking is written with
 * its audit record in one transaction; marking again changes nothing and answers the first marking.
 */
export async function markCallbackDone(deps: SpaceDeps, id: string, caller: Caller, now: Date): Promise<CallbackDoneAnswer> {
  const item = await get(deps, spaceKeys.officerCallback(id));
  if (!item || !mayOpenCallback(caller.principal, item)) throw new NotFoundError('No such call-back');
  const earlier = (i: Item | undefined): CallbackDoneAnswer | undefined => {
    const done = doneOf(i);
    return done && { id, done, alreadyDone: true };
  };
  const before = earlier(item);
  if (before) return before;
  const done = { at: now.toISOString(), by: caller.principal.username };
  try {
    await transact(deps.client, [
      {
        Update: {
          TableName: deps.table,
          Key: spaceKeys.officerCallback(id),
          UpdateExpression: 'SET doneAt = :at, doneBy = :by',
          ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(doneAt)',
          ExpressionAttributeValues: { ':at': done.at, ':by': done.by },
        },
      },
      auditPut(deps.table, { entity: 'space-callback', entityId: id, action: 'complete', route: caller.route, principal: caller.principal, at: now }),
    ]);
  } catch (err) {
    if (!cancellationCodes(err)?.includes('ConditionalCheckFailed')) throw err;
    // Marked meanwhile by someone else (or expired): answer what is stored.
    const meanwhile = earlier(await get(deps, spaceKeys.officerCallback(id)));
    if (meanwhile) return meanwhile;
    throw new NotFoundError('No such call-back');
  }
  return { id, done, alreadyDone: false };
}

/** Sharing: what her browser decrypted, sealed by the server as a read grant on the case; audited on the case. */
export async function share(
  deps: SpaceDeps,
  cred: Credential,
  body: z.infer<typeof shareBody>,
  client: string,
  route: string,
  now: Date,
): Promise<ShareSummary> {
  await authenticate(deps, cred, client, now);
  const c = await caseOf(deps, body.code, client, now);
  const id = `SH-${ulid(now.getTime())}`;
  const summary: ShareSummary = {
    id,
    caseId: c.caseId,
    plan: body.plan !== undefined,
    entries: (body.entries ?? []).map((e) => e.seq),
    sharedAt: now.toISOString(),
  };
  const copy = await seal('spaceShare', id, {
    ...spaceKeys.sharedCopy(c.caseId, id),
    type: 'SPACE_SHARED',
    id,
    sharedAt: summary.sharedAt,
    content: { ...(body.plan ? { plan: body.plan } : {}), entries: body.entries ?? [] },
  });
  await transact(deps.client, [
    { Put: { TableName: deps.table, Item: copy, ConditionExpression: 'attribute_not_exists(pk)' } },
    { Put: { TableName: deps.table, Item: { ...spaceKeys.share(cred.spaceId, id), type: 'SPACE_SHARE', ...summary, expiresAt: expiresAt(now) } } },
    auditPut(deps.table, { entity: 'fjc-case', entityId: c.caseId, action: 'share-space', route, principal: VICTIM_APP, at: now }),
  ]);
  return summary;
}

export async function revokeShare(deps: SpaceDeps, cred: Credential, id: string, client: string, route: string, now: Date): Promise<{ revoked: string }> {
  await authenticate(deps, cred, client, now);
  const mine = await get(deps, spaceKeys.share(cred.spaceId, id));
  if (!mine) throw new NotFoundError('No such share');
  const caseId = String(mine.caseId);
  await transact(deps.client, [
    { Delete: { TableName: deps.table, Key: spaceKeys.share(cred.spaceId, id) } },
    { Delete: { TableName: deps.table, Key: spaceKeys.sharedCopy(caseId, id) } },
    auditPut(deps.table, { entity: 'fjc-case', entityId: caseId, action: 'revoke-space-share', route, principal: VICTIM_APP, at: now }),
  ]);
  return { revoked: id };
}

/** Everything of her space goes, and her shares with it (each revocation audited on its case). */
export async function eraseSpace(deps: SpaceDeps, cred: Credential, client: string, route: string, now: Date): Promise<{ erased: true }> {
  await authenticate(deps, cred, client, now);
  const items = await queryAll(deps.client, {
    TableName: deps.table,
    KeyConditionExpression: 'pk = :pk',
    ExpressionAttributeValues: { ':pk': spaceKeys.pk(cred.spaceId) },
    ConsistentRead: true,
  });
  for (const s of items.filter((i) => String(i.sk).startsWith(spaceKeys.sharePrefix))) await revokeShareItem(deps, s, route, now);
  for (const i of items) await deps.client.send(new DeleteCommand({ TableName: deps.table, Key: { pk: String(i.pk), sk: String(i.sk) } }));
  return { erased: true };
}

async function revokeShareItem(deps: SpaceDeps, s: Item, route: string, now: Date): Promise<void> {
  await deps.client.send(new DeleteCommand({ TableName: deps.table, Key: spaceKeys.sharedCopy(String(s.caseId), String(s.id)) }));
  await recordAudit(deps.client, deps.table, {
    entity: 'fjc-case',
    entityId: String(s.caseId),
    action: 'revoke-space-share',
    route,
    principal: VICTIM_APP,
    at: now,
  });
}

/**
 * The server's word on her chain: each entry's number, hash and receipt time, and the head, signed
 * with Ed25519. With her decrypted entries and verifyChain (shared/space/chain.ts), anyone can check
 * that nothing was changed or removed after the server received it.
 */
export async function exportChain(deps: SpaceDeps, cred: Credential, client: string, now: Date): Promise<SpaceExport> {
  const meta = await authenticate(deps, cred, client, now);
  const entries = await queryAll(deps.client, {
    TableName: deps.table,
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :e)',
    ExpressionAttributeValues: { ':pk': spaceKeys.pk(cred.spaceId), ':e': spaceKeys.entryPrefix },
    ConsistentRead: true,
  });
  const statement = JSON.stringify({
    kind: 'oneroof-space-journal/v1',
    space: cred.spaceId,
    head: { seq: meta.headSeq, hash: meta.headHash },
    receipts: entries.map((e) => ({ seq: Number(e.seq), hash: String(e.hash), receivedAt: String(e.receivedAt) })),
    signedAt: now.toISOString(),
    nonce: randomUUID(),
  });
  return { statement, ...(await signStatement(statement)) };
}
