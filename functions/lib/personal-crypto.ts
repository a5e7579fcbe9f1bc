import { readFileSync } from 'node:fs';
import { PERSONAL_DATA_KEY_ENV, PERSONAL_DATA_LOCAL_KEY_ENV, type SealedKind } from '../../shared/personal-data.js';
import type { Item } from './dynamo.js';

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
 *
 * This module is the port: `seal` and `open`, without the SDK. The SDK and its keyrings are in
 * encryption-sdk.ts, which only the handlers declared with `personalData` (shared/functions.ts) import:
 * the SDK is a third of a bundle (KMS client, ASN.1 and big-number code), and a function that never
 * seals should not parse it at every cold start.
 */

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

/** Where the data keys come from: the bound KMS key in AWS, the local stack's key file otherwise. */
export type SealingKey = { kmsKeyArn: string } | { localKey: Uint8Array };

let current: { source: string; sealer: Sealer } | undefined;
let makeSealer: ((key: SealingKey) => Sealer) | undefined;

/** Called by encryption-sdk.ts when it is loaded: how this process builds its sealer. */
export function provideSealer(make: (key: SealingKey) => Sealer): void {
  makeSealer = make;
  current = undefined;
}

/** The process's sealer, from whichever key the environment binds (read on first use, not at import: functions without personal data never need it). */
function sealer(): Sealer {
  const arn = process.env[PERSONAL_DATA_KEY_ENV];
  const file = process.env[PERSONAL_DATA_LOCAL_KEY_ENV];
  const source = arn ? `kms:${arn}` : file ? `file:${file}` : undefined;
  if (!source)
    throw new Error(`${PERSONAL_DATA_KEY_ENV} (or locally ${PERSONAL_DATA_LOCAL_KEY_ENV}) is not set: this function is not declared to handle personal data`);
  if (!makeSealer)
    throw new Error('This function does not load the Encryption SDK (functions/lib/encryption-sdk.ts): it is not declared to handle personal data');
  // The local stack and the tests may start over with another key file in the same process.
  if (current?.source !== source) current = { source, sealer: makeSealer(arn ? { kmsKeyArn: arn } : { localKey: readFileSync(file as string) }) };
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
