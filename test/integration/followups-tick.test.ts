import { beforeEach, describe, expect, it } from 'vitest';
import { dynamo } from '../../functions/lib/clients.js';
import { SnsNotifier } from '../../functions/lib/notifier.js';
import { MAX_ATTEMPTS } from '../../functions/followups/queue.js';
import { runFollowupTick, type TickDeps } from '../../functions/followups/tick.js';
import { isPersonalField } from '../../shared/personal-data.js';
import { clearInbox, failPublishes, inbox, waitForMessages } from '../support/sns-inbox.js';
import { itemsOf } from '../support/table.js';
import { DEAD_LETTER_DAYS, deadLetterExpiresAt } from '../../shared/cases/retention.js';
import { call, caseBody, caseItems, counters, freshZone, TABLE, staffIn } from './cases-support.js';

const H = 3_600_000;
const deps: TickDeps = { table: TABLE, client: dynamo, notifier: new SnsNotifier(['officerReminders', 'supervisorEscalations']), graceMinutes: 60 };
const tick = (at: Date) => runFollowupTick(deps, at);

/** A case whose first follow-up is due at `dueInMs` from now (the plan's others are later). */
async function caseWithDue(zone: string, dueInMs: number) {
  const { olivia } = staffIn(zone);
  const c = (await call('POST', '/api/cases', olivia, caseBody(zone, { riskLevel: 'high', victimRef: `V-SECRET-${Date.now()}` }))).json;
  const f = c.followups[0];
  const due = new Date(Date.now() + dueInMs + 1_000).toISOString();
  await call('POST', `/api/cases/${c.id}/followups/${f.id}/reschedule`, olivia, { dueAt: due });
  return { c, f: { ...f, dueAt: due } };
}

const mine = (caseId: string) => (m: { attributes: Record<string, string> }) => m.attributes.caseId === caseId;

beforeEach(async () => {
  await failPublishes(0);
  await clearInbox();
});

describe('reminder tick', () => {
  it('publishes exactly one reminder per due follow-up across repeated and concurrent ticks; routing attributes; no personal data', async () => {
    const zone = freshZone();
    const a = await caseWithDue(zone, 0);
    const b = await caseWithDue(zone, 0);
    const at = new Date(Date.now() + 5_000);
    const results = await Promise.all([tick(at), tick(at), tick(at)]);
    await tick(at);
    expect(results.reduce((s, r) => s + r.reminded, 0)).toBeGreaterThanOrEqual(2);
    const messages = (await waitForMessages((m) => m.filter((x) => mine(a.c.id)(x) || mine(b.c.id)(x)).length >= 2, { topic: 'officerReminders' })).filter(
      (m) => mine(a.c.id)(m) || mine(b.c.id)(m),
    );
    expect(messages).toHaveLength(2);
    for (const m of messages) {
      expect(m.attributes).toMatchObject({ officerId: 'olivia.officer', zone, urgency: 'normal', kind: 'followupReminder' });
      expect(m.message).toContain(`/staff/#/cases/${m.attributes.caseId}`);
      expect(m.message).not.toContain('V-SECRET');
      expect(m.subject).not.toContain('V-SECRET');
      for (const k of Object.keys(m.attributes)) expect(isPersonalField(k)).toBe(false);
    }
    const items = await caseItems(a.c.id);
    const fu = items.find((i) => i.id === a.f.id);
    expect(fu).toMatchObject({ tickStage: 'escalate' });
    expect(fu?.remindedAt).toBeDefined();
    expect(fu?.leaseToken).toBeUndefined();
  });

  it('past its time budget a tick claims nothing more; the next tick takes the rest', async () => {
    const zone = freshZone();
    const { c } = await caseWithDue(zone, 0);
    const at = new Date(Date.now() + 5_000);
    const out = await runFollowupTick({ ...deps, budgetMs: -1 }, at);
    expect(out.deferred).toBeGreaterThanOrEqual(1);
    expect(out.reminded).toBe(0);
    await tick(at);
    expect((await waitForMessages((m) => m.some(mine(c.id)), { topic: 'officerReminders' })).filter(mine(c.id))).toHaveLength(1);
  });

  it('completion stops reminders; a follow-up not yet due is left alone', async () => {
    const zone = freshZone();
    const { olivia } = staffIn(zone);
    const done = await caseWithDue(zone, 0);
    const later = await caseWithDue(zone, 2 * H);
    await call('POST', `/api/cases/${done.c.id}/followups/${done.f.id}/complete`, olivia, { outcome: 'reached' });
    await tick(new Date(Date.now() + 5_000));
    await new Promise((r) => setTimeout(r, 200));
    expect((await inbox('officerReminders')).filter((m) => mine(done.c.id)(m) || mine(later.c.id)(m))).toHaveLength(0);
  });

  it('overdue beyond the grace → one escalation to supervisors and one missed count, whatever the number of ticks', async () => {
    const zone = freshZone();
    const { olivia } = staffIn(zone);
    const { c, f } = await caseWithDue(zone, 0);
    await tick(new Date(Date.now() + 5_000));
    const late = new Date(new Date(f.dueAt).getTime() + 61 * 60_000);
    await Promise.all([tick(late), tick(late)]);
    await tick(new Date(late.getTime() + 60_000));
    const escalations = (await waitForMessages((m) => m.some(mine(c.id)), { topic: 'supervisorEscalations' })).filter(mine(c.id));
    expect(escalations).toHaveLength(1);
    expect(escalations[0]?.attributes).toMatchObject({ kind: 'followupOverdue', zone, officerId: 'olivia.officer', followupId: f.id });
    expect((await counters(zone, new Date(f.dueAt)))['followups.missed']).toBe(1);
    // Done afterwards: still "missed" (not counted late as well).
    const done = await call('POST', `/api/cases/${c.id}/followups/${f.id}/complete`, olivia, { outcome: 'reached' });
    expect(done.json.followup.reportOutcome).toBe('missed');
    const stats = await counters(zone, new Date(f.dueAt));
    expect(stats['followups.late']).toBeUndefined();
    expect(stats['followups.onTime']).toBeUndefined();
  });

  it('an SNS failure is retried with back-off and then delivered exactly once; past the last attempt it is dead-lettered', async () => {
    const zone = freshZone();
    const { c, f } = await caseWithDue(zone, 0);
    await failPublishes(-1);
    const t0 = new Date(Date.now() + 5_000);
    const failed = await tick(t0);
    expect(failed.retrying).toBeGreaterThanOrEqual(1);
    expect((await inbox('officerReminders')).filter(mine(c.id))).toHaveLength(0);
    // Backing off: a tick right after does nothing for it.
    await failPublishes(0);
    await tick(new Date(t0.getTime() + 1_000));
    expect((await inbox('officerReminders')).filter(mine(c.id))).toHaveLength(0);
    await tick(new Date(t0.getTime() + 2 * 60_000));
    await tick(new Date(t0.getTime() + 3 * 60_000));
    expect((await waitForMessages((m) => m.some(mine(c.id)), { topic: 'officerReminders' })).filter(mine(c.id))).toHaveLength(1);

    // Dead letter: always failing.
    const other = await caseWithDue(zone, 0);
    await failPublishes(-1);
    let at = new Date(Date.now() + 5_000);
    for (let i = 0; i < MAX_ATTEMPTS; i++) {
      await tick(at);
      at = new Date(at.getTime() + 31 * 60_000);
    }
    await failPublishes(0);
    const dead = (await itemsOf('FOLLOWUP#DEADLETTERS')).filter((d) => String(d.itemPk) === `CASE#${other.c.id}`);
    expect(dead.map((d) => d.stage)).toContain('remind');
    // Kept for the people on call, then deleted by TTL.
    for (const d of dead) expect(d.expiresAt).toBe(deadLetterExpiresAt(new Date(String(d.at))));
    expect(deadLetterExpiresAt(new Date(0))).toBe(DEAD_LETTER_DAYS * 86_400);
    const item = (await caseItems(other.c.id)).find((i) => i.id === other.f.id);
    expect(item?.tickStage).toBe('escalate'); // moved on: the supervisors still get the escalation
    expect(f.id).toBeDefined();
  });

  it('two "not reached" in a row → one notice to supervisors, through the tick', async () => {
    const zone = freshZone();
    const { olivia, sam } = staffIn(zone);
    const c = (await call('POST', '/api/cases', olivia, caseBody(zone))).json;
    await call('POST', `/api/cases/${c.id}/followups/${c.followups[0].id}/complete`, olivia, { outcome: 'not_reached' });
    await call('POST', `/api/cases/${c.id}/followups/${c.followups[1].id}/complete`, sam, { outcome: 'not_reached' });
    const at = new Date(Date.now() + 5_000);
    await Promise.all([tick(at), tick(at)]);
    const notices = (await waitForMessages((m) => m.some(mine(c.id)), { topic: 'supervisorEscalations' })).filter(mine(c.id));
    expect(notices).toHaveLength(1);
    expect(notices[0]?.attributes).toMatchObject({ kind: 'followupUnreachable', urgency: 'urgent', zone, followupId: c.followups[2].id });
    expect(notices[0]?.message).not.toContain(c.victimRef);
  });
});
