import { createHash } from 'node:crypto';
import { PutCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { ulid } from 'ulid';
import { requirePrincipal, type Principal } from './auth.js';
import { AUDIT_ENTITY_ID_PATTERN, AUDIT_ENTITY_PATTERN } from '../../shared/audit/api.js';
import { prefixes } from '../../shared/partitions.js';

/**
 * The audit trail: append-only records of every staff read or change of victim-related data.
 * A record points to the entity (kind + id) and never copies personal data: who (user name, sub),
 * which roles, what (entity + id), action, when, which route (the route-table key, a template such as
 * `GET /api/cases/{id}` — never a raw path or query string).
 * Keys: pk `AUDIT#<entity>#<id>`, sk `<ISO time>#<ulid>`. Every write is a Put conditional on the key
 * being new, so nothing can overwrite a record; no route updates or deletes them; in AWS the functions'
 * IAM policy denies UpdateItem/DeleteItem/BatchWriteItem on `AUDIT#` keys.
 * Coordinators and supervisors read one entity's trail with GET /api/audit/{entity}/{id}, the records
 * of their own zone only (each record carries its actor's zone).
 */
export type AuditAction =
  | 'read'
  | 'create'
  | 'update'
  | 'delete'
  | 'list'
  | 'acknowledge'
  | 'resolve'
  | 'complete'
  /** Police gave a protected person a new protection code (the old one stopped working). */
  | 'reissue-protection-code'
  /** Someone read this entity's audit trail (the audit function records its own reads). */
  | 'read-audit'
  /** A coordinator published the address of a contact point whose kind is confidential (a shelter's public office). */
  | 'publish-confidential-address'
  /** A case director gave a victim a new FJC case code (the old one stopped working). */
  | 'issue-victim-code'
  /** A case director closed a family case (with a reason); its retention period starts. */
  | 'close'
  /** A consent of the victim was recorded, or withdrawn (by her in the victim app, or recorded by staff). */
  | 'record-consent'
  | 'withdraw-consent'
  /** An officer took a booking's safe-contact choices over into a case, with the victim's consent given in the booking. */
  | 'take-over-safe-contact'
  /** She replaced the safe-contact choices on her police case herself, from her space. */
  | 'safe-contact-from-space'
  /** She linked her space to her family case with her case code. */
  | 'link-space'
  /** She shared her plan or journal entries with her case (a read grant), or took that back. */
  | 'share-space'
  | 'revoke-space-share';

export interface AuditEntry {
  entity: string;
  entityId: string;
  action: AuditAction;
  route: string;
  principal: Principal;
  at: Date;
}

export const auditPk = (entity: string, entityId: string) => `${prefixes.audit}${entity}#${entityId}`;
/** Every record is also on gsi1 under the day it was written: the daily digest reads one day in one Query. */
export const auditDayPk = (day: string) => `${prefixes.auditDay}${day}`;

export function auditItem(entry: AuditEntry): Record<string, unknown> {
  // A guard against personal data reaching a key: an id that is not an opaque id is a bug upstream.
  if (!AUDIT_ENTITY_PATTERN.test(entry.entity)) throw new Error(`Audit entity kind must match ${AUDIT_ENTITY_PATTERN}`);
  if (!AUDIT_ENTITY_ID_PATTERN.test(entry.entityId)) throw new Error(`Audit entity id must be an opaque id (${entry.entity})`);
  const at = entry.at.toISOString();
  const sk = `${at}#${ulid(entry.at.getTime())}`;
  return {
    pk: auditPk(entry.entity, entry.entityId),
    sk,
    gsi1pk: auditDayPk(at.slice(0, 10)),
    gsi1sk: `${auditPk(entry.entity, entry.entityId)}#${sk}`,
    type: 'AUDIT',
    entity: entry.entity,
    entityId: entry.entityId,
    action: entry.action,
    route: entry.route,
    actor: entry.principal.username,
    actorSub: entry.principal.sub,
    roles: entry.principal.roles,
    // The actor's zone: staff act only within their patch, so it is the zone of what they touched, and
    // a trail is read back only by staff of that zone (functions/audit). Not part of the hash chain.
    ...(entry.principal.zone ? { zone: entry.principal.zone } : {}),
    at,
  };
}

/** A Put for a TransactWriteItems, so a change and its audit record land together or not at all. */
export function auditPut(tableName: string, entry: AuditEntry) {
  return { Put: { TableName: tableName, Item: auditItem(entry), ConditionExpression: 'attribute_not_exists(pk)' } };
}

/** For reads: write the record before returning the data. */
export async function recordAudit(client: { send(command: PutCommand): Promise<unknown> }, tableName: string, entry: AuditEntry): Promise<void> {
  await client.send(new PutCommand({ TableName: tableName, Item: auditItem(entry), ConditionExpression: 'attribute_not_exists(pk)' }));
}

/**
 * For a list read that shows several entities (e.g. a coordinator's bookings of a day): one record per
 * entity, written in transactions of up to 100 conditional Puts (BatchWriteItem is denied on audit keys).
 */
export async function recordAudits(
  client: { send(command: TransactWriteCommand): Promise<unknown> },
  tableName: string,
  entries: readonly AuditEntry[],
): Promise<void> {
  for (let i = 0; i < entries.length; i += 100) {
    await client.send(new TransactWriteCommand({ TransactItems: entries.slice(i, i + 100).map((e) => auditPut(tableName, e)) }));
  }
}

/** Builds an entry from a request: the route key and the verified principal (401 if there is none). */
export function auditEntryFor(
  req: { routeKey: string; principal: Principal | null },
  entity: string,
  entityId: string,
  action: AuditAction,
  at: Date,
): AuditEntry {
  return { entity, entityId, action, route: req.routeKey, principal: requirePrincipal(req), at };
}

// ---- the hash chain ------------------------------------------------------------------------------

/** The fields a record's link covers, in a fixed order: changing any of them breaks the chain. */
const CHAINED = ['pk', 'sk', 'entity', 'entityId', 'action', 'route', 'actor', 'actorSub', 'roles', 'at'] as const;

/** The first link of every entity's chain. */
export const CHAIN_START = '0'.repeat(64);

export function canonicalAudit(record: Record<string, unknown>): string {
  return JSON.stringify(CHAINED.map((k) => record[k] ?? null));
}

/**
 * Each entity's audit records, in key order, form a hash chain: link = SHA-256(previous link, record).
 * The daily digest (functions/audit/digest.ts) computes the links of the day's records from the last
 * link it wrote for that entity and keeps them in write-once storage; `npm run audit:verify` recomputes
 * them from the table and names the first record whose link no longer matches.
 */
export function chainLink(previous: string, record: Record<string, unknown>): string {
  return createHash('sha256').update(previous).update('\n').update(canonicalAudit(record)).digest('hex');
}
