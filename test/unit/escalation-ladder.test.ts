import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ESCALATION_POLICY, escalationDueAt, escalationLevelAt, SEVERITIES } from '../../shared/zones/index.js';

const raised = new Date('2026-11-28T10:00:00Z');
const after = (m: number) => new Date(raised.getTime() + m * 60_000);

describe('escalation ladder', () => {
  it('levels follow elapsed time: 0 before the first delay, then one per repeat interval, capped at the top', () => {
    expect(escalationLevelAt('high', raised, after(4.9))).toBe(0);
    expect(escalationLevelAt('high', raised, after(5))).toBe(1);
    expect(escalationLevelAt('high', raised, after(19))).toBe(1);
    expect(escalationLevelAt('high', raised, after(20))).toBe(2);
    expect(escalationLevelAt('high', raised, after(60 * 24 * 30))).toBe(ESCALATION_POLICY.high.maxLevel);
  });

  it('is never above the ladder, never decreases with time, and the next due time is past the level reached', () => {
    fc.assert(
      fc.property(fc.constantFrom(...SEVERITIES), fc.integer({ min: 0, max: 10 * 24 * 60 }), fc.integer({ min: 0, max: 600 }), (severity, m, more) => {
        const level = escalationLevelAt(severity, raised, after(m));
        const top = ESCALATION_POLICY[severity].maxLevel;
        const due = escalationDueAt(severity, raised, level);
        return (
          level >= 0 &&
          level <= top &&
          escalationLevelAt(severity, raised, after(m + more)) >= level &&
          (level === top ? due === undefined : (due as Date).getTime() > after(m).getTime())
        );
      }),
    );
  });
});
