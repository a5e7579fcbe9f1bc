import * as z from 'zod';
import type { CapabilityContract } from '../contract.js';
import { OPAQUE_ID_PATTERN } from '../primitives.js';

/** The audit API: the append-only trail of one entity, newest first, paged with an opaque cursor. */

/** Entity kinds: lower-case words with hyphens (`case`, `order-positions`). */
export const AUDIT_ENTITY_PATTERN = /^[a-z][a-z-]{0,31}$/;
/** Entity ids are opaque ids (ulids, references, zone names): no spaces, `@`, `#` or free text. */
export const AUDIT_ENTITY_ID_PATTERN = OPAQUE_ID_PATTERN;

export const MAX_AUDIT_PAGE = 100;

export const auditPathSchema = z.object({
  entity: z.string().regex(AUDIT_ENTITY_PATTERN, 'entity must be an entity kind such as "case"').describe('The kind of entity, such as case, order or booking'),
  id: z.string().regex(AUDIT_ENTITY_ID_PATTERN, 'id must be an entity id').describe("The entity's id"),
});
export const auditQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(MAX_AUDIT_PAGE).default(50).describe('At most this many records, newest first'),
  cursor: z.string().max(512).optional().describe('nextCursor of the previous page'),
});

/** One audit record as the trail shows it (the stored record minus its keys). */
export interface AuditRecord {
  at: string;
  action: string;
  route: string;
  actor: string;
  actorSub: string;
  roles: string[];
}

export interface AuditPage {
  entity: string;
  id: string;
  items: AuditRecord[];
  /** Opaque; pass back as `cursor` for the next (older) page. Absent on the last page. */
  nextCursor?: string;
}

export const auditContract = {
  'GET /api/audit/{entity}/{id}': {
    params: auditPathSchema.shape,
    query: auditQuerySchema,
    responses: { 200: { description: "A page of the trail; the caller's own read comes first" } },
  },
} as const satisfies CapabilityContract<'audit'>;
