import { GetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { prefixes } from '../../shared/partitions.js';
import type { ActionRecord, ConsentRecord, ConsultationRecord, FjcCaseRecord, ReferralRecord } from '../../shared/fjc/model.js';
import { auditPut, recordAudits, type AuditEntry } from '../lib/audit.js';
import { refundAttempt, reserveAttempt, type Budget, type Reservation } from '../lib/attempts.js';
import { dynamo } from '../lib/clients.js';
import { fromItem, queryAll, readPartition, transact, transactOrConflict, type Item, type TransactItem } from '../lib/dynamo.js';
import { open, seal } from '../lib/personal-crypto.js';
import { caseKeys } from '../cases/keys.js';
import { spaceKeys } from '../space/keys.js';
import { fjcKeys } from './keys.js';

/**
 * FJC persistence: one partition per family case (`FJC#<id>`), read with ONE consistent Query so the
 * consent policy decides on facts of one moment. Sealed fields (shared/personal-data.ts `fjc`) are opened
 * only for the items a reader may see: `load` returns them still sealed, `opened` opens one.
 */

/** Tick attributes of an item in the FJC queue (never part of a record). */
const QUEUE_ATTRIBUTES = ['tickStage', 'tickAt', 'leaseUntil', 'leaseToken', 'attempts', 'lastError', 'messageId', 'publishedAt', 'sealed', 'expiresAt'];

export interface StoredCase {
  /** The case item as stored (sealed): open it with `openCase`. */
  caseItem: Item;
  header: Omit<FjcCaseRecord, 'family' | 'contact' | 'notes'>;
  referrals: (ReferralRecord & { item: Item })[];
  consents: ConsentRecord[];
  consultations: (Omit<ConsultationRecord, 'summary' | 'minutes'> & { hasMinutes: boolean; item: Item })[];
  actions: (Omit<ActionRecord, 'title'> & { item: Item })[];
}

/** A victim-code lookup: the hash item and the case's pointer to it. */
export const CODE_BUDGET: Budget = { limit: 10, windowMs: 15 * 60_000 };

export class FjcRepository {
  constructor(
    readonly table: string,
    private readonly client: DynamoDBDocumentClient = dynamo,
  ) {}

  async load(id: string): Promise<StoredCase | undefined> {
    const items = await readPartition(this.client, this.table, fjcKeys.casePk(id));
    const c = items.find((i) => i.sk === 'CASE');
    if (!c) return undefined;
    const of = (prefix: string) => items.filter((i) => String(i.sk).startsWith(prefix));
    return {
      caseItem: c,
      header: fromItem(c, ['sealed', 'expiresAt']),
      referrals: of(fjcKeys.referralPrefix).map((i) => ({ ...fromItem<ReferralRecord>(i, [...QUEUE_ATTRIBUTES, 'id', 'zone']), ...escalation(i), item: i })),
      consents: of(fjcKeys.consentPrefix).map((i) => fromItem<ConsentRecord>(i, ['expiresAt'])),
      consultations: of(fjcKeys.consultationPrefix).map((i) => ({
        ...fromItem<Omit<ConsultationRecord, 'summary' | 'minutes'>>(i, ['sealed', 'hasMinutes', 'expiresAt']),
        hasMinutes: i.hasMinutes === true,
        item: i,
      })),
      actions: of(fjcKeys.actionPrefix).map((i) => ({ ...fromItem<Omit<ActionRecord, 'title'>>(i, QUEUE_ATTRIBUTES), item: i })),
    };
  }

  async openCase(s: StoredCase): Promise<FjcCaseRecord> {
    return fromItem<FjcCaseRecord>(await open('fjc', s.header.id, s.caseItem));
  }

  async opened<T>(caseId: string, item: Item): Promise<T> {
    return fromItem<T>(await open('fjc', caseId, item), QUEUE_ATTRIBUTES);
  }

  /** The police case's clear fields (its sealed ones are never opened here). */
  async policeCase(
    id: string,
  ): Promise<{ id: string; zone: string; status: string; riskLevel: string; orderIds: string[]; bookingRefs: string[] } | undefined> {
    const out = await this.client.send(
      new GetCommand({
        TableName: this.table,
        Key: caseKeys.case(id),
        ConsistentRead: true,
        ProjectionExpression: 'id, #z, #s, riskLevel, orderIds, bookingRefs',
        ExpressionAttributeNames: { '#z': 'zone', '#s': 'status' },
      }),
    );
    const i = out.Item;
    if (!i) return undefined;
    return {
      id: String(i.id),
      zone: String(i.zone),
      status: String(i.status),
      riskLevel: String(i.riskLevel),
      orderIds: (i.orderIds as string[] | undefined) ?? [],
      bookingRefs: (i.bookingRefs as string[] | undefined) ?? [],
    };
  }

  /** A booking's clear fields (its PIN hash and sealed fields are never read here). */
  async booking(reference: string): Promise<{ reference: string; serviceId: string; zone: string; status: string } | undefined> {
    const out = await this.client.send(
      new GetCommand({
        TableName: this.table,
        Key: { pk: `${prefixes.booking}${reference}`, sk: 'BOOKING' },
        ConsistentRead: true,
        ProjectionExpression: '#r, serviceId, #z, #s',
        ExpressionAttributeNames: { '#r': 'reference', '#z': 'zone', '#s': 'status' },
      }),
    );
    const i = out.Item;
    if (!i) return undefined;
    return { reference: String(i.reference), serviceId: String(i.serviceId), zone: String(i.zone), status: String(i.status) };
  }

  existingForBooking(reference: string): Promise<string | undefined> {
    return this.linkedCase(fjcKeys.bookingLink(reference));
  }

  /** The police FJC referral an intervention wrote for this police case, while no family case was opened from it. */
  async policeReferral(policeCaseId: string): Promise<Item | undefined> {
    const out = await this.client.send(new GetCommand({ TableName: this.table, Key: fjcKeys.policeReferral(policeCaseId), ConsistentRead: true }));
    return out.Item;
  }

  /** The zone's police FJC referrals waiting for a case director, oldest first. */
  zonePoliceReferrals(zone: string, limit = 200): Promise<Item[]> {
    return this.onGsi2(fjcKeys.policeReferralsPk(zone), limit, false);
  }

  zoneCases(zone: string, limit = 200): Promise<Item[]> {
    return this.onGsi2(fjcKeys.zonePk(zone), limit, true);
  }

  /** Up to `limit` items of one gsi2 partition, newest first or oldest first. */
  private async onGsi2(pk: string, limit: number, newestFirst: boolean): Promise<Item[]> {
    const items = await queryAll(
      this.client,
      {
        TableName: this.table,
        IndexName: 'gsi2',
        KeyConditionExpression: 'gsi2pk = :pk',
        ExpressionAttributeValues: { ':pk': pk },
        ScanIndexForward: !newestFirst,
      },
      limit,
    );
    return items.slice(0, limit);
  }

  /** A partner's inbox entries (referrals, consultations it takes part in), newest first. */
  partnerEntries(partnerId: string, limit = 200): Promise<Item[]> {
    return this.onGsi2(fjcKeys.partnerPk(partnerId), limit, true);
  }

  /** Open actions of a zone due before `untilIso` (all open ones without it). */
  async openActions(zone: string, untilIso?: string): Promise<Item[]> {
    return queryAll(this.client, {
      TableName: this.table,
      IndexName: 'gsi2',
      KeyConditionExpression: untilIso ? 'gsi2pk = :pk AND gsi2sk < :until' : 'gsi2pk = :pk',
      ExpressionAttributeValues: { ':pk': fjcKeys.actionsPk(zone), ...(untilIso ? { ':until': untilIso } : {}) },
    });
  }

  caseIdForCode(hash: string): Promise<string | undefined> {
    return this.linkedCase(fjcKeys.code(hash));
  }

  async codePointer(caseId: string): Promise<string | undefined> {
    const out = await this.client.send(new GetCommand({ TableName: this.table, Key: fjcKeys.codePointer(caseId), ConsistentRead: true }));
    return typeof out.Item?.hash === 'string' ? out.Item.hash : undefined;
  }

  existingForPoliceCase(policeCaseId: string): Promise<string | undefined> {
    return this.linkedCase(fjcKeys.policeLink(policeCaseId));
  }

  /** The family case a link item (police case, booking, victim code) names. */
  private async linkedCase(key: Item): Promise<string | undefined> {
    const out = await this.client.send(new GetCommand({ TableName: this.table, Key: key, ConsistentRead: true }));
    return typeof out.Item?.caseId === 'string' ? out.Item.caseId : undefined;
  }

  reserveCodeAttempt(client: string, now: Date): Promise<Reservation> {
    return reserveAttempt(this.table, fjcKeys.codeAttempts(client), 'FJC_CODE_ATTEMPTS', CODE_BUDGET, now);
  }

  refundCodeAttempt(client: string, windowStart: number): Promise<void> {
    return refundAttempt(this.table, fjcKeys.codeAttempts(client), windowStart);
  }

  /** Seals an item of the case's partition (its personal fields never reach the table in clear). */
  sealed(caseId: string, item: Item): Promise<Item> {
    return seal('fjc', caseId, item);
  }

  /** One change in ONE transaction with its audit record; a failed condition is a 409 (nothing written). */
  async commit(items: TransactItem[], audit: AuditEntry, conflict = 'The case was changed meanwhile; reload it and try again'): Promise<void> {
    await transactOrConflict(this.client, [...items, auditPut(this.table, audit)], conflict);
  }

  /** Writes that need no audit record of their own (the rest of a change already audited), all or nothing. */
  async transactOnly(items: TransactItem[]): Promise<void> {
    if (items.length > 0) await transact(this.client, items);
  }

  async audit(entries: readonly AuditEntry[]): Promise<void> {
    if (entries.length > 0) await recordAudits(this.client, this.table, entries);
  }

  /** What a victim shared from her space with this case (functions/space seals each copy under its share id), opened. */
  async spaceShares(caseId: string): Promise<Item[]> {
    const items = await readPartition(this.client, this.table, spaceKeys.sharedCopyPk(caseId));
    return Promise.all(items.map((i) => open('spaceShare', String(i.id), i)));
  }

  /** Every item of the case's partition as stored (closing stamps each; tests inspect them). */
  raw(caseId: string): Promise<Item[]> {
    return readPartition(this.client, this.table, fjcKeys.casePk(caseId));
  }
}

/** The tick's `publishedAt` on a referral is its escalation time. */
function escalation(i: Item): { escalatedAt?: string } {
  return typeof i.publishedAt === 'string' ? { escalatedAt: i.publishedAt } : {};
}
