import * as z from 'zod';
import { UnauthorizedError, NotFoundError } from '../../shared/errors.js';
import { DEMO_ZONE } from '../../shared/identity.js';
import { zoneId } from '../../shared/primitives.js';
import { TABLE_ENV } from '../../shared/table.js';
import type { Principal } from '../lib/auth.js';
import { clock } from '../lib/clock.js';
import { requireEnv } from '../lib/config.js';
import { httpApi, ok, withQuery, type ApiRequest } from '../lib/http.js';
import { parse } from '../lib/validation.js';
import { OUTCOMES, type AlertRecord } from './model.js';
import { DynamoAlertRepository } from './repository.js';

const repo = new DynamoAlertRepository(requireEnv(TABLE_ENV));
const idSchema = z.string().regex(/^AL-[0-9A-Z]{26}$/, 'Not an alert id');
const listQuery = z.strictObject({
  district: zoneId.default(DEMO_ZONE),
  limit: z.coerce.number().int().min(1).max(200).default(100),
});
const resolveSchema = z.strictObject({ outcome: z.enum(OUTCOMES) });

function principal(req: ApiRequest): Principal {
  if (!req.principal) throw new UnauthorizedError();
  return req.principal;
}
const alertId = (req: ApiRequest) => parse(idSchema, req.pathParameters.id, 'id');

/** The list shows what and where (zone label), not positions; opening one alert (audited) shows its evidence. */
function listed(a: AlertRecord) {
  const { evidence: _e, ...rest } = a;
  return rest;
}

export const handler = httpApi('alerts', {
  'GET /api/alerts': withQuery(listQuery, async (req, q) => {
    const now = clock.now();
    const alerts = await repo.listOpen(q.district, q.limit);
    await repo.audit({ entity: 'alerts', entityId: q.district, action: 'list', route: req.routeKey, principal: principal(req), at: now });
    return ok({ district: q.district, alerts: alerts.map(listed) });
  }),
  'GET /api/alerts/{id}': async (req) => {
    const id = alertId(req);
    const found = await repo.get(id);
    if (!found) throw new NotFoundError('No such alert');
    await repo.audit({ entity: 'alert', entityId: id, action: 'read', route: req.routeKey, principal: principal(req), at: clock.now() });
    return ok({ ...found.alert, escalations: found.escalations });
  },
  'POST /api/alerts/{id}/acknowledge': async (req) => {
    const id = alertId(req);
    const p = principal(req);
    const now = clock.now();
    await repo.acknowledge(id, p.username, now, { entity: 'alert', entityId: id, action: 'acknowledge', route: req.routeKey, principal: p, at: now });
    return ok({ id, status: 'acknowledged', acknowledgedAt: now.toISOString(), acknowledgedBy: p.username });
  },
  'POST /api/alerts/{id}/resolve': async (req) => {
    const id = alertId(req);
    const { outcome } = parse(resolveSchema, req.body);
    const p = principal(req);
    const now = clock.now();
    await repo.resolve(id, p.username, outcome, now, { entity: 'alert', entityId: id, action: 'resolve', route: req.routeKey, principal: p, at: now });
    return ok({ id, status: 'resolved', outcome, resolvedAt: now.toISOString(), resolvedBy: p.username });
  },
});
