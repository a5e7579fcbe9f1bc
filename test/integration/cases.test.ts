import { describe, expect, it } from 'vitest';
import { DASH_QUESTIONS } from '../../shared/cases/index.js';
import { DEMO_ZONE } from '../../shared/identity.js';
import { auditItems } from '../support/table.js';
import { call, caseBody, caseItems, counters, freshZone, olivia, omar, sam, staffIn } from './cases-support.js';

const H = 3_600_000;

const auditActions = async (caseId: string): Promise<string[]> => (await auditItems('case', caseId)).map((i) => `${i.action} ${i.route} ${i.actor}`);

describe('open a case', () => {
  it('creates the case, its follow-ups by the risk cadence, counters and audit in one go', async () => {
    const zone = freshZone();
    const { olivia } = staffIn(zone);
    const before = Date.now();
    const res = await call('POST', '/api/cases', olivia, caseBody(zone, { dashYes: DASH_QUESTIONS.slice(0, 14) }));
    expect(res.status).toBe(201);
    const c = res.json;
    expect(c).toMatchObject({ zone, riskLevel: 'high', dashLevel: 'high', officer: 'olivia.officer', repeat: false, status: 'open', version: 1 });
    expect(c.followups).toHaveLength(3);
    const firstDue = new Date(c.followups[0].dueAt).getTime();
    expect(firstDue - before).toBeGreaterThanOrEqual(24 * H - 5_000);
    expect(firstDue - before).toBeLessThanOrEqual(24 * H + 5_000);
    expect(new Date(c.followups[1].dueAt).getTime() - firstDue).toBeGreaterThanOrEqual(7 * 24 * H - H);
    expect(c.followups.every((f: { officer: string; status: string }) => f.officer === 'olivia.officer' && f.status === 'pending')).toBe(true);

    const stats = await counters(zone, new Date());
    expect(stats).toMatchObject({
      'cases.opened': 1,
      'cases.kind.physical': 1,
      'cases.risk.high': 1,
      'cases.children.yes': 1,
      'cases.substance.no': 1,
      'cases.victimGender.female': 1,
      'cases.aggressorGender.male': 1,
    });
    expect(stats['cases.repeat']).toBeUndefined();
    expect(await auditActions(c.id)).toEqual(['create POST /api/cases olivia.officer']);

    // The victim reference never appears in a key; only its keyed hash.
    const items = await caseItems(c.id);
    const victim = items.find((i) => i.sk === 'VICTIM');
    expect(victim?.gsi2pk).toMatch(/^VICTIM#[A-Za-z0-9_-]{43}$/);
    for (const i of items) for (const k of ['pk', 'sk', 'gsi1pk', 'gsi1sk', 'gsi2pk', 'gsi2sk']) expect(String(i[k] ?? '')).not.toContain(c.victimRef);
  });

  it('medium and standard cadences', async () => {
    const zone = freshZone();
    const { olivia } = staffIn(zone);
    const now = Date.now();
    const medium = await call('POST', '/api/cases', olivia, caseBody(zone, { dashYes: DASH_QUESTIONS.slice(0, 10) }));
    const standard = await call('POST', '/api/cases', olivia, caseBody(zone));
    expect(medium.json.riskLevel).toBe('medium');
    expect(Math.round((new Date(medium.json.followups[0].dueAt).getTime() - now) / H)).toBe(72);
    expect(standard.json.riskLevel).toBe('standard');
    expect(Math.round((new Date(standard.json.followups[0].dueAt).getTime() - now) / H)).toBe(7 * 24);
  });

  it('flags a repeat within 12 months (same reference, any case or spacing) and counts it', async () => {
    const zone = freshZone();
    const { olivia, omar } = staffIn(zone);
    const ref = `V-REP-${Date.now()}`;
    const first = await call('POST', '/api/cases', olivia, caseBody(zone, { victimRef: ref }));
    const second = await call('POST', '/api/cases', omar, caseBody(zone, { victimRef: ` ${ref.toLowerCase()}` }));
    expect(first.json.repeat).toBe(false);
    expect(second.status).toBe(201);
    expect(second.json.repeat).toBe(true);
    expect((await counters(zone, new Date()))['cases.repeat']).toBe(1);
  });

  it('judgement raises freely; lowering below the checklist needs a reason, which is recorded', async () => {
    const zone = freshZone();
    const { olivia } = staffIn(zone);
    const raised = await call('POST', '/api/cases', olivia, caseBody(zone, { riskLevel: 'high' }));
    expect(raised.json.riskLevel).toBe('high');
    const silent = await call('POST', '/api/cases', olivia, caseBody(zone, { dashYes: DASH_QUESTIONS.slice(0, 14), riskLevel: 'medium' }));
    expect(silent.status).toBe(400);
    expect(silent.json).toMatchObject({ error: 'invalid', field: 'riskReason' });
    const withReason = await call(
      'POST',
      '/api/cases',
      olivia,
      caseBody(zone, { dashYes: DASH_QUESTIONS.slice(0, 14), riskLevel: 'medium', riskReason: 'Aggressor in custody' }),
    );
    expect(withReason.json).toMatchObject({ riskLevel: 'medium', dashLevel: 'high' });
    expect(withReason.json.riskHistory[0]).toMatchObject({ from: null, to: 'medium', riskReason: 'Aggressor in custody' });
    // Nothing was written for the refused request.
    expect((await counters(zone, new Date()))['cases.opened']).toBe(2);
  });

  it('bad input is a 400 naming the field; officers cannot open a case for someone else', async () => {
    const zone = freshZone();
    const { olivia, sam } = staffIn(zone);
    const home = staffIn(DEMO_ZONE);
    expect((await call('POST', '/api/cases', olivia, caseBody(zone, { victimRef: 'Jane Doe' }))).json.field).toBe('victimRef');
    expect((await call('POST', '/api/cases', olivia, caseBody(zone, { kind: 'verbal' }))).json.field).toBe('kind');
    expect((await call('POST', '/api/cases', olivia, caseBody(zone, { name: 'x' }))).json.field).toBe('name');
    expect((await call('POST', '/api/cases', olivia, caseBody(zone, { officer: 'omar.officer' }))).status).toBe(403);
    // A supervisor opens it for an officer of the case's zone only (the directory's, not free text).
    expect((await call('POST', '/api/cases', home.sam, caseBody(DEMO_ZONE, { officer: 'omar.officer' }))).json.officer).toBe('omar.officer');
    expect((await call('POST', '/api/cases', sam, caseBody(zone, { officer: 'omar.officer' }))).json.field).toBe('officer');
    expect((await call('POST', '/api/cases', home.sam, caseBody(DEMO_ZONE, { officer: 'paula.police' }))).json.field).toBe('officer');
    // Nobody opens a case outside the zone their account carries.
    expect((await call('POST', '/api/cases', home.olivia, caseBody(zone))).status).toBe(403);
  });
});

describe('reading and changing a case', () => {
  it('officers see their own cases; supervisors the team; every read is audited', async () => {
    const zone = freshZone();
    const { olivia, omar, sam } = staffIn(zone);
    const c = (await call('POST', '/api/cases', olivia, caseBody(zone))).json;
    expect((await call('GET', `/api/cases/${c.id}`, omar)).status).toBe(403);
    const read = await call('GET', `/api/cases/${c.id}`, olivia);
    expect(read.status).toBe(200);
    expect(read.json.victimRef).toBe(c.victimRef);
    const mine = await call('GET', '/api/cases', olivia);
    expect(mine.json.cases.map((x: { id: string }) => x.id)).toContain(c.id);
    expect(JSON.stringify(mine.json)).not.toContain(c.victimRef);
    expect((await call('GET', '/api/cases', omar)).json.cases.map((x: { id: string }) => x.id)).not.toContain(c.id);
    const team = await call('GET', `/api/cases?zone=${zone}`, sam);
    expect(team.json.cases.map((x: { id: string }) => x.id)).toEqual([c.id]);
    expect((await call('GET', `/api/cases/${c.id}`, sam)).status).toBe(200);
    expect((await auditActions(c.id)).sort()).toEqual(
      [
        'create POST /api/cases olivia.officer',
        'read GET /api/cases/{id} olivia.officer',
        'list GET /api/cases olivia.officer',
        'list GET /api/cases sam.supervisor',
        'read GET /api/cases/{id} sam.supervisor',
      ].sort(),
    );
    expect((await call('GET', '/api/cases/C-NOPE', olivia)).json.field).toBe('id');
  });

  it('PATCH: raise risk (brings the next follow-up forward), lower only with a reason, FJC introduction counted once, links, close', async () => {
    const zone = freshZone();
    const { olivia, omar, sam } = staffIn(zone);
    const c = (await call('POST', '/api/cases', olivia, caseBody(zone))).json;
    const raised = await call('PATCH', `/api/cases/${c.id}`, olivia, { riskLevel: 'high' });
    expect(raised.status).toBe(200);
    const after = (await call('GET', `/api/cases/${c.id}`, olivia)).json;
    expect(new Date(after.followups[0].dueAt).getTime() - Date.now()).toBeLessThanOrEqual(24 * H);
    expect((await call('PATCH', `/api/cases/${c.id}`, olivia, { riskLevel: 'standard' })).json.field).toBe('riskReason');
    const lowered = await call('PATCH', `/api/cases/${c.id}`, olivia, { riskLevel: 'standard', riskReason: 'Moved to a shelter' });
    expect(lowered.json.riskHistory.at(-1)).toMatchObject({ from: 'high', to: 'standard', riskReason: 'Moved to a shelter' });
    await call('PATCH', `/api/cases/${c.id}`, olivia, { fjcIntroduction: 'done' });
    await call('PATCH', `/api/cases/${c.id}`, olivia, { fjcIntroduction: 'accepted' });
    await call('PATCH', `/api/cases/${c.id}`, olivia, { fjcIntroduction: 'done' });
    const orderId = 'RO-01KAAAAAAAAAAAAAAAAAAAAAAA';
    const linked = await call('PATCH', `/api/cases/${c.id}`, olivia, { orderIds: [orderId], bookingRefs: ['BK-1234'], expectedVersion: 6 });
    expect(linked.json).toMatchObject({ orderIds: [orderId], bookingRefs: ['BK-1234'] });
    expect((await call('PATCH', `/api/cases/${c.id}`, olivia, { orderIds: [], expectedVersion: 2 })).status).toBe(409);
    expect((await call('PATCH', `/api/cases/${c.id}`, omar, { fjcIntroduction: 'offered' })).status).toBe(403);
    const closed = await call('PATCH', `/api/cases/${c.id}`, sam, { status: 'closed' });
    expect(closed.json.status).toBe('closed');
    const stats = await counters(zone, new Date());
    expect(stats['fjc.introductions']).toBe(1);
    expect(stats['cases.closed']).toBe(1);
    const items = await caseItems(c.id);
    expect(items.filter((i) => i.type === 'FOLLOWUP').every((i) => i.status === 'cancelled' && i.gsi1pk === undefined && i.gsi2pk === undefined)).toBe(true);
  });
});

describe('follow-ups', () => {
  it('complete with an outcome (on time counted), plan the next when none is left; reschedule; reassign', async () => {
    const zone = freshZone();
    const { olivia, omar, sam } = staffIn(zone);
    const c = (await call('POST', '/api/cases', olivia, caseBody(zone))).json;
    const [f1, f2, f3] = c.followups;
    const done = await call('POST', `/api/cases/${c.id}/followups/${f1.id}/complete`, olivia, { outcome: 'reached' });
    expect(done.status).toBe(200);
    expect(done.json.followup).toMatchObject({ status: 'done', outcome: 'reached', reportOutcome: 'on_time' });
    expect((await call('POST', `/api/cases/${c.id}/followups/${f1.id}/complete`, olivia, { outcome: 'reached' })).status).toBe(409);
    expect((await call('POST', `/api/cases/${c.id}/followups/${f2.id}/complete`, olivia, { outcome: 'maybe' })).json.field).toBe('outcome');

    const due = new Date(Date.now() + 2 * H).toISOString();
    const moved = await call('POST', `/api/cases/${c.id}/followups/${f2.id}/reschedule`, olivia, { dueAt: due });
    expect(moved.json.dueAt).toBe(due);
    expect((await call('POST', `/api/cases/${c.id}/followups/${f2.id}/reschedule`, olivia, { dueAt: '2020-01-01T00:00:00Z' })).json.field).toBe('dueAt');

    expect((await call('POST', `/api/cases/${c.id}/followups/${f2.id}/reassign`, omar, { officer: 'omar.officer' })).status).toBe(403);
    // Omar is an officer of Zone Ruppel, not of this case's zone: refused, the follow-up stays Olivia's.
    const elsewhere = await call('POST', `/api/cases/${c.id}/followups/${f2.id}/reassign`, sam, { officer: 'omar.officer' });
    expect([elsewhere.status, elsewhere.json.field]).toEqual([400, 'officer']);

    await call('POST', `/api/cases/${c.id}/followups/${f2.id}/complete`, olivia, { outcome: 'declined' });
    const last = await call('POST', `/api/cases/${c.id}/followups/${f3.id}/complete`, olivia, { outcome: 'other' });
    expect(last.json.planned).toHaveLength(1);
    expect(last.json.planned[0]).toMatchObject({ status: 'pending', officer: 'olivia.officer' });
    // Counted in the month each was due (they may fall in different months).
    const months = new Map([f1, f2, f3].map((f: { dueAt: string }) => [f.dueAt.slice(0, 7), new Date(f.dueAt)]));
    let onTime = 0;
    for (const at of months.values()) onTime += (await counters(zone, at))['followups.onTime'] ?? 0;
    expect(onTime).toBe(3);
  });

  it("an outcome takes a note: sealed at rest, shown in the case's history to who may open the case, refused when malformed", async () => {
    const zone = freshZone();
    const { olivia, sam } = staffIn(zone);
    const c = (await call('POST', '/api/cases', olivia, caseBody(zone))).json;
    const [f1, f2] = c.followups;
    const note = `Reached at her sister's.\nWants the next call after 18:00 (${Date.now().toString(36)}).`;
    for (const bad of ['', '   ', 'a'.repeat(2001), 'see <b>this</b>', 'tab\there']) {
      const res = await call('POST', `/api/cases/${c.id}/followups/${f1.id}/complete`, olivia, { outcome: 'reached', note: bad });
      expect([res.status, res.json.field], JSON.stringify(bad)).toEqual([400, 'note']);
    }
    const done = await call('POST', `/api/cases/${c.id}/followups/${f1.id}/complete`, olivia, { outcome: 'reached', note });
    expect(done.status).toBe(200);
    expect(done.json.followup).toMatchObject({ status: 'done', outcome: 'reached', note });
    // Without a note is fine too ("not reached" needs none).
    expect((await call('POST', `/api/cases/${c.id}/followups/${f2.id}/complete`, olivia, { outcome: 'not_reached' })).json.followup.note).toBeUndefined();

    // The case's history, for the officer and her supervisor.
    for (const who of [olivia, sam]) {
      const read = await call('GET', `/api/cases/${c.id}`, who);
      expect(read.json.followups.find((f: { id: string }) => f.id === f1.id)).toMatchObject({ outcome: 'reached', note, completedBy: 'olivia.officer' });
    }
    // At rest: one sealed attribute, no note in clear anywhere in the item; lists never carry it.
    const item = (await caseItems(c.id)).find((i) => i.sk === `FOLLOWUP#${f1.id}`);
    expect(item?.sealed).toBeInstanceOf(Uint8Array);
    expect(item?.note).toBeUndefined();
    expect(JSON.stringify(item)).not.toContain('sister');
    const list = await call('GET', `/api/followups?zone=${zone}`, sam);
    expect(JSON.stringify(list.json)).not.toContain('sister');
    // A follow-up without a note is stored as before: nothing sealed.
    const plain = (await caseItems(c.id)).find((i) => i.sk === `FOLLOWUP#${f2.id}`);
    expect(plain?.sealed).toBeUndefined();
  });

  it("reassigns only to an active officer of the case's zone from the directory; nothing ends up owned by no one", async () => {
    const c = (await call('POST', '/api/cases', olivia, caseBody(DEMO_ZONE))).json;
    const f = c.followups[0];
    const path = `/api/cases/${c.id}/followups/${f.id}/reassign`;
    for (const officer of ['olivia', 'paula.police', 'chris.coordinator', 'nobody.known', '']) {
      const res = await call('POST', path, sam, { officer });
      expect([res.status, res.json.field], officer).toEqual([400, 'officer']);
    }
    // Still Olivia's, still in her list.
    const mine = await call('GET', '/api/followups', olivia);
    expect([...mine.json.overdue, ...mine.json.today, ...mine.json.next7Days].map((x: { id: string }) => x.id)).toContain(f.id);
    expect((await call('GET', `/api/cases/${c.id}`, sam)).json.followups.find((x: { id: string }) => x.id === f.id).officer).toBe('olivia.officer');
    // The directory offers Zone Ruppel's officers; a chosen one is accepted and sees it.
    const directory = await call('GET', `/api/staff/officers?zone=${DEMO_ZONE}`, sam);
    expect(directory.json.officers.map((o: { username: string }) => o.username)).toEqual(['olivia.officer', 'omar.officer', 'sam.supervisor']);
    expect((await call('GET', '/api/staff/officers?zone=antwerpen', sam)).json.field).toBe('zone');
    const re = await call('POST', path, sam, { officer: 'omar.officer' });
    expect([re.status, re.json.officer]).toEqual([200, 'omar.officer']);
    expect((await call('GET', `/api/cases/${c.id}`, omar)).status).toBe(200);
    const omarList = await call('GET', '/api/followups', omar);
    expect([...omarList.json.overdue, ...omarList.json.today, ...omarList.json.next7Days].map((x: { id: string }) => x.id)).toContain(f.id);
    // Adding a follow-up for someone else goes through the same check.
    const added = await call('POST', `/api/cases/${c.id}/followups`, sam, {
      dueAt: new Date(Date.now() + 3 * H).toISOString(),
      purpose: 'contact_victim',
      officer: 'paula.police',
    });
    expect([added.status, added.json.field]).toEqual([400, 'officer']);
  });

  it('"not reached" brings the next follow-up forward to the level\'s first-contact time (the retry), and says so', async () => {
    const zone = freshZone();
    const { olivia } = staffIn(zone);
    const c = (await call('POST', '/api/cases', olivia, caseBody(zone))).json;
    const [f1, f2] = c.followups;
    const before = Date.now();
    const res = await call('POST', `/api/cases/${c.id}/followups/${f1.id}/complete`, olivia, { outcome: 'not_reached' });
    expect(res.status).toBe(200);
    // Standard risk: first contact within 7 days, so the monthly follow-up comes forward to 7 days from now.
    expect(res.json.planned).toHaveLength(1);
    expect(res.json.planned[0].id).toBe(f2.id);
    const due = new Date(res.json.planned[0].dueAt).getTime();
    expect(due).toBeGreaterThanOrEqual(before + 7 * 24 * H - 1_000);
    expect(due).toBeLessThanOrEqual(Date.now() + 7 * 24 * H);
    expect(due).toBeLessThan(new Date(f2.dueAt).getTime());
    const read = (await call('GET', `/api/cases/${c.id}`, olivia)).json;
    expect(read.followups.find((f: { id: string }) => f.id === f2.id).dueAt).toBe(res.json.planned[0].dueAt);
  });

  it('two "not reached" in a row make the next follow-up urgent and queue one notice for supervisors', async () => {
    const zone = freshZone();
    const { olivia } = staffIn(zone);
    const c = (await call('POST', '/api/cases', olivia, caseBody(zone))).json;
    await call('POST', `/api/cases/${c.id}/followups/${c.followups[0].id}/complete`, olivia, { outcome: 'not_reached' });
    const second = await call('POST', `/api/cases/${c.id}/followups/${c.followups[1].id}/complete`, olivia, { outcome: 'not_reached' });
    expect(second.json).toMatchObject({ supervisorNotified: true, urgentFollowupId: c.followups[2].id });
    const read = (await call('GET', `/api/cases/${c.id}`, olivia)).json;
    expect(read.followups.find((f: { id: string }) => f.id === c.followups[2].id).urgency).toBe('urgent');
    const notices = (await caseItems(c.id)).filter((i) => i.type === 'CASE_NOTICE');
    expect(notices).toHaveLength(1);
    expect(notices[0]?.gsi1pk).toMatch(/^DUE#\d$/);
  });

  it('GET /api/followups: overdue, due today, next 7 days; officers only their own', async () => {
    const zone = freshZone();
    const { omar, sam } = staffIn(zone);
    const c = (await call('POST', '/api/cases', omar, caseBody(zone))).json;
    const added = await call('POST', `/api/cases/${c.id}/followups`, omar, { dueAt: new Date(Date.now() + 60_000).toISOString(), purpose: 'check_conditions' });
    expect(added.status).toBe(201);
    const list = await call('GET', '/api/followups', omar);
    expect(list.status).toBe(200);
    expect(Object.keys(list.json).sort()).toEqual(['generatedAt', 'next7Days', 'overdue', 'safeContacts', 'today']);
    const all = [...list.json.overdue, ...list.json.today, ...list.json.next7Days];
    expect(all.every((f: { officer: string }) => f.officer === 'omar.officer')).toBe(true);
    expect(all.map((f: { id: string }) => f.id)).toContain(added.json.id);
    expect((await call('GET', '/api/followups?officer=olivia.officer', omar)).status).toBe(403);
    const team = await call('GET', `/api/followups?zone=${zone}`, sam);
    expect([...team.json.today, ...team.json.next7Days].map((f: { id: string }) => f.id)).toContain(added.json.id);
  });
});
