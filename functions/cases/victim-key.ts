import { createHmac, randomBytes } from 'node:crypto';
import { GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { caseKeys } from './keys.js';

/**
 * The keyed hash of a victim reference (HMAC-SHA-256), the only form of the reference used in a key
 * (gsi2 `VICTIM#<hash>`, for the 12-month repeat check). The reference is normalised (trimmed,
 * upper-cased) first, so "v-12" and "V-12 " are the same victim.
 *
 * The key: `CASE_REF_HMAC_KEY` (base64, ≥ 32 bytes) when the environment sets it — in AWS this should
 * come from Secrets Manager (not wired yet, see README); otherwise one random key generated once and kept
 * in the table (`SECRET#CASE-REF-HMAC` / `KEY`, conditional Put so concurrent first uses agree). Kept in
 * the table, the key protects against a leaked index or export without that item, not against someone who
 * can read the whole table.
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
    private readonly fromEnv: string | undefined = process.env.CASE_REF_HMAC_KEY,
    /** Where the generated key lives, and the variable that overrides it (another key, same rules). */
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
    const read = async () => (await this.client.send(new GetCommand({ TableName: this.table, Key: this.item, ConsistentRead: true }))).Item?.key as string | undefined;
    const existing = await read();
    if (existing) return Buffer.from(existing, 'base64');
    try {
      await this.client.send(new PutCommand({ TableName: this.table, Item: { ...this.item, type: 'SECRET', key: randomBytes(32).toString('base64') }, ConditionExpression: 'attribute_not_exists(pk)' }));
    } catch (err) {
      if ((err as Error).name !== 'ConditionalCheckFailedException') throw err;
    }
    const now = await read();
    if (!now) throw new Error(`${this.item.pk} missing after creation`);
    return Buffer.from(now, 'base64');
  }
}
