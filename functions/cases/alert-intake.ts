import middy from '@middy/core';
import type { DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { CASE_ALERT_KINDS, DEFAULT_CADENCE, urgentFollowup, type Cadence } from '../../shared/cases/index.js';
import { TABLE_ENV } from '../../shared/table.js';
import type { AlertKind } from '../../shared/zones/index.js';
import { dynamo } from '../lib/clients.js';
import { clock } from '../lib/clock.js';
import { requireEnv } from '../lib/config.js';
import { lambdaContextLogging, logger } from '../lib/logger.js';
import { eachInsert } from '../lib/stream.js';
import { runsAs } from '../lib/table-access.js';
import { cadenceFromEnv } from './config.js';
import { DynamoCaseRepository, type CaseAlertRepository, type StoredFollowup } from './repository.js';
import { dueCounter, newFollowup } from './use-cases.js';

/** The alert as the stream carries it: ids and kind only (its evidence stays sealed; this function cannot open it). */
export interface AlertOnOrder {
  id: string;
  orderId: string;
  kind: AlertKind;
}

/** The stream consumer acts as this machine principal in the audit trail. */
const INTAKE = { sub: 'oneroof-case-alert-intake', username: 'case-alert-intake', roles: [], scopes: [], clientId: 'oneroof-case-alert-intake' };
const ATTEMPTS_PER_CASE = 3;

/**
 * A breach or panic alert on an order reaches every open case the order is linked to: an urgent
 * follow-up for the case officer, due within the risk level's first-contact time (the cadence), whose
 * reminder goes out at once (the follow-up tick's next minute), with the alert's id in it. One
 * follow-up per alert and case, whatever the redelivery (its id is the alert's). The risk level is
 * never changed here: raising it is the officer's decision, one confirmation in the console.
 */
export async function alertReachesCases(repo: CaseAlertRepository, alert: AlertOnOrder, now: Date, cadence: Cadence = DEFAULT_CADENCE): Promise<string[]> {
  if (!CASE_ALERT_KINDS.includes(alert.kind)) return [];
  const planned: string[] = [];
  for (const caseId of await repo.casesOfOrder(alert.orderId)) {
    let settled = false;
    for (let attempt = 0; attempt < ATTEMPTS_PER_CASE && !settled; attempt++) {
      const c = await repo.caseHeader(caseId);
      if (c?.status !== 'open') {
        // A closed (or removed) case has nobody to remind: nothing to do, and nothing to retry.
        settled = true;
        break;
      }
      // Due by the cadence, reminded now; its id is the alert's, so a redelivered alert plans nothing twice.
      const followup: StoredFollowup = {
        ...newFollowup(c, urgentFollowup(c.riskLevel, now, cadence), c.officer, now, true),
        id: `FU-${alert.id.replace(/^AL-/, '')}`,
        alertId: alert.id,
        tick: { stage: 'remind', at: now.toISOString() },
      };
      const result = await repo.commitOnce({
        caseCheck: { id: caseId, version: c.version },
        followups: [{ next: followup, expectedVersion: undefined }],
        notices: [],
        audit: { entity: 'followup', entityId: followup.id, action: 'create', route: 'stream alert-to-case', principal: INTAKE, at: now },
        stats: [dueCounter(followup)],
      });
      if (result === 'committed') planned.push(caseId);
      settled = result !== 'conflict';
    }
    if (!settled) throw new Error('The case kept changing; the record will be retried');
  }
  return planned;
}

/** Stream records (INSERT of ALERT, filtered by the event source) → the cases of each alert's order. */
export async function intakeRecords(
  records: readonly DynamoDBRecord[],
  repo: CaseAlertRepository,
  now: () => Date,
  cadence?: Cadence,
): Promise<DynamoDBBatchResponse> {
  return eachInsert(records, ['ALERT'], 'Alert intake failed; the record will be retried', async ({ item }) => {
    if (item.canary === true) return;
    const alert: AlertOnOrder = { id: String(item.id), orderId: String(item.orderId), kind: item.kind as AlertKind };
    const cases = await alertReachesCases(repo, alert, now(), cadence);
    if (cases.length > 0) logger.info('Alert reached its cases', { alertId: alert.id, kind: alert.kind, cases: cases.length });
  });
}

/** This function never opens a victim reference: it gets no HMAC key, and asking for one is a bug. */
const noVictimKey = { key: () => Promise.reject(new Error('The alert intake has no victim-reference key')) };
const repo = new DynamoCaseRepository(requireEnv(TABLE_ENV), dynamo, noVictimKey);
const cadence = cadenceFromEnv();

export const handler = middy<DynamoDBStreamEvent, DynamoDBBatchResponse>()
  .use(lambdaContextLogging())
  .handler(runsAs('caseAlertIntake', (event: DynamoDBStreamEvent) => intakeRecords(event.Records, repo, () => clock.now(), cadence)));
