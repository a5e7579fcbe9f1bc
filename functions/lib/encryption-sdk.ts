import { createHash } from 'node:crypto';
import {
  AlgorithmSuiteIdentifier,
  buildClient,
  CommitmentPolicy,
  getLocalCryptographicMaterialsCache,
  KmsKeyringNode,
  NodeCachingMaterialsManager,
  RawAesKeyringNode,
  RawAesWrappingSuiteIdentifier,
  type KeyringNode,
} from '@aws-crypto/client-node';
import { SEALED_ATTRIBUTE, SEALED_CONTEXT, SEALED_FIELDS, type SealedKind } from '../../shared/personal-data.js';
import { provideSealer, SealedDataError, type Sealer } from './personal-crypto.js';
import type { Item } from './dynamo.js';

/**
 * The AWS Encryption SDK behind personal-crypto.ts's `seal` and `open` (what they do and why is told
 * there). Imported by the handler of each function declared with `personalData` in shared/functions.ts,
 * by the local stack and by the tests; loading it provides the process's sealer.
 */

/** Committing AES-256-GCM without ECDSA signing: every writer is also a reader here, so a signature adds cost (and ~200 bytes) without adding an authority. */
const SUITE = AlgorithmSuiteIdentifier.ALG_AES256_GCM_IV12_TAG16_HKDF_SHA512_COMMIT_KEY;

/** The default commitment policy, spelled out; one encrypted data key per message (one keyring). */
const client = buildClient({ commitmentPolicy: CommitmentPolicy.REQUIRE_ENCRYPT_REQUIRE_DECRYPT, maxEncryptedDataKeys: 1 });

/** How long and how often one data key may be reused for the same item (same encryption context). */
export const DATA_KEY_CACHE = { capacity: 1000, maxAgeMs: 5 * 60_000, maxMessagesEncrypted: 1000 } as const;

function contextOf(kind: SealedKind, id: string, item: Item): Record<string, string> {
  if (typeof item.pk !== 'string' || typeof item.sk !== 'string') throw new Error(`Sealing a ${kind} needs the item's key`);
  return { [SEALED_CONTEXT.kind]: kind, [SEALED_CONTEXT.id]: id, [SEALED_CONTEXT.item]: `${item.pk}|${item.sk}`, [SEALED_CONTEXT.attribute]: SEALED_ATTRIBUTE };
}

export function createSealer(keyring: KeyringNode): Sealer {
  // Items read again unchanged (an order on every device event) skip the Encryption SDK: the opened JSON
  // is kept under the ciphertext's hash and the expected context, no longer and no more than data keys are.
  const openedJson = new Map<string, { at: number; json: string }>();
  const cmm = new NodeCachingMaterialsManager({
    backingMaterials: keyring,
    cache: getLocalCryptographicMaterialsCache(DATA_KEY_CACHE.capacity),
    maxAge: DATA_KEY_CACHE.maxAgeMs,
    maxMessagesEncrypted: DATA_KEY_CACHE.maxMessagesEncrypted,
  });
  return {
    async seal(kind, id, item) {
      const fields: readonly string[] = SEALED_FIELDS[kind];
      if (fields.length === 0) return item;
      const rest: Item = { ...item };
      const personal: Item = {};
      for (const f of fields) {
        if (rest[f] !== undefined) personal[f] = rest[f];
        delete rest[f];
      }
      delete rest[SEALED_ATTRIBUTE];
      if (Object.keys(personal).length === 0) return rest;
      const { result } = await client.encrypt(cmm, Buffer.from(JSON.stringify(personal)), { encryptionContext: contextOf(kind, id, item), suiteId: SUITE });
      return { ...rest, [SEALED_ATTRIBUTE]: result };
    },

    async open(kind, id, item) {
      const blob = item[SEALED_ATTRIBUTE];
      if (blob === undefined) return item;
      if (!(blob instanceof Uint8Array)) throw new SealedDataError(kind, 'not binary');
      const expected = contextOf(kind, id, item);
      const memoKey = `${JSON.stringify(expected)}|${createHash('sha256').update(blob).digest('base64')}`;
      const memo = openedJson.get(memoKey);
      let json: string;
      if (memo && Date.now() - memo.at < DATA_KEY_CACHE.maxAgeMs) {
        json = memo.json;
      } else {
        let out: Awaited<ReturnType<typeof client.decrypt>>;
        try {
          out = await client.decrypt(cmm, blob);
        } catch (cause) {
          throw new SealedDataError(kind, 'tampered, truncated or sealed under another key', { cause });
        }
        // The Encryption SDK authenticates the context but does not compare it with ours: that is this check.
        const got = out.messageHeader.encryptionContext;
        for (const [k, v] of Object.entries(expected)) if (got[k] !== v) throw new SealedDataError(kind, `sealed for another ${k.replace('oneroof-', '')}`);
        json = out.plaintext.toString('utf8');
        openedJson.delete(memoKey);
        openedJson.set(memoKey, { at: Date.now(), json });
        if (openedJson.size > DATA_KEY_CACHE.capacity) openedJson.delete(openedJson.keys().next().value as string);
      }
      // Parsed afresh each time: callers may change what they get without touching the memo.
      const personal = JSON.parse(json) as Item;
      const allowed: readonly string[] = SEALED_FIELDS[kind];
      const { [SEALED_ATTRIBUTE]: _s, ...rest } = item;
      for (const f of allowed) if (personal[f] !== undefined) rest[f] = personal[f];
      return rest;
    },
  };
}

/** The local keyring: a raw AES-256-GCM wrapping key (32 bytes). */
export function localKeyring(key: Uint8Array): KeyringNode {
  if (key.byteLength !== 32) throw new Error('The local personal-data key must be 32 bytes');
  return new RawAesKeyringNode({
    keyNamespace: 'oneroof',
    keyName: 'local-personal-data',
    unencryptedMasterKey: new Uint8Array(key),
    wrappingSuite: RawAesWrappingSuiteIdentifier.AES256_GCM_IV12_TAG16_NO_PADDING,
  });
}

/** The KMS keyring of the bound key: it generates, wraps and unwraps data keys with that key only. */
export function kmsKeyring(keyArn: string): KeyringNode {
  return new KmsKeyringNode({ generatorKeyId: keyArn });
}

provideSealer((key) => createSealer('kmsKeyArn' in key ? kmsKeyring(key.kmsKeyArn) : localKeyring(key.localKey)));
