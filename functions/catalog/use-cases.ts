import type { ContactPointInput, ServiceInput } from '../../shared/catalog/schemas.js';
import type { ContactPoint, Service } from '../../shared/catalog/types.js';
import { NotFoundError } from '../../shared/errors.js';
import type { Principal } from '../lib/auth.js';
import type { CatalogRepository } from './repository.js';

export interface Caller {
  principal: Principal;
  route: string;
}

const audit = (caller: Caller, entity: 'service' | 'contact-point', entityId: string, action: 'create' | 'update' | 'delete', at: Date) => ({
  entity,
  entityId,
  action,
  route: caller.route,
  principal: caller.principal,
  at,
});

export const listServices = (repo: CatalogRepository) => repo.listServices();

export async function getService(repo: CatalogRepository, id: string): Promise<Service> {
  const service = await repo.getService(id);
  if (!service) throw new NotFoundError('No such service');
  return service;
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

export const listContactPoints = (repo: CatalogRepository) => repo.listContactPoints();

export async function createContactPoint(repo: CatalogRepository, input: ContactPointInput & { id: string }, caller: Caller, now: Date): Promise<ContactPoint> {
  const point = toContactPoint(input.id, input);
  await repo.putContactPoint(point, 'create', audit(caller, 'contact-point', point.id, 'create', now), caller.principal.username);
  return point;
}

export async function replaceContactPoint(repo: CatalogRepository, id: string, input: ContactPointInput, caller: Caller, now: Date): Promise<ContactPoint> {
  const point = toContactPoint(id, input);
  await repo.putContactPoint(point, 'replace', audit(caller, 'contact-point', id, 'update', now), caller.principal.username);
  return point;
}

export async function deleteContactPoint(repo: CatalogRepository, id: string, caller: Caller, now: Date): Promise<void> {
  await repo.deleteContactPoint(id, audit(caller, 'contact-point', id, 'delete', now));
}

function toContactPoint(id: string, input: ContactPointInput): ContactPoint {
  const { id: _ignored, ...rest } = input as ContactPointInput & { id?: string };
  return { id, ...rest };
}
