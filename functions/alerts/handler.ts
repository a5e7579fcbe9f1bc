// Declared with personalData in shared/functions.ts: this function seals and opens, so it loads the Encryption SDK.
import '../lib/encryption-sdk.js';
import { NotFoundError } from '../../shared/errors.js';
import { TABLE_ENV } from '../../shared/table.js';
import { requirePrincipal, type Principal } from '../lib/auth.js';
import { coversPlace, zoneOf } from '../lib/scope.js';
import { clock } from '../lib/clock.js';
import { requireEnv } from '../lib/config.js';
import { httpApi, ok, withQuery, type ApiRequest } from '../lib/http.js';
import { parse } from '../lib/validation.js';
import {
  alertIdSchema,
  listAlertsQuery,
  resolveAlertSchema,
  type Acknowledged,
  type AlertDetail,
  type AlertList,
  type AlertListItem,
  type Resolved,
} from '../../shared/alerts/api.js';
import type { AlertRecord } from './model.js';
import { DynamoAlertRepository } from './repository.js';

const repo = new DynamoAlertRepository(requireEnv(TABLE_ENV));

const alertId = (req: ApiRequest) => parse(alertIdSchema, req.pathParameters.id, 'id');

/** An alert of the caller's patch (zone, and district for police), or 404: never another patch's alert. */
async function alertInPatch(id: string, p: Principal) {
  const found = await repo.get(id);
  if (!found || !coversPlace(p, found.alert)) throw new NotFoundError('No such alert');
  return found;
}

/** The list shows what and where (zone label), not positions; opening one alert (audited) shows its evidence. */
function listed(a: AlertRecord): AlertListItem {
  const { evidence: _e, ...rest } = a;
  return rest;
}

export const handler = httpApi('alerts', {
  'GET /api/alerts': withQuery(listAlertsQuery, async (req, q) => {
    const now = clock.now();
    const p = requirePrincipal(req);
    zoneOf(p);
    const alerts = (await repo.listOpen(q.district, q.limit)).filter((a) => coversPlace(p, a));
    await repo.audit({ entity: 'alerts', entityId: q.district, action: 'list', route: req.routeKey, principal: p, at: now });
    const list: AlertList = { district: q.district, alerts: alerts.map(listed) };
    return ok(list);
  }),
  'GET /api/alerts/{id}': async (req) => {
    const id = alertId(req);
    const p = requirePrincipal(req);
    const found = await alertInPatch(id, p);
    await repo.audit({ entity: 'alert', entityId: id, action: 'read', route: req.routeKey, principal: p, at: clock.now() });
    const detail: AlertDetail = { ...found.alert, escalations: found.escalations };
    return ok(detail);
  },
  'POST /api/alerts/{id}/acknowledge': async (req) => {
    const id = alertId(req);
    const p = requirePrincipal(req);
    await alertInPatch(id, p);
    const now = clock.now();
    await repo.acknowledge(id, p.username, now, { entity: 'alert', entityId: id, action: 'acknowledge', route: req.routeKey, principal: p, at: now });
    const answer: Acknowledged = { id, status: 'acknowledged', acknowledgedAt: now.toISOString(), acknowledgedBy: p.username };
    return ok(answer);
  },
  'POST /api/alerts/{id}/resolve': async (req) => {
    const id = alertId(req);
    const { outcome } = parse(resolveAlertSchema, req.body);
    const p = requirePrincipal(req);
    await alertInPatch(id, p);
    const now = clock.now();
    await repo.resolve(id, p.username, outcome, now, { entity: 'alert', entityId: id, action: 'resolve', route: req.routeKey, principal: p, at: now });
    const answer: Resolved = { id, status: 'resolved', outcome, resolvedAt: now.toISOString(), resolvedBy: p.username };
    return ok(answer);
  },
});
