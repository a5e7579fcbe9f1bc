import { beforeEach, describe, expect, it } from 'vitest';
import { SnsNotifier } from '../../functions/lib/notifier.js';
import { clearInbox, failPublishes, inbox, topicNameOf, waitForMessages } from '../support/sns-inbox.js';

describe('local SNS endpoint with the real SDK client', () => {
  beforeEach(async () => {
    await failPublishes(0);
    await clearInbox();
  });

  it('receives a publish with its subject and message attributes', async () => {
    const notifier = new SnsNotifier(['policeAlerts']);
    const id = await notifier.publish('policeAlerts', { subject: 'Alert', text: 'order O-1', attributes: { severity: 'high', kind: 'zone' } });
    const [m] = await waitForMessages((ms) => ms.length === 1, { topic: 'policeAlerts' });
    expect(m).toMatchObject({
      messageId: id,
      topic: topicNameOf('policeAlerts'),
      subject: 'Alert',
      message: 'order O-1',
      attributes: { severity: 'high', kind: 'zone' },
    });
  });

  it('fails publishes while faults are injected, then delivers again', async () => {
    const notifier = new SnsNotifier(['officerReminders']);
    await failPublishes(-1);
    await expect(notifier.publish('officerReminders', { subject: 's', text: 't', attributes: {} })).rejects.toThrow();
    expect(await inbox('officerReminders')).toHaveLength(0);
    await failPublishes(0);
    await notifier.publish('officerReminders', { subject: 's', text: 't', attributes: {} });
    expect(await inbox('officerReminders')).toHaveLength(1);
  });

  it('PublishBatch: each entry lands with its own subject and attributes; the fault switch fails entries one by one (a partial failure)', async () => {
    const notifier = new SnsNotifier(['officerReminders']);
    const entries = [1, 2, 3].map((n) => ({
      id: `e${n}`,
      message: { subject: `s${n}`, text: `t${n}`, attributes: { officerId: `o${n}`, kind: 'followupReminder' } },
    }));
    await failPublishes(1);
    const out = await notifier.publishBatch('officerReminders', entries);
    expect(out.failed).toEqual([{ id: 'e1', error: 'InternalError' }]);
    expect(out.published.map((p) => p.id)).toEqual(['e2', 'e3']);
    const landed = await inbox('officerReminders');
    expect(landed.map((m) => [m.messageId, m.subject, m.message, m.attributes])).toEqual([
      [out.published[0]?.messageId, 's2', 't2', { officerId: 'o2', kind: 'followupReminder' }],
      [out.published[1]?.messageId, 's3', 't3', { officerId: 'o3', kind: 'followupReminder' }],
    ]);
    await failPublishes(-1);
    expect((await notifier.publishBatch('officerReminders', entries)).failed.map((f) => f.id)).toEqual(['e1', 'e2', 'e3']);
    expect(await inbox('officerReminders')).toHaveLength(2);
  });

  it('PublishBatch refuses more than 10 entries and repeated ids, as SNS does', async () => {
    const notifier = new SnsNotifier(['officerReminders']);
    const entry = (id: string) => ({ id, message: { subject: 's', text: 't', attributes: {} } });
    await expect(
      notifier.publishBatch(
        'officerReminders',
        Array.from({ length: 11 }, (_, i) => entry(`e${i}`)),
      ),
    ).rejects.toMatchObject({
      name: 'TooManyEntriesInBatchRequestException',
    });
    await expect(notifier.publishBatch('officerReminders', [entry('a'), entry('a')])).rejects.toMatchObject({ name: 'BatchEntryIdsNotDistinctException' });
    expect(await inbox('officerReminders')).toHaveLength(0);
  });

  it('fails fast with the variable name when a topic is not configured', () => {
    const saved = process.env.TOPIC_PARTNER_INTAKE;
    delete process.env.TOPIC_PARTNER_INTAKE;
    try {
      expect(() => new SnsNotifier(['partnerIntake'])).toThrow('TOPIC_PARTNER_INTAKE');
    } finally {
      process.env.TOPIC_PARTNER_INTAKE = saved;
    }
  });
});
