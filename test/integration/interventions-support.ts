import { brusselsToday } from '../../shared/primitives.js';

let n = 0;
export const today = brusselsToday();
export const plusDays = (d: string, days: number) => new Date(Date.parse(`${d}T12:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** A usual intervention: two children (one a witness), a home ban, the aggressor drank; FJC introduction offered. */
export function interventionBody(overrides: Record<string, unknown> = {}) {
  return {
    date: today,
    time: '21:40',
    zone: 'ruppel',
    district: 'boom',
    reportNumber: `AN.55.L7.${String(++n).padStart(6, '0')}/2026`,
    victims: [{ ref: `V-IV-${Date.now()}-${n}`, gender: 'female' }],
    aggressor: { ref: `A-IV-${Date.now()}-${n}`, gender: 'male', relation: 'partner' },
    children: [
      { ageBand: '3-5', presence: 'present', injured: false, whereNow: 'with_victim' },
      { ageBand: '6-11', presence: 'witness', injured: false, whereNow: 'with_family', withWhom: 'Grandmother' },
    ],
    others: ['neighbour'],
    violence: ['physical', 'psychological'],
    injuries: { victim: true, aggressor: false, medicalExamOffered: true },
    weapons: [],
    substanceUse: { aggressor: { use: 'alcohol', servicesOffered: true }, victim: { use: 'none', servicesOffered: false } },
    earlierInterventionsAtAddress: 2,
    actions: {
      arrest: false,
      homeBan: { start: today, legalEnd: plusDays(today, 14) },
      restrainingOrderRequested: false,
      childrenSecured: { with: 'family', referral: 'youth_care' },
      prosecutorInformed: true,
      interpreterUsed: false,
    },
    risk: { safeToTalk: 'yes', dashYes: ['injury', 'frightened', 'moreOften'] },
    fjcIntroduction: 'offered',
    ...overrides,
  };
}
