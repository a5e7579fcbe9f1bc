import { contactPointInputSchema, newContactPointSchema, newServiceSchema, serviceInputSchema } from '../../shared/catalog/api.js';
import { slug } from '../../shared/catalog/schemas.js';
import { UnauthorizedError } from '../../shared/errors.js';
import { TABLE_ENV } from '../../shared/table.js';
import { clock } from '../lib/clock.js';
import { requireEnv } from '../lib/config.js';
import { created, httpApi, noContent, ok, type ApiRequest } from '../lib/http.js';
import { parse } from '../lib/validation.js';
import { DynamoCatalogRepository } from './repository.js';
import {
  createContactPoint,
  createService,
  deleteContactPoint,
  getService,
  listContactPoints,
  listServices,
  replaceContactPoint,
  replaceService,
  type Caller,
} from './use-cases.js';

const repo = new DynamoCatalogRepository(requireEnv(TABLE_ENV));

function caller(req: ApiRequest): Caller {
  if (!req.principal) throw new UnauthorizedError();
  return { principal: req.principal, route: req.routeKey };
}
const idOf = (req: ApiRequest) => parse(slug, req.pathParameters.id, 'id');

export const handler = httpApi('catalog', {
  'GET /api/contact-points': async () => ok({ contactPoints: await listContactPoints(repo) }),
  'GET /api/services': async () => ok({ services: await listServices(repo) }),
  'GET /api/services/{id}': async (req) => ok(await getService(repo, idOf(req))),
  'POST /api/services': async (req) => {
    const service = await createService(repo, parse(newServiceSchema, req.body), caller(req), clock.now());
    return { ...created(service), headers: { location: `/api/services/${service.id}` } };
  },
  'PUT /api/services/{id}': async (req) => {
    const id = idOf(req);
    return ok(await replaceService(repo, id, parse(serviceInputSchema, req.body), caller(req), clock.now()));
  },
  'POST /api/contact-points': async (req) => {
    const point = await createContactPoint(repo, parse(newContactPointSchema, req.body), caller(req), clock.now());
    return { ...created(point), headers: { location: `/api/contact-points/${point.id}` } };
  },
  'PUT /api/contact-points/{id}': async (req) => {
    const id = idOf(req);
    return ok(await replaceContactPoint(repo, id, parse(contactPointInputSchema, req.body), caller(req), clock.now()));
  },
  'DELETE /api/contact-points/{id}': async (req) => {
    await deleteContactPoint(repo, idOf(req), caller(req), clock.now());
    return noContent();
  },
});
