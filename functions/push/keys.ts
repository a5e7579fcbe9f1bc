import { createHash } from 'node:crypto';

/**
 * Keys of push devices in the one table (documented in functions/push/README.md). A device belongs to
 * the staff member who registered it; all devices share one index partition, read by the sender (a
 * deployment's staff devices are hundreds at most: one or two query pages).
 */
export const keys = {
  device: (username: string, deviceId: string) => ({ pk: `PUSH#USER#${username}`, sk: `DEVICE#${deviceId}` }),
  userPk: (username: string) => `PUSH#USER#${username}`,
  devicePrefix: 'DEVICE#',
  devicesIndex: (zone: string | undefined, username: string, deviceId: string) => ({ gsi1pk: 'PUSH#DEVICES', gsi1sk: `${zone ?? '-'}#${username}#${deviceId}` }),
  devicesPk: 'PUSH#DEVICES',
};

/** A device's id: from its endpoint, so the same browser registering again updates its one item. */
export const deviceIdOf = (endpoint: string) => `PD-${createHash('sha256').update(endpoint).digest('hex').slice(0, 24)}`;
