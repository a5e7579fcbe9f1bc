import { randomUUID } from 'node:crypto';
import type { ScheduledEvent } from 'aws-lambda';
import { clock } from '../../functions/lib/clock.js';
import { schedules as declared, type ScheduleDecl } from '../../shared/schedules.js';
import { invoke } from './handlers.js';

/**
 * Runs every schedule of shared/schedules.ts on a timer, calling its function with an EventBridge
 * "Scheduled Event", as the EventBridge rule does in AWS. A tick that would overlap the previous one of
 * the same schedule is skipped; an error is logged and never stops the stack.
 * `tickSeconds` (LOCAL_TICK_SECONDS) replaces every schedule's period but a heartbeat's, to see reminders sooner in demos.
 */
export interface SchedulerOptions {
  schedules?: readonly ScheduleDecl[];
  tickSeconds?: number;
  run?: (schedule: ScheduleDecl, event: ScheduledEvent) => Promise<unknown>;
  log?: (line: string) => void;
}

export interface RunningScheduler {
  /** Runs one schedule now (skipped if its previous tick is still running); resolves when done. */
  tick(name: string): Promise<'ran' | 'skipped' | 'failed'>;
  stop(): Promise<void>;
}

export function scheduledEvent(schedule: ScheduleDecl, at: Date): ScheduledEvent {
  return {
    version: '0',
    id: randomUUID(),
    'detail-type': 'Scheduled Event',
    source: 'aws.events',
    account: '000000000000',
    time: at.toISOString().replace(/\.\d{3}Z$/, 'Z'),
    region: 'eu-west-1',
    resources: [`arn:aws:events:eu-west-1:000000000000:rule/oneroof-${schedule.name}`],
    detail: {},
  };
}

export function startScheduler(options: SchedulerOptions = {}): RunningScheduler {
  const list = options.schedules ?? declared;
  const run = options.run ?? ((s, e) => invoke(s.function, e));
  const running = new Map<string, Promise<unknown>>();
  const timers: NodeJS.Timeout[] = [];

  const tick = async (schedule: ScheduleDecl): Promise<'ran' | 'skipped' | 'failed'> => {
    if (running.has(schedule.name)) {
      options.log?.(`schedule ${schedule.name}: previous tick still running, skipped`);
      return 'skipped';
    }
    const work = run(schedule, scheduledEvent(schedule, clock.now()));
    running.set(schedule.name, work);
    try {
      await work;
      return 'ran';
    } catch (err) {
      console.error(`[scheduler] ${schedule.name} (${schedule.function}) failed:`, err);
      return 'failed';
    } finally {
      running.delete(schedule.name);
    }
  };

  for (const schedule of list) {
    const periodMs = (options.tickSeconds !== undefined && !schedule.heartbeat ? options.tickSeconds : schedule.everyMinutes * 60) * 1000;
    const timer = setInterval(() => void tick(schedule), periodMs);
    timer.unref();
    timers.push(timer);
  }

  return {
    tick: (name) => {
      const schedule = list.find((s) => s.name === name);
      if (!schedule) return Promise.reject(new Error(`No schedule named ${name}`));
      return tick(schedule);
    },
    stop: async () => {
      for (const t of timers) clearInterval(t);
      await Promise.allSettled([...running.values()]);
    },
  };
}
