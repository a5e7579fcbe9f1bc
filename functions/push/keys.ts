import { createHash } from 'node:crypto';
import { fixedPartitions as F, prefixes as P } from '../../shared/partitions.js';

/**
 * Keys of push devices in the one table (documented in functions/push/README.md). A device belongs to
 * the staff member who registered it; all devices share one index partition, read by the sender (a
 * deployment's staff devices are hundreds at most: one or two query pages).
 */
export const keys = {
  device: (username: string, deviceId: string) => ({ pk: `${P.pushUser}${username}`, sk: `DEVICE#${deviceId}` }),
  userPk: (username: string) => `${P.pushUser}${username}`,
  devicePrefix: 'DEVICE#',
  devicesIndex: (zone: string | undefined, username: string, deviceId: string) => ({ gsi1pk: F.pushDevices, gsi1sk: `${zone ?? '-'}#${username}#${deviceId}` }),
  devicesPk: F.pushDevices,
};

/** A device's id: from its endpoint, so the same browser registering again updates its one item. */
export const deviceIdOf = (endpoint: string) => `PD-${createHash('sha256').update(endpoint).digest('hex').slice(0, 24)}`;
