import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addLocal,
  bucketOf,
  DASH_QUESTIONS,
  dashRisk,
  decideRisk,
  DEFAULT_CADENCE,
  isRepeat,
  planFollowups,
  reportOutcome,
  riskRank,
  RISK_LEVELS,
  twoNotReachedInARow,
  createCaseSchema,
  OUTCOMES,
} from '../../shared/cases/index.js';
import { localParts } from '../../shared/brussels-time.js';

const H = 3_600_000;
const D = 24 * H;

describe('DASH-style risk', () => {
  it('has 24 questions; 14+ yes = high, 10–13 = medium, else standard', () => {
    expect(DASH_QUESTIONS).toHaveLength(24);
    expect([0, 9, 10, 13, 14, 24].map(dashRisk)).toEqual(['standard', 'standard', 'medium', 'medium', 'high', 'high']);
  });

  it('is monotonic in the number of yes answers', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 24 }), fc.integer({ min: 0, max: 24 }), (a, b) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        expect(riskRank(dashRisk(lo))).toBeLessThanOrEqual(riskRank(dashRisk(hi)));
      }),
    );
  });

  it('judgement may raise freely but never lowers without a reason', () => {
    const level = fc.constantFrom(...RISK_LEVELS);
    fc.assert(
      fc.property(level, level, fc.option(fc.string({ minLength: 0, maxLength: 20 }), { nil: undefined }), (baseline, chosen, reason) => {
        const d = decideRisk(baseline, chosen, reason);
        const lowering = riskRank(chosen) < riskRank(baseline);
        if (lowering && (reason === undefined || reason.trim() === '')) {
          expect(d).toEqual({ ok: false, problem: 'reason_required' });
        } else {
          expect(d).toEqual({ ok: true, level: chosen, lowered: lowering });
        }
      }),
    );
    expect(decideRisk('medium', undefined, undefined)).toEqual({ ok: true, level: 'medium', lowered: false });
  });
});

describe('cadence', () => {
  const openedAt = new Date('2026-03-20T09:00:00Z'); // Friday 10:00 in Brussels (CET)

  it('high: within 24 h, then weekly at the same Brussels time across the DST change', () => {
    const plan = planFollowups('high', openedAt);
    expect(plan.map((p) => p.dueAt.toISOString())).toEqual([
      '2026-03-21T09:00:00.000Z', // Sat 10:00 CET
      '2026-03-28T09:00:00.000Z', // Sat 10:00 CET (DST starts 29 March)
      '2026-04-04T08:00:00.000Z', // Sat 10:00 CEST
    ]);
    expect(plan.map((p) => p.purpose)).toEqual(['contact_victim', 'check_conditions', 'contact_victim']);
  });

  it('medium: within 72 h, then every two weeks; standard: within 7 days, then monthly', () => {
    expect(planFollowups('medium', openedAt).map((p) => p.dueAt.getTime() - openedAt.getTime())).toEqual([72 * H, 72 * H + 14 * D - H, 72 * H + 28 * D - H]);
    expect(planFollowups('standard', openedAt).map((p) => p.dueAt.toISOString())).toEqual([
      '2026-03-27T09:00:00.000Z',
      '2026-04-27T08:00:00.000Z',
      '2026-05-27T08:00:00.000Z',
    ]);
  });

  it('is configurable', () => {
    const plan = planFollowups('high', openedAt, { ...DEFAULT_CADENCE, high: { firstWithinHours: 1, every: { days: 1 } } }, 2);
    expect(plan.map((p) => p.dueAt.getTime() - openedAt.getTime())).toEqual([H, H + D]);
  });

  it('keeps the Brussels wall-clock time for any start and step, and due times increase', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(2024, 0, 1), max: Date.UTC(2030, 0, 1) }),
        fc.oneof(fc.record({ days: fc.integer({ min: 1, max: 60 }) }), fc.record({ months: fc.integer({ min: 1, max: 12 }) })),
        (start, step) => {
          const at = Math.floor(start / 60_000) * 60_000;
          const next = addLocal(at, step);
          expect(next).toBeGreaterThan(at);
          const a = localParts(at);
          const b = localParts(next);
          // The wall-clock time is kept unless it falls in the spring gap (02:00–03:00) of the target day.
          if (!(a.hour === 2)) expect([b.hour, b.minute]).toEqual([a.hour, a.minute]);
        },
      ),
    );
  });

  it('higher risk never gets its first follow-up later', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(2024, 0, 1), max: Date.UTC(2030, 0, 1) }), (t) => {
        const at = new Date(t);
        const first = (r: (typeof RISK_LEVELS)[number]) => planFollowups(r, at)[0]?.dueAt.getTime() ?? 0;
        expect(first('high')).toBeLessThanOrEqual(first('medium'));
        expect(first('medium')).toBeLessThanOrEqual(first('standard'));
      }),
    );
  });
});

describe('follow-up rules', () => {
  it('report outcome: on time up to the due time, late after, missed once escalated', () => {
    const due = new Date('2026-05-01T10:00:00Z');
    expect(reportOutcome(due, due, false)).toBe('on_time');
    expect(reportOutcome(due, new Date(due.getTime() + 1), false)).toBe('late');
    expect(reportOutcome(due, new Date(due.getTime() - D), true)).toBe('missed');
  });

  it('two "not reached" in a row, and only the last two count', () => {
    expect(twoNotReachedInARow(['not_reached', 'not_reached'])).toBe(true);
    expect(twoNotReachedInARow(['not_reached', 'reached', 'not_reached'])).toBe(false);
    expect(twoNotReachedInARow(['not_reached'])).toBe(false);
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...OUTCOMES), { maxLength: 10 }), (list) => {
        expect(twoNotReachedInARow(list)).toBe(list.length >= 2 && list.at(-1) === 'not_reached' && list.at(-2) === 'not_reached');
      }),
    );
  });

  it('repeat: a case for the same victim in the 12 months before', () => {
    const now = new Date('2026-06-15T12:00:00Z');
    expect(isRepeat([new Date('2025-06-15T12:00:00Z')], now)).toBe(true);
    expect(isRepeat([new Date('2025-06-15T11:59:59Z')], now)).toBe(false);
    expect(isRepeat([], now)).toBe(false);
  });

  it('buckets by Brussels day: overdue, today, next 7 days, later', () => {
    const now = new Date('2026-10-24T21:30:00Z'); // Sat 23:30 CEST; DST ends on Sunday 25 October
    expect(bucketOf(new Date('2026-10-24T21:29:00Z'), now)).toBe('overdue');
    expect(bucketOf(new Date('2026-10-24T21:59:00Z'), now)).toBe('today');
    expect(bucketOf(new Date('2026-10-24T22:00:00Z'), now)).toBe('next7Days'); // Sunday 00:00 CEST
    expect(bucketOf(new Date('2026-10-31T22:59:00Z'), now)).toBe('next7Days'); // Sat 31 Oct 23:59 CET
    expect(bucketOf(new Date('2026-10-31T23:00:00Z'), now)).toBe('later'); // Sun 1 Nov 00:00 CET
  });
});

describe('schemas', () => {
  const base = { victimRef: 'V-2026-001', zone: 'ruppel', interventionDate: '2026-05-01', kind: 'physical', children: true, substanceAbuse: false };
  it('defaults genders to not_recorded and refuses names and unknown fields by name', () => {
    expect(createCaseSchema.parse(base)).toMatchObject({
      victimGender: 'not_recorded',
      aggressorGender: 'not_recorded',
      dashYes: [],
      fjcIntroduction: 'not_offered',
    });
    expect(createCaseSchema.safeParse({ ...base, victimRef: 'Jane Doe' }).success).toBe(false);
    expect(createCaseSchema.safeParse({ ...base, name: 'x' }).success).toBe(false);
    expect(createCaseSchema.safeParse({ ...base, dashYes: ['injury', 'injury'] }).success).toBe(false);
  });
});
