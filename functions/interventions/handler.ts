// Declared with personalData in shared/functions.ts: this function seals and opens, so it loads the Encryption SDK.
import '../lib/encryption-sdk.js';
import { IDEMPOTENCY_HEADER, idempotencyKeySchema } from '../../shared/bookings/api.js';
import { createInterventionSchema, interventionIdSchema, type CreateInterventionBody } from '../../shared/interventions/api.js';
import { TABLE_ENV } from '../../shared/table.js';
import { DynamoCaseRepository } from '../cases/repository.js';
import { cadenceFromEnv } from '../cases/config.js';
import { callerOf, type Caller } from '../lib/auth.js';
import { clock } from '../lib/clock.js';
import { requireEnv } from '../lib/config.js';
import { created, httpApi, ok } from '../lib/http.js';
import { idempotentOn } from '../lib/idempotency.js';
import { staffDirectoryFromEnv } from '../lib/staff-directory.js';
import { parse } from '../lib/validation.js';
import { interventionKeys } from './keys.js';
import { DynamoInterventionRepository } from './repository.js';
import { getIntervention, recordIntervention, type InterventionDeps } from './use-cases.js';

const tableName = requireEnv(TABLE_ENV);
const deps: InterventionDeps = {
  repo: new DynamoInterventionRepository(tableName),
  cases: { repo: new DynamoCaseRepository(tableName), cadence: cadenceFromEnv(), directory: staffDirectoryFromEnv() },
};

/**
 * A tablet in the field retries on a flaky connection with the same Idempotency-Key: the first request
 * records, every retry gets the same receipt (ids only, no personal data in the idempotency record).
 * The key is bound to the caller, so another person's key never answers with someone else's receipt.
 */
const recordOnce = idempotentOn(
  ({ input }: { key: string; input: { body: CreateInterventionBody; caller: Caller } }) => recordIntervention(deps, input.body, input.caller, clock.now()),
  tableName,
  { partition: interventionKeys.idempotencyPk, keyPrefix: 'interventions.create', what: 'intervention record' },
);

export const handler = httpApi('interventions', {
  'POST /api/interventions': async (req) => {
    const who = callerOf(req);
    const body = parse(createInterventionSchema, req.body);
    const rawKey = req.headers[IDEMPOTENCY_HEADER];
    const receipt =
      rawKey === undefined
        ? await recordIntervention(deps, body, who, clock.now())
        : await recordOnce(
            { key: `${who.principal.sub}|${parse(idempotencyKeySchema, rawKey, 'Idempotency-Key')}`, input: { body, caller: who } },
            req.context,
          );
    return { ...created(receipt), headers: { location: `/api/interventions/${receipt.id}` } };
  },
  'GET /api/interventions/{id}': async (req) =>
    ok(await getIntervention(deps, parse(interventionIdSchema, req.pathParameters.id, 'id'), callerOf(req), clock.now())),
});
