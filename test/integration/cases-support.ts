import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { handler as cases } from '../../functions/cases/handler.js';
import { dynamo } from '../../functions/lib/clients.js';
import { statsKey } from '../../functions/lib/stats.js';
import { monthOf } from '../../shared/metrics.js';
import type { JWTPayload } from 'jose';
import { invokeRoute, staffToken } from '../support/invoke.js';
import { itemsOf } from '../support/table.js';

export { caseBody } from '../support/bodies.js';

export const TABLE = process.env.TABLE_NAME as string;
export const olivia = staffToken('olivia.officer', 'officer');
export const omar = staffToken('omar.officer', 'officer');
export const sam = staffToken('sam.supervisor', 'supervisor', 'officer');

/** The same people acting in another zone: each token carries the zone its holder works in. */
export function staffIn(zone: string) {
  const z = `zone:${zone}` as const;
  return {
    olivia: staffToken('olivia.officer', 'officer', z),
    omar: staffToken('omar.officer', 'officer', z),
    sam: staffToken('sam.supervisor', 'supervisor', 'officer', z),
  };
}

export const call = (method: string, path: string, claims?: JWTPayload, body?: unknown) => invokeRoute(cases, method, path, { claims, body });

let n = 0;
/** A fresh zone per test keeps counters and team lists apart. */
export function freshZone(): string {
  return `z${Date.now().toString(36)}${(n++).toString(36)}`;
}

export async function counters(zone: string, at: Date): Promise<Record<string, number>> {
  const out = await dynamo.send(new GetCommand({ TableName: TABLE, Key: statsKey(monthOf(at), zone), ConsistentRead: true }));
  const item = out.Item ?? {};
  return Object.fromEntries(Object.entries(item).filter(([k, v]) => k.includes('.') && typeof v === 'number')) as Record<string, number>;
}

export const caseItems = (caseId: string) => itemsOf(`CASE#${caseId}`);
