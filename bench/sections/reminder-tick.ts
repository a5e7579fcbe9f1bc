/** Section 4: one reminder tick over many due follow-ups, each published exactly once. */
import { json, ms, QUICK, rows } from '../context.js';

/**
 * Needs the local stack running in-process: the tick module reads TABLE_NAME, the endpoints and topic
 * ARNs the stack sets when it loads, so it is imported here, after the stack started, never statically.
 */
export async function followupTick(): Promise<void> {
  const { benchFollowupTick } = await import('../followup-tick.js');
  type Tick = {
    ms: number;
    published: number;
    reminded?: number;
    deferred?: number;
    ticks?: number;
    budgetMs?: number;
    secondTickReminded?: number;
    seedMs?: number;
  };
  const count = QUICK ? 200 : 10_000;
  const item = `one tick over ${count.toLocaleString('en')} due follow-ups`;
  const r: Tick = await benchFollowupTick({ n: count });
  const once = r.published === count && (r.secondTickReminded ?? 0) === 0;
  rows.push({
    section: '4 Reminder tick',
    item,
    result: `first tick ${ms(r.ms)}: ${r.reminded ?? '?'} reminded (${((r.reminded ?? 0) / (r.ms / 1000)).toFixed(0)} reminders/s), ${r.deferred ?? 0} deferred; ${r.ticks ?? 1} tick(s) in all; published ${r.published}${once ? ' — exactly once' : ' **MISMATCH**'}`,
    budget: 'all inside one deployed tick, each exactly once',
    note: `deployed concurrency and budget (${r.budgetMs !== undefined ? ms(r.budgetMs) : '?'}), PublishBatch of 10; reminders in the local SNS inbox after the ticks and one more (which reminded ${r.secondTickReminded ?? '?'}); DynamoDB Local + local SNS${r.seedMs !== undefined ? `; seeding took ${ms(r.seedMs)}` : ''}`,
  });
  json.followupTick = r;
}
