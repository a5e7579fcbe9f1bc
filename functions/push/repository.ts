import { DeleteCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { PushDevice, PushSubscriptionJson } from '../../shared/push/api.js';
import { topicsOfRoles, type DeviceProfile } from '../../shared/push/rules.js';
import { dynamo } from '../lib/clients.js';
import { queryAll, readIndex, updateIf } from '../lib/dynamo.js';
import { keys } from './keys.js';

/** A registered device as stored: the profile it receives for, and the browser's subscription (never returned by the API). */
export interface DeviceRecord extends DeviceProfile {
  id: string;
  endpoint: string;
  keys: PushSubscriptionJson['keys'];
  label?: string;
  createdAt: string;
  lastDeliveredAt?: string;
}

export const DEVICE_TYPE = 'PUSHDEVICE';

export function deviceView(d: DeviceRecord): PushDevice {
  return {
    id: d.id,
    ...(d.label ? { label: d.label } : {}),
    minSeverity: d.minSeverity,
    topics: topicsOfRoles(d.roles),
    createdAt: d.createdAt,
    ...(d.lastDeliveredAt ? { lastDeliveredAt: d.lastDeliveredAt } : {}),
  };
}

function record(item: Record<string, unknown>): DeviceRecord {
  const { pk: _pk, sk: _sk, gsi1pk: _g, gsi1sk: _s, type: _t, ...rest } = item;
  return rest as unknown as DeviceRecord;
}

export class PushDeviceRepository {
  constructor(
    private readonly table: string,
    private readonly client: DynamoDBDocumentClient = dynamo,
  ) {}

  /** Registers (or re-registers) a device; `created` when it was not there. The first registration time is kept. */
  async save(d: Omit<DeviceRecord, 'createdAt' | 'lastDeliveredAt'>, now: Date): Promise<{ created: boolean; device: DeviceRecord }> {
    const values: Record<string, unknown> = {
      ':type': DEVICE_TYPE,
      ':id': d.id,
      ':username': d.username,
      ':roles': [...d.roles],
      ':districts': [...d.districts],
      ':minSeverity': d.minSeverity,
      ':endpoint': d.endpoint,
      ':keys': d.keys,
      ':now': now.toISOString(),
      ...Object.fromEntries(Object.entries(keys.devicesIndex(d.zone, d.username, d.id)).map(([k, v]) => [`:${k}`, v])),
    };
    const sets = [
      '#type = :type',
      'id = :id',
      'username = :username',
      '#roles = :roles',
      'districts = :districts',
      'minSeverity = :minSeverity',
      'endpoint = :endpoint',
      '#keys = :keys',
      'createdAt = if_not_exists(createdAt, :now)',
      'gsi1pk = :gsi1pk',
      'gsi1sk = :gsi1sk',
    ];
    const removes: string[] = [];
    if (d.zone !== undefined) {
      sets.push('#zone = :zone');
      values[':zone'] = d.zone;
    } else removes.push('#zone');
    if (d.label !== undefined) {
      sets.push('label = :label');
      values[':label'] = d.label;
    } else removes.push('label');
    const out = await this.client.send(
      new UpdateCommand({
        TableName: this.table,
        Key: keys.device(d.username, d.id),
        UpdateExpression: `SET ${sets.join(', ')}${removes.length ? ` REMOVE ${removes.join(', ')}` : ''}`,
        ExpressionAttributeNames: { '#type': 'type', '#roles': 'roles', '#keys': 'keys', '#zone': 'zone' },
        ExpressionAttributeValues: values,
        ReturnValues: 'ALL_OLD',
      }),
    );
    const old = out.Attributes;
    return {
      created: old === undefined,
      device: {
        ...d,
        createdAt: (old?.createdAt as string | undefined) ?? now.toISOString(),
        ...(old?.lastDeliveredAt ? { lastDeliveredAt: old.lastDeliveredAt as string } : {}),
      },
    };
  }

  async ofUser(username: string): Promise<DeviceRecord[]> {
    const items = await queryAll(this.client, {
      TableName: this.table,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': keys.userPk(username), ':prefix': keys.devicePrefix },
    });
    return items.map(record);
  }

  /** Every registered device (the sender's audience filter runs on these). */
  async all(): Promise<DeviceRecord[]> {
    const items = await readIndex(this.client, this.table, 'gsi1', keys.devicesPk);
    return items.map(record);
  }

  async remove(username: string, id: string): Promise<void> {
    await this.client.send(new DeleteCommand({ TableName: this.table, Key: keys.device(username, id) }));
  }

  /** Notes a delivery; nothing when the device was removed meanwhile. */
  async delivered(username: string, id: string, at: Date): Promise<void> {
    await updateIf(this.client, {
      TableName: this.table,
      Key: keys.device(username, id),
      UpdateExpression: 'SET lastDeliveredAt = :at',
      ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeValues: { ':at': at.toISOString() },
    });
  }
}
