import { randomBytes } from 'node:crypto';
import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { JWTPayload } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { handler as fjc } from '../../functions/fjc/handler.js';
import { dynamo } from '../../functions/lib/clients.js';
import { spaceKeys } from '../../functions/space/keys.js';
import { handler as space } from '../../functions/space/handler.js';
import { SPACE_BUDGET } from '../../functions/space/use-cases.js';
import { SPACE_AUTH_HEADER, SPACE_ID_HEADER, type SpaceContents, type SpaceExport } from '../../shared/space/api.js';
import { entryHash, GENESIS, verifyChain, verifyStatement } from '../../shared/space/chain.js';
import { aadOf, deriveSpaceKeys, openJson, sealJson, type SpaceKeys } from '../../shared/space/crypto.js';
import { invokeRoute, staffToken } from '../support/invoke.js';
import { opened } from '../support/sealed.js';
import { forgeEntry } from '../support/space.js';
import { failPublishes, waitForMessages } from '../support/sns-inbox.js';
import { call as callCases, caseBody, TABLE } from './cases-support.js';

/**
 * Her space on DynamoDB Local through the handler: what the server stores is ciphertext only; guesses
 * are limited per connection and reserved before the check; the journal is append-only on its head; a
 * call-back reaches the right officer over SNS; shares are sealed, audited and revocable; the export is
 * signed and the chain check finds an entry edited in the table.
 */
const FAST = 1_000;
let n = 0;
const uniqueIp = () => `10.91.${Date.now() % 250}.${++n % 250}`;

async function newKeys(): Promise<SpaceKeys> {
  return deriveSpaceKeys(`space test ${randomBytes(8).toString('hex')}`, FAST);
}
const headersOf = (k: SpaceKeys, secret = k.authSecret) => ({ [SPACE_ID_HEADER]: k.lookupId, [SPACE_AUTH_HEADER]: secret });
const call = (k: SpaceKeys | undefined, method: string, path: string, body?: unknown, ip = '10.90.0.1', headers?: Record<string, string>) =>
  invokeRoute(space, method, path, { ...(body !== undefined ? { body } : {}), headers: headers ?? (k ? headersOf(k) : {}), sourceIp: ip });

async function partition(k: SpaceKeys) {
  const out = await dynamo.send(
    new QueryCommand({ TableName: TABLE, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': spaceKeys.pk(k.lookupId) } }),
  );
  return out.Items ?? [];
}

/** The audit trail of a family case (or of another entity). */
async function auditOf(fjcCaseId: string, entity = 'fjc-case') {
  const out = await dynamo.send(
    new QueryCommand({
      TableName: TABLE,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': `AUDIT#${entity}#${fjcCaseId}` },
      ConsistentRead: true,
    }),
  );
  return out.Items ?? [];
}

async function append(k: SpaceKeys, seq: number, prevHash: string, value: unknown) {
  const { iv, ct } = await sealJson(k.contentKey, value, aadOf.entry(seq));
  const hash = await entryHash(prevHash, seq, iv, ct);
  return call(k, 'POST', '/api/space/journal', { seq, prevHash, iv, ct, hash });
}

describe('creating and opening her space', () => {
  it('creates once, opens with the right secret only, and the server keeps a hash of the secret', async () => {
    const k = await newKeys();
    expect((await call(k, 'POST', '/api/space')).status).toBe(201);
    expect((await call(k, 'POST', '/api/space')).status).toBe(409);
    const open = await call(k, 'GET', '/api/space');
    expect(open.status).toBe(200);
    expect(open.json).toMatchObject({ head: { seq: 0, hash: GENESIS }, entries: [], linked: false });
    const wrong = await call(k, 'GET', '/api/space', undefined, uniqueIp(), headersOf(k, (await newKeys()).authSecret));
    expect(wrong.status).toBe(401);
    const meta = (await partition(k)).find((i) => i.sk === 'META');
    expect(String(meta?.authHash)).toMatch(/^scrypt\$/);
    expect(JSON.stringify(meta)).not.toContain(k.authSecret);
    expect(Number(meta?.expiresAt)).toBeGreaterThan(Date.now() / 1000 + 700 * 86_400);
  });

  it('bad input is a 400 naming the field, never a 5xx', async () => {
    const k = await newKeys();
    const noAuth = await call(k, 'GET', '/api/space', undefined, '10.90.0.2', { [SPACE_ID_HEADER]: k.lookupId });
    expect(noAuth.status).toBe(400);
    expect(noAuth.json.field).toBe(SPACE_AUTH_HEADER);
    const badId = await call(k, 'GET', '/api/space', undefined, '10.90.0.2', { [SPACE_ID_HEADER]: 'NOT-HEX', [SPACE_AUTH_HEADER]: k.authSecret });
    expect(badId.json.field).toBe(SPACE_ID_HEADER);
    await call(k, 'POST', '/api/space');
    const badIv = await call(k, 'PUT', '/api/space/plan', { iv: 'short', ct: 'AAAA', expectedVersion: 0 });
    expect(badIv.status).toBe(400);
    expect(badIv.json.field).toBe('iv');
    const extra = await call(k, 'POST', '/api/space/journal', { seq: 1, prevHash: GENESIS, iv: 'A'.repeat(16), ct: 'AAAA', hash: GENESIS, text: 'x' });
    expect(extra.status).toBe(400);
    const badHash = await call(k, 'POST', '/api/space/journal', { seq: 1, prevHash: GENESIS, iv: 'A'.repeat(16), ct: 'AAAA', hash: GENESIS });
    expect(badHash.status).toBe(400);
    expect(badHash.json.field).toBe('hash');
    const badCallback = await call(k, 'POST', '/api/space/callbacks', { id: 'x' });
    expect(badCallback.status).toBe(400);
    expect(badCallback.json.field).toBe('id');
  });

  it(`parallel wrong secrets from one connection: at most ${SPACE_BUDGET.limit} are checked, the rest 429 without a look`, async () => {
    const k = await newKeys();
    await call(k, 'POST', '/api/space', undefined, uniqueIp());
    const ip = uniqueIp();
    const wrong = headersOf(k, (await newKeys()).authSecret);
    const answers = await Promise.all(Array.from({ length: 30 }, () => call(k, 'GET', '/api/space', undefined, ip, wrong)));
    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((s) => s === 401).length).toBe(SPACE_BUDGET.limit);
    expect(statuses.filter((s) => s === 429).length).toBe(30 - SPACE_BUDGET.limit);
    // Locked for this connection, even with the right secret; another connection opens it.
    expect((await call(k, 'GET', '/api/space', undefined, ip)).status).toBe(429);
    expect((await call(k, 'GET', '/api/space', undefined, uniqueIp())).status).toBe(200);
  });
});

describe('the journal chain', () => {
  it('appends on the head only: a stale head is a 409 and writes nothing', async () => {
    const k = await newKeys();
    await call(k, 'POST', '/api/space');
    const first = await append(k, 1, GENESIS, { text: 'first' });
    expect(first.status).toBe(201);
    expect(first.json.receivedAt).toBeTruthy();
    const stale = await append(k, 1, GENESIS, { text: 'a rival first' });
    expect(stale.status).toBe(409);
    const skipped = await append(k, 3, first.json.hash, { text: 'skipping two' });
    expect(skipped.status).toBe(409);
    const items = await partition(k);
    expect(items.filter((i) => String(i.sk).startsWith('ENTRY#'))).toHaveLength(1);
    expect(items.find((i) => i.sk === 'META')).toMatchObject({ headSeq: 1, headHash: first.json.hash });
    expect((await append(k, 2, first.json.hash, { text: 'second' })).status).toBe(201);
  });

  it('stores no readable text of hers, signs its head on export, and the check finds an entry edited in the table', async () => {
    const k = await newKeys();
    await call(k, 'POST', '/api/space');
    const words = ['Hij duwde me tegen de kast', 'Buurvrouw Marieke zag het', 'blauwe plek op mijn arm'];
    const plan = await sealJson(k.contentKey, { safePlace: 'bij mijn zus Fatima in Boom' }, aadOf.plan());
    expect((await call(k, 'PUT', '/api/space/plan', { ...plan, expectedVersion: 0 })).status).toBe(200);
    expect((await call(k, 'PUT', '/api/space/plan', { ...plan, expectedVersion: 0 })).status).toBe(409);
    let prev = GENESIS;
    for (const [i, text] of words.entries()) {
      const res = await append(k, i + 1, prev, { text });
      expect(res.status).toBe(201);
      prev = res.json.hash;
    }
    const stored = JSON.stringify(await partition(k));
    for (const s of [...words, 'Fatima', 'Marieke', 'kast']) expect(stored).not.toContain(s);

    const opened = (await call(k, 'GET', '/api/space')).json as SpaceContents;
    expect(await verifyChain(opened.entries, opened.head)).toEqual([]);
    const texts = await Promise.all(opened.entries.map((e) => openJson<{ text: string }>(k.contentKey, e, aadOf.entry(e.seq))));
    expect(texts.map((t) => t.text)).toEqual(words);
    expect(await openJson(k.contentKey, opened.plan as { iv: string; ct: string }, aadOf.plan())).toEqual({ safePlace: 'bij mijn zus Fatima in Boom' });

    const signed = (await call(k, 'POST', '/api/space/export')).json as SpaceExport;
    expect(await verifyStatement(signed.statement, signed.signature, signed.publicKey)).toBe(true);
    const statement = JSON.parse(signed.statement) as { head: { seq: number; hash: string }; receipts: { seq: number; hash: string }[] };
    expect(statement.head).toEqual(opened.head);
    expect(statement.receipts.map((r) => r.hash)).toEqual(opened.entries.map((e) => e.hash));

    // Someone with table access rewrites entry 2 with another ciphertext of the same key.
    await forgeEntry(dynamo, TABLE, k, 2, { text: 'Er is niets gebeurd' });
    const after = (await call(k, 'GET', '/api/space')).json as SpaceContents;
    expect(await verifyChain(after.entries, statement.head)).toEqual([{ seq: 2, kind: 'altered' }]);
  });

  it('photos in parts: joined when complete, each part once', async () => {
    const k = await newKeys();
    await call(k, 'POST', '/api/space');
    const id = randomBytes(16).toString('hex');
    const sealed = await sealJson(k.contentKey, { jpeg: 'x'.repeat(70_000) }, aadOf.photo(id));
    const parts = [sealed.ct.slice(0, 60_000), sealed.ct.slice(60_000)];
    expect((await call(k, 'POST', '/api/space/photos', { id, part: 0, parts: 2, iv: sealed.iv, ct: parts[0] })).status).toBe(201);
    expect(((await call(k, 'GET', '/api/space')).json as SpaceContents).photos).toEqual([]);
    expect((await call(k, 'POST', '/api/space/photos', { id, part: 1, parts: 2, iv: sealed.iv, ct: parts[1] })).status).toBe(201);
    expect((await call(k, 'POST', '/api/space/photos', { id, part: 1, parts: 2, iv: sealed.iv, ct: parts[1] })).status).toBe(409);
    const photos = ((await call(k, 'GET', '/api/space')).json as SpaceContents).photos;
    expect(photos).toHaveLength(1);
    expect(await openJson(k.contentKey, photos[0] as { iv: string; ct: string }, aadOf.photo(id))).toEqual({ jpeg: 'x'.repeat(70_000) });
  });
});

describe('linked to her case: call-back and sharing', () => {
  const olivia = staffToken('olivia.officer', 'officer');
  const dina = staffToken('dina.director', 'case_director');
  let code: string;
  let fjcCaseId: string;
  let policeCaseId: string;

  /** A police case referred to the FJC, and the case code her director gives her. */
  async function familyCase() {
    const police = await callCases('POST', '/api/cases', olivia, caseBody('ruppel', { victimRef: `V-SPACE-${Date.now()}-${++n}`, riskLevel: 'high' }));
    expect(police.status).toBe(201);
    const ref = await invokeRoute(fjc, 'POST', '/api/fjc/referrals-from-police', { claims: olivia as JWTPayload, body: { policeCaseId: police.json.id } });
    expect(ref.status, JSON.stringify(ref.json)).toBe(201);
    const issued = await invokeRoute(fjc, 'POST', `/api/fjc/cases/${ref.json.id}/victim-code`, { claims: dina as JWTPayload });
    expect(issued.status).toBe(201);
    return { policeCaseId: police.json.id as string, fjcCaseId: ref.json.id as string, code: issued.json.code as string };
  }

  beforeAll(async () => {
    ({ policeCaseId, fjcCaseId, code } = await familyCase());
  });

  /** A new space, linked to a family case with its case code. */
  async function linkedSpace(caseCode: string): Promise<SpaceKeys> {
    const k = await newKeys();
    await call(k, 'POST', '/api/space');
    const linked = await call(k, 'POST', '/api/space/link', { code: caseCode }, uniqueIp());
    expect(linked.status, JSON.stringify(linked.json)).toBe(200);
    return k;
  }

  const callbackOf = async (k: SpaceKeys, id: string, from: 'police' | 'fjc' = 'police') => ({
    id,
    from,
    zone: 'ruppel',
    phone: '+32 470 99 88 77',
    safeTimes: ['morning'],
    voicemail: false,
    language: 'nl',
    mine: await sealJson(k.contentKey, { phone: '+32 470 99 88 77' }, aadOf.callback(id)),
  });

  it("a call-back of a linked space reminds the case's officer over SNS (links only), her number sealed", async () => {
    const k = await newKeys();
    await call(k, 'POST', '/api/space');
    expect((await call(k, 'POST', '/api/space/link', { code: 'WRONG-CODE-XXXX' }, uniqueIp())).status).toBe(404);
    const linked = await call(k, 'POST', '/api/space/link', { code }, uniqueIp());
    expect(linked.status, JSON.stringify(linked.json)).toBe(200);
    const id = randomBytes(16).toString('hex');
    const res = await call(k, 'POST', '/api/space/callbacks', await callbackOf(k, id));
    expect(res.status, JSON.stringify(res.json)).toBe(201);
    expect(res.json.reminded).toBe(1);
    const messages = await waitForMessages((all) => all.some((m) => m.attributes.callbackId === id), { topic: 'officerReminders', timeoutMs: 10_000 });
    const reminder = messages.find((m) => m.attributes.callbackId === id);
    expect(reminder?.attributes).toMatchObject({ officerId: 'olivia.officer', caseId: policeCaseId, kind: 'followupReminder', urgency: 'urgent' });
    expect(`${reminder?.subject} ${reminder?.message}`).not.toMatch(/470 99|99 88 77|morning/);
    const officerCopy = (await dynamo.send(new GetCommand({ TableName: TABLE, Key: spaceKeys.officerCallback(id) }))).Item;
    expect(officerCopy).toMatchObject({ caseId: policeCaseId, officer: 'olivia.officer' });
    for (const field of ['phone', 'safeTimes', 'voicemail', 'language']) expect(officerCopy).not.toHaveProperty(field);
    expect(Buffer.from(officerCopy?.sealed as Uint8Array).toString('latin1')).not.toContain('470 99');
    expect(await opened(officerCopy)).toMatchObject({ phone: '+32 470 99 88 77', safeTimes: ['morning'], voicemail: false });
    // Sent again (a retry): stored once, reminded again.
    expect((await call(k, 'POST', '/api/space/callbacks', await callbackOf(k, id))).status).toBe(201);
    expect(((await call(k, 'GET', '/api/space')).json as SpaceContents).callbacks).toHaveLength(1);
  });

  it('SNS down when she asks: a 503, stored once; the same request again (her app retries with its id) reminds the officer', async () => {
    const k = await linkedSpace(code);
    const id = randomBytes(16).toString('hex');
    await failPublishes(-1);
    let failed: Awaited<ReturnType<typeof call>>;
    try {
      failed = await call(k, 'POST', '/api/space/callbacks', await callbackOf(k, id));
    } finally {
      await failPublishes(0);
    }
    expect(failed.status).toBe(503);
    expect(JSON.stringify(failed.json)).not.toMatch(/sns|SNS|Error:|at /);
    expect((await dynamo.send(new GetCommand({ TableName: TABLE, Key: spaceKeys.officerCallback(id) }))).Item).toBeDefined();
    const again = await call(k, 'POST', '/api/space/callbacks', await callbackOf(k, id));
    expect(again.status).toBe(201);
    const messages = await waitForMessages((all) => all.some((m) => m.attributes.callbackId === id), { topic: 'officerReminders', timeoutMs: 10_000 });
    expect(messages.filter((m) => m.attributes.callbackId === id).map((m) => m.attributes.officerId)).toEqual(['olivia.officer']);
    expect(((await call(k, 'GET', '/api/space')).json as SpaceContents).callbacks).toHaveLength(1);
  });

  it('staff open a call-back only as they may call her back, every read audited; anyone else a 404', async () => {
    const k = await linkedSpace(code);
    const police = randomBytes(16).toString('hex');
    expect((await call(k, 'POST', '/api/space/callbacks', await callbackOf(k, police))).status).toBe(201);
    const fjcOne = randomBytes(16).toString('hex');
    expect((await call(k, 'POST', '/api/space/callbacks', await callbackOf(k, fjcOne, 'fjc'))).status).toBe(201);
    // She asked the FJC: its case directors of the zone are reminded on the FJC's topic, links only.
    const intake = await waitForMessages((all) => all.some((m) => m.attributes.callbackId === fjcOne), { topic: 'partnerIntake', timeoutMs: 10_000 });
    const toFjc = intake.find((m) => m.attributes.callbackId === fjcOne);
    expect(toFjc?.attributes).toMatchObject({ audience: 'case_director', zone: 'ruppel', kind: 'fjcCallbackRequested', urgency: 'urgent' });
    expect(toFjc?.message).toContain(`#/callbacks/${fjcOne}`);
    expect(`${toFjc?.subject} ${toFjc?.message}`).not.toMatch(/470 99|99 88 77|morning/);
    const read = (id: string, claims: JWTPayload) => invokeRoute(space, 'GET', `/api/callbacks/${id}`, { claims });

    const byOlivia = await read(police, olivia as JWTPayload);
    expect(byOlivia.status, JSON.stringify(byOlivia.json)).toBe(200);
    expect(byOlivia.json).toEqual({
      id: police,
      from: 'police',
      zone: 'ruppel',
      caseId: policeCaseId,
      officer: 'olivia.officer',
      phone: '+32 470 99 88 77',
      safeTimes: ['morning'],
      voicemail: false,
      language: 'nl',
      requestedAt: expect.any(String),
    });
    // It names Olivia: another officer of the zone, an officer of another zone, and the case director do not see it.
    expect((await read(police, staffToken('omar.officer', 'officer') as JWTPayload)).status).toBe(404);
    expect((await read(police, staffToken('otto.officer', 'officer', 'zone:antwerpen') as JWTPayload)).status).toBe(404);
    expect((await read(police, dina as JWTPayload)).status).toBe(404);
    // The zone's supervisor does.
    expect((await read(police, staffToken('sam.supervisor', 'supervisor') as JWTPayload)).status).toBe(200);

    // She asked the FJC: its case director of the zone reads it, not another zone's.
    const byDina = await read(fjcOne, dina as JWTPayload);
    expect(byDina.status, JSON.stringify(byDina.json)).toBe(200);
    expect(byDina.json).toMatchObject({ from: 'fjc', phone: '+32 470 99 88 77' });
    expect((await read(fjcOne, staffToken('dirk.director', 'case_director', 'zone:antwerpen') as JWTPayload)).status).toBe(404);
    // Unknown: the same 404; a malformed id a 400 naming it.
    expect((await read(randomBytes(16).toString('hex'), olivia as JWTPayload)).status).toBe(404);
    const bad = await read('nope', olivia as JWTPayload);
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.json)).toContain('id');

    expect(await auditOf(police, 'space-callback')).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ action: 'read', route: 'GET /api/callbacks/{id}', actor: 'olivia.officer' }),
        expect.objectContaining({ action: 'read', route: 'GET /api/callbacks/{id}', actor: 'sam.supervisor' }),
      ]),
    );
    expect((await auditOf(police, 'space-callback')).filter((a) => a.action === 'read')).toHaveLength(2);
    expect(await auditOf(fjcOne, 'space-callback')).toContainEqual(expect.objectContaining({ action: 'read', actor: 'dina.director' }));
    // One she asked the FJC for is not the police's: an officer of the zone gets the same 404.
    expect((await read(fjcOne, olivia as JWTPayload)).status).toBe(404);

    // Olivia called her back: she marks it done once, audited; again changes nothing; others the same 404.
    const done = (id: string, claims: JWTPayload) => invokeRoute(space, 'POST', `/api/callbacks/${id}/done`, { claims });
    expect((await done(police, staffToken('omar.officer', 'officer') as JWTPayload)).status).toBe(404);
    expect((await done(randomBytes(16).toString('hex'), olivia as JWTPayload)).status).toBe(404);
    const first = await done(police, olivia as JWTPayload);
    expect(first.status, JSON.stringify(first.json)).toBe(200);
    expect(first.json).toEqual({ id: police, done: { at: expect.any(String), by: 'olivia.officer' }, alreadyDone: false });
    const again = await done(police, staffToken('sam.supervisor', 'supervisor') as JWTPayload);
    expect(again.status).toBe(200);
    expect(again.json).toEqual({ id: police, done: (first.json as { done: unknown }).done, alreadyDone: true });
    expect((await read(police, olivia as JWTPayload)).json).toMatchObject({ done: { by: 'olivia.officer' } });
    expect((await auditOf(police, 'space-callback')).filter((a) => a.action === 'complete')).toEqual([
      expect.objectContaining({ route: 'POST /api/callbacks/{id}/done', actor: 'olivia.officer' }),
    ]);
  });

  it("an unlinked space's call-back goes to the social service of the zone she picked", async () => {
    const k = await newKeys();
    await call(k, 'POST', '/api/space');
    const id = randomBytes(16).toString('hex');
    const res = await call(k, 'POST', '/api/space/callbacks', await callbackOf(k, id));
    expect(res.status).toBe(201);
    const messages = await waitForMessages((all) => all.filter((m) => m.attributes.callbackId === id).length >= 2, {
      topic: 'officerReminders',
      timeoutMs: 10_000,
    });
    const officers = messages.filter((m) => m.attributes.callbackId === id).map((m) => m.attributes.officerId);
    expect(officers).toEqual(expect.arrayContaining(['olivia.officer', 'omar.officer']));
    expect(messages.filter((m) => m.attributes.callbackId === id).every((m) => m.attributes.zone === 'ruppel')).toBe(true);
  });

  it('she replaces the safe contact her police case officer reads: sealed with the case, audited as the victim app; unlinked or closed is a 409', async () => {
    const choices = {
      safeContact: {
        mayContact: true,
        method: 'phone',
        phone: '+32 470 12 34 56',
        windows: [{ start: '09:00', end: '11:00' }],
        voicemail: false,
        codeWord: 'Tulp',
      },
      language: 'fr',
      interpreter: true,
    };
    const unlinked = await newKeys();
    await call(unlinked, 'POST', '/api/space');
    const refused = await call(unlinked, 'PUT', '/api/space/safe-contact', choices);
    expect(refused.status).toBe(409);
    expect(refused.json.field).toBe('safeContact');

    const mine = await familyCase();
    const k = await linkedSpace(mine.code);
    expect(((await call(k, 'GET', '/api/space')).json as SpaceContents).policeLinked).toBe(true);
    const bad = await call(k, 'PUT', '/api/space/safe-contact', { ...choices, safeContact: { ...choices.safeContact, phone: undefined } });
    expect(bad.status).toBe(400);
    expect(bad.json.field).toBe('safeContact.phone');
    const before = await callCases('GET', `/api/cases/${mine.policeCaseId}`, olivia);

    const res = await call(k, 'PUT', '/api/space/safe-contact', choices);
    expect(res.status, JSON.stringify(res.json)).toBe(200);
    const seen = await callCases('GET', `/api/cases/${mine.policeCaseId}`, olivia);
    expect(seen.json.version).toBe(before.json.version + 1);
    expect(seen.json.safeContact).toMatchObject({
      mayCall: true,
      phone: '+32 470 12 34 56',
      windows: [{ start: '09:00', end: '11:00' }],
      voicemail: false,
      codeWord: 'Tulp',
      language: 'fr',
      interpreter: true,
      fromSpace: true,
      setBy: 'victim-app',
    });
    const stored = (await dynamo.send(new GetCommand({ TableName: TABLE, Key: { pk: `CASE#${mine.policeCaseId}`, sk: 'CASE' } }))).Item;
    expect(stored).not.toHaveProperty('safeContact');
    expect(Buffer.from(stored?.sealed as Uint8Array).toString('latin1')).not.toMatch(/470 12|Tulp/);
    expect((await auditOf(mine.policeCaseId, 'case')).filter((a) => a.action === 'safe-contact-from-space').map((a) => a.actor)).toEqual(['victim-app']);

    // "Do not call me" from her space: the officer reads that, and no number.
    const none = await call(k, 'PUT', '/api/space/safe-contact', { safeContact: { mayContact: false, method: 'none', windows: [] }, language: 'fr' });
    expect(none.status).toBe(200);
    const after = (await callCases('GET', `/api/cases/${mine.policeCaseId}`, olivia)).json.safeContact;
    expect(after).toMatchObject({ mayCall: false, windows: [], voicemail: false, fromSpace: true });
    expect(after).not.toHaveProperty('phone');

    expect((await callCases('PATCH', `/api/cases/${mine.policeCaseId}`, olivia, { status: 'closed' })).status).toBe(200);
    const closed = await call(k, 'PUT', '/api/space/safe-contact', choices);
    expect(closed.status).toBe(409);
  });

  it('shares the plan and chosen entries with the case (sealed, audited) and revokes (the copy is deleted, audited)', async () => {
    const k = await newKeys();
    await call(k, 'POST', '/api/space');
    const res = await call(
      k,
      'POST',
      '/api/space/shares',
      {
        code,
        plan: { codeWord: { word: 'zonnebloem' } },
        entries: [{ seq: 1, hash: GENESIS, receivedAt: new Date().toISOString(), text: 'Hij brak mijn telefoon' }],
      },
      uniqueIp(),
    );
    expect(res.status, JSON.stringify(res.json)).toBe(201);
    const shareId = res.json.id as string;
    const copy = (await dynamo.send(new GetCommand({ TableName: TABLE, Key: spaceKeys.sharedCopy(fjcCaseId, shareId) }))).Item;
    expect(copy).toBeDefined();
    expect(JSON.stringify(copy)).not.toMatch(/zonnebloem|telefoon/);
    expect(((await call(k, 'GET', '/api/space')).json as SpaceContents).shares).toEqual([
      expect.objectContaining({ id: shareId, caseId: fjcCaseId, plan: true, entries: [1] }),
    ]);
    expect((await call(k, 'DELETE', `/api/space/shares/${shareId}`)).status).toBe(200);
    expect((await dynamo.send(new GetCommand({ TableName: TABLE, Key: spaceKeys.sharedCopy(fjcCaseId, shareId) }))).Item).toBeUndefined();
    expect((await call(k, 'DELETE', `/api/space/shares/${shareId}`)).status).toBe(404);
    const actions = (await auditOf(fjcCaseId)).map((i) => String(i.action));
    expect(actions).toEqual(expect.arrayContaining(['share-space', 'revoke-space-share']));
  });

  it('staff read a share through the case policy: its director, a referred partner only with consent to notes, nobody once revoked or closed', async () => {
    const family = await familyCase();
    const k = await newKeys();
    await call(k, 'POST', '/api/space');
    const receivedAt = new Date().toISOString();
    const shareWith = (text: string) =>
      call(
        k,
        'POST',
        '/api/space/shares',
        { code: family.code, plan: { codeWord: { word: 'zonnebloem' } }, entries: [{ seq: 1, hash: GENESIS, receivedAt, text }] },
        uniqueIp(),
      );
    const shared = await shareWith('Hij brak mijn telefoon');
    expect(shared.status, JSON.stringify(shared.json)).toBe(201);
    const path = `/api/fjc/cases/${family.fjcCaseId}/shares`;
    const read = (claims: JWTPayload) => invokeRoute(fjc, 'GET', path, { claims });
    const partner = staffToken('pia.partner', 'partner', 'partner:vrouwenhulp-rupel');
    const staffCall = async (method: string, to: string, body: unknown) => {
      const res = await invokeRoute(fjc, method, `/api/fjc/cases/${family.fjcCaseId}${to}`, { claims: dina as JWTPayload, body });
      expect(res.status, JSON.stringify(res.json)).toBeLessThan(300);
    };

    const byDirector = await read(dina);
    expect(byDirector.status).toBe(200);
    expect(byDirector.json.shares).toEqual([
      {
        id: shared.json.id,
        sharedAt: shared.json.sharedAt,
        kinds: ['plan', 'entries'],
        plan: { codeWord: { word: 'zonnebloem' } },
        entries: [{ seq: 1, receivedAt, text: 'Hij brak mijn telefoon' }],
      },
    ]);
    // Nothing that leads to her space: not its id, not her chain's hashes.
    expect(JSON.stringify(byDirector.json)).not.toContain(k.lookupId);
    expect(JSON.stringify(byDirector.json)).not.toContain(GENESIS);
    expect(await auditOf(family.fjcCaseId)).toContainEqual(
      expect.objectContaining({ action: 'read', route: 'GET /api/fjc/cases/{id}/shares', actor: 'dina.director' }),
    );

    // Not referred to her organisation: the case does not exist for her.
    expect((await read(partner)).status).toBe(404);
    await staffCall('POST', '/referrals', { partnerId: 'vrouwenhulp-rupel', firstContactDue: new Date(Date.now() + 86_400_000).toISOString() });
    await staffCall('POST', '/consents', { partnerId: 'vrouwenhulp-rupel', kinds: ['contact'], how: 'written' });
    const withoutNotes = await read(partner);
    expect(withoutNotes.status).toBe(200);
    expect(withoutNotes.json.shares).toEqual([]);
    await staffCall('POST', '/consents', { partnerId: 'vrouwenhulp-rupel', kinds: ['notes'], how: 'written' });
    expect((await read(partner)).json.shares).toEqual([
      expect.objectContaining({ id: shared.json.id, entries: [expect.objectContaining({ text: 'Hij brak mijn telefoon' })] }),
    ]);
    // Another organisation, never referred, still sees nothing.
    expect((await read(staffToken('jan.partner', 'partner', 'partner:jeugdhulp-antwerpen'))).status).toBe(404);

    expect((await call(k, 'DELETE', `/api/space/shares/${shared.json.id}`)).status).toBe(200);
    expect((await read(dina)).json.shares).toEqual([]);
    expect((await read(partner)).json.shares).toEqual([]);

    expect((await shareWith('Hij volgde me naar het werk')).status).toBe(201);
    expect((await read(partner)).json.shares).toHaveLength(1);
    await staffCall('POST', '/close', { reason: 'Begeleiding afgerond' });
    expect((await read(dina)).json.shares).toEqual([]);
    expect((await read(partner)).status).toBe(404);
  });
});
