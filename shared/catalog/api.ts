import type { CapabilityContract } from '../contract.js';
import { contactPointInputSchema, newContactPointSchema, newServiceSchema, serviceInputSchema, slug } from './schemas.js';
import type { ContactPoint, Service } from './types.js';

/**
 * The catalogue API: public reads of the FJC services and contact points, coordinator writes. Request
 * schemas are in ./schemas.ts, the answers' shapes in ./types.ts (plain types the apps import).
 */
export { contactPointInputSchema, newContactPointSchema, newServiceSchema, serviceInputSchema } from './schemas.js';
export type { ContactPointInput, ServiceInput } from './schemas.js';
export type { ContactPoint, Localized, OpeningRule, Closure, Service, ServiceLocation } from './types.js';

export interface ContactPointList {
  contactPoints: ContactPoint[];
}
export interface ServiceList {
  services: Service[];
}

const byId = { params: { id: slug } };
/** A new entry under an id the coordinator chose: where it now lives, or 409 when that id is taken. */
const added = (what: string) => ({ 201: { description: 'Added', headers: { location: what } }, 409: { description: 'The id is taken' } });

export const catalogContract = {
  'GET /api/contact-points': { responses: { 200: { description: 'Contact points, sorted by order' } } },
  'GET /api/services': { responses: { 200: { description: 'The services' } } },
  'GET /api/services/{id}': { ...byId, responses: { 200: { description: 'The service' }, 404: { description: 'No such service' } } },
  'POST /api/contact-points': { body: newContactPointSchema, responses: added('The contact point') },
  'PUT /api/contact-points/{id}': {
    ...byId,
    body: contactPointInputSchema,
    responses: { 200: { description: 'Changed' }, 404: { description: 'No such contact point' } },
  },
  'DELETE /api/contact-points/{id}': { ...byId, responses: { 204: { description: 'Removed' }, 404: { description: 'No such contact point' } } },
  'POST /api/services': { body: newServiceSchema, responses: added('The service') },
  'PUT /api/services/{id}': {
    ...byId,
    body: serviceInputSchema,
    responses: { 200: { description: 'Changed' }, 404: { description: 'No such service' }, 409: { description: 'The catalogue changed meanwhile; try again' } },
  },
} as const satisfies CapabilityContract<'catalog'>;
