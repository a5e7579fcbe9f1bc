import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DeleteCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, describe, expect, it } from 'vitest';
import { FolderDigestStore, recordsOfDay, verifyAudit, writeDigest } from '../../functions/audit/digest.js';
import { auditItem, recordAudit } from '../../functions/lib/audit.js';
import { dynamo } from '../../functions/lib/clients.js';

/** The audit hash chain: a daily digest in write-once storage; the verifier finds the first broken link. */
const TABLE = process.env.TABLE_NAME as string;
const dir = mkdtempSync(join(tmpdir(), 'oneroof-digests-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const principal = { sub: 'sub-sam', username: 'sam.supervisor', roles: ['supervisor' as const], scopes: [], clientId: 'staff-console' };
const day1 = '2001-02-03';
const day2 = '2001-02-04';
const at = (day: string, minute: number) => new Date(`${day}T10:${String(minute).padStart(2, '0')}:00.000Z`);

describe('audit hash chain', () => {
  const store = new FolderDigestStore(dir);

  it('digests each day once, continuing each entity’s chain; the verifier finds an edited record as the first broken link', async () => {
    for (let m = 0; m < 3; m++)
      await recordAudit(dynamo, TABLE, { entity: 'case', entityId: 'CHAIN-1', action: 'read', route: 'GET /api/cases/{id}', principal, at: at(day1, m) });
    await recordAudit(dynamo, TABLE, { entity: 'order', entityId: 'CHAIN-2', action: 'update', route: 'PATCH /api/orders/{id}', principal, at: at(day1, 5) });
    const d1 = await writeDigest(dynamo, TABLE, store, day1, new Date());
    expect(Object.keys(d1.entities).sort()).toEqual(['AUDIT#case#CHAIN-1', 'AUDIT#order#CHAIN-2']);
    for (let m = 0; m < 2; m++)
      await recordAudit(dynamo, TABLE, { entity: 'case', entityId: 'CHAIN-1', action: 'update', route: 'PATCH /api/cases/{id}', principal, at: at(day2, m) });
    const d2 = await writeDigest(dynamo, TABLE, store, day2, new Date());
    // day 2 continues day 1's chain of the same case
    expect(d2.entities['AUDIT#case#CHAIN-1']!.from).toBe(d1.entities['AUDIT#case#CHAIN-1']!.links[2]!.link);
    // written once: a second run leaves the digest as it was
    expect(await writeDigest(dynamo, TABLE, store, day1, new Date())).toEqual(d1);
    expect(await verifyAudit(dynamo, TABLE, store)).toEqual({ ok: true, days: 2, records: 6 });

    // an insider with table access edits the second record of day 1
    const target = (await recordsOfDay(dynamo, TABLE, day1))[1]!;
    await dynamo.send(
      new UpdateCommand({
        TableName: TABLE,
        Key: { pk: target.pk, sk: target.sk },
        UpdateExpression: 'SET actor = :a',
        ExpressionAttributeValues: { ':a': 'someone.else' },
      }),
    );
    expect(await verifyAudit(dynamo, TABLE, store)).toEqual({
      ok: false,
      day: day1,
      pk: target.pk,
      sk: target.sk,
      problem: 'record changed since it was digested',
    });
    await dynamo.send(
      new UpdateCommand({
        TableName: TABLE,
        Key: { pk: target.pk, sk: target.sk },
        UpdateExpression: 'SET actor = :a',
        ExpressionAttributeValues: { ':a': target.actor },
      }),
    );
    expect((await verifyAudit(dynamo, TABLE, store)).ok).toBe(true);

    // removed, and back-dated, records break the chain too
    const last = (await recordsOfDay(dynamo, TABLE, day2))[1]!;
    await dynamo.send(new DeleteCommand({ TableName: TABLE, Key: { pk: last.pk, sk: last.sk } }));
    expect(await verifyAudit(dynamo, TABLE, store)).toMatchObject({ ok: false, day: day2, sk: last.sk, problem: 'record missing (removed)' });
    await dynamo.send(new PutCommand({ TableName: TABLE, Item: last }));
    const forged = auditItem({ entity: 'order', entityId: 'CHAIN-2', action: 'read', route: 'GET /api/orders/{id}', principal, at: at(day1, 30) });
    await dynamo.send(new PutCommand({ TableName: TABLE, Item: forged }));
    expect(await verifyAudit(dynamo, TABLE, store)).toMatchObject({
      ok: false,
      day: day1,
      pk: 'AUDIT#order#CHAIN-2',
      sk: forged.sk,
      problem: 'record not in the digest (added afterwards)',
    });
  });
});
