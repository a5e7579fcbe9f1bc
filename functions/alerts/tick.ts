import middy from '@middy/core';
import type { ScheduledEvent } from 'aws-lambda';
import { TABLE_ENV, WORK_SHARDS } from '../../shared/table.js';
import { clock } from '../lib/clock.js';
import { requireEnv } from '../lib/config.js';
import { runsAs } from '../lib/table-access.js';
import { lambdaContextLogging, logger } from '../lib/logger.js';
import { DynamoAlertRepository, type AlertRepository } from './repository.js';

/**
 * Escalation tick: every shard's unacknowledged alerts due at or before now get an ESCALATION record
 * (once per level; the stream publishes it to supervisors) and move to their next, slower escalation time.
 */
export async function escalateDue(repo: AlertRepository, now: Date): Promise<{ escalated: number }> {
  let escalated = 0;
  const shards = Array.from({ length: WORK_SHARDS }, (_, i) => i);
  await Promise.all(
    shards.map(async (shard) => {
      for (const alert of await repo.dueForEscalation(shard, now)) {
        if (await repo.escalate(alert, now)) escalated++;
      }
    }),
  );
  return { escalated };
}

const repo = new DynamoAlertRepository(requireEnv(TABLE_ENV));

export const handler = middy<ScheduledEvent | undefined, { escalated: number }>()
  .use(lambdaContextLogging())
  .handler(
    runsAs('alertTick', async () => {
      const out = await escalateDue(repo, clock.now());
      if (out.escalated > 0) logger.info('Alerts escalated', out);
      return out;
    }),
  );
