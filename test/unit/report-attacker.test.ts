import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { keyedDraw } from '../../functions/reports/rounding-key.js';
import { metric } from '../../shared/metrics.js';
import { buildMonthlyReport, reportCellId, reportCells, type CountsInput } from '../../shared/reports/monthly.js';
import { monthFromIndex, monthIndex } from '../../shared/reports/months.js';
import { neighbours, roundSplit } from '../../shared/reports/rounding.js';
import { attack } from '../support/report-attacker.js';

/** Random activity of one zone over a few months from the launch month, counters consistent. */
const zoneHistory = (zone: string, launch: string, months: number) =>
  fc
    .array(
      fc.record({
        physical: fc.nat({ max: 7 }),
        psychological: fc.nat({ max: 4 }),
        female: fc.nat({ max: 6 }),
        high: fc.nat({ max: 3 }),
        repeatShare: fc.double({ min: 0, max: 1, noNaN: true }),
        closeShare: fc.double({ min: 0, max: 1, noNaN: true }),
        created: fc.nat({ max: 4 }),
        endShare: fc.double({ min: 0, max: 1, noNaN: true }),
        legal: fc.nat({ max: 6 }),
        medical: fc.nat({ max: 3 }),
        alert: fc.nat({ max: 6 }),
        panic: fc.nat({ max: 2 }),
        due: fc.nat({ max: 9 }),
        onTimeShare: fc.double({ min: 0, max: 1, noNaN: true }),
        fjc: fc.nat({ max: 6 }),
        interventions: fc.nat({ max: 8 }),
        ivPhysical: fc.nat({ max: 8 }),
        ivFjcShare: fc.double({ min: 0, max: 1, noNaN: true }),
        ivAggressorUseShare: fc.double({ min: 0, max: 1, noNaN: true }),
        childrenPresent: fc.nat({ max: 6 }),
        childrenWitness: fc.nat({ max: 4 }),
        homeBans: fc.nat({ max: 3 }),
        fromPolice: fc.nat({ max: 4 }),
        fromBooking: fc.nat({ max: 2 }),
        familyCloseShare: fc.double({ min: 0, max: 1, noNaN: true }),
        toWomensAid: fc.nat({ max: 4 }),
        toYouthCare: fc.nat({ max: 3 }),
        contactsInADay: fc.nat({ max: 3 }),
        contactsLater: fc.nat({ max: 2 }),
        overdueActions: fc.nat({ max: 3 }),
        consultations: fc.nat({ max: 2 }),
      }),
      { minLength: months, maxLength: months },
    )
    .map((ms) => {
      let open = 0;
      let active = 0;
      let families = 0;
      const counts: CountsInput[] = [];
      ms.forEach((m, i) => {
        const opened = m.physical + m.psychological;
        open += opened;
        active += m.created;
        const closed = Math.floor(open * m.closeShare);
        const ended = Math.floor(active * m.endShare);
        open -= closed;
        active -= ended;
        const onTime = Math.floor(m.due * m.onTimeShare);
        const familiesOpened = m.fromPolice + m.fromBooking;
        families += familiesOpened;
        const familiesClosed = Math.floor(families * m.familyCloseShare);
        families -= familiesClosed;
        const firstContacts = m.contactsInADay + m.contactsLater;
        counts.push({
          month: monthFromIndex(monthIndex(launch) + i),
          zone,
          counters: {
            [metric.casesOpened]: opened,
            [metric.casesByKind('physical')]: m.physical,
            [metric.casesByKind('psychological')]: m.psychological,
            [metric.casesVictimGender('female')]: Math.min(m.female, opened),
            [metric.casesByRisk('high')]: Math.min(m.high, opened),
            [metric.casesRepeat]: Math.floor(opened * m.repeatShare),
            [metric.casesClosed]: closed,
            [metric.ordersCreated]: m.created,
            [metric.ordersEnded]: ended,
            [metric.bookingsMade('legal')]: m.legal,
            [metric.bookingsMade('medical')]: m.medical,
            [metric.breaches('alert')]: m.alert,
            [metric.breaches('panic')]: m.panic,
            [metric.followupsDue]: m.due,
            [metric.followupsOnTime]: onTime,
            [metric.fjcIntroductions]: m.fjc,
            [metric.interventions]: m.interventions,
            [metric.interventionsByKind('physical')]: Math.min(m.ivPhysical, m.interventions),
            [metric.interventionFjc('offered')]: Math.floor(m.interventions * m.ivFjcShare),
            [metric.interventionFjc('declined')]: m.interventions - Math.floor(m.interventions * m.ivFjcShare),
            [metric.interventionSubstance('aggressor', 'yes')]: Math.floor(m.interventions * m.ivAggressorUseShare),
            [metric.interventionSubstance('victim', 'no')]: m.interventions,
            [metric.interventionChildren('present')]: m.childrenPresent,
            [metric.interventionChildren('witness')]: m.childrenWitness,
            [metric.interventionChildren('secured')]: Math.min(m.childrenPresent, 2),
            [metric.interventionHomeBans]: Math.min(m.homeBans, m.interventions),
            [metric.fjcFamiliesOpened]: familiesOpened,
            [metric.fjcFamiliesByOrigin('police')]: m.fromPolice,
            [metric.fjcFamiliesByOrigin('booking')]: m.fromBooking,
            [metric.fjcFamiliesClosed]: familiesClosed,
            [metric.fjcReferrals('womens-aid')]: m.toWomensAid,
            [metric.fjcReferrals('youth-care')]: m.toYouthCare,
            [metric.fjcFirstContact]: firstContacts,
            [metric.fjcFirstContactWithin('1_day')]: m.contactsInADay,
            [metric.fjcFirstContactWithin('later')]: m.contactsLater,
            [metric.fjcFirstContactKind('womens-aid')]: Math.min(m.contactsInADay, firstContacts),
            [metric.fjcActionsOverdue]: m.overdueActions,
            [metric.fjcConsultations]: m.consultations,
          },
        });
      });
      return counts;
    });

const LAUNCH = '2026-01';

describe('published report against an attacker who knows the method, every cell and every month', () => {
  it('property: no count is narrowed to one value; every count stays possible down to or up to the published multiple of 5', () => {
    fc.assert(
      fc.property(zoneHistory('za', LAUNCH, 3), zoneHistory('zb', LAUNCH, 3), fc.array(fc.nat({ max: 900 }), { maxLength: 14 }), (a, b, acks) => {
        const input = { from: LAUNCH, to: '2026-03', counts: [...a, ...b], ackSeconds: new Map([['2026-02|za', acks]]) };
        const draw = keyedDraw(randomBytes(32));
        const report = buildMonthlyReport({ ...input, draw });
        const truth = reportCells(input).cells;
        const result = attack(report.rows, LAUNCH);

        // The published table is itself a possible one: the relations hold between published figures.
        expect(result.publishedFeasible).toBe(true);
        for (const id of result.ids) {
          const possible = result.possible.get(id) as Set<number>;
          const published = result.published.get(id) as number;
          const real = truth.get(id) as number;
          expect(published % 5, id).toBe(0);
          expect(Math.abs(published - real), id).toBeLessThanOrEqual(4);
          expect(possible.has(real), `${id}: the solver must keep the truth`).toBe(true);
          // Every count between the true and the published value stays possible…
          for (let k = Math.min(real, published); k <= Math.max(real, published); k += 1) expect(possible.has(k), `${id} ${k}`).toBe(true);
          // …so nothing that is not a multiple of 5 is recovered, and 1–4 cannot be told from 0 or 5.
          if (real % 5 !== 0) expect(possible.size, `${id} recovered: ${real}`).toBeGreaterThanOrEqual(2);
          if (real >= 1 && real <= 4) expect(possible.has(0) || possible.has(5), id).toBe(true);
        }
      }),
      { numRuns: 100 },
    );
  }, 120_000);

  it('the issue’s example: 8 cases, female 5, three other genders 1 each — none recoverable', () => {
    const counts: CountsInput[] = [
      {
        month: LAUNCH,
        zone: 'z',
        counters: {
          [metric.casesOpened]: 8,
          [metric.casesVictimGender('female')]: 5,
          [metric.casesVictimGender('male')]: 1,
          [metric.casesVictimGender('other')]: 1,
          [metric.casesVictimGender('not_recorded')]: 1,
          [metric.casesSubstance('yes')]: 4,
          [metric.casesSubstance('no')]: 4,
        },
      },
    ];
    const input = { from: LAUNCH, to: LAUNCH, counts, ackSeconds: new Map() };
    for (let seed = 0; seed < 20; seed += 1) {
      const report = buildMonthlyReport({ ...input, draw: keyedDraw(Buffer.alloc(32, seed)) });
      const result = attack(report.rows, LAUNCH);
      for (const category of ['male', 'other', 'not_recorded']) {
        expect(
          result.possible.get(reportCellId({ month: LAUNCH, zone: 'z', measure: 'cases.opened', breakdown: 'victim_gender', category }))?.size,
        ).toBeGreaterThanOrEqual(2);
      }
      for (const category of ['yes', 'no']) {
        expect(
          result.possible.get(reportCellId({ month: LAUNCH, zone: 'z', measure: 'cases.opened', breakdown: 'substance_abuse', category }))?.size,
        ).toBeGreaterThanOrEqual(2);
      }
    }
  });
});

describe('the attacker itself', () => {
  it('recovers counts from naive rounding (so a pass above means something)', () => {
    // True: total 16, four categories 4 each, randomly rounded each on its own (not controlled): 20 and 0,0,0,0.
    const rows = [
      { month: LAUNCH, zone: 'z', measure: 'breaches', breakdown: 'total', category: '', value: 20 },
      ...['a', 'b', 'c', 'd'].map((category) => ({ month: LAUNCH, zone: 'z', measure: 'breaches', breakdown: 'kind', category, value: 0 })),
    ];
    const result = attack(rows, LAUNCH);
    expect([...(result.possible.get(reportCellId({ month: LAUNCH, zone: 'z', measure: 'breaches', breakdown: 'kind', category: 'a' })) ?? [])]).toEqual([4]);
    expect(result.publishedFeasible).toBe(false);
  });
});

describe('rounding rules', () => {
  it('a running sum and its increment can always be rounded consistently (exhaustive up to 40)', () => {
    const failures: string[] = [];
    for (let prev = 0; prev <= 40; prev += 1) {
      for (const prevRounded of neighbours(prev)) {
        for (let inc = 0; inc <= 40; inc += 1) {
          for (let run = inc; run <= inc + prev; run += 1) {
            if (!neighbours(inc).some((i) => neighbours(run).some((r) => r >= i && r <= prevRounded + i)))
              failures.push(`${prev}→${prevRounded}, +${inc}, ${run}`);
          }
        }
      }
    }
    expect(failures).toEqual([]);
  });

  it('property: a split rounded to any neighbour of its total adds up, each part within 4', () => {
    fc.assert(
      fc.property(fc.array(fc.nat({ max: 40 }), { minLength: 1, maxLength: 9 }), fc.boolean(), fc.integer(), (values, up, seed) => {
        const total = values.reduce((a, b) => a + b, 0);
        const rt = neighbours(total)[up ? neighbours(total).length - 1 : 0] as number;
        const parts = values.map((value, i) => ({ id: `p${i}`, value }));
        const out = roundSplit(parts, rt, keyedDraw(Buffer.alloc(32, seed & 255)));
        expect([...out.values()].reduce((a, b) => a + b, 0)).toBe(rt);
        for (const p of parts) {
          const r = out.get(p.id) as number;
          expect(r % 5).toBe(0);
          expect(Math.abs(r - p.value)).toBeLessThanOrEqual(4);
        }
      }),
    );
  });

  it('publishes the same figure for a month whatever range is asked, and another key gives other draws', () => {
    const counts: CountsInput[] = [1, 2, 3, 4, 5, 6].map((m) => ({
      month: `2026-0${m}`,
      zone: 'z',
      counters: { [metric.casesOpened]: 3 * m + 1, [metric.casesClosed]: m, [metric.ordersCreated]: m + 2, [metric.breaches('alert')]: 7 + m },
    }));
    const draw = keyedDraw(Buffer.alloc(32, 7));
    const a = buildMonthlyReport({ from: '2026-01', to: '2026-06', counts, ackSeconds: new Map(), draw });
    const b = buildMonthlyReport({ from: '2026-04', to: '2026-05', counts: counts.slice(0, 5), ackSeconds: new Map(), draw });
    for (const row of b.rows) expect(a.rows.find((r) => reportCellId(r) === reportCellId(row))?.value, reportCellId(row)).toBe(row.value);
    const draws = new Set(Array.from({ length: 8 }, (_, k) => keyedDraw(Buffer.alloc(32, k))('cell|x|3')));
    expect(draws.size).toBe(8);
  });
});
