import { contactPointInputSchema, newContactPointSchema, newServiceSchema, serviceInputSchema } from '../../shared/catalog/api.js';
import { slug } from '../../shared/catalog/schemas.js';
import { TABLE_ENV } from '../../shared/table.js';
import { callerOf } from '../lib/auth.js';
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
} from './use-cases.js';

const repo = new DynamoCatalogRepository(requireEnv(TABLE_ENV));

const idOf = (req: ApiRequest) => parse(slug, req.pathParameters.id, 'id');

export const handler = httpApi('catalog', {
  'GET /api/contact-points': async () => ok({ contactPoints: await listContactPoints(repo) }),
  'GET /api/services': async () => ok({ services: await listServices(repo) }),
  'GET /api/services/{id}': async (req) => ok(await getService(repo, idOf(req))),
  'POST /api/services': async (req) => {
    const service = await createService(repo, parse(newServiceSchema, req.body), callerOf(req), clock.now());
    return { ...created(service), headers: { location: `/api/services/${service.id}` } };
  },
  'PUT /api/services/{id}': async (req) => {
    const id = idOf(req);
    return ok(await replaceService(repo, id, parse(serviceInputSchema, req.body), callerOf(req), clock.now()));
  },
  'POST /api/contact-points': async (req) => {
    const point = await createContactPoint(repo, parse(newContactPointSchema, req.body), callerOf(req), clock.now());
    return { ...created(point), headers: { location: `/api/contact-points/${point.id}` } };
  },
  'PUT /api/contact-points/{id}': async (req) => {
    const id = idOf(req);
    return ok(await replaceContactPoint(repo, id, parse(contactPointInputSchema, req.body), callerOf(req), clock.now()));
  },
  'DELETE /api/contact-points/{id}': async (req) => {
    await deleteContactPoint(repo, idOf(req), callerOf(req), clock.now());
    return noContent();
  },
});
