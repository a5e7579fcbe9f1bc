import { appConfig } from './config.js';

/**
 * What the person explicitly asks the app to keep on this device (a protection code, a booking's
 * reference + PIN) is never written in clear text. It is encrypted with AES-GCM under a key made in
 * this browser with Web Crypto as **non-extractable** (no script, extension page or export can read
 * its bytes), and both the key (as a CryptoKey object) and the ciphertext live in one IndexedDB
 * database under the app's prefix. A copy of Web Storage, a sync, a backup of the site's data or a
 * look at the storage files shows ciphertext only; the quick exit deletes every IndexedDB database,
 * so key and data go together. Honest limit: the browser keeps the key's bytes in its own profile, so
 * a forensic copy of the whole profile can still be decrypted: police can therefore reissue a
 * protection code (the old one stops working) and a booking's PIN is only a second factor.
 */
const DB = `${appConfig.storagePrefix}vault`;
const STORE = 'kept';
const KEY_ID = 'device-key';

interface Sealed {
  iv: Uint8Array<ArrayBuffer>;
  data: ArrayBuffer;
}

function open(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(DB, 1);
    req.onupgradeneeded = () => req.result.createObjectStore(STORE);
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

function request<T>(db: IDBDatabase, mode: IDBTransactionMode, run: (s: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    const tx = db.transaction(STORE, mode);
    const req = run(tx.objectStore(STORE));
    tx.oncomplete = () => resolve(req.result);
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error);
  });
}

async function deviceKey(db: IDBDatabase, create: boolean): Promise<CryptoKey | undefined> {
  const existing = await request<CryptoKey | undefined>(db, 'readonly', (s) => s.get(KEY_ID) as IDBRequest<CryptoKey | undefined>);
  if (existing || !create) return existing;
  const key = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
  await request(db, 'readwrite', (s) => s.put(key, KEY_ID));
  return key;
}

async function withDb<T>(run: (db: IDBDatabase) => Promise<T>): Promise<T> {
  const db = await open();
  try {
    return await run(db);
  } finally {
    db.close();
  }
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();
// The item's name is bound to its ciphertext: a sealed booking cannot be swapped in as a code.
const aad = (name: string) => encoder.encode(`${DB}/${name}`);

/** Keeps `value` under `name`, encrypted; resolves false if the device cannot (then nothing is kept). */
export async function keepSealed(name: string, value: string): Promise<boolean> {
  try {
    return await withDb(async (db) => {
      const key = await deviceKey(db, true);
      if (!key) return false;
      const iv = crypto.getRandomValues(new Uint8Array(new ArrayBuffer(12)));
      const data = await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: aad(name) }, key, encoder.encode(value));
      await request(db, 'readwrite', (s) => s.put({ iv, data } satisfies Sealed, name));
      return true;
    });
  } catch {
    return false;
  }
}

/** The value kept under `name`, or undefined (none, another device's data, or no storage). */
export async function readSealed(name: string): Promise<string | undefined> {
  try {
    return await withDb(async (db) => {
      const sealed = await request<Sealed | undefined>(db, 'readonly', (s) => s.get(name) as IDBRequest<Sealed | undefined>);
      if (!sealed) return undefined;
      const key = await deviceKey(db, false);
      if (!key) return undefined;
      const plain = await crypto.subtle.decrypt({ name: 'AES-GCM', iv: sealed.iv, additionalData: aad(name) }, key, sealed.data);
      return decoder.decode(plain);
    });
  } catch {
    return undefined;
  }
}

export async function forgetSealed(name: string): Promise<void> {
  try {
    await withDb((db) => request(db, 'readwrite', (s) => s.delete(name)));
  } catch {
    // nothing kept, or no storage
  }
}
