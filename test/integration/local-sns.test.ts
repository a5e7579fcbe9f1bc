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
