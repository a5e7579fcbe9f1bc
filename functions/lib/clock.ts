/**
 * The clock. Use cases take `now` as a parameter (tests inject it); handlers read it here.
 * The local stack can fast-forward it (POST /api/dev/clock) to see reminders and escalations fall due;
 * in Lambda the offset is never set.
 */
import { setPrimitivesClock } from '../../shared/primitives.js';

let offsetMs = 0;

export const clock = {
  now(): Date {
    return new Date(Date.now() + offsetMs);
  },
};
setPrimitivesClock(clock.now);

export function setClockOffset(ms: number): void {
  offsetMs = ms;
}

export function clockOffset(): number {
  return offsetMs;
}
