/**
 * Helpers for the orders / monitoring / alerts integration tests (DynamoDB Local, local SNS).
 * Each test uses its own district and device ids, so lists and indexes never see another test's items.
 */
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBRecord } from 'aws-lambda';
import { dynamo } from '../../functions/lib/clients.js';
import { MONITORING_SCOPE } from '../../shared/roles.js';
import { destination } from '../../shared/zones/index.js';
import { staffClaims } from '../support/events.js';
import { opened } from '../support/sealed.js';
import { itemsOf } from '../support/table.js';
import { HOME, orderBody, unique } from '../support/bodies.js';

export { itemsOf };
export { HOME, orderBody, unique };

export const TABLE = 'oneroof-test';

export const police = staffClaims('paula.police', 'police');
export const supervisor = staffClaims('sam.supervisor', 'supervisor');
export const officer = staffClaims('olivia.officer', 'officer');
export const monitoringClaims = { sub: 'oneroof-monitoring', client_id: 'oneroof-monitoring', scope: MONITORING_SCOPE, token_use: 'access' };

/** A position event `meters` north of the protected home at `at`. */
export function positionEvent(deviceId: string, at: Date, meters: number, accuracy = 10) {
  const p = destination(HOME, 0, meters);
  return { type: 'position', eventId: unique('ev'), deviceId, at: at.toISOString(), lat: p.lat, lon: p.lon, accuracy };
}

/** The items of a partition with their sealed personal fields opened (assertions on stored positions and state). */
export async function openedItemsOf(pk: string): Promise<Record<string, unknown>[]> {
  return Promise.all((await itemsOf(pk)).map(opened));
}

/** Every open alert of a district, through the open index, evidence opened. */
export async function openAlerts(district: string): Promise<Record<string, unknown>[]> {
  const out = await dynamo.send(
    new QueryCommand({
      TableName: TABLE,
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pk',
      ExpressionAttributeValues: { ':pk': `ALERTS#OPEN#${district}` },
      ScanIndexForward: false,
    }),
  );
  return Promise.all((out.Items ?? []).map(opened));
}

let seq = 0;
/** Stream records (INSERT, NEW_AND_OLD_IMAGES) as Lambda receives them, built from items as they were written. */
export function insertRecords(items: Record<string, unknown>[]): DynamoDBRecord[] {
  return items.map((item) => {
    const { publishedAt: _p, snsMessageId: _m, ...image } = item;
    return {
      eventID: String(++seq),
      eventName: 'INSERT',
      eventSource: 'aws:dynamodb',
      awsRegion: 'eu-west-1',
      dynamodb: {
        Keys: marshall({ pk: item.pk, sk: item.sk }) as never,
        NewImage: marshall(image, { removeUndefinedValues: true }) as never,
        SequenceNumber: String(100_000 + seq),
        StreamViewType: 'NEW_AND_OLD_IMAGES',
      },
    };
  });
}
