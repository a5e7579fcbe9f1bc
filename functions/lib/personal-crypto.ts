import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
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
import {
  PERSONAL_DATA_KEY_ENV,
  PERSONAL_DATA_LOCAL_KEY_ENV,
  SEALED_ATTRIBUTE,
  SEALED_CONTEXT,
  SEALED_FIELDS,
  type SealedKind,
} from '../../shared/personal-data.js';

/**
 * Application-level encryption of personal fields (AWS Encryption SDK for JavaScript): an item's
 * personal fields (shared/personal-data.ts `SEALED_FIELDS`) leave the function only as ONE binary
 * attribute, `sealed`, an Encryption SDK message of their JSON. Its encryption context names the
 * entity kind, the entity id and the item's key, so a ciphertext copied into another item (another
 * booking, an older order version) is refused on opening. Keys, status, dates, counters and
 * zone/district stay clear: queries, conditions, the stream consumers and the reports need them.
 *
 * In AWS the keyring is the personal-data KMS key (its ARN bound by OneRoofFunction.bindKey; IAM
 * allows GenerateDataKey/Decrypt only to the functions shared/functions.ts declares, for the kinds
 * declared, through a `kms:EncryptionContext` condition); locally it is a raw AES-256 key from a file
 * the local stack generates once. A caching materials manager keeps data keys for a few minutes, so
 * re-reading or re-writing the same item (an order's state on every event) does not call KMS again.
 * A new item costs one GenerateDataKey; see ARCHITECTURE.md "Privacy by default".
 */

/** Committing AES-256-GCM without ECDSA signing: every writer is also a reader here, so a signature adds cost (and ~200 bytes) without adding an authority. */
const SUITE = AlgorithmSuiteIdentifier.ALG_AES256_GCM_IV12_TAG16_HKDF_SHA512_COMMIT_KEY;

/** The default commitment policy, spelled out; one encrypted data key per message (one keyring). */
const client = buildClient({ commitmentPolicy: CommitmentPolicy.REQUIRE_ENCRYPT_REQUIRE_DECRYPT, maxEncryptedDataKeys: 1 });

/** How long and how often one data key may be reused for the same item (same encryption context). */
export const DATA_KEY_CACHE = { capacity: 1000, maxAgeMs: 5 * 60_000, maxMessagesEncrypted: 1000 } as const;

type Item = Record<string, unknown>;

/** A sealed attribute that does not open for this item: moved from another item, tampered, or another key. */
export class SealedDataError extends Error {
  constructor(kind: SealedKind, reason: string, options?: { cause?: unknown }) {
    super(`Sealed ${kind} fields do not open: ${reason}`, options);
    this.name = 'SealedDataError';
  }
}

export interface Sealer {
  /** The item without its personal fields, plus `sealed` holding them (unchanged when it has none). */
  seal(kind: SealedKind, id: string, item: Item): Promise<Item>;
  /** The item with its personal fields back (and without `sealed`); an item without `sealed` is returned as stored. */
  open(kind: SealedKind, id: string, item: Item): Promise<Item>;
}

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

let current: { source: string; sealer: Sealer } | undefined;

/** The process's sealer, from whichever key the environment binds (read on first use, not at import: functions without personal data never need it). */
function sealer(): Sealer {
  const arn = process.env[PERSONAL_DATA_KEY_ENV];
  const file = process.env[PERSONAL_DATA_LOCAL_KEY_ENV];
  const source = arn ? `kms:${arn}` : file ? `file:${file}` : undefined;
  if (!source)
    throw new Error(`${PERSONAL_DATA_KEY_ENV} (or locally ${PERSONAL_DATA_LOCAL_KEY_ENV}) is not set: this function is not declared to handle personal data`);
  // The local stack and the tests may start over with another key file in the same process.
  if (current?.source !== source) current = { source, sealer: createSealer(arn ? kmsKeyring(arn) : localKeyring(readFileSync(file as string))) };
  return current.sealer;
}

/** Seals an item's personal fields of `kind` before it is written (see `Sealer.seal`). */
export function seal(kind: SealedKind, id: string, item: Item): Promise<Item> {
  return sealer().seal(kind, id, item);
}

/** Opens an item's sealed fields of `kind` after it is read (see `Sealer.open`). */
export function open(kind: SealedKind, id: string, item: Item): Promise<Item> {
  return sealer().open(kind, id, item);
}
