import type { SelfCheckResult, SafetyPlan } from '../../../shared/space/plan.js';
import { SPACE_AUTH_HEADER, SPACE_ID_HEADER, type ShareSummary, type SpaceContents, type StoredEntry } from '../../../shared/space/api.js';
import { aadOf, openBytes, openJson, toBase64, type SpaceKeys } from '../../../shared/space/crypto.js';
import { registerExitCleaner } from '../exit/index.js';
import { createStore } from '../store.js';

/**
 * Her space while it is open: the keys (a non-extractable CryptoKey) and what they decrypted live in
 * this in-memory store only — never Web Storage, IndexedDB, Cache Storage or the address bar. The quick
 * exit (and "Close my space") forgets all of it.
 */
export interface Entry {
  seq: number;
  hash: string;
  receivedAt: string;
  when: string;
  what: string;
  where: string;
  witnesses: string;
  injuries: string;
  photos: string[];
}

export interface CallbackRecord {
  id: string;
  requestedAt: string;
  from: 'police' | 'fjc';
  safeTimes: string[];
  voicemail: boolean;
}

export interface OpenSpace {
  keys: SpaceKeys;
  head: { seq: number; hash: string };
  plan: SafetyPlan;
  planVersion: number;
  selfCheck: SelfCheckResult | undefined;
  entries: Entry[];
  /** Stored records, for the chain check and the export. */
  chain: StoredEntry[];
  /** Photo id → data: URL of the decrypted JPEG (in memory). */
  photos: Record<string, string>;
  callbacks: CallbackRecord[];
  shares: ShareSummary[];
  linked: boolean;
  /** Linked to a family case that came from the police: she may update the safe contact its officer reads. */
  policeLinked: boolean;
}

export const spaceStore = createStore<OpenSpace | undefined>(undefined);

export function closeSpace(): void {
  spaceStore.set(undefined);
}

/** A data: URL (the CSP allows `img-src data:`), held in this store only: no blob or cache entry outlives it. */
export const photoUrl = (jpeg: Uint8Array) => `data:image/jpeg;base64,${toBase64(jpeg)}`;
registerExitCleaner(closeSpace);

export type ApiFailure = 'wrong' | 'throttled' | 'exists' | 'conflict' | 'unknown-code' | 'case-closed' | 'offline' | 'failed';
export type ApiResult<T> = { ok: true; value: T } | { ok: false; reason: ApiFailure };

const FAILURES: Record<number, ApiFailure> = { 401: 'wrong', 429: 'throttled', 404: 'unknown-code' };

/** One call with her credential in headers (never the URL); no cookies, no HTTP cache. */
export async function api<T>(keys: SpaceKeys, method: string, path: string, body?: unknown, conflict: ApiFailure = 'conflict'): Promise<ApiResult<T>> {
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      headers: {
        [SPACE_ID_HEADER]: keys.lookupId,
        [SPACE_AUTH_HEADER]: keys.authSecret,
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      credentials: 'omit',
      cache: 'no-store',
    });
  } catch {
    return { ok: false, reason: 'offline' };
  }
  if (res.ok) return { ok: true, value: (await res.json()) as T };
  return { ok: false, reason: res.status === 409 ? conflict : (FAILURES[res.status] ?? 'failed') };
}

/**
 * A request that may be sent again exactly as it is (a call-back: its id is hers, so the server stores it
 * once and reminds again): a server failure or a lost connection is retried with a growing pause, the
 * same body each time; a refusal is answered at once.
 */
export async function apiRetrying<T>(
  keys: SpaceKeys,
  method: string,
  path: string,
  body: unknown,
  { attempts = 4, pauseMs = (n: number) => 1_000 * 2 ** (n - 1) }: { attempts?: number; pauseMs?: (attempt: number) => number } = {},
): Promise<ApiResult<T>> {
  let out = await api<T>(keys, method, path, body);
  for (let n = 1; n < attempts && !out.ok && (out.reason === 'failed' || out.reason === 'offline'); n++) {
    await new Promise((r) => setTimeout(r, pauseMs(n)));
    out = await api<T>(keys, method, path, body);
  }
  return out;
}

/** Everything of her space, decrypted in memory. */
export async function decrypt(keys: SpaceKeys, c: SpaceContents): Promise<OpenSpace> {
  const photos: Record<string, string> = {};
  for (const p of c.photos) {
    const bytes = await openBytes(keys.contentKey, p, aadOf.photo(p.id));
    photos[p.id] = photoUrl(bytes);
  }
  const entries: Entry[] = [];
  for (const e of c.entries) {
    try {
      const body = await openJson<Omit<Entry, 'seq' | 'hash' | 'receivedAt'>>(keys.contentKey, e, aadOf.entry(e.seq));
      entries.push({ ...body, seq: e.seq, hash: e.hash, receivedAt: e.receivedAt });
    } catch {
      // An entry that no longer opens was changed after it was written: the chain check names it.
      entries.push({ seq: e.seq, hash: e.hash, receivedAt: e.receivedAt, when: '', what: '', where: '', witnesses: '', injuries: '', photos: [] });
    }
  }
  const callbacks: CallbackRecord[] = [];
  for (const cb of c.callbacks)
    callbacks.push({
      ...(await openJson<Omit<CallbackRecord, 'id' | 'requestedAt'>>(keys.contentKey, cb, aadOf.callback(cb.id))),
      id: cb.id,
      requestedAt: cb.requestedAt,
    });
  return {
    keys,
    head: c.head,
    plan: c.plan ? await openJson<SafetyPlan>(keys.contentKey, c.plan, aadOf.plan()) : {},
    planVersion: c.plan?.version ?? 0,
    selfCheck: c.selfCheck ? await openJson<SelfCheckResult>(keys.contentKey, c.selfCheck, aadOf.selfCheck()) : undefined,
    entries,
    chain: c.entries,
    photos,
    callbacks,
    shares: c.shares,
    linked: c.linked,
    policeLinked: c.policeLinked,
  };
}
