import { PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { statsAdd } from '../../../functions/lib/stats.js';
import { orderCounterDeltas } from '../../../functions/orders/counters.js';
import { hashProtectionCode } from '../../../functions/orders/protection-code.js';
import { newOrderPuts } from '../../../functions/orders/repository.js';
import { DEMO_ZONE } from '../../../shared/identity.js';
import { normalizeProtectionCode, type OrderRecord } from '../../../shared/zones/index.js';
import type { SeedContext } from '../seed.js';
import { DEMO_HOME, DEMO_ORDER_ID, DEMO_PROTECTION_CODE, DEMO_RESPONDENT_DEVICE } from './order.js';

/**
 * Local demo data (infra/local/seed.ts; never deployed): one active restraining order in
 * the demo zone, so `npm run demo:breach` has a respondent's device to drive towards a protected zone
 * and the victim app has a protection code to raise a panic with. Everything here is invented: the
 * zone centre is a public park in Boom, not anyone's home; the code is public, like the demo password.
 * The order is counted like any other (created this month, ended in the month of its validity's end),
 * so the report's "active orders" shows it, as the demo's cases are counted too.
 */
export function demoOrder(now: Date): OrderRecord {
  const at = now.toISOString();
  return {
    id: DEMO_ORDER_ID,
    version: 1,
    status: 'active',
    district: DEMO_ZONE,
    respondentDeviceId: DEMO_RESPONDENT_DEVICE,
    protectedPersonRef: 'DEMO-CASE-1',
    shareProtectedPosition: false,
    validFrom: at,
    validUntil: new Date(now.getTime() + 365 * 86_400_000).toISOString(),
    zones: [{ id: 'home-1', label: 'home', centre: DEMO_HOME, alertRadiusM: 500, preAlertRadiusM: 1000 }],
    curfews: [],
    noContact: true,
    // A demo bracelet that is silent between demos: signal loss only after a day without a position.
    device: { signalLossMinutes: 24 * 60, batteryLowPercent: 15 },
    fixRetentionDays: 30,
    // The respondent attends Daderhulp Rupel's programme and reports to the justice house: a missed
    // session recorded by pieter.programme alerts the police and reaches olivia.officer's linked case.
    perpetrator: {
      programme: { partner: 'context-daderhulp' },
      reporting: { partner: 'justitiehuis-mechelen', every: 'fortnight' },
      rightsNoticeGivenAt: at,
      rightsNoticeGivenBy: 'demo-seed',
    },
    createdAt: at,
    createdBy: 'demo-seed',
    updatedAt: at,
    updatedBy: 'demo-seed',
  };
}

/** Writes the demo order one item at a time (the seed's client makes each Put conditional on a new key). */
export async function seedDemoOrder({ dynamo, tableName, now }: SeedContext): Promise<void> {
  const hash = hashProtectionCode(normalizeProtectionCode(DEMO_PROTECTION_CODE) as string);
  for (const item of await newOrderPuts(tableName, demoOrder(now), hash)) {
    if (!item.Put) continue;
    const { ConditionExpression: _c, ...put } = item.Put;
    await dynamo.send(new PutCommand({ TableName: put.TableName, Item: put.Item }));
  }
  // The same counters the create route adds in its transaction (the seed runs once per data folder).
  for (const d of orderCounterDeltas(undefined, demoOrder(now))) {
    await dynamo.send(new UpdateCommand(statsAdd(tableName, d.at, d.zone, d.counters).Update));
  }
}
