import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { mockClient } from 'aws-sdk-client-mock';
import { describe, expect, it } from 'vitest';
import { bookingMessage } from '../../functions/bookings/messages.js';
import type { BookingRecord } from '../../functions/bookings/model.js';
import { derivePin, hashPin, randomPin, verifyPin } from '../../functions/bookings/pin.js';
import { SnsNotifier } from '../../functions/lib/notifier.js';
import { normalizePin, normalizeReference, referenceFrom } from '../../shared/catalog/booking.js';
import { isPersonalField } from '../../shared/personal-data.js';

describe('booking PINs', () => {
  it('are stored as a salted scrypt hash that verifies only the right PIN', async () => {
    const a = await hashPin('123456');
    const b = await hashPin('123456');
    expect(a).toMatch(/^scrypt\$16384\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
    expect(a).not.toBe(b); // a fresh salt each time
    expect(a).not.toContain('123456');
    expect(await verifyPin('123456', a)).toBe(true);
    expect(await verifyPin('123457', a)).toBe(false);
    expect(await verifyPin('123456', 'plain$123456')).toBe(false);
  });

  it('random PINs are 6 digits; derived PINs are stable per key and reference and differ otherwise', () => {
    for (let i = 0; i < 50; i++) expect(randomPin()).toMatch(/^\d{6}$/);
    const key = 'a1b2c3d4-e5f6-4711-8899-aabbccddeeff';
    expect(derivePin(key, 'ABCD-EFGH')).toMatch(/^\d{6}$/);
    expect(derivePin(key, 'ABCD-EFGH')).toBe(derivePin(key, 'ABCD-EFGH'));
    const others = new Set([derivePin(key, 'ABCD-EFGJ'), derivePin(`${key}x`, 'ABCD-EFGH'), derivePin(key, 'ABCD-EFGH')]);
    expect(others.size).toBe(3);
  });

  it('references and PINs are normalized from what people type', () => {
    expect(normalizeReference('abcd efgh')).toBe('ABCD-EFGH');
    expect(normalizeReference('ABCDEFGH')).toBe('ABCD-EFGH');
    expect(normalizeReference('ABCD-EFG0')).toBeUndefined(); // 0 is not in the alphabet
    expect(normalizeReference('ABC')).toBeUndefined();
    expect(normalizePin('123 456')).toBe('123456');
    expect(normalizePin('12345')).toBeUndefined();
    expect(referenceFrom([0, 1, 2, 3, 4, 5, 6, 7])).toBe('2345-6789');
  });
});

describe('partner-intake messages', () => {
  const booking: BookingRecord = {
    reference: 'K7MQ-4P9X',
    serviceId: 'counselling',
    partnerId: 'caw-bml',
    zone: 'ruppel',
    start: '2026-12-02T09:00:00.000Z',
    end: '2026-12-02T10:00:00.000Z',
    date: '2026-12-02',
    status: 'booked',
    alias: 'Nadia',
    language: 'ar',
    interpreter: true,
    childcare: true,
    accessibility: 'Wheelchair access',
    safeContact: {
      mayContact: true,
      method: 'phone',
      phone: '+32 470 11 22 33',
      windows: [{ start: '10:00', end: '11:00' }],
      voicemail: false,
      codeWord: 'sunflower',
    },
    shareWithPolice: true,
    pinHash: 'scrypt$16384$8$1$salt$hash',
    createdAt: '2026-11-29T10:00:00.000Z',
    updatedAt: '2026-11-29T10:00:00.000Z',
    expiresAt: 1,
  };
  const secrets = ['Nadia', '470 11 22 33', 'sunflower', 'Wheelchair', 'scrypt', 'ar', 'shareWithPolice'];

  it('carry reference, service and time, routing in attributes, and nothing personal (SNS adapter, mocked client)', async () => {
    const snsMock = mockClient(SNSClient);
    snsMock.on(PublishCommand).resolves({ MessageId: 'm-1' });
    process.env.TOPIC_PARTNER_INTAKE = 'arn:aws:sns:eu-west-1:000000000000:partner-intake';
    const notifier = new SnsNotifier(['partnerIntake']);
    for (const [event, previous] of [['made'], ['moved', '2026-12-01T09:00:00.000Z'], ['cancelled']] as const) {
      await notifier.publish('partnerIntake', bookingMessage(event, booking, previous));
    }
    const calls = snsMock.commandCalls(PublishCommand).map((c) => c.args[0].input);
    expect(calls).toHaveLength(3);
    for (const input of calls) {
      expect(input.Message).toContain('K7MQ-4P9X');
      expect(input.Message).toContain('counselling');
      expect(input.MessageAttributes?.partnerId).toEqual({ DataType: 'String', StringValue: 'caw-bml' });
      expect(Object.keys(input.MessageAttributes ?? {}).filter(isPersonalField)).toEqual([]);
      const sent = JSON.stringify({ s: input.Subject, m: input.Message, a: input.MessageAttributes });
      for (const secret of secrets) expect(sent.includes(`"${secret}"`) || sent.includes(secret === 'ar' ? 'language' : secret)).toBe(false);
    }
    expect(calls.map((c) => c.MessageAttributes?.kind?.StringValue)).toEqual(['booking.made', 'booking.moved', 'booking.cancelled']);
    expect(calls[1]?.Message).toContain('2026-12-01T09:00:00.000Z');
    snsMock.restore();
  });
});
