import { PutCommand } from '@aws-sdk/lib-dynamodb';
import type { ScheduledEvent } from 'aws-lambda';
import { ulid } from 'ulid';
import { CANARY_DISTRICT, CANARY_KIND } from '../../shared/canary.js';
import { TABLE_ENV } from '../../shared/table.js';
import { keys } from '../alerts/keys.js';
import { dynamo } from '../lib/clients.js';
import { clock } from '../lib/clock.js';
import { requireEnv } from '../lib/config.js';
import { logger } from '../lib/logger.js';
import { runsAs } from '../lib/table-access.js';

const table = requireEnv(TABLE_ENV);

/**
 * Scheduled: writes one canary alert (shared/canary.ts). The outbox publishes it like any alert; no
 * index attribute, no counter, so the police list, the escalation queue and the reports never see it.
 */
export async function writeCanary(tableName: string, now: Date): Promise<string> {
  const id = `AL-${ulid(now.getTime())}`;
  await dynamo.send(
    new PutCommand({
      TableName: tableName,
      Item: {
        ...keys.alert(id),
        type: 'ALERT',
        canary: true,
        id,
        kind: CANARY_KIND,
        severity: 'low',
        district: CANARY_DISTRICT,
        orderId: 'canary',
        at: now.toISOString(),
        raisedAt: now.toISOString(),
        status: 'resolved',
        escalationLevel: 0,
        expiresAt: Math.floor(now.getTime() / 1000) + 86_400,
      },
      ConditionExpression: 'attribute_not_exists(pk)',
    }),
  );
  return id;
}

export const handler = runsAs('canary', async (_event?: ScheduledEvent): Promise<{ canary: string }> => {
  const id = await writeCanary(table, clock.now());
  logger.info('Canary written', { id });
  return { canary: id };
});
