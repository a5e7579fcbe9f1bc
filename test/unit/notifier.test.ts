import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { SnsNotifier } from '../../functions/lib/notifier.js';

const snsMock = mockClient(SNSClient);

describe('SnsNotifier (adapter)', () => {
  beforeEach(() => {
    snsMock.reset();
    process.env.TOPIC_POLICE_ALERTS = 'arn:aws:sns:eu-west-1:000000000000:police';
  });

  it('publishes to the bound topic with string message attributes for filter policies', async () => {
    snsMock.on(PublishCommand).resolves({ MessageId: 'm-1' });
    const id = await new SnsNotifier(['policeAlerts']).publish('policeAlerts', { subject: 'Alert', text: 'Order O-1', attributes: { severity: 'high' } });
    expect(id).toBe('m-1');
    const input = snsMock.commandCalls(PublishCommand)[0]?.args[0].input;
    expect(input).toEqual({
      TopicArn: 'arn:aws:sns:eu-west-1:000000000000:police',
      Subject: 'Alert',
      Message: 'Order O-1',
      MessageAttributes: { severity: { DataType: 'String', StringValue: 'high' } },
    });
  });

  it('refuses a topic the function was not bound to', async () => {
    await expect(new SnsNotifier(['policeAlerts']).publish('officerReminders', { subject: 's', text: 't', attributes: {} })).rejects.toThrow('not bound');
  });
});
