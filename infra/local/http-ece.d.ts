/** The parts of `http_ece` (RFC 8188, a dependency of web-push) the local push endpoint uses; it ships no types. */
declare module 'http_ece' {
  import type { ECDH } from 'node:crypto';
  export interface DecryptParams {
    version: 'aes128gcm';
    privateKey: ECDH;
    authSecret: string;
  }
  export function decrypt(buffer: Buffer, params: DecryptParams): Buffer;
}
