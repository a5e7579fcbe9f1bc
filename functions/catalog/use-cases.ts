import type { ContactPointInput, ServiceInput } from '../../shared/catalog/schemas.js';
import { CONFIDENTIAL_KINDS, type ContactPoint, type Service } from '../../shared/catalog/types.js';
import { NotFoundError } from '../../shared/errors.js';
import type { Caller } from '../lib/auth.js';
import type { CatalogRepository } from './repository.js';

const audit = (
  caller: Caller,
  entity: 'service' | 'contact-point',
  entityId: string,
  action: 'create' | 'update' | 'delete' | 'publish-confidential-address',
  at: Date,
) => ({
  entity,
  entityId,
  action,
  route: caller.route,
  principal: caller.principal,
  at,
});

/**
 * What the catalogue shows of a confidential place: never its address. The schemas refuse to store one,
 * so this guards items written before that rule or by hand; a stored item without the flag is
 * confidential when its kind is.
 */
function shownService(s: Service): Service {
  const confidential = s.confidential ?? false;
  if (!confidential) return { ...s, confidential };
  const { address: _secret, ...location } = s.location;
  return { ...s, confidential, location };
}

function shownContactPoint(c: ContactPoint): ContactPoint {
  const confidential = c.confidential ?? CONFIDENTIAL_KINDS.includes(c.kind);
  if (!confidential) return { ...c, confidential };
  const { address: _secret, ...rest } = c;
  return { ...rest, confidential };
}

export const listServices = async (repo: CatalogRepository) => (await repo.listServices()).map(shownService);

export async function getService(repo: CatalogRepository, id: string): Promise<Service> {
  const service = await repo.getService(id);
  if (!service) throw new NotFoundError('No such service');
  return shownService(service);
}

export async function createService(repo: CatalogRepository, input: ServiceInput & { id: string }, caller: Caller, now: Date): Promise<Service> {
  const service: Service = { ...input };
  await repo.putService(service, 'create', audit(caller, 'service', service.id, 'create', now), caller.principal.username);
  return service;
}

export async function replaceService(repo: CatalogRepository, id: string, input: ServiceInput, caller: Caller, now: Date): Promise<Service> {
  const service: Service = { id, ...input };
  await repo.putService(service, 'replace', audit(caller, 'service', id, 'update', now), caller.principal.username);
  return service;
}

export const listContactPoints = async (repo: CatalogRepository) => (await repo.listContactPoints()).map(shownContactPoint);

/** The address of a place whose kind is confidential, published on purpose: audited as such rather than as a plain save. */
const publishesSecretAddress = (p: ContactPoint) => CONFIDENTIAL_KINDS.includes(p.kind) && !p.confidential && p.address !== undefined;

export async function createContactPoint(repo: CatalogRepository, input: ContactPointInput & { id: string }, caller: Caller, now: Date): Promise<ContactPoint> {
  const point = toContactPoint(input.id, input);
  await repo.putContactPoint(
    point,
    'create',
    audit(caller, 'contact-point', point.id, publishesSecretAddress(point) ? 'publish-confidential-address' : 'create', now),
    caller.principal.username,
  );
  return point;
}

export async function replaceContactPoint(repo: CatalogRepository, id: string, input: ContactPointInput, caller: Caller, now: Date): Promise<ContactPoint> {
  const point = toContactPoint(id, input);
  await repo.putContactPoint(
    point,
    'replace',
    audit(caller, 'contact-point', id, publishesSecretAddress(point) ? 'publish-confidential-address' : 'update', now),
    caller.principal.username,
  );
  return point;
}

export async function deleteContactPoint(repo: CatalogRepository, id: string, caller: Caller, now: Date): Promise<void> {
  await repo.deleteContactPoint(id, audit(caller, 'contact-point', id, 'delete', now));
}

function toContactPoint(id: string, input: ContactPointInput): ContactPoint {
  const { id: _ignored, ...rest } = input as ContactPointInput & { id?: string };
  return { id, ...rest };
}
