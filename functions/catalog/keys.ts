import { fixedPartitions } from '../../shared/partitions.js';

/** Catalogue keys: one partition, so one Query returns the whole catalogue (services + contact points). */
export const CATALOG_PK = fixedPartitions.catalog;
export const SERVICE_PREFIX = 'SERVICE#';
export const CONTACT_PREFIX = 'CONTACT#';

export const catalogKeys = {
  service: (id: string) => ({ pk: CATALOG_PK, sk: `${SERVICE_PREFIX}${id}` }),
  contactPoint: (id: string) => ({ pk: CATALOG_PK, sk: `${CONTACT_PREFIX}${id}` }),
};
