import { describe, expect, it } from 'vitest';
import { openApiDocument } from '../../shared/openapi.js';
import { MONITORING_SCOPE } from '../../shared/roles.js';
import { routeKey, routes } from '../../shared/routes.js';
import { httpApi } from '../../functions/lib/http.js';

type Operation = {
  operationId: string;
  parameters?: { name: string; in: string; required: boolean; description?: string; schema?: { description?: string } }[];
  requestBody?: unknown;
  security: Record<string, string[]>[];
  responses: Record<string, unknown>;
};

const doc = openApiDocument({ version: '1.2.3' });
const paths = doc.paths as Record<string, Record<string, Operation>>;

describe('the OpenAPI document', () => {
  it('is OpenAPI 3.1 with both security schemes', () => {
    expect(doc.openapi).toBe('3.1.0');
    const schemes = (
      doc.components as { securitySchemes: Record<string, { type: string; flows?: { clientCredentials?: { scopes: Record<string, string> } } }> }
    ).securitySchemes;
    expect(schemes.staffJwt?.type).toBe('http');
    expect(Object.keys(schemes.machineClient?.flows?.clientCredentials?.scopes ?? {})).toEqual([MONITORING_SCOPE]);
  });

  it('has every route of the table, with its path parameters, and nothing else', () => {
    const documented = Object.entries(paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`));
    expect(documented.sort()).toEqual(routes.map(routeKey).sort());
    for (const r of routes) {
      const op = paths[r.path]?.[r.method.toLowerCase()];
      const names = [...r.path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
      const inPath = (op?.parameters ?? []).filter((p) => p.in === 'path');
      expect(
        inPath.map((p) => p.name),
        routeKey(r),
      ).toEqual(names);
      expect(inPath.every((p) => p.required)).toBe(true);
    }
  });

  it('says who may call each route', () => {
    for (const r of routes) {
      const op = paths[r.path]?.[r.method.toLowerCase()] as Operation;
      if (r.access.kind === 'public') expect(op.security, routeKey(r)).toEqual([]);
      else if (r.access.kind === 'staff') expect(op.security).toEqual([{ staffJwt: [] }]);
      else expect(op.security).toEqual([{ machineClient: [r.access.scope] }]);
      if (r.access.kind !== 'public') expect(Object.keys(op.responses)).toEqual(expect.arrayContaining(['401', '403']));
    }
  });

  it('documents query parameters and bodies from the schemas the handlers parse', () => {
    const slots = paths['/api/services/{id}/slots']?.get;
    expect(slots?.parameters?.filter((p) => p.in === 'query').map((p) => p.name)).toEqual(['from', 'to']);
    const staffList = paths['/api/staff/bookings']?.get;
    expect(
      staffList?.parameters
        ?.filter((p) => p.required && p.in === 'query')
        .map((p) => p.name)
        .sort(),
    ).toEqual(['date', 'serviceId']);
    const booking = paths['/api/bookings']?.post?.requestBody as { content: Record<string, { schema: { required: string[]; additionalProperties: boolean } }> };
    const schema = booking.content['application/json']?.schema;
    expect(schema?.required).toEqual(expect.arrayContaining(['serviceId', 'start', 'alias', 'language', 'safeContact']));
    expect(schema?.additionalProperties).toBe(false);
    const pin = paths['/api/bookings/{reference}']?.get?.parameters?.find((p) => p.in === 'header');
    expect(pin).toMatchObject({ name: 'x-booking-pin', required: true });
  });

  it('describes every parameter: path, query and header', () => {
    for (const [path, ops] of Object.entries(paths))
      for (const [method, op] of Object.entries(ops))
        for (const p of op.parameters ?? []) expect(p.description ?? p.schema?.description, `${method} ${path} ${p.in} ${p.name}`).toBeTruthy();
  });

  it('gives every operation a unique id', () => {
    const ids = Object.values(paths).flatMap((ops) => Object.values(ops).map((o) => o.operationId));
    expect(new Set(ids).size).toBe(routes.length);
  });
});

describe('httpApi route keys', () => {
  it('refuse a map that misses or adds a route, at compile time and at load', () => {
    const op = async () => ({ status: 200 });
    // @ts-expect-error GET /api/openapi.json is missing
    expect(() => httpApi('health', { 'GET /api/health': op })).toThrow(/missing \[GET \/api\/openapi.json\]/);
    expect(() =>
      // @ts-expect-error GET /api/services is not a route of health
      httpApi('health', { 'GET /api/health': op, 'GET /api/openapi.json': op, 'GET /api/services': op }),
    ).toThrow(/undeclared \[GET \/api\/services\]/);
  });
});
