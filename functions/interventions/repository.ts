import { GetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { InterventionRecord } from '../../shared/interventions/api.js';
import { auditPut, recordAudit, type AuditEntry } from '../lib/audit.js';
import { dynamo } from '../lib/clients.js';
import { fromItem, transactOrConflict } from '../lib/dynamo.js';
import { open, seal } from '../lib/personal-crypto.js';
import { changeItems, type CaseChange } from '../cases/repository.js';
import type { PoliceReferralRecord } from '../../shared/fjc/model.js';
import { policeReferralItem } from '../fjc/police-referral.js';
import { interventionKeys } from './keys.js';

/** One recorded intervention: its item, its audit record, and the case it opens (with follow-ups, counters and the case's audit). */
export interface InterventionChange {
  record: InterventionRecord;
  audit: AuditEntry;
  caseOpening: CaseChange;
  /** The police FJC referral to the zone's case directors, when the introduction was made. */
  fjcReferral?: PoliceReferralRecord;
}

/** Port: interventions persistence. */
export interface InterventionRepository {
  /** Writes the whole change in ONE transaction, or nothing (409 when any part's condition fails). */
  commit(change: InterventionChange): Promise<void>;
  load(id: string): Promise<InterventionRecord | undefined>;
  audit(entry: AuditEntry): Promise<void>;
}

export class DynamoInterventionRepository implements InterventionRepository {
  constructor(
    private readonly table: string,
    private readonly client: DynamoDBDocumentClient = dynamo,
  ) {}

  async commit(change: InterventionChange): Promise<void> {
    const { record } = change;
    const item = await seal('intervention', record.id, { ...interventionKeys.intervention(record.id), type: 'INTERVENTION', ...record });
    await transactOrConflict(
      this.client,
      [
        { Put: { TableName: this.table, Item: item, ConditionExpression: 'attribute_not_exists(pk)' } },
        auditPut(this.table, change.audit),
        // The case's own items, exactly as opening a case writes them (functions/cases/repository.ts).
        ...(await changeItems(this.table, change.caseOpening)),
        ...(change.fjcReferral
          ? [{ Put: { TableName: this.table, Item: policeReferralItem(change.fjcReferral), ConditionExpression: 'attribute_not_exists(pk)' } }]
          : []),
      ],
      'The intervention or its case could not be recorded as a whole; nothing was saved. Send it again.',
    );
  }

  async load(id: string): Promise<InterventionRecord | undefined> {
    const out = await this.client.send(new GetCommand({ TableName: this.table, Key: interventionKeys.intervention(id), ConsistentRead: true }));
    if (!out.Item) return undefined;
    return fromItem<InterventionRecord>(await open('intervention', id, out.Item));
  }

  audit(entry: AuditEntry): Promise<void> {
    return recordAudit(this.client, this.table, entry);
  }
}
