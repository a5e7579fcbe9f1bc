import { GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { ulid } from 'ulid';
import { describe, expect, it } from 'vitest';
import { DynamoCaseRepository } from '../../functions/cases/repository.js';
import { handler as cases } from '../../functions/cases/handler.js';
import { handler as interventions } from '../../functions/interventions/handler.js';
import { seedDemoInterventions } from '../../infra/local/demo/interventions.js';
import { seedDemoData } from '../../infra/local/seed.js';
import { DynamoInterventionRepository } from '../../functions/interventions/repository.js';
import { recordIntervention } from '../../functions/interventions/use-cases.js';
import { dynamo } from '../../functions/lib/clients.js';
import { DemoStaffDirectory } from '../../functions/lib/staff-directory.js';
import { createInterventionSchema } from '../../shared/interventions/api.js';
import { invokeRoute, staffToken } from '../support/invoke.js';
import { expectRoundedCells, monthlyReportOf } from '../support/reports.js';
import { counters, TABLE } from './cases-support.js';
import { interventionBody as body, plusDays, today } from './interventions-support.js';

const paula = staffToken('paula.police', 'police');
const olivia = staffToken('olivia.officer', 'officer');
const farPolice = staffToken('far.police', 'police', 'zone:elsewhere');
const farOfficer = staffToken('far.officer', 'officer', 'zone:elsewhere');
const ZONE = 'ruppel';

const post = (b: unknown, claims = paula, headers: Record<string, string> = {}) =>
  invokeRoute(interventions, 'POST', '/api/interventions', { claims, body: b, headers });
const get = (id: string, claims = paula) => invokeRoute(interventions, 'GET', `/api/interventions/${id}`, { claims });

async function partition(pk: string) {
  const out = await dynamo.send(
    new QueryCommand({ TableName: TABLE, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': pk }, ConsistentRead: true }),
  );
  return out.Items ?? [];
}
const delta = (before: Record<string, number>, after: Record<string, number>) =>
  Object.fromEntries(
    Object.keys(after)
      .filter((k) => (after[k] ?? 0) !== (before[k] ?? 0))
      .map((k) => [k, (after[k] ?? 0) - (before[k] ?? 0)]),
  );

describe('recording an intervention', () => {
  it('creates the intervention, the case with its follow-ups and FJC introduction, the counters and the audit in one go', async () => {
    const before = await counters(ZONE, new Date());
    const b = body();
    const res = await post(b);
    expect(res.status, JSON.stringify(res.json)).toBe(201);
    const r = res.json;
    expect(r.id).toMatch(/^IV-/);
    expect(res.headers.location).toBe(`/api/interventions/${r.id}`);
    expect(r).toMatchObject({ officer: 'olivia.officer', riskLevel: 'standard', fjcIntroduction: 'offered' });
    expect(r.followups.length).toBeGreaterThan(0);

    // The officer sees the case with the children, the intervention's link and the FJC introduction.
    const c = await invokeRoute(cases, 'GET', `/api/cases/${r.caseId}`, { claims: olivia });
    expect(c.status).toBe(200);
    expect(c.json).toMatchObject({
      interventionId: r.id,
      children: true,
      substanceAbuse: true,
      kind: 'both',
      fjcIntroduction: 'offered',
      officer: 'olivia.officer',
      openedBy: 'paula.police',
      victimRef: b.victims[0]?.ref,
    });
    expect(c.json.followups.map((f: { id: string }) => f.id)).toEqual(r.followups.map((f: { id: string }) => f.id));
    const due = await invokeRoute(cases, 'GET', '/api/followups', { claims: olivia });
    const listed = [...due.json.overdue, ...due.json.today, ...due.json.next7Days].map((f: { id: string }) => f.id);
    expect(listed).toContain(r.followups[0].id);

    // The record reads back whole (police and the officer of the zone), each read audited.
    const iv = await get(r.id);
    expect(iv.status).toBe(200);
    expect(iv.json).toMatchObject({ id: r.id, caseId: r.caseId, reportNumber: b.reportNumber, children: b.children, actions: { homeBan: b.actions.homeBan } });
    expect((await get(r.id, olivia)).status).toBe(200);
    const audit = (await partition(`AUDIT#intervention#${r.id}`)).map((a) => `${a.action} ${a.actor}`).sort();
    expect(audit).toEqual(['create paula.police', 'read olivia.officer', 'read paula.police']);
    expect((await partition(`AUDIT#case#${r.caseId}`)).map((a) => a.action)).toContain('create');

    // Sealed at rest: no report number, child or reference in clear on the item.
    const item = (await dynamo.send(new GetCommand({ TableName: TABLE, Key: { pk: `INTERVENTION#${r.id}`, sk: 'INTERVENTION' } }))).Item ?? {};
    expect(item.sealed).toBeDefined();
    const text = JSON.stringify(item);
    for (const secret of [b.reportNumber, b.victims[0]?.ref as string, 'Grandmother']) expect(text).not.toContain(secret);
    expect(item).toMatchObject({ zone: ZONE, district: 'boom', caseId: r.caseId });

    const d = delta(before, await counters(ZONE, new Date()));
    expect(d).toMatchObject({
      'interventions.recorded': 1,
      'interventions.kind.physical': 1,
      'interventions.kind.psychological': 1,
      'interventions.children.present': 1,
      'interventions.children.witness': 1,
      'interventions.children.secured': 2,
      'interventions.homeBans': 1,
      'interventions.fjc.offered': 1,
      'interventions.substance.aggressor.yes': 1,
      'interventions.substance.victim.no': 1,
      'cases.opened': 1,
      'cases.children.yes': 1,
    });
    expect(d['interventions.arrests']).toBeUndefined();
  });

  it('a retry with the same Idempotency-Key records one intervention and answers the same receipt', async () => {
    const before = await counters(ZONE, new Date());
    const b = body();
    const key = `tablet-${ulid()}`;
    const first = await post(b, paula, { 'idempotency-key': key });
    const again = await post(b, paula, { 'idempotency-key': key });
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.json).toEqual(first.json);
    expect(delta(before, await counters(ZONE, new Date()))['interventions.recorded']).toBe(1);
    // The same key with another record is refused, naming the header.
    const other = await post(body(), paula, { 'idempotency-key': key });
    expect(other.status).toBe(409);
    expect(other.json.field).toBe('Idempotency-Key');
    // Another person's identical key is not theirs: a separate record.
    const pete = await post(b, staffToken('pete.police', 'police'), { 'idempotency-key': key });
    expect(pete.status).toBe(201);
    expect(pete.json.id).not.toBe(first.json.id);
  });

  it('a part that fails leaves nothing half-written: no case, no follow-up, no counter, no audit', async () => {
    const before = await counters(ZONE, new Date());
    const id = `IV-${ulid()}`;
    // Something already sits where the intervention would go: the whole transaction is refused.
    await dynamo.send(new PutCommand({ TableName: TABLE, Item: { pk: `INTERVENTION#${id}`, sk: 'INTERVENTION', type: 'INTERVENTION' } }));
    const caseRepo = new DynamoCaseRepository(TABLE);
    const deps = { repo: new DynamoInterventionRepository(TABLE), cases: { repo: caseRepo, directory: new DemoStaffDirectory() }, newId: () => id };
    const input = createInterventionSchema.parse(body());
    const caller = {
      principal: { sub: 'sub-paula', username: 'paula.police', roles: ['police' as const], zone: ZONE, scopes: [], clientId: 'c' },
      route: 'POST /api/interventions',
    };
    await expect(recordIntervention(deps, input, caller, new Date())).rejects.toMatchObject({ status: 409 });
    expect(delta(before, await counters(ZONE, new Date()))).toEqual({});
    expect(await partition(`AUDIT#intervention#${id}`)).toEqual([]);
    const officerCases = await caseRepo.listByOfficer('olivia.officer', 500);
    expect(officerCases.filter((c) => c.interventionId === id)).toEqual([]);
  });

  it('a failing FJC referral part leaves nothing half-written either: no intervention, no case, no referral, no counter', async () => {
    const before = await counters(ZONE, new Date());
    const id = `IV-${ulid()}`;
    // The referral's place is already taken (a condition fails inside the one transaction).
    const taken = `C-${ulid()}`;
    await dynamo.send(new PutCommand({ TableName: TABLE, Item: { pk: `FJCPOLICEREF#${taken}`, sk: 'REFERRAL', type: 'FJC_POLICE_REFERRAL' } }));
    const real = new DynamoInterventionRepository(TABLE);
    const repo = {
      load: real.load.bind(real),
      audit: real.audit.bind(real),
      commit: (change: Parameters<typeof real.commit>[0]) =>
        real.commit({ ...change, ...(change.fjcReferral ? { fjcReferral: { ...change.fjcReferral, policeCaseId: taken } } : {}) }),
    };
    const caseRepo = new DynamoCaseRepository(TABLE);
    const deps = { repo, cases: { repo: caseRepo, directory: new DemoStaffDirectory() }, newId: () => id };
    const caller = {
      principal: { sub: 'sub-paula', username: 'paula.police', roles: ['police' as const], zone: ZONE, scopes: [], clientId: 'c' },
      route: 'POST /api/interventions',
    };
    await expect(recordIntervention(deps, createInterventionSchema.parse(body({ fjcIntroduction: 'accepted' })), caller, new Date())).rejects.toMatchObject({
      status: 409,
    });
    expect(delta(before, await counters(ZONE, new Date()))).toEqual({});
    expect(await partition(`INTERVENTION#${id}`)).toEqual([]);
    expect(await partition(`AUDIT#intervention#${id}`)).toEqual([]);
    expect((await caseRepo.listByOfficer('olivia.officer', 500)).filter((c) => c.interventionId === id)).toEqual([]);
  });

  it('bad input is a 400 naming the field, and writes nothing', async () => {
    const before = await counters(ZONE, new Date());
    const cases: [unknown, string][] = [
      [body({ district: 'antwerpen' }), 'district'],
      [body({ date: '2999-01-01' }), 'date'],
      [body({ violence: [] }), 'violence'],
      [body({ children: [{ ageBand: '18+', presence: 'present', injured: false, whereNow: 'with_victim' }] }), 'children.0.ageBand'],
      [body({ risk: { safeToTalk: 'no', dashYes: ['injury'] } }), 'risk.dashYes'],
      [body({ actions: { arrest: false, prosecutorInformed: true, homeBan: { start: today, legalEnd: plusDays(today, 20) } } }), 'actions.homeBan.legalEnd'],
      [body({ reportNumber: 'pv 12' }), 'reportNumber'],
      [
        body({ children: [], actions: { arrest: false, prosecutorInformed: true, childrenSecured: { with: 'family', referral: 'none' } } }),
        'actions.childrenSecured',
      ],
      [body({ officer: 'paula.police' }), 'officer'],
      [body({ nickname: 'x' }), 'nickname'],
    ];
    for (const [b, field] of cases) {
      const res = await post(b);
      expect(res.status, `${field}: ${JSON.stringify(res.json)}`).toBe(400);
      expect(res.json.field, JSON.stringify(res.json)).toBe(field);
    }
    expect(delta(before, await counters(ZONE, new Date()))).toEqual({});
  });

  it('the monthly report counts interventions, children, home bans, the FJC introduction and substance use, rounded to base 5', async () => {
    // Random rounding publishes a true count of 1–4 as 0 with some probability: five more make the
    // zone's true count at least 5, which never rounds to 0.
    for (let i = 0; i < 5; i++) expect((await post(body())).status).toBe(201);
    const { cell } = await monthlyReportOf(ZONE);
    expectRoundedCells(cell, [
      ['interventions', 'total', ''],
      ['interventions', 'fjc_introduction', 'offered'],
      ['interventions', 'substance_use_aggressor', 'yes'],
      ['interventions', 'substance_use_victim', 'no'],
      ['interventions.with_physical_violence', 'total', ''],
      ['interventions.children', 'presence', 'witness'],
      ['interventions.children_secured', 'total', ''],
      ['interventions.home_bans', 'total', ''],
    ]);
    // At least five were recorded: the published total is not 0.
    expect(cell('interventions')?.value).toBeGreaterThan(0);
  });

  it('another zone records nothing here and reads nothing of it', async () => {
    const r = await post(body());
    expect(r.status).toBe(201);
    expect((await post(body(), farPolice)).status).toBe(403);
    expect((await get(r.json.id, farPolice)).status).toBe(404);
    expect((await get(r.json.id, farOfficer)).status).toBe(404);
    expect((await get('IV-NOTANID')).status).toBe(400);
  });

  it('the demo seed records one intervention through the same use case: two children, a home ban, the case for olivia.officer', async () => {
    const report = await seedDemoData({ tableName: TABLE, modules: [{ name: `interventions-test-${ulid()}`, run: seedDemoInterventions }] });
    expect(report.seeded).toHaveLength(1);
    const officerCases = await new DynamoCaseRepository(TABLE).listByOfficer('olivia.officer', 500);
    const seeded = officerCases.filter((c) => c.openedBy === 'paula.police' && c.interventionId !== undefined);
    expect(seeded.length).toBeGreaterThan(0);
    const iv = await get(seeded[0]?.interventionId as string);
    expect(iv.status).toBe(200);
    expect(iv.json.children).toHaveLength(2);
    expect(iv.json.actions.homeBan).toBeDefined();
  });
});
