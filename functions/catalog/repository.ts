import { GetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { ContactPoint, Service } from '../../shared/catalog/types.js';
import { ConflictError, NotFoundError } from '../../shared/errors.js';
import { auditPut, type AuditEntry } from '../lib/audit.js';
import { dynamo } from '../lib/clients.js';
import { cancellationCodes, fromItem, queryAll, transact, type TransactItem } from '../lib/dynamo.js';
import { CATALOG_PK, catalogKeys, CONTACT_PREFIX, SERVICE_PREFIX } from './keys.js';

/** Port: catalogue persistence (the bookings capability reads services through `getService`). */
export interface CatalogRepository {
  listServices(): Promise<Service[]>;
  getService(id: string): Promise<Service | undefined>;
  listContactPoints(): Promise<ContactPoint[]>;
  getContactPoint(id: string): Promise<ContactPoint | undefined>;
  /** mode `create`: the id must be new (409); `replace`: it must exist (404). Audited in the same transaction. */
  putService(service: Service, mode: 'create' | 'replace', audit: AuditEntry, by: string): Promise<void>;
  putContactPoint(point: ContactPoint, mode: 'create' | 'replace', audit: AuditEntry, by: string): Promise<void>;
  deleteContactPoint(id: string, audit: AuditEntry): Promise<void>;
}

/** Who changed an entry and when is kept on the item, not part of the service or contact point. */
const CHANGE_STAMP = ['updatedAt', 'updatedBy'];
const strip = <T>(item: Record<string, unknown>) => fromItem<T>(item, CHANGE_STAMP);

export function serviceItem(s: Service, by: string, at: string): Record<string, unknown> {
  return { ...catalogKeys.service(s.id), type: 'SERVICE', ...s, updatedAt: at, updatedBy: by };
}
export function contactPointItem(c: ContactPoint, by: string, at: string): Record<string, unknown> {
  return { ...catalogKeys.contactPoint(c.id), type: 'CONTACT_POINT', ...c, updatedAt: at, updatedBy: by };
}

const byOrder = (a: ContactPoint, b: ContactPoint) => a.order - b.order || a.name.nl.localeCompare(b.name.nl, 'nl');
const byName = (a: Service, b: Service) => a.name.nl.localeCompare(b.name.nl, 'nl');

export class DynamoCatalogRepository implements CatalogRepository {
  constructor(
    private readonly table: string,
    private readonly client: DynamoDBDocumentClient = dynamo,
  ) {}

  /** The whole catalogue partition, one Query (paged only if it ever outgrows 1 MB). */
  private query(prefix: string): Promise<Record<string, unknown>[]> {
    return queryAll(this.client, {
      TableName: this.table,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :p)',
      ExpressionAttributeValues: { ':pk': CATALOG_PK, ':p': prefix },
    });
  }

  async listServices(): Promise<Service[]> {
    return (await this.query(SERVICE_PREFIX)).map((i) => strip<Service>(i)).sort(byName);
  }

  async getService(id: string): Promise<Service | undefined> {
    const out = await this.client.send(new GetCommand({ TableName: this.table, Key: catalogKeys.service(id) }));
    return out.Item ? strip<Service>(out.Item) : undefined;
  }

  async listContactPoints(): Promise<ContactPoint[]> {
    return (await this.query(CONTACT_PREFIX)).map((i) => strip<ContactPoint>(i)).sort(byOrder);
  }

  async getContactPoint(id: string): Promise<ContactPoint | undefined> {
    const out = await this.client.send(new GetCommand({ TableName: this.table, Key: catalogKeys.contactPoint(id) }));
    return out.Item ? strip<ContactPoint>(out.Item) : undefined;
  }

  async putService(service: Service, mode: 'create' | 'replace', audit: AuditEntry, by: string): Promise<void> {
    await this.write(serviceItem(service, by, audit.at.toISOString()), mode, audit, 'service');
  }

  async putContactPoint(point: ContactPoint, mode: 'create' | 'replace', audit: AuditEntry, by: string): Promise<void> {
    await this.write(contactPointItem(point, by, audit.at.toISOString()), mode, audit, 'contact point');
  }

  async deleteContactPoint(id: string, audit: AuditEntry): Promise<void> {
    await this.transact(
      [{ Delete: { TableName: this.table, Key: catalogKeys.contactPoint(id), ConditionExpression: 'attribute_exists(pk)' } }, auditPut(this.table, audit)],
      () => new NotFoundError('No such contact point'),
    );
  }

  private async write(item: Record<string, unknown>, mode: 'create' | 'replace', audit: AuditEntry, what: string): Promise<void> {
    await this.transact(
      [
        { Put: { TableName: this.table, Item: item, ConditionExpression: mode === 'create' ? 'attribute_not_exists(pk)' : 'attribute_exists(pk)' } },
        auditPut(this.table, audit),
      ],
      () => (mode === 'create' ? new ConflictError(`A ${what} with this id exists already`, 'id') : new NotFoundError(`No such ${what}`)),
    );
  }

  private async transact(items: TransactItem[], onConditionFailed: () => Error): Promise<void> {
    try {
      await transact(this.client, items);
    } catch (err) {
      const codes = cancellationCodes(err);
      if (codes) {
        if (codes[0] === 'ConditionalCheckFailed') throw onConditionFailed();
        throw new ConflictError('The catalogue changed meanwhile; try again');
      }
      throw err;
    }
  }
}
