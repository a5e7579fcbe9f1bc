import * as z from 'zod';
import { DEFAULT_CADENCE, RISK_LEVELS, type Cadence } from '../../shared/cases/index.js';
import { optionalIntEnv } from '../lib/config.js';

/**
 * Configuration of cases and reminders, read once at module load, failing fast with the variable's name:
 * - `FOLLOWUP_CADENCE` (optional JSON, same shape as DEFAULT_CADENCE in shared/cases/cadence.ts), e.g.
 *   `{"high":{"firstWithinHours":24,"every":{"days":7}}, …}` — all three levels required;
 * - `FOLLOWUP_GRACE_MINUTES` (optional, default 720): overdue by this much → one escalation to supervisors.
 */
const step = z.strictObject({
  firstWithinHours: z
    .number()
    .positive()
    .max(24 * 90),
  every: z.union([z.strictObject({ days: z.number().int().min(1).max(365) }), z.strictObject({ months: z.number().int().min(1).max(12) })]),
});
const cadenceSchema = z.strictObject(Object.fromEntries(RISK_LEVELS.map((r) => [r, step])) as Record<(typeof RISK_LEVELS)[number], typeof step>);

export function cadenceFromEnv(raw: string | undefined = process.env.FOLLOWUP_CADENCE): Cadence {
  if (raw === undefined || raw.trim() === '') return DEFAULT_CADENCE;
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    throw new Error('Environment variable FOLLOWUP_CADENCE must be JSON');
  }
  const parsed = cadenceSchema.safeParse(json);
  if (!parsed.success)
    throw new Error(`Environment variable FOLLOWUP_CADENCE is invalid: ${parsed.error.issues[0]?.path.join('.')} ${parsed.error.issues[0]?.message}`);
  return parsed.data as Cadence;
}

export const DEFAULT_GRACE_MINUTES = 12 * 60;
export function graceMinutesFromEnv(): number {
  const v = optionalIntEnv('FOLLOWUP_GRACE_MINUTES', DEFAULT_GRACE_MINUTES);
  if (v < 0) throw new Error('Environment variable FOLLOWUP_GRACE_MINUTES must not be negative');
  return v;
}
