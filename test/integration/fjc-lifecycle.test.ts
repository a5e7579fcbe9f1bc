import { PutCommand } from '@aws-sdk/lib-dynamodb';
import type { JWTPayload } from 'jose';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { handler as fjc } from '../../functions/fjc/handler.js';
import { runFjcTick } from '../../functions/fjc/tick.js';
import { handler as interventions } from '../../functions/interventions/handler.js';
import { dynamo } from '../../functions/lib/clients.js';
import { setClockOffset } from '../../functions/lib/clock.js';
import { SnsNotifier } from '../../functions/lib/notifier.js';
import { CLOSED_RETENTION_DAYS } from '../../shared/fjc/model.js';
import { metric } from '../../shared/metrics.js';
import { invokeRoute, staffToken } from '../support/invoke.js';
import { expectRoundedCells, monthlyReportOf } from '../support/reports.js';
import { clearInbox, failPublishes, inbox } from '../support/sns-inbox.js';
import { auditItems, itemsOf } from '../support/table.js';
import { counters, TABLE } from './cases-support.js';
import { interventionBody } from './interventions-support.js';

/**
 * The family case's life beyond the consent rules (fjc.test.ts): an intervention's FJC introduction
 * reaches the case directors as a police referral and becomes the family case; a case opened from the
 * victim's own intake booking; closing a case (escalations stop, partners and her code reach nothing,
 * every item gets its retention TTL); and the report counters each step adds.
 */
const withPartner = (username: string, partner: string): JWTPayload => {
  const t = staffToken(username, 'partner');
  return { ...t, 'cognito:groups': [...(t['cognito:groups'] as string[]), `partner:${partner}`] };
};
const dina = staffToken('dina.director', 'case_director');
const farDirector = staffToken('far.director', 'case_director', 'zone:elsewhere');
const paula = staffToken('paula.police', 'police');
const wanda = withPartner('wanda.womensaid', 'vrouwenhulp-rupel');
const yara = withPartner('yara.youthcare', 'jeugdhulp-antwerpen');
const ZONE = 'ruppel';
const H = 3_600_000;

const call = (method: string, path: string, claims?: JWTPayload, body?: unknown, sourceIp?: string) =>
  invokeRoute(fjc, method, path, { claims, body, ...(sourceIp ? { sourceIp } : {}) });
const record = (over: Record<string, unknown> = {}) =>
  invokeRoute(interventions, 'POST', '/api/interventions', { claims: paula, body: interventionBody(over) });
const delta = (before: Record<string, number>, after: Record<string, number>) =>
  Object.fromEntries(
    Object.keys(after)
      .filter((k) => (after[k] ?? 0) !== (before[k] ?? 0))
      .map((k) => [k, (after[k] ?? 0) - (before[k] ?? 0)]),
  );
type PoliceReferral = { policeCaseId: string; interventionId: string; introduction: string; riskLevel: string; children: number };
const waiting = async (claims = dina): Promise<PoliceReferral[]> => (await call('GET', '/api/fjc/dashboard', claims)).json.policeReferrals;

afterEach(() => setClockOffset(0));

describe("an intervention's FJC introduction is a police referral to the case directors", () => {
  it('is written with the intervention, shown on the dashboard, and becomes the family case by the one police-referral path (then leaves the list)', async () => {
    const before = await counters(ZONE, new Date());
    const iv = await record({ fjcIntroduction: 'accepted' });
    expect(iv.status, JSON.stringify(iv.json)).toBe(201);
    expect(iv.json.fjcReferral).toBe(true);
    const mine = (await waiting()).find((r) => r.policeCaseId === iv.json.caseId);
    expect(mine).toMatchObject({ interventionId: iv.json.id, introduction: 'accepted', riskLevel: iv.json.riskLevel, children: 2 });
    // Clear routing data only: no reference of anyone present.
    const body = JSON.stringify(mine);
    expect(body).not.toContain('V-IV-');
    expect(body).not.toContain('A-IV-');
    // Another zone's director does not see it, nor can open it.
    expect((await waiting(farDirector)).some((r) => r.policeCaseId === iv.json.caseId)).toBe(false);
    expect((await call('POST', '/api/fjc/referrals-from-police', farDirector, { policeCaseId: iv.json.caseId })).status).toBe(404);

    const opened = await call('POST', '/api/fjc/referrals-from-police', dina, { policeCaseId: iv.json.caseId, victimRefs: ['V-LIFE-1'] });
    expect(opened.status, JSON.stringify(opened.json)).toBe(201);
    expect(opened.json.origin).toBe('police');
    expect((await waiting()).some((r) => r.policeCaseId === iv.json.caseId)).toBe(false);
    const again = await call('POST', '/api/fjc/referrals-from-police', dina, { policeCaseId: iv.json.caseId });
    expect(again.status).toBe(409);
    expect(again.json.message).toContain(opened.json.id);
    const seen = await call('GET', `/api/fjc/cases/${opened.json.id}`, dina);
    expect(seen.json.risk.policeCaseId).toBe(iv.json.caseId);
    expect((await auditItems('fjc-case', opened.json.id)).map((a) => [a.actor, a.action])).toContainEqual(['dina.director', 'create']);
    expect(delta(before, await counters(ZONE, new Date()))).toMatchObject({
      [metric.fjcFamiliesOpened]: 1,
      [metric.fjcFamiliesByOrigin('police')]: 1,
      [metric.interventions]: 1,
    });
  });

  it('is not written when she declined the introduction or it was not offered', async () => {
    for (const fjcIntroduction of ['declined', 'not_offered']) {
      const iv = await record({ fjcIntroduction });
      expect(iv.status, JSON.stringify(iv.json)).toBe(201);
      expect(iv.json.fjcReferral).toBe(false);
      expect((await waiting()).some((r) => r.policeCaseId === iv.json.caseId)).toBe(false);
    }
  });
});

async function placeBooking(serviceId: string, status = 'confirmed', zone = ZONE): Promise<string> {
  const reference = `FJCB-${Date.now().toString(36).toUpperCase()}${Math.floor(Math.random() * 1e6)}`;
  // A booking as functions/bookings stores it (its sealed fields are irrelevant here and never read).
  await dynamo.send(
    new PutCommand({
      TableName: TABLE,
      Item: {
        pk: `BOOKING#${reference}`,
        sk: 'BOOKING',
        type: 'BOOKING',
        reference,
        serviceId,
        zone,
        partnerId: 'caw-bml-shelter',
        status,
        start: new Date(Date.now() + 24 * H).toISOString(),
        end: new Date(Date.now() + 25 * H).toISOString(),
        pinHash: 'scrypt$PIN-HASH-MUST-NOT-TRAVEL',
        sealed: 'SEALED-ALIAS-MUST-NOT-TRAVEL',
      },
    }),
  );
  return reference;
}

describe("a family case opened from the victim's own intake booking", () => {
  it('links the booking (never copies its PIN or sealed fields), once; audited and counted', async () => {
    const before = await counters(ZONE, new Date());
    const reference = await placeBooking('shelter-intake');
    const res = await call('POST', '/api/fjc/cases-from-booking', dina, { bookingReference: reference, riskLevel: 'high' });
    expect(res.status, JSON.stringify(res.json)).toBe(201);
    expect(res.json.origin).toBe('booking');
    expect(res.headers.location).toBe(`/api/fjc/cases/${res.json.id}`);
    const seen = await call('GET', `/api/fjc/cases/${res.json.id}`, dina);
    expect(seen.json.orders.bookingRefs).toEqual([reference]);
    expect(seen.json.risk.riskLevel).toBe('high');
    const stored = JSON.stringify(await itemsOf(`FJC#${res.json.id}`));
    expect(stored).not.toContain('PIN-HASH');
    expect(stored).not.toContain('SEALED-ALIAS');
    expect((await auditItems('fjc-case', res.json.id)).map((a) => a.action)).toContain('create');
    expect(delta(before, await counters(ZONE, new Date()))).toEqual({ [metric.fjcFamiliesOpened]: 1, [metric.fjcFamiliesByOrigin('booking')]: 1 });

    const again = await call('POST', '/api/fjc/cases-from-booking', dina, { bookingReference: reference });
    expect(again.status).toBe(409);
    expect(again.json.message).toContain(res.json.id);
  });

  it('refuses a booking of another service (400 naming it), a cancelled one (409), another zone’s or an unknown one (404)', async () => {
    const legal = await call('POST', '/api/fjc/cases-from-booking', dina, { bookingReference: await placeBooking('legal-advice') });
    expect(legal.status).toBe(400);
    expect(legal.json.field).toBe('bookingReference');
    expect((await call('POST', '/api/fjc/cases-from-booking', dina, { bookingReference: await placeBooking('shelter-intake', 'cancelled') })).status).toBe(409);
    const far = await placeBooking('shelter-intake', 'confirmed', 'elsewhere');
    expect((await call('POST', '/api/fjc/cases-from-booking', dina, { bookingReference: far })).status).toBe(404);
    expect((await call('POST', '/api/fjc/cases-from-booking', farDirector, { bookingReference: await placeBooking('shelter-intake') })).status).toBe(404);
    expect((await call('POST', '/api/fjc/cases-from-booking', dina, { bookingReference: 'NOPE-0' })).status).toBe(404);
    const bad = await call('POST', '/api/fjc/cases-from-booking', dina, { bookingReference: 'X', pin: '123456' });
    expect(bad.status).toBe(400);
    expect(bad.json.field).toBe('pin');
  });
});

async function referredCase(): Promise<{ id: string; code: string }> {
  const opened = await call('POST', '/api/fjc/cases', dina, { victimRefs: [`V-CLOSE-${Date.now()}`], contact: { phone: '+32 470 99 88 77' } });
  expect(opened.status, JSON.stringify(opened.json)).toBe(201);
  const id = opened.json.id as string;
  const due = new Date(Date.now() + H).toISOString();
  for (const partnerId of ['vrouwenhulp-rupel', 'jeugdhulp-antwerpen'])
    expect((await call('POST', `/api/fjc/cases/${id}/referrals`, dina, { partnerId, firstContactDue: due })).status).toBe(201);
  expect((await call('POST', `/api/fjc/cases/${id}/consents`, dina, { partnerId: 'vrouwenhulp-rupel', kinds: ['contact'], how: 'written' })).status).toBe(201);
  expect(
    (await call('POST', `/api/fjc/cases/${id}/actions`, dina, { title: 'Find a shelter place', ownerPartner: 'vrouwenhulp-rupel', dueAt: due })).status,
  ).toBe(201);
  const code = (await call('POST', `/api/fjc/cases/${id}/victim-code`, dina)).json.code as string;
  return { id, code };
}

describe('closing a family case', () => {
  const tick = (at: Date) => runFjcTick({ table: TABLE, client: dynamo, notifier: new SnsNotifier(['partnerIntake']) }, at);
  beforeEach(async () => {
    await failPublishes(0);
    await clearInbox();
  });

  it('case director only, with a reason; then nothing escalates, partners and her code reach nothing, every item carries the retention TTL', async () => {
    const { id, code } = await referredCase();
    const ip = `10.40.${Date.now() % 250}.3`;
    expect((await call('GET', `/api/fjc/cases/${id}`, wanda)).json.sections).toEqual(['contact']);
    expect((await call('POST', '/api/fjc/victim/view', undefined, { code }, ip)).status).toBe(200);

    // Only the director closes, and only with a reason.
    expect((await call('POST', `/api/fjc/cases/${id}/close`, wanda, { reason: 'x' })).status).toBe(403);
    const noReason = await call('POST', `/api/fjc/cases/${id}/close`, dina, {});
    expect(noReason.status).toBe(400);
    expect(noReason.json.field).toBe('reason');
    expect((await call('POST', `/api/fjc/cases/${id}/close`, farDirector, { reason: 'Family moved away' })).status).toBe(404);

    const before = await counters(ZONE, new Date());
    const closed = await call('POST', `/api/fjc/cases/${id}/close`, dina, { reason: 'Family moved away' });
    expect(closed.status, JSON.stringify(closed.json)).toBe(200);
    expect(closed.json).toMatchObject({ status: 'closed', closed: { by: 'dina.director', reason: 'Family moved away' } });
    expect(delta(before, await counters(ZONE, new Date()))).toEqual({ [metric.fjcFamiliesClosed]: 1 });
    expect((await auditItems('fjc-case', id)).map((a) => [a.actor, a.action])).toContainEqual(['dina.director', 'close']);
    expect((await call('POST', `/api/fjc/cases/${id}/close`, dina, { reason: 'again' })).status).toBe(409);

    // Partners lose it at their next read, and their inboxes no longer list it.
    expect((await call('GET', `/api/fjc/cases/${id}`, wanda)).status).toBe(404);
    expect((await call('GET', `/api/fjc/cases/${id}`, yara)).status).toBe(404);
    const inbox1 = (await call('GET', '/api/fjc/inbox', wanda)).json;
    expect(inbox1.referrals.some((r: { caseId: string }) => r.caseId === id)).toBe(false);
    expect(inbox1.actions.some((a: { caseId: string }) => a.caseId === id)).toBe(false);
    // Her code stops working.
    expect((await call('POST', '/api/fjc/victim/view', undefined, { code }, ip)).status).toBe(404);
    // The director still reads it, closed, with the reason; nothing can be changed.
    const seen = await call('GET', `/api/fjc/cases/${id}`, dina);
    expect(seen.json).toMatchObject({ status: 'closed', closed: { reason: 'Family moved away' } });
    expect((await call('POST', `/api/fjc/cases/${id}/notes`, dina, { text: 'late' })).status).toBe(409);
    expect(
      (await call('POST', `/api/fjc/cases/${id}/referrals`, dina, { partnerId: 'sociaal-huis-boom', firstContactDue: new Date(Date.now() + H).toISOString() }))
        .status,
    ).toBe(409);
    // Its late actions leave the dashboard.
    setClockOffset(2 * H);
    expect((await call('GET', '/api/fjc/dashboard', dina)).json.lateActions.some((a: { caseId: string }) => a.caseId === id)).toBe(false);
    setClockOffset(0);

    // Past every due date, the tick sends nothing for it.
    await tick(new Date(Date.now() + 2 * H));
    await new Promise((r) => setTimeout(r, 200));
    expect((await inbox('partnerIntake')).filter((m) => m.attributes.caseId === id)).toEqual([]);

    // Retention: every item of the case carries the TTL; the sealed reason never in clear.
    const items = await itemsOf(`FJC#${id}`);
    expect(items.length).toBeGreaterThan(4);
    const days = CLOSED_RETENTION_DAYS * 86_400;
    for (const i of items) {
      expect(i.expiresAt, String(i.sk)).toBeGreaterThan(Date.now() / 1000 + days - 60);
      expect(i.gsi1pk, String(i.sk)).toBeUndefined();
    }
    expect(items.some((i) => i.sk === 'CODE')).toBe(false);
    expect(JSON.stringify(items)).not.toContain('Family moved away');
  });
});

describe('the FJC report cells (monthly report, same disclosure control)', () => {
  it('counts families, referrals by partner kind and their first contact, overdue actions and consultations; rounded to base 5, own zone only', async () => {
    const before = await counters(ZONE, new Date());
    const { id } = await referredCase();
    expect((await call('POST', `/api/fjc/cases/${id}/referrals/vrouwenhulp-rupel/accept`, wanda)).status).toBe(200);
    const start = new Date(Date.now() + 60_000).toISOString();
    const end = new Date(Date.now() + H).toISOString();
    const convened = await call('POST', `/api/fjc/cases/${id}/consultations`, dina, {
      purpose: 'Safety planning',
      legalBasis: 'art458ter',
      startsAt: start,
      endsAt: end,
      participants: ['vrouwenhulp-rupel'],
      summary: 'Shared summary',
    });
    expect(convened.status, JSON.stringify(convened.json)).toBe(201);
    await failPublishes(0);
    await runFjcTick({ table: TABLE, client: dynamo, notifier: new SnsNotifier(['partnerIntake']) }, new Date(Date.now() + 2 * H));
    expect(delta(before, await counters(ZONE, new Date()))).toMatchObject({
      [metric.fjcFamiliesOpened]: 1,
      [metric.fjcFamiliesByOrigin('director')]: 1,
      [metric.fjcReferrals('womens-aid')]: 1,
      [metric.fjcReferrals('youth-care')]: 1,
      [metric.fjcFirstContact]: 1,
      [metric.fjcFirstContactWithin('1_day')]: 1,
      [metric.fjcFirstContactKind('womens-aid')]: 1,
      [metric.fjcActionsOverdue]: 1,
      [metric.fjcConsultations]: 1,
    });

    const { rows, cell, zones } = await monthlyReportOf(ZONE);
    expectRoundedCells(cell, [
      ['fjc.families.opened', 'total', ''],
      ['fjc.families.opened', 'origin', 'booking'],
      ['fjc.families.supported', 'total', ''],
      ['fjc.referrals', 'partner_kind', 'womens-aid'],
      ['fjc.referrals.first_contact', 'within', '1_day'],
      ['fjc.referrals.first_contact', 'partner_kind', 'youth-care'],
      ['fjc.actions.overdue', 'total', ''],
      ['fjc.consultations', 'total', ''],
    ]);
    // Published parts add up to the published total (controlled rounding).
    const byKind = rows.filter((r) => r.measure === 'fjc.referrals' && r.breakdown === 'partner_kind').reduce((a, r) => a + r.value, 0);
    expect(byKind).toBe(cell('fjc.referrals', 'total')?.value ?? 0);
    expect(zones).toEqual([ZONE]);
  });
});
