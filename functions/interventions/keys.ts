import { fixedPartitions as F, prefixes as P } from '../../shared/partitions.js';

/** Keys of police interventions (functions/interventions/README.md). Nothing else builds these strings. */
export const interventionKeys = {
  intervention: (id: string) => ({ pk: `${P.intervention}${id}`, sk: 'INTERVENTION' }),
  /** Powertools idempotency records of POST /api/interventions. */
  idempotencyPk: F.interventionsIdempotency,
};
