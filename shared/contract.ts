import type * as z from 'zod';
import type { FunctionName } from './functions.js';
import type { RouteKeyOf } from './routes.js';

/**
 * The API contract of one route: the zod schemas its handler parses (path parameters, query, headers,
 * body) and the answers it gives. Each capability declares its routes' contracts in
 * `shared/<capability>/api.ts`; the OpenAPI document (shared/openapi.ts) is generated from them and the
 * route table, so the document and the handlers read the same schemas.
 */
export interface HeaderParam {
  /** Lower-case, as the header normalizer gives it to the handler. */
  name: string;
  required: boolean;
  description: string;
  schema: z.ZodType;
}

export interface ResponseDecl {
  description: string;
  /** The body's schema; left out for answers typed in TypeScript only (the document then says "a JSON object"). */
  schema?: z.ZodType;
  /** Other media types the route can answer with (e.g. `text/csv`). */
  alsoAs?: readonly string[];
  /** Response headers worth knowing (e.g. `location`). */
  headers?: Readonly<Record<string, string>>;
}

export interface OperationContract {
  /** Path parameters by name; a name missing here is documented as a plain string. */
  params?: Readonly<Record<string, z.ZodType>>;
  /** The query string as one (strict) object schema. */
  query?: z.ZodType;
  headers?: readonly HeaderParam[];
  body?: z.ZodType;
  /** Answers other than the error answers every route may give (400, 401, 403, 500). */
  responses: Readonly<Record<number, ResponseDecl>>;
}

/** The contracts of every route the table gives to one function (a missing or an extra key does not compile). */
export type CapabilityContract<F extends FunctionName> = { readonly [K in RouteKeyOf<F>]: OperationContract };
