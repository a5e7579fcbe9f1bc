import { auditPathSchema, auditQuerySchema } from '../../shared/audit/api.js';
import { TABLE_ENV } from '../../shared/table.js';
import { auditEntryFor } from '../lib/audit.js';
import { clock } from '../lib/clock.js';
import { requireEnv } from '../lib/config.js';
import { httpApi, ok, withQuery } from '../lib/http.js';
import { parse } from '../lib/validation.js';
import { DynamoAuditStore, readTrail } from './trail.js';

const store = new DynamoAuditStore(requireEnv(TABLE_ENV));

/** The audit function only reads trails (and appends its own read record): no route alters a record. */
export const handler = httpApi('audit', {
  'GET /api/audit/{entity}/{id}': withQuery(auditQuerySchema, async (req, q) => {
    const { entity, id } = parse(auditPathSchema, req.pathParameters, 'path');
    const { principal, route, at } = auditEntryFor(req, entity, id, 'read-audit', clock.now());
    return ok(await readTrail(store, { entity, id, limit: q.limit, cursor: q.cursor }, { principal, route, at }));
  }),
});
