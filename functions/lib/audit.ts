import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { ulid } from 'ulid';
import type { Principal } from './auth.js';

/**
 * The audit trail: append-only records of every staff read or change of victim-related data.
 * A record points to the entity (kind + id) and never copies personal data.
 * Keys: pk `AUDIT#<entity>#<id>`, sk `<ISO time>#<ulid>`. No API updates or deletes them; in AWS the
 * functions' IAM policy denies UpdateItem/DeleteItem on `AUDIT#` keys.
 */
export type AuditAction = 'read' | 'create' | 'update' | 'delete' | 'list' | 'acknowledge' | 'resolve' | 'complete';

export interface AuditEntry {
  entity: string;
  entityId: string;
  action: AuditAction;
  route: string;
  principal: Principal;
  at: Date;
}

export function auditItem(entry: AuditEntry): Record<string, unknown> {
  const at = entry.at.toISOString();
  return {
    pk: `AUDIT#${entry.entity}#${entry.entityId}`,
    sk: `${at}#${ulid(entry.at.getTime())}`,
    type: 'AUDIT',
    entity: entry.entity,
    entityId: entry.entityId,
    action: entry.action,
    route: entry.route,
    actor: entry.principal.username,
    actorSub: entry.principal.sub,
    roles: entry.principal.roles,
    at,
  };
}

/** A Put for a TransactWriteItems, so a change and its audit record land together or not at all. */
export function auditPut(tableName: string, entry: AuditEntry) {
  return { Put: { TableName: tableName, Item: auditItem(entry), ConditionExpression: 'attribute_not_exists(pk)' } };
}

/** For reads: write the record before returning the data. */
export async function recordAudit(
  client: { send(command: PutCommand): Promise<unknown> },
  tableName: string,
  entry: AuditEntry,
): Promise<void> {
  await client.send(new PutCommand({ TableName: tableName, Item: auditItem(entry), ConditionExpression: 'attribute_not_exists(pk)' }));
}
