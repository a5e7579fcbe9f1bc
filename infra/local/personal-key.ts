import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** 32 random bytes written once to `file` (mode 0600) and kept; returns the file. */
function ensureKeyFile(file: string): string {
  if (!existsSync(file)) {
    mkdirSync(dirname(file), { recursive: true });
    // `wx`: never overwrite a key that appeared meanwhile (that would make its data unreadable).
    try {
      writeFileSync(file, randomBytes(32), { mode: 0o600, flag: 'wx' });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
  }
  return file;
}

/**
 * The local stand-in for the personal-data KMS key: 32 random bytes, generated once into the data
 * directory (mode 0600) and kept, so data sealed by an earlier run still opens. It sits next to the
 * local data, which holds demo data only; it protects nothing on a developer's disk, it only makes the
 * local stack seal exactly as AWS does.
 */
export function ensureLocalPersonalKey(dataDir: string): string {
  return ensureKeyFile(join(dataDir, 'personal-data.key'));
}

/**
 * The local stand-in for the reportRoundingKey secret (shared/secrets.ts), as base64: generated once
 * into the data directory like the personal-data key, so the demo's published figures stay the same
 * across restarts.
 */
export function ensureLocalRoundingKey(dataDir: string): string {
  return readFileSync(ensureKeyFile(join(dataDir, 'report-rounding.key'))).toString('base64');
}

/** The local stand-in for the spaceSigningKey secret: the Ed25519 seed's source, kept in the data dir. */
export function ensureLocalSpaceSigningKey(dataDir: string): string {
  return readFileSync(ensureKeyFile(join(dataDir, 'space-signing.key'))).toString('base64');
}
