import type { Severity } from './types.js';

/**
 * Escalation of unacknowledged alerts to supervisors: first after a delay per severity, then repeated
 * on a slower cadence until someone acknowledges (or resolves) the alert. Pure.
 */
export const ESCALATION_POLICY: Record<Severity, { firstAfterMinutes: number; repeatEveryMinutes: number }> = {
  critical: { firstAfterMinutes: 2, repeatEveryMinutes: 15 },
  high: { firstAfterMinutes: 5, repeatEveryMinutes: 15 },
  low: { firstAfterMinutes: 30, repeatEveryMinutes: 60 },
};

/** When an alert with `level` escalations so far is next due for escalation. */
export function escalationDueAt(severity: Severity, raisedAt: Date, level: number): Date {
  const p = ESCALATION_POLICY[severity];
  const minutes = p.firstAfterMinutes + Math.max(0, level) * p.repeatEveryMinutes;
  return new Date(raisedAt.getTime() + minutes * 60_000);
}

/** A stable shard for a work-queue key (alerts spread over WORK_SHARDS partitions). */
export function shardOf(id: string, shards: number): number {
  let h = 0;
  for (let i = 0; i < id.length; i++) h = (h * 31 + id.charCodeAt(i)) >>> 0;
  return h % shards;
}
