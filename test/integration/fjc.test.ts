import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { JWTPayload } from 'jose';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { handler as fjc } from '../../functions/fjc/handler.js';
import { runFjcTick } from '../../functions/fjc/tick.js';
import { dynamo } from '../../functions/lib/clients.js';
import { setClockOffset } from '../../functions/lib/clock.js';
import { SnsNotifier } from '../../functions/lib/notifier.js';
import { isPersonalField } from '../../shared/personal-data.js';
import { invokeRoute, staffToken } from '../support/invoke.js';
import { clearInbox, failPublishes, inbox, waitForMessages } from '../support/sns-inbox.js';
import { call as callCases, caseBody, TABLE } from './cases-support.js';

/**
 * The FJC family case on DynamoDB Local, end to end through the handler: a police referral becomes a
 * family case; the case director refers it to women's aid and youth care; each partner sees exactly what
 * the victim's consent allows (and nothing of a case not referred to it); a consultation lets its
 * participants read the summary for its duration only; the victim withdraws a consent with her code and
 * the partner loses it at its next read; an overdue referral escalates exactly once.
 */
const withPartner = (username: string, partner: string): JWTPayload => {
  const t = staffToken(username, 'partner');
  return { ...t, 'cognito:groups': [...(t['cognito:groups'] as string[]), `partner:${partner}`] };
};
const dina = staffToken('dina.director', 'case_director');
const wanda = withPartner('wanda.womensaid', 'vrouwenhulp-rupel');
const yara = withPartner('yara.youthcare', 'jeugdhulp-antwerpen');
const hilde = withPartner('hilde.housing', 'sociaal-huis-boom');
const olivia = staffToken('olivia.officer', 'officer');
const farDirector = staffToken('far.director', 'case_director', 'zone:elsewhere');

const call = (method: string, path: string, claims?: JWTPayload, body?: unknown, sourceIp?: string) =>
  invokeRoute(fjc, method, path, { claims, body, ...(sourceIp ? { sourceIp } : {}) });

const H = 3_600_000;
const inAnHour = () => new Date(Date.now() + H).toISOString();

async function familyCase(): Promise<string> {
  const police = await callCases('POST', '/api/cases', olivia, caseBody('ruppel', { victimRef: `V-FJC-${Date.now()}`, riskLevel: 'high' }));
  expect(police.status).toBe(201);
  const res = await call('POST', '/api/fjc/referrals-from-police', olivia, {
    policeCaseId: police.json.id,
    victimRefs: ['V-FJC-SECRET'],
    aggressorRef: 'A-FJC-SECRET',
    children: [{ ageBand: '6-11', livesWith: 'with the mother' }],
    contact: { phone: '+32 470 12 34 56', safeTimes: 'weekdays 10-12', codeWord: 'tulip' },
    note: 'Wants help with housing.',
  });
  expect(res.status, JSON.stringify(res.json)).toBe(201);
  return res.json.id as string;
}

async function referBoth(id: string) {
  for (const partnerId of ['vrouwenhulp-rupel', 'jeugdhulp-antwerpen']) {
    const r = await call('POST', `/api/fjc/cases/${id}/referrals`, dina, { partnerId, firstContactDue: inAnHour() });
    expect(r.status, JSON.stringify(r.json)).toBe(201);
  }
}

async function auditActions(id: string): Promise<{ actor: string; action: string }[]> {
  const out = await dynamo.send(
    new QueryCommand({
      TableName: TABLE,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': `AUDIT#fjc-case#${id}` },
      ConsistentRead: true,
    }),
  );
  return (out.Items ?? []).map((i) => ({ actor: String(i.actor), action: String(i.action) }));
}

afterEach(() => setClockOffset(0));

describe('a police FJC referral becomes one family case', () => {
  it('opens the case from a police case of the caller zone, once; another zone or an unknown case is a 404', async () => {
    const police = await callCases('POST', '/api/cases', olivia, caseBody('ruppel'));
    const first = await call('POST', '/api/fjc/referrals-from-police', olivia, { policeCaseId: police.json.id });
    expect(first.status).toBe(201);
    expect(first.json.id).toMatch(/^FJ-/);
    expect(first.headers.location).toBe(`/api/fjc/cases/${first.json.id}`);
    const again = await call('POST', '/api/fjc/referrals-from-police', olivia, { policeCaseId: police.json.id });
    expect(again.status).toBe(409);
    expect(again.json.message).toContain(first.json.id);
    const far = await call('POST', '/api/fjc/referrals-from-police', staffToken('far.officer', 'officer', 'zone:elsewhere'), { policeCaseId: police.json.id });
    expect(far.status).toBe(404);
    const bad = await call('POST', '/api/fjc/referrals-from-police', olivia, { policeCaseId: 'nope' });
    expect(bad.status).toBe(400);
    expect(bad.json.field).toBe('policeCaseId');
    // The director of the zone sees it with its risk level and linked records.
    const seen = await call('GET', `/api/fjc/cases/${first.json.id}`, dina);
    expect(seen.status).toBe(200);
    expect(seen.json.origin).toBe('police');
    expect(seen.json.risk.policeCaseId).toBe(police.json.id);
    expect((await call('GET', `/api/fjc/cases/${first.json.id}`, farDirector)).status).toBe(404);
  });

  it('keeps the family and contact sealed at rest', async () => {
    const id = await familyCase();
    const out = await dynamo.send(
      new QueryCommand({ TableName: TABLE, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': `FJC#${id}` }, ConsistentRead: true }),
    );
    const text = JSON.stringify(out.Items);
    for (const secret of ['V-FJC-SECRET', 'A-FJC-SECRET', '470 12 34 56', 'tulip', 'housing', 'with the mother']) expect(text).not.toContain(secret);
  });
});

describe('consent decides what each partner sees, on every read', () => {
  let id: string;
  beforeAll(async () => {
    id = await familyCase();
    await referBoth(id);
    const c = await call('POST', `/api/fjc/cases/${id}/consents`, dina, { partnerId: 'vrouwenhulp-rupel', kinds: ['contact'], how: 'oral' });
    expect(c.status, JSON.stringify(c.json)).toBe(201);
  });

  it("women's aid, with consent for contact details only, sees those and nothing else", async () => {
    const res = await call('GET', `/api/fjc/cases/${id}`, wanda);
    expect(res.status).toBe(200);
    expect(res.json.sections).toEqual(['contact']);
    expect(res.json.contact).toMatchObject({ phone: '+32 470 12 34 56', codeWord: 'tulip', victimRefs: ['V-FJC-SECRET'] });
    for (const hidden of ['risk', 'children', 'orders', 'notes', 'consents']) expect(res.json).not.toHaveProperty(hidden);
    expect(res.json.referrals).toEqual([expect.objectContaining({ partnerId: 'vrouwenhulp-rupel', status: 'pending' })]);
    expect(JSON.stringify(res.json)).not.toContain('A-FJC-SECRET');
  });

  it('youth care without consent sees only the referral', async () => {
    const res = await call('GET', `/api/fjc/cases/${id}`, yara);
    expect(res.status).toBe(200);
    expect(res.json.sections).toEqual([]);
    for (const hidden of ['contact', 'risk', 'children', 'orders', 'notes', 'consents']) expect(res.json).not.toHaveProperty(hidden);
    expect(res.json.referrals).toEqual([expect.objectContaining({ partnerId: 'jeugdhulp-antwerpen', status: 'pending' })]);
    const text = JSON.stringify(res.json);
    for (const secret of ['V-FJC-SECRET', '470', 'tulip', 'vrouwenhulp-rupel']) expect(text).not.toContain(secret);
  });

  it('a partner the case was not referred to sees nothing, not even that it exists; a partner worker without an organisation neither', async () => {
    expect((await call('GET', `/api/fjc/cases/${id}`, hilde)).status).toBe(404);
    expect((await call('GET', `/api/fjc/cases/${id}`, staffToken('nobody.partner', 'partner'))).status).toBe(404);
    expect((await call('GET', '/api/fjc/inbox', hilde)).json.referrals.some((r: { caseId: string }) => r.caseId === id)).toBe(false);
  });

  it('a partner cannot record consent for another organisation; every partner read is audited', async () => {
    const res = await call('POST', `/api/fjc/cases/${id}/consents`, yara, { partnerId: 'vrouwenhulp-rupel', kinds: ['risk'], how: 'oral' });
    expect(res.status).toBe(403);
    const trail = await auditActions(id);
    expect(trail).toContainEqual({ actor: 'wanda.womensaid', action: 'read' });
    expect(trail).toContainEqual({ actor: 'yara.youthcare', action: 'read' });
    expect(trail).toContainEqual({ actor: 'dina.director', action: 'record-consent' });
  });

  it('the partner accepts or declines with a reason; a decided referral cannot be decided again; only the referred organisation decides', async () => {
    expect((await call('POST', `/api/fjc/cases/${id}/referrals/vrouwenhulp-rupel/accept`, yara)).status).toBe(403);
    expect((await call('POST', `/api/fjc/cases/${id}/referrals/jeugdhulp-antwerpen/decline`, yara, {})).json.field).toBe('reason');
    const declined = await call('POST', `/api/fjc/cases/${id}/referrals/jeugdhulp-antwerpen/decline`, yara, { reason: 'Not our region' });
    expect(declined.status).toBe(200);
    expect(declined.json).toMatchObject({ status: 'declined', reason: 'Not our region' });
    expect((await call('POST', `/api/fjc/cases/${id}/referrals/jeugdhulp-antwerpen/accept`, yara)).status).toBe(409);
    const director = await call('GET', `/api/fjc/cases/${id}`, dina);
    expect(director.json.referrals).toContainEqual(expect.objectContaining({ partnerId: 'jeugdhulp-antwerpen', status: 'declined', reason: 'Not our region' }));
    // Re-referred after the decline: pending again.
    expect((await call('POST', `/api/fjc/cases/${id}/referrals`, dina, { partnerId: 'jeugdhulp-antwerpen', firstContactDue: inAnHour() })).status).toBe(201);
    expect((await call('POST', `/api/fjc/cases/${id}/referrals`, dina, { partnerId: 'jeugdhulp-antwerpen', firstContactDue: inAnHour() })).status).toBe(409);
  });
});

describe('a case consultation (art. 458ter)', () => {
  it('participants read the shared summary only while it runs; the minutes only participants; actions go to the plan and late ones show to the director', async () => {
    const id = await familyCase();
    await referBoth(id);
    const startsAt = new Date(Date.now() - 60_000).toISOString();
    const endsAt = new Date(Date.now() + H).toISOString();
    const c = await call('POST', `/api/fjc/cases/${id}/consultations`, dina, {
      purpose: 'Safety plan for mother and child',
      legalBasis: 'art458ter',
      startsAt,
      endsAt,
      participants: ['vrouwenhulp-rupel', 'jeugdhulp-antwerpen', 'sociaal-huis-boom'],
      summary: 'SHARED-SUMMARY: escalating threats since March.',
    });
    expect(c.status, JSON.stringify(c.json)).toBe(201);
    const cid = c.json.id as string;
    const during = await call('GET', `/api/fjc/cases/${id}/consultations/${cid}`, yara);
    expect(during.status).toBe(200);
    expect(during.json.summary).toContain('SHARED-SUMMARY');
    // Housing was not referred, yet takes part: it knows of the case for the consultation's duration only.
    const housing = await call('GET', `/api/fjc/cases/${id}`, hilde);
    expect(housing.status).toBe(200);
    expect(housing.json.sections).toEqual([]);
    expect(housing.json.consultations[0].summary).toContain('SHARED-SUMMARY');

    const minutes = await call('POST', `/api/fjc/cases/${id}/consultations/${cid}/minutes`, dina, {
      decisions: ['Youth care visits the school'],
      actions: [{ title: 'School visit', ownerPartner: 'jeugdhulp-antwerpen', dueAt: new Date(Date.now() + 2 * H).toISOString() }],
    });
    expect(minutes.status, JSON.stringify(minutes.json)).toBe(201);
    expect((await call('POST', `/api/fjc/cases/${id}/consultations/${cid}/minutes`, dina, { decisions: ['again'] })).status).toBe(409);

    // After its end: no summary for participants, still the minutes; a non-participant never.
    setClockOffset(2 * H);
    const after = await call('GET', `/api/fjc/cases/${id}/consultations/${cid}`, yara);
    expect(after.status).toBe(200);
    expect(after.json).not.toHaveProperty('summary');
    expect(after.json.minutes.decisions).toEqual(['Youth care visits the school']);
    expect((await call('GET', `/api/fjc/cases/${id}`, hilde)).status).toBe(404);
    const outsider = await call('GET', `/api/fjc/cases/${id}/consultations/${cid}`, withPartner('jan.justicehouse', 'justitiehuis-mechelen'));
    expect(outsider.status).toBe(404);

    // The action is now late: on the director's dashboard and in youth care's inbox.
    setClockOffset(3 * H);
    const dash = await call('GET', '/api/fjc/dashboard', dina);
    expect(dash.status).toBe(200);
    expect(dash.json.lateActions).toContainEqual(
      expect.objectContaining({ caseId: id, ownerPartner: 'jeugdhulp-antwerpen', late: true, title: 'School visit' }),
    );
    const box = await call('GET', '/api/fjc/inbox', yara);
    const action = box.json.actions.find((a: { caseId: string }) => a.caseId === id);
    expect(action).toMatchObject({ late: true, status: 'open' });
    expect((await call('POST', `/api/fjc/cases/${id}/actions/${action.id}/status`, wanda, { status: 'done' })).status).toBe(404);
    expect((await call('POST', `/api/fjc/cases/${id}/actions/${action.id}/status`, yara, { status: 'done' })).json.status).toBe('done');
    const later = await call('GET', '/api/fjc/dashboard', dina);
    expect(later.json.lateActions.some((a: { id: string }) => a.id === action.id)).toBe(false);
  });
});

describe("the victim's view", () => {
  it('with her case code she sees who knows and what each may see, withdraws a consent, and the partner loses it at its next read', async () => {
    const id = await familyCase();
    await referBoth(id);
    await call('POST', `/api/fjc/cases/${id}/consents`, dina, { partnerId: 'vrouwenhulp-rupel', kinds: ['contact', 'risk'], how: 'written' });
    const issued = await call('POST', `/api/fjc/cases/${id}/victim-code`, dina);
    expect(issued.status).toBe(201);
    const code = issued.json.code as string;
    const ip = `10.20.${Date.now() % 250}.1`;
    const view = await call('POST', '/api/fjc/victim/view', undefined, { code: code.toLowerCase() }, ip);
    expect(view.status, JSON.stringify(view.json)).toBe(200);
    expect(view.json.partners).toEqual([
      expect.objectContaining({ partnerId: 'jeugdhulp-antwerpen', referral: 'pending', kinds: [], consented: [] }),
      expect.objectContaining({ partnerId: 'vrouwenhulp-rupel', name: 'Vrouwenhulp Rupelstreek', kinds: ['contact', 'risk'], consented: ['contact', 'risk'] }),
    ]);
    expect((await call('GET', `/api/fjc/cases/${id}`, wanda)).json.sections).toEqual(['contact', 'risk']);

    const out = await call('POST', '/api/fjc/victim/withdraw', undefined, { code, partnerId: 'vrouwenhulp-rupel', kinds: ['contact'] }, ip);
    expect(out.status).toBe(200);
    expect(out.json.partners.find((p: { partnerId: string }) => p.partnerId === 'vrouwenhulp-rupel').kinds).toEqual(['risk']);
    const next = await call('GET', `/api/fjc/cases/${id}`, wanda);
    expect(next.json.sections).toEqual(['risk']);
    expect(next.json).not.toHaveProperty('contact');
    expect(await auditActions(id)).toContainEqual({ actor: 'victim-app', action: 'withdraw-consent' });

    // A new code: the old one stops working at once.
    await call('POST', `/api/fjc/cases/${id}/victim-code`, dina);
    expect((await call('POST', '/api/fjc/victim/view', undefined, { code }, ip)).status).toBe(404);
  });

  it('limits guessing per connection, whatever the code (reserved before the lookup)', async () => {
    const ip = `10.30.${Date.now() % 250}.7`;
    const answers = await Promise.all(Array.from({ length: 14 }, () => call('POST', '/api/fjc/victim/view', undefined, { code: 'ABCD-EFGH-JKMN' }, ip)));
    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((s) => s === 404)).toHaveLength(10);
    expect(statuses.filter((s) => s === 429)).toHaveLength(4);
  });
});

describe('an overdue referral escalates to the case director', () => {
  const deps = () => ({ table: TABLE, client: dynamo, notifier: new SnsNotifier(['partnerIntake']) });
  beforeEach(async () => {
    await failPublishes(0);
    await clearInbox();
  });

  it('exactly once across repeated and concurrent ticks, filtered by partner, with no personal data; an accepted one never', async () => {
    const id = await familyCase();
    await referBoth(id);
    expect((await call('POST', `/api/fjc/cases/${id}/referrals/vrouwenhulp-rupel/accept`, wanda)).status).toBe(200);
    const at = new Date(Date.now() + 2 * H);
    await Promise.all([runFjcTick(deps(), at), runFjcTick(deps(), at), runFjcTick(deps(), at)]);
    await runFjcTick(deps(), new Date(at.getTime() + H));
    const mine = (m: { attributes: Record<string, string> }) => m.attributes.caseId === id && m.attributes.kind === 'fjcReferralOverdue';
    const messages = (await waitForMessages((ms) => ms.some(mine), { topic: 'partnerIntake' })).filter(mine);
    await new Promise((r) => setTimeout(r, 200));
    expect((await inbox('partnerIntake')).filter(mine)).toHaveLength(1);
    const m = messages[0] as (typeof messages)[number];
    expect(m.attributes).toMatchObject({ audience: 'case_director', partnerId: 'jeugdhulp-antwerpen', partnerKind: 'youth-care', zone: 'ruppel' });
    expect(m.message).toContain(`/staff/#/fjc/${id}`);
    for (const secret of ['V-FJC-SECRET', '470', 'tulip']) expect(`${m.subject}${m.message}`).not.toContain(secret);
    for (const k of Object.keys(m.attributes)) expect(isPersonalField(k)).toBe(false);
    setClockOffset(2 * H);
    const seen = await call('GET', `/api/fjc/cases/${id}`, dina);
    expect(seen.json.referrals).toContainEqual(expect.objectContaining({ partnerId: 'jeugdhulp-antwerpen', overdue: true, escalatedAt: at.toISOString() }));
  });

  it('a failed publish is retried by a later tick and still sent once', async () => {
    const id = await familyCase();
    await call('POST', `/api/fjc/cases/${id}/referrals`, dina, { partnerId: 'sociaal-huis-boom', firstContactDue: inAnHour() });
    await failPublishes(-1);
    const at = new Date(Date.now() + 2 * H);
    expect((await runFjcTick(deps(), at)).retrying).toBeGreaterThanOrEqual(1);
    await failPublishes(0);
    await runFjcTick(deps(), new Date(at.getTime() + 10 * 60_000));
    await runFjcTick(deps(), new Date(at.getTime() + 20 * 60_000));
    const mine = (m: { attributes: Record<string, string> }) => m.attributes.caseId === id;
    await waitForMessages((ms) => ms.some(mine), { topic: 'partnerIntake' });
    expect((await inbox('partnerIntake')).filter(mine)).toHaveLength(1);
  });
});
