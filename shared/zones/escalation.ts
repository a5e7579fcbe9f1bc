import type { Severity } from './types.js';

/**
 * Escalation of unacknowledged alerts to supervisors, on a declared ladder: level 1 after a delay per
 * severity, then one level per repeat interval, up to the ladder's top level; after that the alert stays
 * on the open list (and keeps its top level) but nothing more is sent. Levels follow the time elapsed
 * since the alert was raised, not the number of ticks: a tick that runs late (a paused scheduler, a
 * clock moved forward) sends the level the alert has reached, once, never a burst of catch-up levels. Pure.
 */
export interface EscalationRung {
  firstAfterMinutes: number;
  repeatEveryMinutes: number;
  /** The top of the ladder: no escalation beyond this level. */
  maxLevel: number;
}

export const ESCALATION_POLICY: Record<Severity, EscalationRung> = {
  critical: { firstAfterMinutes: 2, repeatEveryMinutes: 15, maxLevel: 4 },
  high: { firstAfterMinutes: 5, repeatEveryMinutes: 15, maxLevel: 4 },
  low: { firstAfterMinutes: 30, repeatEveryMinutes: 60, maxLevel: 2 },
};

/** When an alert with `level` escalations so far is next due, or undefined at the top of the ladder. */
export function escalationDueAt(severity: Severity, raisedAt: Date, level: number): Date | undefined {
  const p = ESCALATION_POLICY[severity];
  if (level >= p.maxLevel) return undefined;
  const minutes = p.firstAfterMinutes + Math.max(0, level) * p.repeatEveryMinutes;
  return new Date(raisedAt.getTime() + minutes * 60_000);
}

/** The escalation level an unacknowledged alert has reached at `now` (0 = not yet escalated), bounded by the ladder. */
export function escalationLevelAt(severity: Severity, raisedAt: Date, now: Date): number {
  const p = ESCALATION_POLICY[severity];
  const elapsedMinutes = (now.getTime() - raisedAt.getTime()) / 60_000;
  if (elapsedMinutes < p.firstAfterMinutes) return 0;
  return Math.min(p.maxLevel, 1 + Math.floor((elapsedMinutes - p.firstAfterMinutes) / p.repeatEveryMinutes));
}

/** A stable shard for a work-queue key (alerts spread over WORK_SHARDS partitions). */
export function shardOf(id: string, shards: number): number {
  let h = 0;
  for (let i = 0; i < id.length; i++) h = (h * 31 + id.charCodeAt(i)) >>> 0;
  return h % shards;
}
