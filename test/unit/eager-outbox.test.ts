import { describe, expect, it } from 'vitest';
import type { AlertRecord } from '../../functions/alerts/model.js';
import { EagerAlertPublisher, LEASE_MARGIN_MS, PUBLISH_LEASE_MS, type AlertOutbox } from '../../functions/alerts/outbox.js';
import type { CommitPlan, CommitResult, MonitoringRepository } from '../../functions/monitoring/repository.js';
import { applyEvent } from '../../functions/monitoring/use-cases.js';
import { ServiceUnavailableError } from '../../shared/errors.js';
import { initialState, type OrderState } from '../../shared/zones/index.js';
import { RecordingNotifier } from '../support/fakes/notifier.js';
import { orderRecord } from '../support/orders.js';

const now = new Date('2026-03-02T10:00:00Z');
const order = orderRecord();

/** Just what applyEvent uses: load and commit; the first `conflicts` commits lose to another writer. */
function repoWithConflicts(conflicts: number): MonitoringRepository & { plans: CommitPlan[] } {
  const plans: CommitPlan[] = [];
  let state: OrderState = initialState();
  const unused = () => Promise.reject(new Error('not used here'));
  return {
    plans,
    load: async () => ({ order, state }),
    commit: async (plan): Promise<CommitResult> => {
      plans.push(plan);
      if (plans.length <= conflicts) return 'conflict';
      state = plan.changes[0]?.state ?? state;
      return 'committed';
    },
    orderIdsForDevice: unused,
    activeOrderIds: unused,
    orderIdForProtectionCode: unused,
    orderIdForDuressCode: unused,
    setDuressCode: unused,
    reserveCodeAttempt: unused,
    refundCodeAttempt: unused,
  };
}

function recordingOutbox(): AlertOutbox & { leases: number[]; committedAlerts: { alerts: readonly AlertRecord[]; leaseUntil: number }[] } {
  const leases: number[] = [];
  const committedAlerts: { alerts: readonly AlertRecord[]; leaseUntil: number }[] = [];
  let next = 1_000;
  return {
    leases,
    committedAlerts,
    lease: () => {
      leases.push(++next);
      return next;
    },
    committed: (alerts, leaseUntil) => committedAlerts.push({ alerts, leaseUntil }),
  };
}

describe('applyEvent with an outbox', () => {
  it('contention that outlasts every retry is a 503 to send again, with nothing committed and no alert handed on', async () => {
    const repo = repoWithConflicts(Number.POSITIVE_INFINITY);
    const outbox = recordingOutbox();
    const out = applyEvent(repo, ['RO-1'], { kind: 'panic', eventId: 'p-1', at: now.toISOString() }, now, { outbox });
    await expect(out).rejects.toBeInstanceOf(ServiceUnavailableError);
    await expect(out).rejects.toMatchObject({ status: 503 });
    expect(repo.plans.length).toBeGreaterThan(1);
    expect(outbox.committedAlerts).toEqual([]);
  });

  it('hands over only the committed attempt’s alerts, written under that attempt’s lease; a conflict’s evaluation is never published', async () => {
    const repo = repoWithConflicts(2);
    const outbox = recordingOutbox();
    const out = await applyEvent(repo, ['RO-1'], { kind: 'panic', eventId: 'p-1', at: now.toISOString() }, now, { outbox });
    expect(out.status).toBe('committed');
    expect(repo.plans).toHaveLength(3);
    // Every attempt evaluated its own alert (a fresh id); each was written under a fresh lease.
    const attemptIds = repo.plans.map((p) => p.changes.flatMap((c) => c.alerts.map((a) => a.id)));
    expect(new Set(attemptIds.flat()).size).toBe(3);
    expect(repo.plans.map((p) => p.publishLeaseUntil)).toEqual(outbox.leases);
    expect(outbox.committedAlerts).toEqual([{ alerts: out.alerts, leaseUntil: outbox.leases[2] }]);
    expect(out.alerts.map((a) => a.id)).toEqual(attemptIds[2]);
  });

  it('takes no lease and publishes nothing when the event raises no alert (a panic within the minute is collapsed)', async () => {
    const repo = repoWithConflicts(0);
    const outbox = recordingOutbox();
    await applyEvent(repo, ['RO-1'], { kind: 'panic', eventId: 'p-1', at: now.toISOString() }, now, { outbox });
    const again = await applyEvent(repo, ['RO-1'], { kind: 'panic', eventId: 'p-2', at: now.toISOString() }, now, { outbox });
    expect(again.alerts).toEqual([]);
    expect(repo.plans[1]?.publishLeaseUntil).toBeUndefined();
    expect(outbox.committedAlerts).toHaveLength(1);
  });
});

describe('EagerAlertPublisher', () => {
  const alert = { id: 'AL-1', orderId: 'RO-1', district: 'ruppel', kind: 'panic', severity: 'critical', at: now.toISOString() } as AlertRecord;
  function alertRepo() {
    const calls: string[] = [];
    return {
      calls,
      markPublished: async (key: { pk: string }, _at: Date, messageId: string) => {
        calls.push(`mark ${key.pk} ${messageId}`);
        return true;
      },
      releasePublishLease: async (key: { pk: string }, leaseUntil: number) => {
        calls.push(`release ${key.pk} ${leaseUntil}`);
      },
    };
  }

  it('publishes to the police topic and marks it published', async () => {
    const repo = alertRepo();
    const notifier = new RecordingNotifier();
    const batch = new EagerAlertPublisher(repo, notifier, () => now).batch();
    batch.committed([alert], batch.lease());
    await batch.settled();
    expect(notifier.sent.map((s) => [s.topic, s.message.attributes.alertId, s.message.attributes.severity])).toEqual([['policeAlerts', 'AL-1', 'critical']]);
    expect(repo.calls).toEqual(['mark ALERT#AL-1 msg-1']);
  });

  it('an SNS failure gives the lease back and never throws: the stream publisher delivers it', async () => {
    const repo = alertRepo();
    const notifier = new RecordingNotifier();
    notifier.failNext();
    const batch = new EagerAlertPublisher(repo, notifier, () => now).batch();
    const lease = batch.lease();
    batch.committed([alert], lease);
    await expect(batch.settled()).resolves.toBeUndefined();
    expect(notifier.sent).toEqual([]);
    expect(repo.calls).toEqual([`release ALERT#AL-1 ${lease}`]);
  });

  it('a lease that has (nearly) run out is left alone: the backstop owns the alert once it has passed', async () => {
    const repo = alertRepo();
    const notifier = new RecordingNotifier();
    const publisher = new EagerAlertPublisher(repo, notifier, () => now);
    await publisher.publish(alert, Date.now() + LEASE_MARGIN_MS - 1);
    expect(notifier.sent).toEqual([]);
    expect(repo.calls).toEqual([]);
    expect(PUBLISH_LEASE_MS).toBeGreaterThan(LEASE_MARGIN_MS);
  });
});
