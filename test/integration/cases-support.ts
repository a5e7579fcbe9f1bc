import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { handler as cases } from '../../functions/cases/handler.js';
import { dynamo } from '../../functions/lib/clients.js';
import { statsKey } from '../../functions/lib/stats.js';
import { monthOf } from '../../shared/metrics.js';
import { apiEvent, lambdaContext, staffClaims } from '../support/events.js';

export const TABLE = process.env.TABLE_NAME as string;
export const olivia = staffClaims('olivia.officer', 'officer');
export const omar = staffClaims('omar.officer', 'officer');
export const sam = staffClaims('sam.supervisor', 'supervisor', 'officer');

export async function call(method: string, path: string, claims?: Record<string, string>, body?: unknown): Promise<{ status: number; json: Record<string, any> }> {
  const res = await cases(apiEvent({ method, path, ...(claims ? { claims } : {}), ...(body !== undefined ? { body } : {}) }), lambdaContext());
  return { status: res.statusCode ?? 0, json: res.body ? (JSON.parse(res.body) as Record<string, any>) : {} };
}

let n = 0;
/** A fresh zone per test keeps counters and team lists apart. */
export function freshZone(): string {
  return `z${Date.now().toString(36)}${(n++).toString(36)}`;
}

export function caseBody(zone: string, overrides: Record<string, unknown> = {}) {
  return { victimRef: `V-${Date.now()}-${n++}`, zone, interventionDate: '2026-01-10', kind: 'physical', children: true, substanceAbuse: false, victimGender: 'female', aggressorGender: 'male', dashYes: [], ...overrides };
}

export async function counters(zone: string, at: Date): Promise<Record<string, number>> {
  const out = await dynamo.send(new GetCommand({ TableName: TABLE, Key: statsKey(monthOf(at), zone), ConsistentRead: true }));
  const item = out.Item ?? {};
  return Object.fromEntries(Object.entries(item).filter(([k, v]) => k.includes('.') && typeof v === 'number')) as Record<string, number>;
}

export async function caseItems(caseId: string) {
  const out = await dynamo.send(new QueryCommand({ TableName: TABLE, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': `CASE#${caseId}` }, ConsistentRead: true }));
  return out.Items ?? [];
}
