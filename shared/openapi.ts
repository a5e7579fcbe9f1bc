import * as z from 'zod';
import { alertsContract } from './alerts/api.js';
import { auditContract } from './audit/api.js';
import { bookingsContract } from './bookings/api.js';
import { casesContract } from './cases/api.js';
import { catalogContract } from './catalog/api.js';
import type { CapabilityContract, OperationContract } from './contract.js';
import { functions } from './functions.js';
import { fjcContract } from './fjc/api.js';
import { spaceContract } from './space/api.js';
import { healthContract } from './health/api.js';
import { interventionsContract } from './interventions/api.js';
import { monitoringContract } from './monitoring/api.js';
import { ordersContract } from './orders/api.js';
import { pushContract } from './push/api.js';
import { reportsContract } from './reports/api.js';
import { MONITORING_SCOPE } from './roles.js';
import { routeKey, routes, type Route } from './routes.js';

/**
 * The OpenAPI 3.1 document of the HTTP API, generated from the route table (paths, who may call them)
 * and each capability's contract (the zod schemas its handler parses), so it cannot drift from either.
 * Served at `GET /api/openapi.json`; `npm run lint:openapi` checks it with Redocly.
 */
type HttpFunction = Route['function'];

/** Every function that has routes has a contract covering exactly its routes (checked at compile time). */
const contracts: { readonly [F in HttpFunction]: CapabilityContract<F> } = {
  health: healthContract,
  catalog: catalogContract,
  bookings: bookingsContract,
  cases: casesContract,
  orders: ordersContract,
  monitoring: monitoringContract,
  alerts: alertsContract,
  push: pushContract,
  reports: reportsContract,
  audit: auditContract,
  interventions: interventionsContract,
  fjc: fjcContract,
  space: spaceContract,
};

export function contractOf(route: Route): OperationContract {
  const byKey: Readonly<Record<string, OperationContract | undefined>> = contracts[route.function];
  const found = byKey[routeKey(route)];
  if (!found) throw new Error(`No contract for ${routeKey(route)}`);
  return found;
}

export interface OpenApiOptions {
  version: string;
  /** Where the API is served; relative to the document when left out. */
  serverUrl?: string;
  /** The OAuth token endpoint machine clients use (client credentials). */
  tokenUrl?: string;
}

type Json = Record<string, unknown>;

/** JSON Schema of what a caller sends (defaults may be left out, transforms run after). */
function jsonSchema(schema: z.ZodType): Json {
  const { $schema: _drop, ...rest } = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Json;
  return rest;
}

const ANY_JSON: Json = { type: 'object', description: 'A JSON object (shape documented in the capability README and shared/<capability>/api.ts)' };
const errorRef = { $ref: '#/components/schemas/Error' };
const errorAnswer = (description: string) => ({ description, content: { 'application/json': { schema: errorRef } } });

function pathParams(route: Route, contract: OperationContract): Json[] {
  return [...route.path.matchAll(/\{([^}]+)\}/g)].map((m) => {
    const name = m[1] as string;
    const schema = contract.params?.[name];
    return { name, in: 'path', required: true, schema: schema ? jsonSchema(schema) : { type: 'string' } };
  });
}

function queryParams(contract: OperationContract): Json[] {
  if (!contract.query) return [];
  const schema = jsonSchema(contract.query);
  const properties = (schema.properties ?? {}) as Record<string, Json>;
  const required = new Set((schema.required ?? []) as string[]);
  return Object.entries(properties).map(([name, s]) => ({ name, in: 'query', required: required.has(name), schema: s }));
}

function headerParams(contract: OperationContract): Json[] {
  return (contract.headers ?? []).map((h) => ({ name: h.name, in: 'header', required: h.required, description: h.description, schema: jsonSchema(h.schema) }));
}

function operationId(route: Route): string {
  const words = route.path
    .replace(/^\/api\//, '')
    .split(/[/.{}-]+/)
    .filter(Boolean);
  return [route.method.toLowerCase(), ...words.map((w) => w.charAt(0).toUpperCase() + w.slice(1))].join('');
}

function responses(route: Route, contract: OperationContract): Json {
  const out: Json = {};
  for (const [status, r] of Object.entries(contract.responses)) {
    const content: Json = {};
    if (status !== '204') {
      content['application/json'] = { schema: r.schema ? jsonSchema(r.schema) : ANY_JSON };
      for (const type of r.alsoAs ?? []) content[type] = { schema: { type: 'string' } };
    }
    out[status] = {
      description: r.description,
      ...(Object.keys(content).length ? { content } : {}),
      ...(r.headers
        ? { headers: Object.fromEntries(Object.entries(r.headers).map(([name, description]) => [name, { description, schema: { type: 'string' } }])) }
        : {}),
    };
  }
  const hasInput = contract.body || contract.query || contract.headers?.length || route.path.includes('{');
  if (hasInput && !out['400']) out['400'] = errorAnswer('Bad input: `field` names the first refused field');
  if (route.access.kind !== 'public') {
    out['401'] ??= errorAnswer('No valid token');
    out['403'] ??= errorAnswer(
      route.access.kind === 'staff' ? `Not one of the roles: ${route.access.roles.join(', ')}` : `Token without the scope ${route.access.scope}`,
    );
  }
  for (const [status, answer] of Object.entries(out)) {
    // Declared error answers carry the one error body.
    if (Number(status) >= 400 && !(answer as Json).content) out[status] = { ...(answer as Json), content: { 'application/json': { schema: errorRef } } };
  }
  out['500'] = errorAnswer('Something went wrong on our side (details in the log only)');
  return out;
}

function security(route: Route): Json[] | undefined {
  if (route.access.kind === 'public') return [];
  if (route.access.kind === 'staff') return [{ staffJwt: [] }];
  return [{ machineClient: [route.access.scope] }];
}

export function openApiDocument(options: OpenApiOptions): Json {
  const paths: Record<string, Json> = {};
  for (const route of routes) {
    const contract = contractOf(route);
    const parameters = [...pathParams(route, contract), ...queryParams(contract), ...headerParams(contract)];
    const access = route.access;
    const who =
      access.kind === 'public'
        ? 'Public.'
        : access.kind === 'staff'
          ? `Staff roles: ${access.roles.join(', ')}.`
          : `Machine clients with scope ${access.scope}.`;
    const item = (paths[route.path] ??= {});
    item[route.method.toLowerCase()] = {
      operationId: operationId(route),
      summary: route.summary,
      description: who,
      tags: [route.function],
      security: security(route),
      ...(parameters.length ? { parameters } : {}),
      ...(contract.body ? { requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(contract.body) } } } } : {}),
      responses: responses(route, contract),
    };
  }
  const tags = [...new Set(routes.map((r) => r.function))].map((name) => ({ name, description: functions[name].description }));
  return {
    openapi: '3.1.0',
    info: {
      title: 'OneRoof API',
      version: options.version,
      description:
        'The HTTP API of OneRoof (Family Justice Centre work against domestic violence). Errors are `{ error, field?, message }`; personal data never goes in a URL.',
      license: { name: 'Proprietary', identifier: 'LicenseRef-Proprietary' },
    },
    servers: [{ url: options.serverUrl ?? '/', description: 'This API' }],
    tags,
    security: [],
    paths,
    components: {
      securitySchemes: {
        staffJwt: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'JWT',
          description: 'A staff access token (Cognito; roles are its `cognito:groups`), checked by the HTTP API JWT authorizer and again by the handler.',
        },
        machineClient: {
          type: 'oauth2',
          description: 'The monitoring provider: OAuth 2.0 client credentials, the scope checked by the authorizer and the handler.',
          flows: { clientCredentials: { tokenUrl: options.tokenUrl ?? '/oauth2/token', scopes: { [MONITORING_SCOPE]: 'Send device events' } } },
        },
      },
      schemas: {
        Error: {
          type: 'object',
          description: 'Every error answer (functions/lib/errors.ts): a code, the refused field when there is one, a message a person can read.',
          properties: { error: { type: 'string' }, field: { type: 'string' }, message: { type: 'string' } },
          required: ['error', 'message'],
        },
      },
    },
  };
}
