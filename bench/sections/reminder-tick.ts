/** Section 4: one reminder tick over many due follow-ups, each published exactly once. */
import { memoryOf } from '../../shared/functions.js';
import { json, ms, QUICK, rows } from '../context.js';

/** Lambda's CPU share per MB: one full vCPU at 1,769 MB. */
const VCPU_MB = 1769;

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
    dispatched?: number;
    allMs?: number;
    budgetMs?: number;
    secondTickReminded?: number;
    seedMs?: number;
    cpuMs: number;
    memoryPeakMb: number;
  };
  const count = QUICK ? 200 : 10_000;
  const item = `one tick over ${count.toLocaleString('en')} due follow-ups`;
  const r: Tick = await benchFollowupTick({ n: count });
  const once = r.published === count && (r.secondTickReminded ?? 0) === 0;
  rows.push({
    section: '4 Reminder tick',
    item,
    result: `all reminded ${r.allMs !== undefined ? ms(r.allMs) : '?'} after the tick started (tick ${ms(r.ms)}: ${r.reminded ?? '?'} reminded itself, ${r.dispatched ?? 0} handed to the workers, ${r.deferred ?? 0} deferred); ${r.ticks ?? 1} tick(s); published ${r.published}${once ? ' — exactly once' : ' **MISMATCH**'}`,
    budget: 'all inside one deployed tick, each exactly once',
    note: `deployed concurrency, budget (${r.budgetMs !== undefined ? ms(r.budgetMs) : '?'}) and fan-out (the tick reminds its own share, the rest goes through the local SQS to followupWorker, in this process); PublishBatch of 10; reminders in the local SNS inbox after the ticks and one more (which reminded ${r.secondTickReminded ?? '?'}); DynamoDB Local + local SNS + local SQS${r.seedMs !== undefined ? `; seeding took ${ms(r.seedMs)}` : ''}`,
  });
  json.followupTick = r;
  // Lambda gives CPU in proportion to memory (1,769 MB = one vCPU). What the tick needs to remind all n
  // inside one budget: its CPU per reminder × n within the budget; its memory: the peak it allocated.
  const cpuMsPerReminder = r.cpuMs / Math.max(1, r.published);
  const vcpu = (cpuMsPerReminder * count) / (r.budgetMs ?? 55_000);
  const forCpuMb = Math.ceil((vcpu * VCPU_MB) / 64) * 64;
  const declared = memoryOf('followupTick');
  json.followupTickSizing = { cpuMsPerReminder, vcpu, forCpuMb, memoryPeakMb: r.memoryPeakMb, declared };
  rows.push({
    section: '4 Reminder tick',
    item: 'tick function memory, sized from this measurement',
    result: `${cpuMsPerReminder.toFixed(2)} CPU ms per reminder → ${vcpu.toFixed(2)} vCPU for ${count.toLocaleString('en')} in the budget → ≥ ${forCpuMb} MB; heap + buffers peak +${r.memoryPeakMb.toFixed(0)} MB; declared ${declared} MB`,
    budget: `memoryMb ≥ the CPU need (${VCPU_MB} MB per vCPU)`,
    note: `CPU of the bench process from the tick's start until all were reminded (tick, workers and the local SNS and SQS endpoints share it): an upper bound per reminder. The tick runs on one Node thread, so memory past one vCPU (${VCPU_MB} MB) buys it no more reminders per second${declared < Math.min(forCpuMb, VCPU_MB) ? ' — **declared below one vCPU**' : ''}`,
  });
}
