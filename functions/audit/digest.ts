import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { GetObjectCommand, ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { auditDayPk, CHAIN_START, chainLink } from '../lib/audit.js';
import { clientCredentials } from '../lib/credentials.js';

/**
 * The daily audit digest: for every entity with audit records written that day (UTC), the chain links
 * of those records (functions/lib/audit.ts `chainLink`), continuing from the last link the previous
 * digests gave that entity. Digests go to write-once storage (S3 Object Lock in compliance mode in
 * AWS, a folder in the local stack), so an edited, removed or back-dated record shows up when
 * `npm run audit:verify` recomputes the chain from the table.
 */
export interface Digest {
  version: 1;
  day: string;
  createdAt: string;
  /** Audit partition (`AUDIT#<entity>#<id>`) → the link before the day's first record, and each record's link. */
  entities: Record<string, { from: string; links: { sk: string; link: string }[] }>;
}

export interface DigestStore {
  get(day: string): Promise<Digest | undefined>;
  put(digest: Digest): Promise<void>;
  /** Days with a digest, oldest first. */
  days(): Promise<string[]>;
}

const nameOf = (day: string) => `audit-digest-${day}.json`;
const DAY_FILE = /^audit-digest-(\d{4}-\d{2}-\d{2})\.json$/;

export class FolderDigestStore implements DigestStore {
  constructor(private readonly dir: string) {}
  async get(day: string): Promise<Digest | undefined> {
    try {
      return JSON.parse(await readFile(join(this.dir, nameOf(day)), 'utf8')) as Digest;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw err;
    }
  }
  async put(digest: Digest): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    // 'wx': never overwrite a digest, as Object Lock refuses to in AWS.
    await writeFile(join(this.dir, nameOf(digest.day)), JSON.stringify(digest, null, 1), { flag: 'wx', mode: 0o444 });
  }
  async days(): Promise<string[]> {
    const names = await readdir(this.dir).catch(() => [] as string[]);
    return names.flatMap((n) => DAY_FILE.exec(n)?.[1] ?? []).sort();
  }
}

export class S3DigestStore implements DigestStore {
  constructor(
    private readonly bucket: string,
    private readonly s3 = new S3Client({ ...clientCredentials }),
  ) {}
  async get(day: string): Promise<Digest | undefined> {
    try {
      const out = await this.s3.send(new GetObjectCommand({ Bucket: this.bucket, Key: nameOf(day) }));
      return JSON.parse(await out.Body!.transformToString()) as Digest;
    } catch (err) {
      if ((err as { name?: string }).name === 'NoSuchKey') return undefined;
      throw err;
    }
  }
  async put(digest: Digest): Promise<void> {
    // The bucket's default retention (compliance mode) applies to every new object version.
    await this.s3.send(
      new PutObjectCommand({ Bucket: this.bucket, Key: nameOf(digest.day), Body: JSON.stringify(digest), ContentType: 'application/json', IfNoneMatch: '*' }),
    );
  }
  async days(): Promise<string[]> {
    const days: string[] = [];
    let token: string | undefined;
    do {
      const out = await this.s3.send(
        new ListObjectsV2Command({ Bucket: this.bucket, Prefix: 'audit-digest-', ...(token ? { ContinuationToken: token } : {}) }),
      );
      for (const o of out.Contents ?? []) {
        const day = DAY_FILE.exec(o.Key ?? '')?.[1];
        if (day) days.push(day);
      }
      token = out.NextContinuationToken;
    } while (token);
    return days.sort();
  }
}

/** The audit records written on a day, by partition then key (gsi1 `AUDITDAY#<day>`). */
export async function recordsOfDay(client: DynamoDBDocumentClient, table: string, day: string): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const out = await client.send(
      new QueryCommand({
        TableName: table,
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :pk',
        ExpressionAttributeValues: { ':pk': auditDayPk(day) },
        ...(start ? { ExclusiveStartKey: start } : {}),
      }),
    );
    items.push(...(out.Items ?? []));
    start = out.LastEvaluatedKey;
  } while (start);
  return items.sort((a, b) => String(a.gsi1sk).localeCompare(String(b.gsi1sk)));
}

/** The last link of each entity over the digests before `day`. */
async function headsBefore(store: DigestStore, day: string): Promise<Map<string, string>> {
  const heads = new Map<string, string>();
  for (const d of (await store.days()).filter((x) => x < day)) {
    const digest = await store.get(d);
    for (const [pk, e] of Object.entries(digest?.entities ?? {})) {
      const last = e.links[e.links.length - 1];
      if (last) heads.set(pk, last.link);
    }
  }
  return heads;
}

export function chainDay(day: string, records: Record<string, unknown>[], heads: Map<string, string>, now: Date): Digest {
  const entities: Digest['entities'] = {};
  for (const r of records) {
    const pk = String(r.pk);
    const e = (entities[pk] ??= { from: heads.get(pk) ?? CHAIN_START, links: [] });
    const previous = e.links[e.links.length - 1]?.link ?? e.from;
    e.links.push({ sk: String(r.sk), link: chainLink(previous, r) });
  }
  return { version: 1, day, createdAt: now.toISOString(), entities };
}

/** Writes the digest of `day` once; a digest that exists is left as it is. */
export async function writeDigest(client: DynamoDBDocumentClient, table: string, store: DigestStore, day: string, now: Date): Promise<Digest> {
  const existing = await store.get(day);
  if (existing) return existing;
  const digest = chainDay(day, await recordsOfDay(client, table, day), await headsBefore(store, day), now);
  await store.put(digest);
  return digest;
}

export type Verdict = { ok: true; days: number; records: number } | { ok: false; day: string; pk: string; sk: string; problem: string };

/**
 * Recomputes every digested day's chains from the table: the first record whose link differs (edited),
 * is missing (removed) or is not in the digest (added later) is the first broken link.
 */
export async function verifyAudit(client: DynamoDBDocumentClient, table: string, store: DigestStore): Promise<Verdict> {
  const heads = new Map<string, string>();
  let records = 0;
  const days = await store.days();
  for (const day of days) {
    const digest = (await store.get(day))!;
    const rows = await recordsOfDay(client, table, day);
    const byPk = new Map<string, Record<string, unknown>[]>();
    for (const r of rows) byPk.set(String(r.pk), [...(byPk.get(String(r.pk)) ?? []), r]);
    for (const pk of byPk.keys())
      if (!digest.entities[pk]) return { ok: false, day, pk, sk: String(byPk.get(pk)![0]!.sk), problem: 'record not in the digest (added afterwards)' };
    for (const [pk, e] of Object.entries(digest.entities)) {
      const expectedFrom = heads.get(pk) ?? CHAIN_START;
      if (e.from !== expectedFrom) return { ok: false, day, pk, sk: e.links[0]?.sk ?? '', problem: 'digest does not continue the previous one' };
      const present = byPk.get(pk) ?? [];
      let previous = e.from;
      for (let i = 0; i < Math.max(e.links.length, present.length); i++) {
        const want = e.links[i];
        const have = present[i];
        if (!want) return { ok: false, day, pk, sk: String(have!.sk), problem: 'record not in the digest (added afterwards)' };
        if (!have || String(have.sk) !== want.sk) return { ok: false, day, pk, sk: want.sk, problem: 'record missing (removed)' };
        const link = chainLink(previous, have);
        if (link !== want.link) return { ok: false, day, pk, sk: want.sk, problem: 'record changed since it was digested' };
        previous = link;
        records++;
      }
      if (e.links.length) heads.set(pk, e.links[e.links.length - 1]!.link);
    }
  }
  return { ok: true, days: days.length, records };
}
