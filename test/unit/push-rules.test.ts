import { describe, expect, it } from 'vitest';
import webpush from 'web-push';
import { vapidFromSecretValue } from '../../functions/push/vapid.js';
import { alertMessage, escalationMessage } from '../../shared/zones/messages.js';
import { canaryMessage } from '../../shared/canary.js';
import { overdueMessage, reminderMessage } from '../../shared/cases/messages.js';
import { isPushServiceEndpoint } from '../../shared/push/config.js';
import { pushPayloadSchema } from '../../shared/push/api.js';
import { deviceWants, pushOf, topicOfKind, topicsOfRoles, type DeviceProfile } from '../../shared/push/rules.js';
import { filterAdmits, subscribers } from '../../shared/subscribers.js';

const ORIGIN = 'https://oneroof.example.be';
const alert = {
  id: 'AL-01M8SX4T7Q0RKV95ZV81NPQ7WH',
  kind: 'zone' as const,
  severity: 'high' as const,
  district: 'boom',
  orderRef: 'ORD-1',
  at: '2026-12-01T10:00:00Z',
  zoneLabel: 'home',
};
const followup = {
  followupId: 'FU-1',
  caseId: 'CS-1',
  zone: 'ruppel',
  officer: 'olivia.officer',
  purpose: 'contact_victim' as const,
  urgency: 'urgent' as const,
  dueAt: '2026-12-01T10:00:00Z',
};

const police: DeviceProfile = { username: 'paula.police', roles: ['police'], zone: 'ruppel', districts: ['boom', 'niel'], minSeverity: 'low' };
const olivia: DeviceProfile = { username: 'olivia.officer', roles: ['officer'], zone: 'ruppel', districts: ['boom'], minSeverity: 'low' };
const omar: DeviceProfile = { ...olivia, username: 'omar.officer' };
const sam: DeviceProfile = { username: 'sam.supervisor', roles: ['supervisor', 'officer'], zone: 'ruppel', districts: [], minSeverity: 'low' };

const push = (topic: Parameters<typeof pushOf>[0], attributes: Record<string, string>) => {
  const p = pushOf(topic, attributes, ORIGIN);
  if (!p) throw new Error('no push');
  return p;
};

describe('who gets which push', () => {
  it('police alerts: police devices covering the district, at or above their minimum severity', () => {
    const p = push('policeAlerts', alertMessage(alert, ORIGIN).attributes);
    expect(deviceWants(police, p.audience)).toBe(true);
    expect(deviceWants({ ...police, districts: ['rumst'] }, p.audience)).toBe(false);
    expect(deviceWants({ ...police, minSeverity: 'critical' }, p.audience)).toBe(false);
    expect(deviceWants({ ...police, minSeverity: 'high' }, p.audience)).toBe(true);
    // Covering the district is not enough without the police role.
    expect(deviceWants(olivia, p.audience)).toBe(false);
  });

  it('officer reminders: only the devices of the officer the follow-up belongs to', () => {
    const p = push('officerReminders', reminderMessage(followup, ORIGIN).attributes);
    expect(deviceWants(olivia, p.audience)).toBe(true);
    expect(deviceWants(omar, p.audience)).toBe(false);
    expect(deviceWants({ ...police, username: 'olivia.officer' }, p.audience)).toBe(false);
  });

  it('supervisor escalations: supervisors of the zone (an alert escalation by the zone of its district)', () => {
    const a = push('supervisorEscalations', escalationMessage(alert, 2, ORIGIN).attributes);
    expect(deviceWants(sam, a.audience)).toBe(true);
    expect(deviceWants({ ...sam, zone: 'antwerpen' }, a.audience)).toBe(false);
    expect(deviceWants(police, a.audience)).toBe(false);
    const f = push('supervisorEscalations', overdueMessage(followup, ORIGIN).attributes);
    expect(deviceWants(sam, f.audience)).toBe(true);
    expect(deviceWants(olivia, f.audience)).toBe(false);
  });

  it('the canary is never pushed; the topic follows from the kind', () => {
    expect(pushOf('policeAlerts', canaryMessage('AL-X').attributes, ORIGIN)).toBeUndefined();
    expect(topicOfKind('canary')).toBeUndefined();
    expect(topicOfKind('zone')).toBe('policeAlerts');
    expect(topicOfKind('followupReminder')).toBe('officerReminders');
    expect(topicOfKind('alertEscalation')).toBe('supervisorEscalations');
    expect(topicOfKind('followupUnreachable')).toBe('supervisorEscalations');
    expect(topicOfKind('somethingElse')).toBeUndefined();
  });

  it('roles decide the topics a device receives', () => {
    expect(topicsOfRoles(['police'])).toEqual(['policeAlerts']);
    expect(topicsOfRoles(['supervisor', 'officer'])).toEqual(['supervisorEscalations', 'officerReminders']);
    expect(topicsOfRoles(['coordinator', 'authority'])).toEqual([]);
  });
});

describe('what a push carries', () => {
  it('ids, kind, severity or urgency and an absolute console link — nothing from the message text', () => {
    const a = push('policeAlerts', alertMessage(alert, ORIGIN).attributes);
    expect(pushPayloadSchema.parse(a.payload)).toEqual({ v: 1, kind: 'alert', id: alert.id, severity: 'high', url: `${ORIGIN}/staff/#/alerts/${alert.id}` });
    expect(JSON.stringify(a.payload)).not.toMatch(/home|ORD-1|boom/);
    const r = push('officerReminders', reminderMessage(followup, ORIGIN).attributes);
    expect(r.payload).toEqual({ v: 1, kind: 'reminder', id: 'FU-1', caseId: 'CS-1', urgency: 'urgent', url: `${ORIGIN}/staff/#/cases/CS-1` });
    expect(r.urgency).toBe('high');
  });

  it('a collapse key per alert (and per escalation level), within the 32 base64url characters Web Push allows', () => {
    const a = push('policeAlerts', alertMessage(alert, ORIGIN).attributes);
    const e1 = push('supervisorEscalations', escalationMessage(alert, 1, ORIGIN).attributes);
    const e2 = push('supervisorEscalations', escalationMessage(alert, 2, ORIGIN).attributes);
    for (const p of [a, e1, e2]) expect(p.collapseKey).toMatch(/^[A-Za-z0-9_-]{1,32}$/);
    expect(new Set([a.collapseKey, e1.collapseKey, e2.collapseKey]).size).toBe(3);
    expect(push('policeAlerts', alertMessage(alert, ORIGIN).attributes).collapseKey).toBe(a.collapseKey);
  });

  it('a message missing its routing attributes is not pushed', () => {
    expect(pushOf('policeAlerts', { kind: 'zone', alertId: 'AL-1', district: 'boom' }, ORIGIN)).toBeUndefined();
    expect(pushOf('officerReminders', { kind: 'followupReminder', caseId: 'CS-1' }, ORIGIN)).toBeUndefined();
  });
});

describe('subscription filters (SNS semantics, as the local stack applies them)', () => {
  const filter = (name: string) => subscribers.find((s) => s.name === name)?.filter ?? {};
  it('the push sender never gets canaries; the canary receiver gets nothing else', () => {
    expect(filterAdmits(filter('push-police-alerts'), alertMessage(alert).attributes)).toBe(true);
    expect(filterAdmits(filter('push-police-alerts'), canaryMessage('AL-X').attributes)).toBe(false);
    expect(filterAdmits(filter('pipeline-canary'), canaryMessage('AL-X').attributes)).toBe(true);
    expect(filterAdmits(filter('pipeline-canary'), alertMessage(alert).attributes)).toBe(false);
    // A named attribute that is missing does not match, whatever the rule (as in SNS).
    expect(filterAdmits(filter('push-police-alerts'), {})).toBe(false);
    expect(filterAdmits({}, {})).toBe(true);
  });
});

describe('push endpoints and VAPID keys', () => {
  it('accepts the browsers\u2019 push services over https only, and the local endpoint where given', () => {
    expect(isPushServiceEndpoint('https://fcm.googleapis.com/fcm/send/abc', undefined)).toBe(true);
    expect(isPushServiceEndpoint('https://updates.push.services.mozilla.com/wpush/v2/abc', undefined)).toBe(true);
    expect(isPushServiceEndpoint('https://web.push.apple.com/abc', undefined)).toBe(true);
    expect(isPushServiceEndpoint('https://wns2-par02p.notify.windows.com/w/?token=abc', undefined)).toBe(true);
    expect(isPushServiceEndpoint('http://fcm.googleapis.com/fcm/send/abc', undefined)).toBe(false);
    expect(isPushServiceEndpoint('https://fcm.googleapis.com.attacker.example/x', undefined)).toBe(false);
    expect(isPushServiceEndpoint('https://fcm.googleapis.com:8443/x', undefined)).toBe(false);
    expect(isPushServiceEndpoint('https://169.254.169.254/latest', undefined)).toBe(false);
    expect(isPushServiceEndpoint('http://127.0.0.1:3210/api/dev/push/endpoint/x', 'http://127.0.0.1:3210/api/dev/push/endpoint/')).toBe(true);
    expect(isPushServiceEndpoint('http://127.0.0.1:3210/api/other', 'http://127.0.0.1:3210/api/dev/push/endpoint/')).toBe(false);
  });

  it('derives one stable P-256 key pair from the generated secret, or takes the JSON an operator put', () => {
    const a = vapidFromSecretValue('x'.repeat(64));
    expect(vapidFromSecretValue('x'.repeat(64))).toEqual(a);
    expect(Buffer.from(a.publicKey, 'base64url')).toHaveLength(65);
    expect(Buffer.from(a.privateKey, 'base64url')).toHaveLength(32);
    expect(vapidFromSecretValue('y'.repeat(64)).publicKey).not.toBe(a.publicKey);
    expect(vapidFromSecretValue(JSON.stringify(a))).toEqual(a);
    expect(() => vapidFromSecretValue('short')).toThrow(/at least 32/);
    // web-push signs with the derived pair.
    const headers = webpush.getVapidHeaders('https://fcm.googleapis.com', 'mailto:ops@example.be', a.publicKey, a.privateKey, 'aes128gcm');
    expect(headers.Authorization).toMatch(new RegExp(`^vapid t=[\\w-]+\\.[\\w-]+\\.[\\w-]+, k=${a.publicKey}$`));
  });
});
