import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor, readTrail, type AuditStore } from '../../functions/audit/trail.js';
import { auditEntryFor, auditItem, auditPut } from '../../functions/lib/audit.js';
import type { AuditEntry } from '../../functions/lib/audit.js';
import { ForbiddenError, UnauthorizedError, ValidationError } from '../../shared/errors.js';
import { isPersonalField } from '../../shared/personal-data.js';

const principal = { sub: 'sub-1', username: 'sam', roles: ['supervisor' as const], zone: 'ruppel', scopes: [], clientId: 'c' };
const at = new Date('2026-11-28T10:00:00.000Z');

describe('audit records', () => {
  it('hold who, roles, what, action, when and route — and no personal field', () => {
    const item = auditItem({ entity: 'case', entityId: 'C-01', action: 'read', route: 'GET /api/cases/{id}', principal, at });
    expect(item).toMatchObject({
      pk: 'AUDIT#case#C-01',
      type: 'AUDIT',
      actor: 'sam',
      actorSub: 'sub-1',
      roles: ['supervisor'],
      // The actor's zone: the trail is read back by staff of that zone only.
      zone: 'ruppel',
      action: 'read',
      route: 'GET /api/cases/{id}',
      at: '2026-11-28T10:00:00.000Z',
    });
    expect(String(item.sk)).toMatch(/^2026-11-28T10:00:00\.000Z#[0-9A-Z]{26}$/);
    for (const k of Object.keys(item)) expect(isPersonalField(k), k).toBe(false);
  });

  it('are only ever written with a condition on a new key', () => {
    expect(auditPut('t', { entity: 'case', entityId: 'C-01', action: 'read', route: 'r', principal, at }).Put.ConditionExpression).toBe(
      'attribute_not_exists(pk)',
    );
  });

  it('refuse entity kinds and ids that are not opaque ids', () => {
    for (const entityId of ['Jane Doe', 'a@b.be', 'x#y', '', '+32470000000']) {
      expect(() => auditItem({ entity: 'case', entityId, action: 'read', route: 'r', principal, at }), entityId).toThrow();
    }
    expect(() => auditItem({ entity: 'Case X', entityId: 'C1', action: 'read', route: 'r', principal, at })).toThrow();
  });

  it('auditEntryFor takes the route key and principal from the request, and needs a principal', () => {
    expect(auditEntryFor({ routeKey: 'GET /api/cases/{id}', principal }, 'case', 'C1', 'read', at)).toEqual({
      entity: 'case',
      entityId: 'C1',
      action: 'read',
      route: 'GET /api/cases/{id}',
      principal,
      at,
    });
    expect(() => auditEntryFor({ routeKey: 'x', principal: null }, 'case', 'C1', 'read', at)).toThrow(UnauthorizedError);
  });
});

describe('reading a trail', () => {
  it('cursor round-trips and a forged cursor is a 400 naming `cursor`', () => {
    const sk = '2026-11-28T10:00:00.000Z#01JDZ8J7Q3W4XKZ9V5N2M6P8RT';
    expect(decodeCursor(encodeCursor(sk))).toBe(sk);
    for (const bad of ['', 'abc', encodeCursor('AUDIT#case#1'), Buffer.from('{"v":2}').toString('base64url')]) {
      expect(() => decodeCursor(bad)).toThrow(ValidationError);
    }
  });

  it('records the read of the trail before listing it, and hands back an opaque next cursor', async () => {
    const calls: string[] = [];
    const appended: AuditEntry[] = [];
    const store: AuditStore = {
      async append(e) {
        calls.push('append');
        appended.push(e);
      },
      async list(_entity, _id, zone, limit) {
        calls.push(`list ${zone} ${limit}`);
        return { items: [], lastSk: '2026-11-28T10:00:00.000Z#01JDZ8J7Q3W4XKZ9V5N2M6P8RT' };
      },
    };
    const page = await readTrail(store, { entity: 'case', id: 'C1', limit: 10, cursor: undefined }, { principal, route: 'GET /api/audit/{entity}/{id}', at });
    // Only the reader's zone is listed.
    expect(calls).toEqual(['append', 'list ruppel 10']);
    expect(appended[0]).toMatchObject({ entity: 'case', entityId: 'C1', action: 'read-audit' });
    expect(page.nextCursor && decodeCursor(page.nextCursor)).toBe('2026-11-28T10:00:00.000Z#01JDZ8J7Q3W4XKZ9V5N2M6P8RT');
  });

  it('refuses a reader without a zone before recording or listing anything', async () => {
    const appended: AuditEntry[] = [];
    const store: AuditStore = { append: async (e) => void appended.push(e), list: async () => ({ items: [], lastSk: undefined }) };
    const { zone: _z, ...zoneless } = principal;
    await expect(readTrail(store, { entity: 'case', id: 'C1', limit: 10, cursor: undefined }, { principal: zoneless, route: 'r', at })).rejects.toThrow(
      ForbiddenError,
    );
    expect(appended).toEqual([]);
  });

  it('does not record anything when the cursor is forged', async () => {
    const appended: AuditEntry[] = [];
    const store: AuditStore = { append: async (e) => void appended.push(e), list: async () => ({ items: [], lastSk: undefined }) };
    await expect(readTrail(store, { entity: 'case', id: 'C1', limit: 10, cursor: 'forged' }, { principal, route: 'r', at })).rejects.toThrow(ValidationError);
    expect(appended).toEqual([]);
  });
});
