import { createHmac, randomBytes } from 'node:crypto';
import { GetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { putIf } from '../lib/dynamo.js';
import { isLocalStack, readSecret, secretArn } from '../lib/secrets.js';
import type { SecretName } from '../../shared/secrets.js';
import { caseKeys } from './keys.js';

/**
 * The keyed hash of a victim reference (HMAC-SHA-256), the only form of the reference used in a key
 * (gsi2 `VICTIM#<hash>`, for the 12-month repeat check). The reference is normalised (trimmed,
 * upper-cased) first, so "v-12" and "V-12 " are the same victim.
 *
 * The key (`caseRefKeySource`): in AWS the Secrets Manager secret `caseRefHmacKey` (shared/secrets.ts,
 * ARN in CASE_REF_HMAC_KEY_SECRET_ARN), read once at cold start, so a leaked table, backup or export
 * holds hashes without the key. In the local stack only, one random key generated once and kept in the
 * table (`SECRET#CASE-REF-HMAC` / `KEY`, conditional Put so concurrent first uses agree). Anywhere else
 * without the secret the function fails at load instead of quietly using the table.
 */
export function victimHash(ref: string, key: Buffer): string {
  return createHmac('sha256', key).update(ref.trim().toUpperCase(), 'utf8').digest('base64url');
}

export interface KeySource {
  key(): Promise<Buffer>;
}

export class TableKeySource implements KeySource {
  private cached: Promise<Buffer> | undefined;
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly table: string,
    /** A key given directly (base64, at least 32 bytes), its variable's name, and where a generated key lives (local stack). */
    private readonly fromEnv: string | undefined = undefined,
    private readonly item: { pk: string; sk: string } = caseKeys.hmacKey,
    private readonly envName = 'CASE_REF_HMAC_KEY',
  ) {}

  key(): Promise<Buffer> {
    this.cached ??= this.load().catch((err: unknown) => {
      this.cached = undefined;
      throw err;
    });
    return this.cached;
  }

  private async load(): Promise<Buffer> {
    if (this.fromEnv !== undefined && this.fromEnv.trim() !== '') {
      const k = Buffer.from(this.fromEnv, 'base64');
      if (k.length < 32) throw new Error(`${this.envName} must be at least 32 bytes (base64)`);
      return k;
    }
    const read = async () =>
      (await this.client.send(new GetCommand({ TableName: this.table, Key: this.item, ConsistentRead: true }))).Item?.key as string | undefined;
    const existing = await read();
    if (existing) return Buffer.from(existing, 'base64');
    await putIf(this.client, {
      TableName: this.table,
      Item: { ...this.item, type: 'SECRET', key: randomBytes(32).toString('base64') },
      ConditionExpression: 'attribute_not_exists(pk)',
    });
    const now = await read();
    if (!now) throw new Error(`${this.item.pk} missing after creation`);
    return Buffer.from(now, 'base64');
  }
}

/** A key from Secrets Manager, fetched when constructed (the cold start) and kept for the environment's life. */
export class SecretKeySource implements KeySource {
  constructor(private readonly name: SecretName = 'caseRefHmacKey') {
    this.key().catch(() => undefined);
  }

  async key(): Promise<Buffer> {
    const value = await readSecret(this.name);
    if (value.length < 32) throw new Error(`The ${this.name} secret must be at least 32 characters`);
    return Buffer.from(value, 'utf8');
  }
}

/** Secrets Manager where CDK bound the secret; the table-held key in the local stack only; else fail fast. */
export function caseRefKeySource(client: DynamoDBDocumentClient, table: string): KeySource {
  if (secretArn('caseRefHmacKey')) return new SecretKeySource();
  if (isLocalStack()) return new TableKeySource(client, table);
  throw new Error('Missing required environment variable CASE_REF_HMAC_KEY_SECRET_ARN (the table-held key is for the local stack only)');
}
