import { scryptSync } from 'node:crypto';

/**
 * Protection codes are stored as a slow hash (scrypt, fixed application salt: the code itself is 60
 * random bits, so a per-record salt would buy nothing and would prevent the lookup by hash). Orders
 * write the hash when an order is created; monitoring looks a code up by it.
 */
export function hashProtectionCode(normalized: string): string {
  return scryptSync(normalized, 'oneroof/protection-code/v1', 32, { N: 16_384, r: 8, p: 1 }).toString('hex');
}
