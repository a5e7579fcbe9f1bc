import { randomBytes } from 'node:crypto';
import { DecryptCommand, GenerateDataKeyCommand, KMS, KMSClient } from '@aws-sdk/client-kms';
import { KmsKeyringNode } from '@aws-crypto/client-node';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { createSealer, localKeyring } from '../../functions/lib/encryption-sdk.js';
import { SealedDataError } from '../../functions/lib/personal-crypto.js';
import { SEALED_FIELDS } from '../../shared/personal-data.js';

const booking = {
  pk: 'BOOKING#R-ABC',
  sk: 'BOOKING',
  reference: 'R-ABC',
  status: 'booked',
  start: '2026-12-02T09:00:00.000Z',
  alias: 'Moonflower',
  language: 'ar',
  interpreter: true,
  childcare: false,
  accessibility: 'wheelchair, ground floor',
  safeContact: { mayContact: true, phone: '+32470123456', voicemail: false },
  pinHash: 'scrypt$abc',
};

const sealer = createSealer(localKeyring(randomBytes(32)));

describe('sealing personal fields (raw AES keyring)', () => {
  it('keeps keys and non-personal attributes clear and round-trips the personal ones', async () => {
    const sealed = await sealer.seal('booking', 'R-ABC', booking);
    for (const f of SEALED_FIELDS.booking) expect(sealed).not.toHaveProperty(f);
    expect(sealed).toMatchObject({ pk: 'BOOKING#R-ABC', sk: 'BOOKING', reference: 'R-ABC', status: 'booked', start: booking.start });
    expect(sealed.sealed).toBeInstanceOf(Uint8Array);
    const bytes = Buffer.from(sealed.sealed as Uint8Array);
    for (const secret of ['Moonflower', '+32470123456', 'wheelchair', 'scrypt$abc']) expect(bytes.includes(secret)).toBe(false);
    expect(await sealer.open('booking', 'R-ABC', sealed)).toEqual(booking);
  });

  it('leaves an item without personal fields as it is, and opens an unsealed item unchanged', async () => {
    // A pending follow-up has no note: nothing to seal, stored as it is.
    const followup = { pk: 'CASE#C1', sk: 'FOLLOWUP#F1', status: 'pending' };
    expect(await sealer.seal('followup', 'F1', followup)).toEqual(followup);
    // A done one with the officer's note: the note leaves only sealed, and opens back.
    const noted = { ...followup, status: 'done', outcome: 'reached', note: 'At her sister’s, call after six' };
    const sealedNote = await sealer.seal('followup', 'F1', noted);
    expect(sealedNote.note).toBeUndefined();
    expect(Buffer.from(sealedNote.sealed as Uint8Array).includes('sister')).toBe(false);
    expect(await sealer.open('followup', 'F1', sealedNote)).toEqual(noted);
    const clear = { pk: 'ALERT#A1', sk: 'ALERT', status: 'open' };
    expect(await sealer.seal('alert', 'A1', clear)).toEqual(clear);
    expect(await sealer.open('alert', 'A1', clear)).toBe(clear);
  });

  it('refuses a ciphertext moved to another entity, another item key or another kind', async () => {
    const sealed = await sealer.seal('booking', 'R-ABC', booking);
    // Opened once in its own item first: what was opened there is no shortcut for another item.
    await sealer.open('booking', 'R-ABC', sealed);
    await expect(sealer.open('booking', 'R-XYZ', { ...sealed, pk: 'BOOKING#R-XYZ', reference: 'R-XYZ' })).rejects.toThrow(SealedDataError);
    await expect(sealer.open('booking', 'R-ABC', { ...sealed, sk: 'PINFAIL' })).rejects.toThrow(/another item/);
    await expect(sealer.open('case', 'R-ABC', sealed)).rejects.toThrow(/another kind/);
  });

  it('gives every reader its own copy of what it opened', async () => {
    const sealed = await sealer.seal('booking', 'R-ABC', booking);
    const first = await sealer.open('booking', 'R-ABC', sealed);
    (first.safeContact as { phone: string }).phone = 'changed';
    expect(await sealer.open('booking', 'R-ABC', sealed)).toEqual(booking);
  });

  it('refuses a tampered or truncated ciphertext', async () => {
    const sealed = await sealer.seal('booking', 'R-ABC', booking);
    const bytes = Buffer.from(sealed.sealed as Uint8Array);
    const flipped = Buffer.from(bytes);
    flipped[flipped.length - 40] = (flipped[flipped.length - 40] as number) ^ 0x01;
    await expect(sealer.open('booking', 'R-ABC', { ...sealed, sealed: new Uint8Array(flipped) })).rejects.toThrow(SealedDataError);
    await expect(sealer.open('booking', 'R-ABC', { ...sealed, sealed: new Uint8Array(bytes.subarray(0, bytes.length - 10)) })).rejects.toThrow(SealedDataError);
    await expect(sealer.open('booking', 'R-ABC', { ...sealed, sealed: 'not binary' })).rejects.toThrow(SealedDataError);
  });

  it('refuses a ciphertext sealed under another key', async () => {
    const other = createSealer(localKeyring(randomBytes(32)));
    const sealed = await other.seal('booking', 'R-ABC', booking);
    await expect(sealer.open('booking', 'R-ABC', sealed)).rejects.toThrow(SealedDataError);
  });
});

describe('with the KMS keyring', () => {
  const kms = mockClient(KMSClient);
  afterEach(() => kms.reset());
  const keyArn = 'arn:aws:kms:eu-west-1:111122223333:key/0f4d2b8e-1111-2222-3333-444455556666';

  it('asks KMS once per item and context, not once per write or read (caching materials manager)', async () => {
    const dataKey = randomBytes(32);
    const wrapped = randomBytes(64);
    kms.on(GenerateDataKeyCommand).resolves({ KeyId: keyArn, Plaintext: new Uint8Array(dataKey), CiphertextBlob: new Uint8Array(wrapped) });
    kms.on(DecryptCommand).resolves({ KeyId: keyArn, Plaintext: new Uint8Array(dataKey) });
    const kmsSealer = createSealer(new KmsKeyringNode({ generatorKeyId: keyArn, clientProvider: () => new KMS({ region: 'eu-west-1' }) }));
    const state = (n: number) => ({ pk: 'ORDER#O1', sk: 'STATE', version: n, state: { respondent: { lastFix: { lat: 50.85, lon: 4.35 } } } });

    // An order's state is rewritten on every event: one data key serves them all.
    const sealed = [];
    for (let n = 1; n <= 5; n++) sealed.push(await kmsSealer.seal('orderState', 'O1', state(n)));
    for (const s of sealed) expect((await kmsSealer.open('orderState', 'O1', s)).state).toEqual(state(1).state);
    expect(kms.commandCalls(GenerateDataKeyCommand)).toHaveLength(1);
    expect(kms.commandCalls(DecryptCommand).length).toBeLessThanOrEqual(1);
    // The item's identity travels to KMS as its encryption context (CloudTrail shows it; IAM conditions on the kind).
    expect(kms.commandCalls(GenerateDataKeyCommand)[0]?.args[0].input.EncryptionContext).toMatchObject({
      'oneroof-kind': 'orderState',
      'oneroof-id': 'O1',
      'oneroof-item': 'ORDER#O1|STATE',
    });

    // Another item is another context: its own data key.
    await kmsSealer.seal('orderState', 'O2', { ...state(1), pk: 'ORDER#O2' });
    expect(kms.commandCalls(GenerateDataKeyCommand)).toHaveLength(2);
  });
});
