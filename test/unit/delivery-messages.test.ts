import { describe, expect, it } from 'vitest';
import { reminderMessage } from '../../shared/cases/messages.js';
import { consoleUrl, SUBJECT_MAX, subjectLine } from '../../shared/links.js';
import { alertMessage, escalationMessage } from '../../shared/zones/messages.js';

const alert = {
  id: 'AL-01JDEMO0000000000000000000',
  kind: 'zone' as const,
  severity: 'critical' as const,
  district: 'ruppel',
  orderRef: 'ORD-01JDEMO0000000000000000000-with-a-long-suffix',
  at: '2026-12-01T10:00:00Z',
  zoneLabel: 'home of the protected person, a rather long label for a zone',
};

describe('console links and subjects', () => {
  it('links to the console route the staff console uses, absolute with an origin', () => {
    expect(consoleUrl('https://oneroof.example.be', { alert: alert.id })).toBe(`https://oneroof.example.be/staff/#/alerts/${alert.id}`);
    expect(consoleUrl(undefined, { case: 'C-1' })).toBe('/staff/#/cases/C-1');
    expect(alertMessage(alert, 'https://oneroof.example.be').text).toContain(`https://oneroof.example.be/staff/#/alerts/${alert.id}`);
  });

  it('shortens the head of a long subject and keeps the id whole', () => {
    for (const subject of [alertMessage(alert).subject, escalationMessage(alert, 12).subject]) {
      expect(subject.length).toBeLessThanOrEqual(SUBJECT_MAX);
      expect(subject.endsWith(`order ${alert.orderRef}`)).toBe(true);
      expect(subject).toContain('…');
    }
    const r = reminderMessage(
      {
        followupId: 'F-1',
        caseId: 'CASE-01JDEMO0000000000000000000',
        zone: 'ruppel',
        officer: 'o',
        purpose: 'contact_victim',
        urgency: 'urgent',
        dueAt: alert.at,
      },
      'https://oneroof.example.be',
    );
    expect(r.subject).toBe('[URGENT] Follow-up due — case CASE-01JDEMO0000000000000000000');
    expect(r.text).toContain('https://oneroof.example.be/staff/#/cases/CASE-01JDEMO0000000000000000000');
  });

  it('leaves a short subject alone', () => {
    expect(subjectLine('[HIGH] Alert', 'order O-1')).toBe('[HIGH] Alert — order O-1');
  });
});
