import { QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ValidationError } from '../../shared/errors.js';
import type { AuditPage, AuditRecord } from '../../shared/audit/api.js';
import { auditPk, recordAudit, type AuditEntry } from '../lib/audit.js';
import { dynamo } from '../lib/clients.js';
import { zoneOf } from '../lib/scope.js';

/** Storage port. */
export interface AuditStore {
  append(entry: AuditEntry): Promise<void>;
  /** Newest first, after `afterSk` (exclusive) when given; only the records written in `zone`. */
  list(entity: string, id: string, zone: string, limit: number, afterSk: string | undefined): Promise<{ items: AuditRecord[]; lastSk: string | undefined }>;
}

const SK_PATTERN = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z#[0-9A-HJKMNP-TV-Z]{26}$/;

/**
 * The cursor is opaque to clients: base64url of a small JSON object holding the sort key of the last
 * record shown (a time and a ulid — never personal data, and never the raw key in the URL).
 */
export function encodeCursor(sk: string): string {
  return Buffer.from(JSON.stringify({ v: 1, after: sk }), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string): string {
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { v?: unknown; after?: unknown };
    if (parsed.v === 1 && typeof parsed.after === 'string' && SK_PATTERN.test(parsed.after)) return parsed.after;
  } catch {
    // fall through
  }
  throw new ValidationError('cursor', 'cursor is not one this API gave out');
}

/**
 * Use case: the trail of one entity, newest first. Reading a trail is itself recorded in that trail
 * (action `read-audit`) BEFORE the records are read: who looked at who looked at a victim's case is
 * just as sensitive, and supervisors must be able to see it. So the first page always starts with
 * the caller's own read.
 */
export async function readTrail(
  store: AuditStore,
  input: { entity: string; id: string; limit: number; cursor: string | undefined },
  reader: Omit<AuditEntry, 'entity' | 'entityId' | 'action'>,
): Promise<AuditPage> {
  // Staff read the trail of their own patch: the records written by staff of their zone. Another
  // zone's entity reads as one nobody of this zone touched (only this read shows), never its records.
  const zone = zoneOf(reader.principal);
  const afterSk = input.cursor === undefined ? undefined : decodeCursor(input.cursor);
  await store.append({ ...reader, entity: input.entity, entityId: input.id, action: 'read-audit' });
  const { items, lastSk } = await store.list(input.entity, input.id, zone, input.limit, afterSk);
  return { entity: input.entity, id: input.id, items, ...(lastSk ? { nextCursor: encodeCursor(lastSk) } : {}) };
}

export class DynamoAuditStore implements AuditStore {
  constructor(
    private readonly tableName: string,
    private readonly client: DynamoDBDocumentClient = dynamo,
  ) {}

  append(entry: AuditEntry): Promise<void> {
    return recordAudit(this.client, this.tableName, entry);
  }

  async list(entity: string, id: string, zone: string, limit: number, afterSk: string | undefined) {
    const pk = auditPk(entity, id);
    const page = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk',
        // Limit applies before the filter: a page may hold fewer records, and the cursor still goes on.
        FilterExpression: '#zone = :zone',
        ExpressionAttributeNames: { '#zone': 'zone' },
        ExpressionAttributeValues: { ':pk': pk, ':zone': zone },
        ScanIndexForward: false,
        Limit: limit,
        ...(afterSk ? { ExclusiveStartKey: { pk, sk: afterSk } } : {}),
      }),
    );
    const items = (page.Items ?? []).map(
      (i): AuditRecord => ({
        at: String(i.at),
        action: String(i.action),
        route: String(i.route),
        actor: String(i.actor),
        actorSub: String(i.actorSub),
        roles: Array.isArray(i.roles) ? i.roles.map(String) : [],
      }),
    );
    const last = page.LastEvaluatedKey?.sk;
    return { items, lastSk: typeof last === 'string' ? last : undefined };
  }
}
