import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CONSENT_KINDS, REFERRAL_STATUSES, type ConsentKind } from '../../shared/fjc/model.js';
import { consentStands, disclosure, whoKnows, type CaseFacts } from '../../shared/fjc/policy.js';

/** The one disclosure policy of a family case (shared/fjc/policy.ts), as properties over random cases. */
const PARTNERS = ['vrouwenhulp-rupel', 'jeugdhulp-antwerpen', 'sociaal-huis-boom', 'cgg-andante'] as const;
const T0 = Date.parse('2026-03-01T09:00:00Z');
const iso = (ms: number) => new Date(T0 + ms).toISOString();
const offset = fc.integer({ min: -10 * 86_400_000, max: 10 * 86_400_000 });

const consent = fc.record({
  partnerId: fc.constantFrom(...PARTNERS),
  kind: fc.constantFrom(...CONSENT_KINDS),
  given: offset,
  withdrawnAfter: fc.option(fc.integer({ min: 0, max: 5 * 86_400_000 }), { nil: undefined }),
});
const facts: fc.Arbitrary<CaseFacts> = fc
  .record({
    referrals: fc.uniqueArray(fc.record({ partnerId: fc.constantFrom(...PARTNERS), status: fc.constantFrom(...REFERRAL_STATUSES) }), {
      selector: (r) => r.partnerId,
    }),
    consents: fc.array(consent, { maxLength: 12 }),
    consultations: fc.array(
      fc.record({
        id: fc.uuid(),
        participants: fc.uniqueArray(fc.constantFrom(...PARTNERS), { minLength: 1 }),
        start: offset,
        length: fc.integer({ min: 1, max: 8 * 3_600_000 }),
      }),
      { maxLength: 3 },
    ),
  })
  .map((f) => ({
    zone: 'ruppel',
    status: 'open' as const,
    referrals: f.referrals,
    consents: f.consents.map((c) => ({
      partnerId: c.partnerId,
      kind: c.kind,
      givenAt: iso(c.given),
      ...(c.withdrawnAfter === undefined ? {} : { withdrawnAt: iso(c.given + c.withdrawnAfter) }),
    })),
    consultations: f.consultations.map((c) => ({ id: c.id, participants: [...c.participants], startsAt: iso(c.start), endsAt: iso(c.start + c.length) })),
  }));
const at = offset.map((ms) => new Date(T0 + ms));
const partner = fc.constantFrom(...PARTNERS, 'not-a-partner');

describe('the FJC disclosure policy', () => {
  it('a partner sees a section only while a consent for it and that kind stands, on a referral it did not decline', () => {
    fc.assert(
      fc.property(facts, partner, at, (f, p, now) => {
        const d = disclosure({ kind: 'partner', partnerId: p }, f, now);
        for (const kind of d.sections) {
          expect(f.consents.some((c) => c.partnerId === p && c.kind === kind && consentStands(c, now))).toBe(true);
          expect(f.referrals.find((r) => r.partnerId === p)?.status).toMatch(/^(pending|accepted)$/);
        }
        expect(d.holds).toBe(false);
      }),
    );
  });

  it('a partner knows the case exists only if it was referred to it, or while a consultation it takes part in runs', () => {
    fc.assert(
      fc.property(facts, partner, at, (f, p, now) => {
        const d = disclosure({ kind: 'partner', partnerId: p }, f, now);
        const referred = f.referrals.some((r) => r.partnerId === p);
        const running = f.consultations.some(
          (c) => (c.participants as readonly string[]).includes(p) && Date.parse(c.startsAt) <= now.getTime() && now.getTime() < Date.parse(c.endsAt),
        );
        expect(d.visible).toBe(referred || running);
        if (!d.visible) expect(d).toEqual({ visible: false, sections: [], summaries: [], minutes: [], holds: false });
        // A summary only while its consultation runs, and only for a participant.
        for (const id of d.summaries) {
          const c = f.consultations.find((x) => x.id === id);
          expect(c && (c.participants as readonly string[]).includes(p)).toBe(true);
          expect(c && Date.parse(c.startsAt) <= now.getTime() && now.getTime() < Date.parse(c.endsAt)).toBe(true);
        }
        for (const id of d.minutes) expect(((f.consultations.find((x) => x.id === id)?.participants ?? []) as readonly string[]).includes(p)).toBe(true);
      }),
    );
  });

  it('withdrawing a consent removes its section from that moment on, and touches no other partner', () => {
    fc.assert(
      fc.property(facts, fc.constantFrom(...PARTNERS), fc.constantFrom(...CONSENT_KINDS), at, (f, p, kind: ConsentKind, now) => {
        const withdrawn: CaseFacts = {
          ...f,
          consents: f.consents.map((c) => (c.partnerId === p && c.kind === kind && consentStands(c, now) ? { ...c, withdrawnAt: now.toISOString() } : c)),
        };
        expect(disclosure({ kind: 'partner', partnerId: p }, withdrawn, now).sections).not.toContain(kind);
        for (const other of PARTNERS.filter((x) => x !== p)) {
          expect(disclosure({ kind: 'partner', partnerId: other }, withdrawn, now)).toEqual(disclosure({ kind: 'partner', partnerId: other }, f, now));
        }
      }),
    );
  });

  it('the case director of its zone sees everything; of another zone, or without a zone, nothing', () => {
    fc.assert(
      fc.property(facts, at, (f, now) => {
        expect(disclosure({ kind: 'director', zone: 'ruppel' }, f, now)).toMatchObject({ visible: true, holds: true, sections: [...CONSENT_KINDS] });
        expect(disclosure({ kind: 'director', zone: 'elsewhere' }, f, now).visible).toBe(false);
        expect(disclosure({ kind: 'director', zone: undefined }, f, now).visible).toBe(false);
      }),
    );
  });

  it('a closed case: its director still sees it all, no partner knows it exists (whatever its referrals, consents, consultations)', () => {
    fc.assert(
      fc.property(facts, at, partner, (open, now, p) => {
        const f: CaseFacts = { ...open, status: 'closed' };
        expect(disclosure({ kind: 'partner', partnerId: p }, f, now)).toEqual({ visible: false, sections: [], summaries: [], minutes: [], holds: false });
        expect(disclosure({ kind: 'director', zone: 'ruppel' }, f, now)).toMatchObject({ visible: true, holds: true });
      }),
    );
  });

  it("the victim's view lists exactly the partners that know, each with what the policy gives it", () => {
    fc.assert(
      fc.property(facts, at, (f, now) => {
        const known = whoKnows(f, now);
        const expected = new Set([...f.referrals.map((r) => r.partnerId), ...f.consultations.flatMap((c) => c.participants)]);
        expect(new Set(known.map((k) => k.partnerId))).toEqual(expected);
        for (const k of known) expect(k.kinds).toEqual(disclosure({ kind: 'partner', partnerId: k.partnerId }, f, now).sections);
      }),
    );
  });

  it('a consent counts from its given time, until (not including) its withdrawal', () => {
    const c = { givenAt: iso(0), withdrawnAt: iso(1000) };
    expect(consentStands(c, new Date(T0 - 1))).toBe(false);
    expect(consentStands(c, new Date(T0))).toBe(true);
    expect(consentStands(c, new Date(T0 + 999))).toBe(true);
    expect(consentStands(c, new Date(T0 + 1000))).toBe(false);
  });
});
