import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import webpush from 'web-push';

/**
 * The local stand-in for the vapidKeys secret: a VAPID key pair generated once into the data directory
 * (mode 0600) and kept, so devices registered in an earlier run keep receiving pushes.
 */
export function ensureLocalVapidKeys(dataDir: string): string {
  const file = join(dataDir, 'vapid-keys.json');
  if (!existsSync(file)) {
    mkdirSync(dirname(file), { recursive: true });
    const { publicKey, privateKey } = webpush.generateVAPIDKeys();
    try {
      writeFileSync(file, JSON.stringify({ publicKey, privateKey }), { mode: 0o600, flag: 'wx' });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
  }
  return file;
}
