import { generateKeyPairSync, sign } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { aadOf, deriveSpaceKeys, isDuressShaped, openJson, passphraseProblem, PBKDF2_ITERATIONS, sealJson } from '../../shared/space/crypto.js';
import { entryHash, GENESIS, verifyChain, verifyStatement, type ChainRecord } from '../../shared/space/chain.js';

/** Fewer iterations where a test derives many keys; the product's count is checked once on its own. */
const FAST = 1_000;

async function chainOf(texts: string[]): Promise<ChainRecord[]> {
  const keys = await deriveSpaceKeys('correct horse battery', FAST);
  const out: ChainRecord[] = [];
  let prev = GENESIS;
  for (const [i, text] of texts.entries()) {
    const seq = i + 1;
    const { iv, ct } = await sealJson(keys.contentKey, { text }, aadOf.entry(seq));
    const hash = await entryHash(prev, seq, iv, ct);
    out.push({ seq, prevHash: prev, iv, ct, hash });
    prev = hash;
  }
  return out;
}

describe('space keys', () => {
  it('derive with at least 600,000 PBKDF2 iterations by default, the same keys for the same words', async () => {
    expect(PBKDF2_ITERATIONS).toBeGreaterThanOrEqual(600_000);
    const a = await deriveSpaceKeys('  correct   horse battery ');
    const b = await deriveSpaceKeys('correct horse battery');
    expect(a.lookupId).toBe(b.lookupId);
    expect(a.authSecret).toBe(b.authSecret);
    const sealed = await sealJson(a.contentKey, { note: 'x' }, 'plan');
    expect(await openJson(b.contentKey, sealed, 'plan')).toEqual({ note: 'x' });
  });

  it('keep lookup id, auth secret and content key separate', async () => {
    const k = await deriveSpaceKeys('correct horse battery', FAST);
    expect(k.lookupId).toMatch(/^[0-9a-f]{64}$/);
    expect(k.authSecret).toMatch(/^[A-Za-z0-9+/]{43}$/);
    expect(Buffer.from(k.authSecret, 'base64').toString('hex')).not.toBe(k.lookupId);
    // The content key cannot be exported: neither the server nor a script reads it out.
    expect(k.contentKey.extractable).toBe(false);
    const other = await deriveSpaceKeys('correct horse batteries', FAST);
    expect(other.lookupId).not.toBe(k.lookupId);
    expect(other.authSecret).not.toBe(k.authSecret);
  });

  it('round-trip her content; another key, another place (AAD) or a changed byte does not open', async () => {
    const k = await deriveSpaceKeys('correct horse battery', FAST);
    const other = await deriveSpaceKeys('wrong horse battery', FAST);
    const sealed = await sealJson(k.contentKey, { text: 'Hij sloeg me op 3 maart' }, aadOf.entry(1));
    expect(Buffer.from(sealed.ct, 'base64').toString('latin1')).not.toContain('sloeg');
    expect(await openJson(k.contentKey, sealed, aadOf.entry(1))).toEqual({ text: 'Hij sloeg me op 3 maart' });
    await expect(openJson(other.contentKey, sealed, aadOf.entry(1))).rejects.toThrow();
    await expect(openJson(k.contentKey, sealed, aadOf.entry(2))).rejects.toThrow();
    const bytes = Buffer.from(sealed.ct, 'base64');
    bytes[0] = (bytes[0] ?? 0) ^ 1;
    await expect(openJson(k.contentKey, { ...sealed, ct: bytes.toString('base64') }, aadOf.entry(1))).rejects.toThrow();
  });

  it('the passphrase rule: 10 characters or 3 words, never the duress shape', () => {
    expect(passphraseProblem('short')).toBe('tooShort');
    expect(passphraseProblem('zon en zee')).toBeUndefined();
    expect(passphraseProblem('abcdefghij')).toBeUndefined();
    expect(passphraseProblem('1234567')).toBe('duressShaped');
    expect(passphraseProblem('12345678')).toBe('duressShaped');
    expect(passphraseProblem('1234567890')).toBeUndefined();
    expect(isDuressShaped(' 246810 ')).toBe(true);
    expect(isDuressShaped('24681')).toBe(false);
  });
});

describe('verifyChain', () => {
  it('an intact chain has no problem, and its head matches', async () => {
    const chain = await chainOf(['one', 'two', 'three']);
    expect(await verifyChain(chain, { seq: 3, hash: chain[2]?.hash ?? '' })).toEqual([]);
    expect(await verifyChain([], { seq: 0, hash: GENESIS })).toEqual([]);
  });

  it('finds an altered entry', async () => {
    const chain = await chainOf(['one', 'two', 'three']);
    const other = await chainOf(['one', 'TWO', 'three']);
    const altered = chain.map((r, i) => (i === 1 ? { ...r, ct: other[1]?.ct ?? '', iv: other[1]?.iv ?? '' } : r));
    expect(await verifyChain(altered)).toEqual([{ seq: 2, kind: 'altered' }]);
  });

  it('finds an altered entry whose hash was recomputed (the next link breaks)', async () => {
    const chain = await chainOf(['one', 'two', 'three']);
    const forged = { ...chain[1], ct: `${chain[1]?.ct.slice(0, -4)}AAA=` } as ChainRecord;
    forged.hash = await entryHash(forged.prevHash, forged.seq, forged.iv, forged.ct);
    const problems = await verifyChain([chain[0] as ChainRecord, forged, chain[2] as ChainRecord], { seq: 3, hash: chain[2]?.hash ?? '' });
    expect(problems).toEqual([{ seq: 3, kind: 'broken' }]);
  });

  it('finds a removed entry, a removed last entry (by the head) and a reordering', async () => {
    const chain = await chainOf(['one', 'two', 'three']);
    const [a, b, c] = chain as [ChainRecord, ChainRecord, ChainRecord];
    expect(await verifyChain([a, c])).toEqual([
      { seq: 2, kind: 'missing' },
      { seq: 3, kind: 'broken' },
    ]);
    expect(await verifyChain([a, b], { seq: 3, hash: c.hash })).toEqual([{ seq: 3, kind: 'head' }]);
    const reordered = await verifyChain([a, c, b]);
    expect(reordered.map((p) => p.kind)).toContain('missing');
    expect(reordered.length).toBeGreaterThan(1);
  });

  it("checks the server's Ed25519 signature of the statement", async () => {
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    const raw = publicKey.export({ format: 'der', type: 'spki' }).subarray(-32).toString('base64');
    const statement = JSON.stringify({ head: { seq: 1, hash: GENESIS } });
    const signature = sign(null, Buffer.from(statement), privateKey).toString('base64');
    expect(await verifyStatement(statement, signature, raw)).toBe(true);
    expect(await verifyStatement(statement.replace('1', '2'), signature, raw)).toBe(false);
  });
});
