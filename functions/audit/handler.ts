import * as z from 'zod';
import { TABLE_ENV } from '../../shared/table.js';
import { AUDIT_ENTITY_ID_PATTERN, AUDIT_ENTITY_PATTERN, auditEntryFor } from '../lib/audit.js';
import { dynamo } from '../lib/clients.js';
import { clock } from '../lib/clock.js';
import { requireEnv } from '../lib/config.js';
import { httpApi, ok, withQuery } from '../lib/http.js';
import { parse } from '../lib/validation.js';
import { DynamoAuditStore, readTrail } from './trail.js';

const store = new DynamoAuditStore(dynamo, requireEnv(TABLE_ENV));

export const MAX_PAGE = 100;

const pathSchema = z.object({
  entity: z.string().regex(AUDIT_ENTITY_PATTERN, 'entity must be an entity kind such as "case"'),
  id: z.string().regex(AUDIT_ENTITY_ID_PATTERN, 'id must be an entity id'),
});
const querySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(MAX_PAGE).default(50),
  cursor: z.string().max(512).optional(),
});

/** The audit function only reads trails (and appends its own read record): no route alters a record. */
export const handler = httpApi('audit', {
  'GET /api/audit/{entity}/{id}': withQuery(querySchema, async (req, q) => {
    const { entity, id } = parse(pathSchema, req.pathParameters, 'path');
    const { principal, route, at } = auditEntryFor(req, entity, id, 'read-audit', clock.now());
    return ok(await readTrail(store, { entity, id, limit: q.limit, cursor: q.cursor }, { principal, route, at }));
  }),
});
