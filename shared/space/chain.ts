import { fromBase64, sha256Hex } from './crypto.js';

/**
 * The journal's hash chain. Each entry's record is {seq, prevHash, iv, ct}; its hash is
 * SHA-256(prevHash ‖ seq ‖ iv ‖ ct) over the ciphertext, so the server can check and sign the chain
 * without reading a word, and a court can check it with the bundle alone. Entry 1 follows GENESIS.
 */
export const GENESIS = '0'.repeat(64);

export interface ChainRecord {
  seq: number;
  prevHash: string;
  iv: string;
  ct: string;
  hash: string;
}

export function entryHash(prevHash: string, seq: number, iv: string, ct: string): Promise<string> {
  return sha256Hex(new TextEncoder().encode(`${prevHash}\n${seq}\n${iv}\n${ct}`));
}

export type ChainProblem =
  | { seq: number; kind: 'altered' }
  | { seq: number; kind: 'missing' }
  | { seq: number; kind: 'broken' }
  | { seq: number; kind: 'head' };

/**
 * Every problem of a chain, in order: an entry whose content no longer gives its hash (`altered`), a gap
 * in the numbering (`missing`: removed or reordered), a link to a previous hash that is not the previous
 * entry's (`broken`), and a last entry that is not the head the server signed (`head`). Empty: intact.
 */
export async function verifyChain(records: readonly ChainRecord[], head?: { seq: number; hash: string }): Promise<ChainProblem[]> {
  const problems: ChainProblem[] = [];
  let prev = GENESIS;
  let expected = 1;
  for (const r of records) {
    if (r.seq !== expected) problems.push({ seq: expected, kind: 'missing' });
    if (r.prevHash !== prev) problems.push({ seq: r.seq, kind: 'broken' });
    if ((await entryHash(r.prevHash, r.seq, r.iv, r.ct)) !== r.hash) problems.push({ seq: r.seq, kind: 'altered' });
    prev = r.hash;
    expected = r.seq + 1;
  }
  if (head && (head.seq !== expected - 1 || head.hash !== (records.length ? prev : GENESIS))) problems.push({ seq: head.seq, kind: 'head' });
  return problems;
}

/** The server's Ed25519 signature of an export statement (public key: raw 32 bytes, base64). */
export async function verifyStatement(statement: string, signature: string, publicKey: string): Promise<boolean> {
  const key = await globalThis.crypto.subtle.importKey('raw', fromBase64(publicKey), { name: 'Ed25519' }, false, ['verify']);
  return globalThis.crypto.subtle.verify({ name: 'Ed25519' }, key, fromBase64(signature), new TextEncoder().encode(statement));
}
