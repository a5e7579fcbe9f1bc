/**
 * Section 2, `POST /api/monitoring/events`: real provider batches of 50 position events under load,
 * and beside it, with the same concurrency, two raw runs straight through the SDK (lib-dynamodb):
 * - `rawBatchedRunner`: the calls the handler makes for such a batch (one consistent BatchGetItem, one
 *   TransactWriteItems per order) — the ratio is the handler stack's overhead (gateway, JWT check, middy,
 *   zod, the breach engine, sealing);
 * - `rawPerEventRunner`: the calls of the per-event design it replaced (a gsi1 Query per device, two
 *   consistent Gets and one TransactWriteItems per event) — the ratio is the batching's gain.
 *
 * Orders are created through `POST /api/orders` (police token), so each device is a real one. Devices
 * are grouped 5 to a batch (10 events each, in time order); a batch leases its group for its duration,
 * so two in-flight batches never touch the same order (no optimistic-lock retries inflate the figures).
 * Positions are 5 km from the protected home: no alert, but every event commits a state change, a kept
 * fix and a dedupe marker — the common path.
 */
import { BatchGetCommand, QueryCommand as DocQuery, GetCommand, TransactWriteCommand, DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { fixFields } from '../functions/monitoring/repository.js';
import { destination, type LatLon } from '../shared/zones/index.js';

export const BATCH = 50;
const DEVICES_PER_BATCH = 5;
const HOME: LatLon = { lat: 51.0899, lon: 4.3712 };

export interface Group {
  devices: { deviceId: string; orderId: string }[];
}

export interface MonitoringFixture {
  groups: Group[];
  /** A group that is free, or undefined when all are leased. */
  lease(): Group | undefined;
  release(group: Group): void;
  /** 50 events, 10 per device of the group, each later than any before it for that device. */
  batch(group: Group): { eventId: string; type: 'position'; deviceId: string; at: string; lat: number; lon: number; accuracy: number }[];
}

let seq = 0;
const uniq = (p: string) => `${p}-${Date.now().toString(36)}-${(++seq).toString(36)}`;

/** Creates `groups` × 5 orders through the API and returns the lease pool. */
export async function monitoringFixture(baseUrl: string, policeToken: string, groupCount: number): Promise<MonitoringFixture> {
  const now = Date.now();
  const district = uniq('bench');
  const createOne = async (): Promise<{ deviceId: string; orderId: string }> => {
    const deviceId = uniq('BENCH-DEV');
    const res = await fetch(`${baseUrl}/api/orders`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${policeToken}` },
      body: JSON.stringify({
        district,
        respondentDeviceId: deviceId,
        protectedPersonRef: uniq('BENCH-CASE'),
        validFrom: new Date(now - 86_400_000).toISOString(),
        validUntil: new Date(now + 30 * 86_400_000).toISOString(),
        zones: [{ label: 'home', centre: HOME, alertRadiusM: 500 }],
        noContact: true,
        // Long enough that the watchdog never raises signal loss during the run.
        device: { signalLossMinutes: 24 * 60, batteryLowPercent: 15 },
      }),
    });
    const body = (await res.json()) as { order?: { id?: string } };
    if (res.status !== 201 || !body.order?.id) throw new Error(`POST /api/orders → ${res.status} ${JSON.stringify(body).slice(0, 120)}`);
    return { deviceId, orderId: body.order.id };
  };
  const made: { deviceId: string; orderId: string }[] = [];
  const total = groupCount * DEVICES_PER_BATCH;
  for (let i = 0; i < total; i += 10) made.push(...(await Promise.all(Array.from({ length: Math.min(10, total - i) }, createOne))));
  const groups: Group[] = Array.from({ length: groupCount }, (_, g) => ({ devices: made.slice(g * DEVICES_PER_BATCH, (g + 1) * DEVICES_PER_BATCH) }));
  const free = [...groups];
  // Event times: from 4 minutes ago, 100 ms apart per device (the API refuses events > 5 min ahead).
  const nextAt = new Map<string, number>(made.map((d) => [d.deviceId, now - 4 * 60_000]));
  const far = destination(HOME, 0, 5_000);
  return {
    groups,
    lease: () => free.shift(),
    release: (g) => void free.push(g),
    batch: (group) =>
      group.devices.flatMap((d) =>
        Array.from({ length: BATCH / DEVICES_PER_BATCH }, () => {
          const at = (nextAt.get(d.deviceId) ?? now) + 100;
          nextAt.set(d.deviceId, at);
          return {
            eventId: uniq('bench-ev'),
            type: 'position' as const,
            deviceId: d.deviceId,
            at: new Date(at).toISOString(),
            lat: far.lat,
            lon: far.lon,
            accuracy: 10,
          };
        }),
      ),
  };
}

/** The event's dedupe marker and its kept fix, under `BENCHRAW#` keys with a type no stream consumer reads. */
function rawEventItems(tableName: string, orderId: string, e: ReturnType<MonitoringFixture['batch']>[number], nowIso: string) {
  return [
    {
      Put: {
        TableName: tableName,
        Item: {
          pk: `BENCHRAW#EVENT#${e.eventId}`,
          sk: `ORDER#${orderId}`,
          type: 'BENCH_RAW',
          receivedAt: nowIso,
          expiresAt: Math.floor(Date.now() / 1000) + 3600,
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    },
    {
      Put: {
        TableName: tableName,
        Item: {
          pk: `BENCHRAW#${orderId}`,
          sk: `FIX#${e.at}#${e.eventId}`,
          type: 'BENCH_RAW',
          orderId,
          ...fixFields(e),
          receivedAt: nowIso,
          expiresAt: Math.floor(Date.now() / 1000) + 3600,
        },
      },
    },
  ];
}

/** The state write under its version (`BENCHRAW#` keys; each runner its own state item, `design`, as each keeps its own versions). */
function rawStatePut(tableName: string, design: string, orderId: string, state: unknown, from: number, to: number, nowIso: string) {
  return {
    Put: {
      TableName: tableName,
      Item: { pk: `BENCHRAW#${orderId}`, sk: `STATE#${design}`, type: 'BENCH_RAW', orderId, version: to, state: state ?? {}, updatedAt: nowIso },
      ConditionExpression: from === 0 ? 'attribute_not_exists(pk) OR version = :v' : 'version = :v',
      ExpressionAttributeValues: { ':v': from },
    },
  };
}

/** What a raw runner works with: its client, the state version it wrote last per order, the batch's events and time. */
interface RawRun {
  doc: DynamoDBDocumentClient;
  versions: Map<string, number>;
  events: ReturnType<MonitoringFixture['batch']>;
  nowIso: string;
}

/** A runner over lib-dynamodb straight (no handler): one client and version map for all its groups. */
function rawRunner(client: DynamoDBClient, run: (r: RawRun, group: Group) => Promise<void>) {
  const doc = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
  const versions = new Map<string, number>();
  return (fixture: MonitoringFixture, group: Group): Promise<void> =>
    run({ doc, versions, events: fixture.batch(group), nowIso: new Date().toISOString() }, group);
}

/**
 * The calls the handler makes for one batch (device lists already at hand, as for a device seen in the
 * last seconds): one consistent BatchGetItem of the orders and their states, then per order (in
 * parallel) ONE TransactWriteItems with the events' dedupe markers (conditional), their fixes and the
 * state (version check).
 */
export function rawBatchedRunner(client: DynamoDBClient, tableName: string) {
  return rawRunner(client, async ({ doc, versions, events, nowIso }, group) => {
    const keys = group.devices.flatMap((d) => [
      { pk: `ORDER#${d.orderId}`, sk: 'ORDER' },
      { pk: `ORDER#${d.orderId}`, sk: 'STATE' },
    ]);
    const got = await doc.send(new BatchGetCommand({ RequestItems: { [tableName]: { Keys: keys, ConsistentRead: true } } }));
    const states = new Map((got.Responses?.[tableName] ?? []).filter((i) => i.sk === 'STATE').map((i) => [String(i.pk), i.state]));
    await Promise.all(
      group.devices.map(async (d) => {
        const mine = events.filter((x) => x.deviceId === d.deviceId);
        const v = versions.get(d.orderId) ?? 0;
        await doc.send(
          new TransactWriteCommand({
            TransactItems: [
              ...mine.flatMap((e) => rawEventItems(tableName, d.orderId, e, nowIso)),
              rawStatePut(tableName, 'batched', d.orderId, states.get(`ORDER#${d.orderId}`), v, v + mine.length, nowIso),
            ],
          }),
        );
        versions.set(d.orderId, v + mine.length);
      }),
    );
  });
}

/**
 * The calls of the per-event design the batch replaced, straight through lib-dynamodb: per device
 * (devices in parallel) one gsi1 Query; per event (in order) the order and its state (two consistent
 * Gets in parallel) and one TransactWriteItems with the dedupe marker (conditional), the state (version
 * check) and the fix.
 */
export function rawPerEventRunner(client: DynamoDBClient, tableName: string) {
  return rawRunner(client, async ({ doc, versions, events, nowIso }, group) => {
    await Promise.all(
      group.devices.map(async (d) => {
        const q = await doc.send(
          new DocQuery({
            TableName: tableName,
            IndexName: 'gsi1',
            KeyConditionExpression: 'gsi1pk = :pk',
            ExpressionAttributeValues: { ':pk': `DEVICE#${d.deviceId}` },
          }),
        );
        const orderId = String(q.Items?.[0]?.orderId ?? d.orderId);
        for (const e of events.filter((x) => x.deviceId === d.deviceId)) {
          const [, s] = await Promise.all([
            doc.send(new GetCommand({ TableName: tableName, Key: { pk: `ORDER#${orderId}`, sk: 'ORDER' }, ConsistentRead: true })),
            doc.send(new GetCommand({ TableName: tableName, Key: { pk: `ORDER#${orderId}`, sk: 'STATE' }, ConsistentRead: true })),
          ]);
          const v = versions.get(orderId) ?? 0;
          await doc.send(
            new TransactWriteCommand({
              TransactItems: [...rawEventItems(tableName, orderId, e, nowIso), rawStatePut(tableName, 'per-event', orderId, s.Item?.state, v, v + 1, nowIso)],
            }),
          );
          versions.set(orderId, v + 1);
        }
      }),
    );
  });
}
