import type { ScheduledEvent } from 'aws-lambda';
import { afterEach, describe, expect, it } from 'vitest';
import { setClockOffset } from '../../functions/lib/clock.js';
import { scheduledEvent, startScheduler, type RunningScheduler } from '../../infra/local/scheduler.js';
import type { ScheduleDecl } from '../../shared/schedules.js';

/** The local scheduler: EventBridge's Scheduled Event shape, no overlapping ticks, errors contained. */
const schedule: ScheduleDecl = { name: 'test-tick', function: 'followupTick', everyMinutes: 1, description: 'test' };
let scheduler: RunningScheduler | undefined;

afterEach(async () => {
  await scheduler?.stop();
  scheduler = undefined;
  setClockOffset(0);
});

describe('local scheduler', () => {
  it('builds an EventBridge Scheduled Event at the (fast-forwardable) clock time', async () => {
    const events: ScheduledEvent[] = [];
    scheduler = startScheduler({ schedules: [schedule], run: async (_s, e) => void events.push(e) });
    setClockOffset(90 * 60_000);
    expect(await scheduler.tick('test-tick')).toBe('ran');
    const [event] = events as [ScheduledEvent];
    expect(event).toMatchObject({
      version: '0',
      'detail-type': 'Scheduled Event',
      source: 'aws.events',
      resources: ['arn:aws:events:eu-west-1:000000000000:rule/oneroof-test-tick'],
      detail: {},
    });
    expect(event.time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(Date.parse(event.time) - Date.now()).toBeGreaterThan(80 * 60_000);
    expect(scheduledEvent(schedule, new Date('2026-01-01T10:00:00.123Z')).time).toBe('2026-01-01T10:00:00Z');
  });

  it('skips a tick while the previous one of the same schedule still runs', async () => {
    let release: () => void = () => undefined;
    const blocked = new Promise<void>((r) => (release = r));
    let calls = 0;
    scheduler = startScheduler({
      schedules: [schedule],
      run: async () => {
        calls++;
        await blocked;
      },
    });
    const first = scheduler.tick('test-tick');
    expect(await scheduler.tick('test-tick')).toBe('skipped');
    release();
    expect(await first).toBe('ran');
    expect(calls).toBe(1);
    expect(await scheduler.tick('test-tick')).toBe('ran');
  });

  it('logs a failing tick and keeps running', async () => {
    let calls = 0;
    scheduler = startScheduler({
      schedules: [schedule],
      run: async () => {
        calls++;
        if (calls === 1) throw new Error('table unavailable');
      },
    });
    expect(await scheduler.tick('test-tick')).toBe('failed');
    expect(await scheduler.tick('test-tick')).toBe('ran');
  });

  it('runs each schedule on its timer (LOCAL_TICK_SECONDS shortens the period)', async () => {
    let calls = 0;
    scheduler = startScheduler({ schedules: [schedule], tickSeconds: 0.05, run: async () => void calls++ });
    const deadline = Date.now() + 5_000;
    while (calls < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(calls).toBeGreaterThanOrEqual(2);
  });
});
