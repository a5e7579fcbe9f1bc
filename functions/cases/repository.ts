import { GetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { CaseRecord, FollowupPurpose, FollowupRecord } from '../../shared/cases/index.js';
import { monthOf } from '../../shared/metrics.js';
import { auditPut, recordAudits, type AuditEntry } from '../lib/audit.js';
import { dynamo } from '../lib/clients.js';
import { cancellationCodes, fromItem, queryAll, readPartition, transact, transactOrConflict, type Item, type TransactItem } from '../lib/dynamo.js';
import { open, seal } from '../lib/personal-crypto.js';
import type { SEALED_FIELDS } from '../../shared/personal-data.js';
import { statsAdd } from '../lib/stats.js';
import { caseKeys } from './keys.js';
import { caseRefKeySource, type KeySource } from './victim-key.js';

/** The reminder tick's work on a follow-up: remind at `at`, then escalate at `at` (after the grace). */
export interface TickWork {
  stage: 'remind' | 'escalate';
  at: string;
}

export interface StoredFollowup extends FollowupRecord {
  tick?: TickWork;
}

/** A notice for the supervisors' topic, sent by the tick (exactly-once machinery shared with reminders). */
export interface CaseNotice {
  id: string;
  caseId: string;
  zone: string;
  officer: string;
  kind: 'unreachable';
  /** The follow-up made urgent: its due time and purpose (for the message). */
  followupId: string;
  dueAt: string;
  purpose: FollowupPurpose;
  createdAt: string;
}

export interface StatsDelta {
  at: Date;
  zone: string;
  counters: Record<string, number>;
}

/** One unit of work: written in ONE TransactWriteItems with its conditions, audit record and counters. */
export interface CaseChange {
  /** A new case (with its victim hash) or the next version of an existing one. */
  newCase?: { record: CaseRecord; victimHash: string };
  /** `previousOrderIds`: the orders linked before, so the links follow a change of `orderIds`. */
  caseUpdate?: { next: CaseRecord; expectedVersion: number; previousOrderIds?: readonly string[] };
  /** The case must still be open at this version (when the change touches only follow-ups). */
  caseCheck?: { id: string; version: number };
  followups: { next: StoredFollowup; expectedVersion: number | undefined }[];
  notices: CaseNotice[];
  audit: AuditEntry;
  stats: StatsDelta[];
}

/** A case as lists return it: its personal fields stay sealed (a list never decrypts; open the case to see them). */
export type ListedCase = Omit<CaseRecord, (typeof SEALED_FIELDS.case)[number]>;

/** What an alert on a linked order needs of a case: no sealed field, so no key to open it. */
export type CaseHeader = Pick<CaseRecord, 'id' | 'version' | 'status' | 'officer' | 'zone' | 'riskLevel'>;

/** Port: what the alert intake reads and writes (functions/cases/alert-intake.ts). */
export interface CaseAlertRepository {
  casesOfOrder(orderId: string): Promise<string[]>;
  caseHeader(id: string): Promise<CaseHeader | undefined>;
  /**
   * Commits a change of one case check and new follow-ups: `already` when a follow-up exists (the same
   * alert delivered again), `conflict` when the case changed or closed meanwhile (read it again).
   */
  commitOnce(change: CaseChange): Promise<'committed' | 'already' | 'conflict'>;
}

/** Link items for the orders a case gains and loses (an alert on a linked order reaches the case). */
function orderLinkItems(table: string, caseId: string, before: readonly string[], after: readonly string[]): TransactItem[] {
  const added = after.filter((o) => !before.includes(o));
  const removed = before.filter((o) => !after.includes(o));
  return [
    ...added.map(
      (orderId): TransactItem => ({ Put: { TableName: table, Item: { ...caseKeys.orderCase(orderId, caseId), type: 'ORDER_CASE', orderId, caseId } } }),
    ),
    ...removed.map((orderId): TransactItem => ({ Delete: { TableName: table, Key: caseKeys.orderCase(orderId, caseId) } })),
  ];
}

/** Port: cases persistence. */
export interface CaseRepository {
  victimKey(): Promise<Buffer>;
  /** Opening times of earlier cases of the victim with this hash, since `sinceIso`. */
  casesOfVictimSince(hash: string, sinceIso: string): Promise<string[]>;
  load(id: string): Promise<{ record: CaseRecord; followups: StoredFollowup[] } | undefined>;
  listByOfficer(officer: string, limit: number): Promise<ListedCase[]>;
  listTeam(zone: string | undefined, limit: number): Promise<ListedCase[]>;
  /** Pending follow-ups due before `untilIso`, optionally of one officer and/or zone. */
  pendingFollowups(untilIso: string, filter: { officer?: string; zone?: string }): Promise<StoredFollowup[]>;
  commit(change: CaseChange): Promise<void>;
  audit(entries: readonly AuditEntry[]): Promise<void>;
}

/** Merges counters into one statsAdd per month and zone (a transaction may touch an item once). */
export function mergeStats(deltas: readonly StatsDelta[]): StatsDelta[] {
  const out = new Map<string, StatsDelta>();
  for (const d of deltas) {
    const key = `${monthOf(d.at)}|${d.zone}`;
    const m = out.get(key) ?? { at: d.at, zone: d.zone, counters: {} };
    for (const [k, n] of Object.entries(d.counters)) m.counters[k] = (m.counters[k] ?? 0) + n;
    out.set(key, m);
  }
  return [...out.values()]
    .map((d) => ({ ...d, counters: Object.fromEntries(Object.entries(d.counters).filter(([, n]) => n !== 0)) }))
    .filter((d) => Object.keys(d.counters).length > 0);
}

export function caseItem(c: CaseRecord): Record<string, unknown> {
  return { ...caseKeys.case(c.id), type: 'CASE', ...c, ...caseKeys.officerIndex(c.officer, c.openedAt, c.id), ...caseKeys.teamCasesIndex(c.openedAt, c.id) };
}

export function followupItem(f: StoredFollowup): Record<string, unknown> {
  const { tick, ...record } = f;
  return {
    ...caseKeys.followup(f.caseId, f.id),
    type: 'FOLLOWUP',
    ...record,
    ...(f.status === 'pending' ? caseKeys.teamFollowupsIndex(f.dueAt, f.id) : {}),
    ...(f.status === 'pending' && tick ? { tickStage: tick.stage, tickAt: tick.at, ...caseKeys.dueIndex(f.id, tick.at) } : {}),
  };
}

export function noticeItem(n: CaseNotice): Record<string, unknown> {
  return { ...caseKeys.notice(n.caseId, n.id), type: 'CASE_NOTICE', ...n, tickStage: 'notice', tickAt: n.createdAt, ...caseKeys.dueIndex(n.id, n.createdAt) };
}

export function followupFromItem(item: Record<string, unknown>): StoredFollowup {
  const { tickStage, tickAt, leaseUntil: _l, leaseToken: _t, attempts: _a, lastError: _e, ...rest } = fromItem<Item>(item);
  const f = rest as unknown as StoredFollowup;
  if ((tickStage === 'remind' || tickStage === 'escalate') && typeof tickAt === 'string') f.tick = { stage: tickStage, at: tickAt };
  return f;
}

const caseFromItem = (item: Item) => fromItem<CaseRecord>(item);
const listedFromItem = (item: Item) => fromItem<ListedCase>(item, ['sealed']);

/** The items of one change, in one transaction (exported for the seed and tests); the case's personal fields sealed. */
export async function changeItems(table: string, change: CaseChange): Promise<TransactItem[]> {
  const items: TransactItem[] = [];
  const versionCond = (v: number) => ({
    ConditionExpression: '#v = :v',
    ExpressionAttributeNames: { '#v': 'version' },
    ExpressionAttributeValues: { ':v': v },
  });
  if (change.newCase) {
    const { record, victimHash } = change.newCase;
    items.push({ Put: { TableName: table, Item: await seal('case', record.id, caseItem(record)), ConditionExpression: 'attribute_not_exists(pk)' } });
    items.push({
      Put: {
        TableName: table,
        Item: { ...caseKeys.victim(record.id), type: 'CASE_VICTIM', caseId: record.id, ...caseKeys.victimIndex(victimHash, record.openedAt, record.id) },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    });
    items.push(...orderLinkItems(table, record.id, [], record.orderIds));
  }
  if (change.caseUpdate) {
    const { next, expectedVersion, previousOrderIds } = change.caseUpdate;
    items.push({ Put: { TableName: table, Item: await seal('case', next.id, caseItem(next)), ...versionCond(expectedVersion) } });
    if (previousOrderIds) items.push(...orderLinkItems(table, next.id, previousOrderIds, next.orderIds));
  }
  if (change.caseCheck) {
    items.push({
      ConditionCheck: {
        TableName: table,
        Key: caseKeys.case(change.caseCheck.id),
        ConditionExpression: '#v = :v AND #s = :open',
        ExpressionAttributeNames: { '#v': 'version', '#s': 'status' },
        ExpressionAttributeValues: { ':v': change.caseCheck.version, ':open': 'open' },
      },
    });
  }
  for (const { next, expectedVersion } of change.followups) {
    // Only a follow-up with a note has anything to seal: the alert intake, which plans follow-ups, holds no key.
    const item = next.note === undefined ? followupItem(next) : await seal('followup', next.id, followupItem(next));
    items.push({
      Put: {
        TableName: table,
        Item: item,
        ...(expectedVersion === undefined ? { ConditionExpression: 'attribute_not_exists(pk)' } : versionCond(expectedVersion)),
      },
    });
  }
  for (const n of change.notices) items.push({ Put: { TableName: table, Item: noticeItem(n), ConditionExpression: 'attribute_not_exists(pk)' } });
  items.push(auditPut(table, change.audit));
  for (const d of mergeStats(change.stats)) items.push(statsAdd(table, d.at, d.zone, d.counters));
  return items;
}

export class DynamoCaseRepository implements CaseRepository {
  private readonly keys: KeySource;
  constructor(
    private readonly table: string,
    private readonly client: DynamoDBDocumentClient = dynamo,
    keys?: KeySource,
  ) {
    this.keys = keys ?? caseRefKeySource(client, table);
  }

  victimKey(): Promise<Buffer> {
    return this.keys.key();
  }

  async casesOfOrder(orderId: string): Promise<string[]> {
    const items = await queryAll(this.client, {
      TableName: this.table,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': caseKeys.orderCasesPk(orderId) },
    });
    return items.map((i) => String(i.caseId));
  }

  async caseHeader(id: string): Promise<CaseHeader | undefined> {
    const out = await this.client.send(
      new GetCommand({
        TableName: this.table,
        Key: caseKeys.case(id),
        ConsistentRead: true,
        ProjectionExpression: 'id, version, #s, officer, #z, riskLevel',
        ExpressionAttributeNames: { '#s': 'status', '#z': 'zone' },
      }),
    );
    return out.Item ? (out.Item as CaseHeader) : undefined;
  }

  async commitOnce(change: CaseChange): Promise<'committed' | 'already' | 'conflict'> {
    try {
      await transact(this.client, await changeItems(this.table, change));
      return 'committed';
    } catch (err) {
      const codes = cancellationCodes(err);
      if (!codes) throw err;
      // changeItems' order: the case check first, then the follow-ups.
      if (codes.slice(1, 1 + change.followups.length).includes('ConditionalCheckFailed')) return 'already';
      return 'conflict';
    }
  }

  async casesOfVictimSince(hash: string, sinceIso: string): Promise<string[]> {
    const items = await queryAll(this.client, {
      TableName: this.table,
      IndexName: 'gsi2',
      KeyConditionExpression: 'gsi2pk = :pk AND gsi2sk >= :since',
      ExpressionAttributeValues: { ':pk': caseKeys.victimPk(hash), ':since': sinceIso },
    });
    return items.map((i) => String(i.gsi2sk).split('#')[0] as string);
  }

  async load(id: string) {
    const items = await readPartition(this.client, this.table, caseKeys.casePk(id));
    const c = items.find((i) => i.sk === 'CASE');
    if (!c) return undefined;
    const followups = await Promise.all(
      items.filter((i) => String(i.sk).startsWith(caseKeys.followupPrefix)).map(async (i) => followupFromItem(await open('followup', String(i.id), i))),
    );
    followups.sort((a, b) => a.dueAt.localeCompare(b.dueAt) || a.id.localeCompare(b.id));
    return { record: caseFromItem(await open('case', id, c)), followups };
  }

  private async queryIndex(index: 'gsi1' | 'gsi2', pk: string, limit: number, zone?: string): Promise<ListedCase[]> {
    const items = await queryAll(
      this.client,
      {
        TableName: this.table,
        IndexName: index,
        KeyConditionExpression: `${index}pk = :pk`,
        ScanIndexForward: false,
        ...(zone ? { FilterExpression: '#zone = :zone', ExpressionAttributeNames: { '#zone': 'zone' } } : {}),
        ExpressionAttributeValues: { ':pk': pk, ...(zone ? { ':zone': zone } : {}) },
      },
      limit,
    );
    return items.slice(0, limit).map(listedFromItem);
  }

  listByOfficer(officer: string, limit: number) {
    return this.queryIndex('gsi1', caseKeys.officerPk(officer), limit);
  }

  listTeam(zone: string | undefined, limit: number) {
    return this.queryIndex('gsi2', caseKeys.teamCasesPk, limit, zone);
  }

  async pendingFollowups(untilIso: string, filter: { officer?: string; zone?: string }): Promise<StoredFollowup[]> {
    const names: Record<string, string> = {};
    const values: Record<string, unknown> = { ':pk': caseKeys.teamFollowupsPk, ':until': untilIso };
    const conds: string[] = [];
    if (filter.officer) {
      names['#officer'] = 'officer';
      values[':officer'] = filter.officer;
      conds.push('#officer = :officer');
    }
    if (filter.zone) {
      names['#zone'] = 'zone';
      values[':zone'] = filter.zone;
      conds.push('#zone = :zone');
    }
    const items = await queryAll(this.client, {
      TableName: this.table,
      IndexName: 'gsi2',
      KeyConditionExpression: 'gsi2pk = :pk AND gsi2sk < :until',
      ...(conds.length ? { FilterExpression: conds.join(' AND '), ExpressionAttributeNames: names } : {}),
      ExpressionAttributeValues: values,
    });
    return items.map(followupFromItem);
  }

  async commit(change: CaseChange): Promise<void> {
    await transactOrConflict(this.client, await changeItems(this.table, change), 'The case or follow-up was changed meanwhile; reload it and try again');
  }

  async audit(entries: readonly AuditEntry[]): Promise<void> {
    if (entries.length > 0) await recordAudits(this.client, this.table, entries);
  }
}
