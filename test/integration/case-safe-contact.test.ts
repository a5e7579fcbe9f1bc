import { describe, expect, it } from 'vitest';
import { SEALED_ATTRIBUTE } from '../../shared/personal-data.js';
import { call, caseBody, caseItems, freshZone, staffIn } from './cases-support.js';

/**
 * Her safe-contact preferences on a case: entered by the officer, sealed at rest with the case's other
 * personal fields, returned on the case and with every listed follow-up (so each card can show them
 * before the number), replaced whole, removed with null, refused by field when malformed.
 */
const prefs = {
  mayCall: true,
  phone: '+32 470 12 34 56',
  windows: [{ days: [1, 2, 3, 4, 5], start: '09:00', end: '11:30' }],
  voicemail: false,
  codeWord: 'Tulp',
  language: 'ar',
  interpreter: true,
  note: 'Ask for Samira; if a man answers, say it is the pharmacy.',
};

async function openCase(zone: string) {
  const { olivia } = staffIn(zone);
  const res = await call('POST', '/api/cases', olivia, caseBody(zone));
  expect(res.status).toBe(201);
  return { olivia, c: res.json as { id: string; version: number } };
}

describe('safe-contact preferences on a case', () => {
  it('the officer records them; the case and her follow-ups list return them; nothing of them is in clear in the table', async () => {
    const zone = freshZone();
    const { olivia, c } = await openCase(zone);
    const set = await call('PATCH', `/api/cases/${c.id}`, olivia, { expectedVersion: c.version, safeContact: prefs });
    expect(set.status).toBe(200);
    expect(set.json.safeContact).toMatchObject({ ...prefs, setBy: 'olivia.officer' });

    const read = await call('GET', `/api/cases/${c.id}`, olivia);
    expect(read.json.safeContact).toMatchObject(prefs);
    expect(typeof read.json.safeContact.setAt).toBe('string');

    const list = await call('GET', '/api/followups', olivia);
    expect(list.status).toBe(200);
    const listed = [...list.json.overdue, ...list.json.today, ...list.json.next7Days].filter((f: { caseId: string }) => f.caseId === c.id);
    expect(listed.length).toBeGreaterThan(0);
    expect(list.json.safeContacts[c.id]).toMatchObject(prefs);

    const [stored] = (await caseItems(c.id)).filter((i) => i.sk === 'CASE');
    expect(stored?.safeContact).toBeUndefined();
    expect(stored?.[SEALED_ATTRIBUTE]).toBeDefined();
    const raw = JSON.stringify(stored);
    for (const secret of ['470 12 34 56', 'Tulp', 'Samira', 'pharmacy']) expect(raw).not.toContain(secret);
  });

  it('replaced whole, removed with null; a follow-up list without them has no entry for the case', async () => {
    const zone = freshZone();
    const { olivia, c } = await openCase(zone);
    const first = await call('PATCH', `/api/cases/${c.id}`, olivia, { expectedVersion: c.version, safeContact: prefs });
    const second = await call('PATCH', `/api/cases/${c.id}`, olivia, { expectedVersion: first.json.version, safeContact: { mayCall: false } });
    expect(second.status).toBe(200);
    expect(second.json.safeContact).toMatchObject({ mayCall: false, windows: [], voicemail: false, interpreter: false });
    expect(second.json.safeContact.codeWord).toBeUndefined();
    const cleared = await call('PATCH', `/api/cases/${c.id}`, olivia, { expectedVersion: second.json.version, safeContact: null });
    expect(cleared.status).toBe(200);
    expect(cleared.json.safeContact).toBeUndefined();
    const list = await call('GET', '/api/followups', olivia);
    expect(list.json.safeContacts[c.id]).toBeUndefined();
  });

  it('refuses malformed preferences with a 400 naming the field, and changes nothing', async () => {
    const zone = freshZone();
    const { olivia, c } = await openCase(zone);
    for (const [bad, field] of [
      [{ mayCall: true }, 'safeContact.phone'],
      [{ ...prefs, windows: [{ start: '12:00', end: '09:00' }] }, 'safeContact.windows.0.end'],
      [{ ...prefs, language: 'Arabic' }, 'safeContact.language'],
      [{ ...prefs, colour: 'red' }, 'safeContact'],
    ] as const) {
      const res = await call('PATCH', `/api/cases/${c.id}`, olivia, { expectedVersion: c.version, safeContact: bad });
      expect(res.status, JSON.stringify(bad)).toBe(400);
      expect(String(res.json.field), JSON.stringify(res.json)).toContain(field);
    }
    const read = await call('GET', `/api/cases/${c.id}`, olivia);
    expect(read.json.version).toBe(c.version);
    expect(read.json.safeContact).toBeUndefined();
  });

  it('another officer of the zone neither reads nor sets them', async () => {
    const zone = freshZone();
    const { c } = await openCase(zone);
    const { omar } = staffIn(zone);
    expect((await call('PATCH', `/api/cases/${c.id}`, omar, { safeContact: prefs })).status).toBe(403);
    expect((await call('GET', `/api/cases/${c.id}`, omar)).status).toBe(403);
  });
});
