import type * as z from 'zod';
import { ValidationError } from '../../shared/errors.js';

/**
 * Validates input at the edge with a zod schema; the first problem becomes a 400 naming the field
 * (dotted path, e.g. `safeContact.phone`). Use strict objects so extra fields are rejected by name.
 */
export function parse<S extends z.ZodType>(schema: S, input: unknown, root = 'body'): z.infer<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  if (!issue) throw new ValidationError(root, 'Invalid input');
  let path = issue.path.map(String).join('.');
  let message = issue.message;
  if (issue.code === 'unrecognized_keys') {
    const key = issue.keys[0] ?? '';
    path = path ? `${path}.${key}` : key;
    message = `Unknown field "${key}"`;
  }
  throw new ValidationError(path || root, message);
}
